// `traj optimize`: which candidate actions to run under a budget — the
// Pareto front of cost, probability of the objectives and GHG avoided, and
// the portfolio chosen (docs/model.md, section "Portfolio search").

#include <charconv>
#include <cmath>
#include <iostream>
#include <memory>

#include <unistd.h>

#include "command_optimize.hpp"
#include "commands.hpp"
#include "ensemble_options.hpp"
#include "interrupt.hpp"
#include "optimize_output.hpp"
#include "option_checks.hpp"
#include "progress_bar.hpp"
#include "results_output.hpp"
#include "traj/error.hpp"
#include "traj/string_distance.hpp"
#include "traj/territory/search_file.hpp"
#include "traj/territory/search_report.hpp"
#include "traj_git_hash.hpp"
#include "what_if_options.hpp"

namespace traj::cli {
namespace {

using namespace traj::territory;

/// Common members of each evaluation: enough for a probability to ±2 points.
constexpr std::uint64_t DEFAULT_OPTIMIZE_MEMBERS = 2000;
constexpr IntegerRange OPTIMIZE_MEMBERS_RANGE{10, 1'000'000};

struct OptimizeOptions {
  std::string path;
  ScenarioEdits edits;
  std::string candidates;
  double budget = std::numeric_limits<double>::infinity();
  std::string objectives = "all";
  double confidence = 0.0;
  std::string levels = "0,1";
  unsigned generations = 40;
  unsigned population = 32;
  EnsembleOptions ensemble;
  std::string save;
  std::string output, report;
  bool force = false;
  std::string command_line;
  bool json = false;
  bool quiet = false;
  std::string language = "en";
};

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> parts;
  std::size_t from = 0;
  while (true) {
    const std::size_t comma = text.find(',', from);
    parts.push_back(text.substr(from, comma == std::string::npos ? comma : comma - from));
    if (comma == std::string::npos) return parts;
    from = comma + 1;
  }
}

std::vector<double> parse_levels(const std::string& text) {
  std::vector<double> levels;
  for (const std::string& part : split(text)) {
    double level = 0.0;
    const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), level);
    if (part.empty() || error != std::errc() || end != part.data() + part.size() ||
        !std::isfinite(level)) {
      throw InputError(
          std::string("--levels: expected numbers between 0 and 1 separated by commas (e.g. "
                      "0,0.5,1), found \"") +
          part + "\" in \"" + text + "\"");
    }
    levels.push_back(level);
  }
  return levels;
}

std::vector<std::size_t> parse_objectives(const Scenario& scenario, const std::string& text) {
  std::vector<std::size_t> chosen;
  if (text == "all") return chosen;
  std::vector<std::string> ids;
  for (const auto& objective : scenario.objectives) ids.push_back(objective.id);
  std::string known;
  for (const auto& id : ids) known += (known.empty() ? "" : ", ") + id;
  for (const std::string& id : split(text)) {
    const auto found = std::find(ids.begin(), ids.end(), id);
    if (found == ids.end()) {
      throw InputError(std::string("--objectives: expected objectives of the scenario (") +
                       (known.empty() ? std::string("it has none") : known) + ") or all, found \"" +
                       id + "\"" + did_you_mean(id, ids));
    }
    const auto index = static_cast<std::size_t>(found - ids.begin());
    if (std::find(chosen.begin(), chosen.end(), index) != chosen.end())
      throw InputError(std::string("--objectives: \"") + id + "\" is listed twice");
    chosen.push_back(index);
  }
  return chosen;
}

std::string candidate_portfolio(const Scenario& scenario, const std::string& asked) {
  if (asked == "all") return "*";
  if (asked == "baseline" && scenario.find_portfolio(asked) == NONE) {
    throw InputError(
        "--candidates: expected a portfolio whose actions are the candidates, or all, found "
        "baseline, which has no action");
  }
  return asked;  // compile_plan refuses an unknown id, naming the known ones
}

}  // namespace

