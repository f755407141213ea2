#include <iostream>
#include <memory>

#include "commands.hpp"
#include "option_checks.hpp"
#include "scenario_choice.hpp"
#include "traj/territory/propagation_graph.hpp"
#include "what_if_options.hpp"

namespace traj::cli {

CommandRunner add_graph_command(CLI::App& app) {
  struct Options {
    std::string path;
    std::string portfolio;
    std::string format = "text";
    territory::ScenarioEdits edits;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "graph",
      "Print the propagation graph: actions -> cells -> supply -> emissions -> indicators");
  command
      ->add_option("scenario", options->path, "Scenario file (TOML); default: the bundled scenario")
      ->check(file_name());
  command->add_option("--portfolio,-p", options->portfolio, "Only the actions of this portfolio")
      ->check(portfolio_name());
  command->add_option("--format,-f", options->format, "Output format")
      ->check(CLI::IsMember({"text", "dot"}))
      ->capture_default_str();
  add_what_if_options(*command, options->edits);
  command->footer(
      "Examples:\n  traj graph --portfolio plan\n"
      "  traj graph scenarios/orleans-assises.toml --format dot | dot -Tsvg > graph.svg");
  return [options] {
    const auto scenario = load_chosen(options->path, options->edits).scenario;
    const territory::PropagationGraph graph(scenario, options->portfolio);
    std::cout << (options->format == "dot" ? graph.to_dot() : graph.to_text());
    return EXIT_OK;
  };
}

}  // namespace traj::cli
