#include <iostream>
#include <memory>

#include "commands.hpp"
#include "option_checks.hpp"
#include "scenario_choice.hpp"
#include "traj/territory/graph_views.hpp"
#include "what_if_options.hpp"

namespace traj::cli {

CommandRunner add_graph_command(CLI::App& app) {
  struct Options {
    std::string path;
    std::string portfolio;
    std::string format = "text";
    std::string language = "en";
    territory::GraphView view;
    territory::ScenarioEdits edits;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "graph",
      "Print the propagation graph: by default its summary, actions -> sectors -> headline "
      "indicators; --full: actions -> cells -> supply -> emissions -> indicators");
  add_scenario_argument(*command, options->path);
  command->add_option("--portfolio,-p", options->portfolio, "Only the actions of this portfolio")
      ->check(portfolio_name());
  command->add_option("--format,-f", options->format, "Output format")
      ->check(CLI::IsMember({"text", "dot"}))
      ->capture_default_str();
  command->add_flag("--full", options->view.full,
                    "Every cell, energy supply, source and indicator instead of the summary");
  command->add_flag("--pollutants", options->view.pollutants,
                    "Summary: one node per pollutant instead of one for all");
  command
      ->add_option("--action", options->view.action,
                   "Only the paths through this action (what it reaches)")
      ->check(non_empty("an action id"));
  command
      ->add_option("--sector", options->view.sector,
                   "Only the paths through this sector (what reaches it, what it reaches)")
      ->check(non_empty("a sector id"));
  command
      ->add_option("--indicator", options->view.indicator,
                   "Only the paths through this indicator (what reaches it, what it reaches)")
      ->check(non_empty("an indicator id"));
  command->add_option("--lang", options->language, "Language of the text (nodes keep their ids)")
      ->check(CLI::IsMember({"en", "fr"}))
      ->capture_default_str();
  add_what_if_options(*command, options->edits);
  command->footer(
      "Examples:\n  traj graph --portfolio plan\n"
      "  traj graph --indicator ghg --pollutants\n"
      "  traj graph --action tinergie-renovation --full\n"
      "  traj graph scenarios/orleans-assises.toml --format dot | dot -Tsvg > graph.svg");
  return [options, command] {
    if (command->count("--lang") > 0 && options->format == "dot") {
      throw InputError(
          "--lang with --format dot: --lang is the language of the text; the DOT graph names its "
          "nodes by their ids in every language; remove --lang");
    }
    const auto scenario = load_chosen(options->path, options->edits).scenario;
    territory::GraphView view = options->view;
    view.language = options->language == "fr" ? territory::ReportLanguage::French
                                              : territory::ReportLanguage::English;
    const territory::PropagationGraph graph =
        territory::graph_view(scenario, options->portfolio, view);
    std::cout << (options->format == "dot" ? graph.to_dot() : graph.to_text(view.language));
    return EXIT_OK;
  };
}

}  // namespace traj::cli