CommandRunner add_optimize_command(CLI::App& app, const std::string& command_line) {
  auto options = std::make_shared<OptimizeOptions>();
  options->command_line = command_line;
  options->ensemble.members = DEFAULT_OPTIMIZE_MEMBERS;
  CLI::App* command = app.add_subcommand(
      "optimize",
      "Which candidate actions to run under a budget: the Pareto front of cost, probability of "
      "the objectives and GHG avoided (greedy selection, then NSGA-II)");
  add_scenario_argument(*command, options->path);
  command
      ->add_option("--candidates", options->candidates,
                   "The candidate actions: a portfolio's (with its overrides), or all")
      ->required()
      ->check(non_empty("a portfolio id or all"));
  command
      ->add_option("--budget", options->budget,
                   "Mean discounted cost to the horizon at most this, M€ (none by default)")
      ->check(number_in({1e-9, 1e12}));
  command
      ->add_option("--objectives", options->objectives,
                   "The objectives that must all be met, ID,ID or all")
      ->check(non_empty("objective ids separated by commas, or all"))
      ->capture_default_str();
  command
      ->add_option("--confidence", options->confidence,
                   "Choose the cheapest portfolio whose probability reaches this (instead of "
                   "the most likely under the budget)")
      ->check(number_in({1e-6, 1.0 - 1e-6}));
  command
      ->add_option("--levels", options->levels,
                   "The scales of each candidate's adoption ceiling, 0 (out) to 1, e.g. 0,0.5,1")
      ->check(non_empty("levels separated by commas"))
      ->capture_default_str();
  command->add_option("--generations", options->generations, "NSGA-II generations")
      ->check(integer_in({0, 10000}))
      ->capture_default_str();
  command
      ->add_option("--population", options->population,
                   "NSGA-II population (a multiple of 4, 8 to 1024)")
      ->check(integer_in({8, 1024}))
      ->capture_default_str();
  EnsembleOptionChoice choice;
  choice.members_range = OPTIMIZE_MEMBERS_RANGE;
  choice.members_help = "Common members of every evaluation (the fresh members are as many)";
  add_ensemble_options(*command, options->ensemble, choice);
  command
      ->add_option("--save-portfolio", options->save,
                   "Write the chosen portfolio (id optimized) to this new file, which includes "
                   "the scenario")
      ->check(file_name());
  command
      ->add_option("--output,-o", options->output,
                   "Write the front and each point's actions to this HDF5 file")
      ->check(file_name());
  command->add_option("--report", options->report, "Write the front as an HTML page")
      ->check(file_name());
  command->add_flag("--force", options->force, "Replace the --output or --report file");
  command->add_flag("--json", options->json, "Print one JSON document");
  command->add_flag("--quiet,-q", options->quiet, "No progress");
  command->add_option("--lang", options->language, "Language of the text")
      ->check(CLI::IsMember({"en", "fr"}))
      ->capture_default_str();
  add_what_if_options(*command, options->edits);
  command->footer(
      "Examples:\n"
      "  traj optimize scenarios/orleans-assises.toml --candidates assises-full --budget 40\n"
      "  traj optimize scenarios/orleans-assises.toml --candidates all --confidence 0.8 "
      "--levels 0,0.5,1 --lang fr");
  return [options, command] {
    refuse_language_and_force_without_use(*command);
    const ChosenScenario chosen = load_chosen(options->path, options->edits);
    const Scenario& scenario = chosen.scenario;
    SearchSettings settings;
    settings.candidates = candidate_portfolio(scenario, options->candidates);
    settings.levels = parse_levels(options->levels);
    settings.budget = options->budget;
    settings.objectives = parse_objectives(scenario, options->objectives);
    if (command->count("--confidence") > 0) settings.confidence = options->confidence;
    settings.generations = options->generations;
    settings.population = options->population;
    settings.ensemble = options->ensemble;
    if (!options->save.empty())
      check_search_saving(chosen, options->path.empty(), settings, options->save);
    require_distinct_outputs({{"--output", options->output},
                              {"--report", options->report},
                              {"--save-portfolio", options->save}});
    auto [output, report] =
        open_outputs(options->output, options->report, options->force, input_paths(chosen), true);
    const bool shows = !options->quiet && ::isatty(STDERR_FILENO) != 0;
    settings.progress = [shows](std::uint64_t done, const char* step) {
      if (shows) std::cerr << "\r" << step << ": " << done << " portfolios run" << std::flush;
    };
    settings.ensemble.cancelled = [] { return interrupted(); };
    watch_interrupts();
    const PortfolioSearch search = search_portfolios(scenario, settings);
    if (shows) std::cerr << "\r\033[K" << std::flush;
    if (search.cancelled) {
      std::cerr << "interrupted by signal " << interrupting_signal() << ": nothing written\n";
      return 128 + interrupting_signal();
    }
    if (search.invalid_members > 0) {
      std::cerr << "error: " << search.invalid_members
                << " member(s) gave non-finite or negative results (energy, emissions…); "
                   "first: member "
                << search.invalid_example << "; nothing reported\n";
      return EXIT_DIFFERENT;
    }
    const OptimizeQuestion question{options->candidates, settings.confidence};
    const Language language = language_named(options->language);
    if (output) {
      RunSettings run;
      run.seed = search.seed;
      run.members_requested = search.members;
      run.traj_version = TRAJ_VERSION;
      run.git_hash = TRAJ_GIT_HASH;
      run.command_line = options->command_line;
      run.edits = chosen.edits;
      write_search(output->temporary(), scenario, search, chosen.inputs, run);
      output->commit();
    }
    if (report) report->write(search_report_html(scenario, search, language));
    if (options->json) {
      print_search_json(chosen, question, search);
    } else {
      print_search_text(chosen, question, search, language);
      if (output)
        std::cout << "\n" << say("optimize_written", language, {output->target()}) << "\n";
      if (report) std::cout << say("report_written", language, {report->target()}) << "\n";
    }
    if (!options->save.empty()) {
      if (!search.chosen) {
        std::cerr << "--save-portfolio: no portfolio chosen (none reaches the confidence under "
                     "the budget): nothing saved\n";
        return EXIT_DIFFERENT;
      }
      OutputFile(options->save, false, input_paths(chosen), "--save-portfolio")
          .write(
              search_portfolio_text(chosen, search, search.front[*search.chosen], options->save));
      (options->json ? std::cerr : std::cout)
          << (options->json ? "" : "\n") << "Portfolio " << SAVED_PORTFOLIO_ID << " saved to "
          << options->save << " (run it: traj run --portfolio " << SAVED_PORTFOLIO_ID << " "
          << options->save << ")\n";
    }
    return EXIT_OK;
  };
}

}  // namespace traj::cli
