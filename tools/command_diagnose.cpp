// `traj diagnose`: a territory's diagnostic, the first step of a climate
// plan (docs/model.md#15-the-diagnostic-traj-diagnose): where it stands
// against France, what weighs on its objectives and which are at risk.

#include "command_diagnose.hpp"

#include <iostream>
#include <memory>

#include <unistd.h>

#include "diagnose_output.hpp"
#include "ensemble_options.hpp"
#include "interrupt.hpp"
#include "option_checks.hpp"
#include "progress_bar.hpp"
#include "results_output.hpp"
#include "run_portfolio.hpp"
#include "scenario_choice.hpp"
#include "sensitivity_setup.hpp"
#include "traj/territory/diagnosis.hpp"
#include "traj/territory/diagnosis_page.hpp"
#include "traj/territory/scenario_text.hpp"
#include "what_if_options.hpp"
#include "words.hpp"

namespace traj::cli {
namespace {

using namespace traj::territory;

/// Morris trajectories or Sobol's base sample (as `traj sensitivity --samples`).
constexpr IntegerRange SAMPLES_RANGE{8, 10'000'000};
constexpr IntegerRange TOP_RANGE{1, 1000};
constexpr std::uint64_t MORRIS_TRAJECTORIES = 100;
constexpr std::uint64_t SOBOL_SAMPLES = 1024;

struct DiagnoseOptions {
  std::string path;
  ScenarioEdits edits;
  std::string portfolio = "baseline";
  std::string method = "morris";
  std::uint64_t samples = 0;
  std::string group = "parameter";
  std::size_t top = 3;
  EnsembleOptions ensemble;
  bool json = false;
  bool quiet = false;
  std::string report;
  std::string language = "en";
  bool force = false;
};

void add_options(CLI::App& command, DiagnoseOptions& options) {
  add_scenario_argument(command, options.path);
  command
      .add_option("--portfolio,-p", options.portfolio,
                  "Portfolio the objectives are judged under (\"baseline\": no action)")
      ->check(portfolio_name())
      ->capture_default_str();
  command.add_option("--method,-m", options.method, "What weighs: morris or sobol")
      ->check(CLI::IsMember({"morris", "sobol"}))
      ->capture_default_str();
  command
      .add_option("--samples", options.samples,
                  "Morris: trajectories, default 100; Sobol: base sample N, default 1024")
      ->transform(integer_in(SAMPLES_RANGE));
  command
      .add_option("--group", options.group,
                  "Factors: every parameter, or each action's parameters together")
      ->check(CLI::IsMember({"parameter", "action"}))
      ->capture_default_str();
  command.add_option("--top", options.top, "Uncertainties listed per objective")
      ->transform(integer_in(TOP_RANGE))
      ->capture_default_str();
  add_ensemble_options(command, options.ensemble, EnsembleOptionChoice{});
  command.add_flag("--json", options.json, "Print one JSON document");
  command.add_flag("--quiet,-q", options.quiet, "No progress bar");
  command.add_option("--report", options.report, "Also write the diagnostic's HTML page")
      ->check(file_name());
  command.add_option("--lang", options.language, "Language of the text and of the page")
      ->check(CLI::IsMember({"en", "fr"}))
      ->capture_default_str();
  command.add_flag("--force", options.force, "Replace the --report file if it exists");
  add_what_if_options(command, options.edits);
}

/// Combinations where an option would be ignored: refused, with the reason.
void refuse_ignored_options(const CLI::App& command) {
  if (command.count("--lang") > 0 && command.count("--report") == 0 &&
      command.count("--json") > 0) {
    throw InputError(
        "--lang: the language of the text and of the --report page; the JSON document is the "
        "same in every language and there is no page; add --report FILE or remove --lang");
  }
  if (command.count("--force") > 0 && command.count("--report") == 0) {
    throw InputError(
        "--force: replaces the --report file; without it nothing is written; add --report FILE "
        "or remove --force");
  }
}

}  // namespace

CommandRunner add_diagnose_command(CLI::App& app, const Cluster& cluster) {
  auto options = std::make_shared<DiagnoseOptions>();
  CLI::App* command = app.add_subcommand(
      "diagnose",
      "A territory's diagnostic: its profile against France, strengths and weaknesses with "
      "their numbers, what weighs on each objective and which are at risk");
  add_options(*command, *options);
  command->footer(
      "Examples:\n"
      "  traj diagnose\n"
      "  traj diagnose scenarios/clermont-alliance.toml -p transition-roadmap --lang fr "
      "--report diagnostic.html\n"
      "  traj diagnose --method sobol --samples 512 --json");
  return [options, command, &cluster] {
    refuse_ignored_options(*command);
    const ChosenScenario chosen = load_chosen(options->path, options->edits);
    const Scenario& scenario = chosen.scenario;
    const std::string portfolio = plan_portfolio_id(scenario, options->portfolio);
    const Plan plan = compile_plan(scenario, portfolio);
    refuse_emptied_portfolio(chosen, plan);
    const Language language = language_named(options->language);

    DiagnosisOptions settings;
    settings.sobol = options->method == "sobol";
    settings.top = options->top;
    settings.factors = sensitivity_factors(scenario, options->group);
    settings.sensitivity.samples = options->samples > 0
                                       ? options->samples
                                       : (settings.sobol ? SOBOL_SAMPLES : MORRIS_TRAJECTORIES);
    settings.sensitivity.seed = options->ensemble.seed;
    settings.sensitivity.threads = options->ensemble.threads;
    settings.sensitivity.cluster = &cluster;
    refuse_what_memory_cannot_hold(options->method, scenario.parameters.size(),
                                   settings.factors.size(), scenario.objectives.size(),
                                   settings.sensitivity,
                                   "or fewer factors (--group action); --method morris needs "
                                   "far less than sobol");
    auto [output, report] =
        open_outputs("", options->report, options->force, input_paths(chosen), cluster.is_root());
    const bool bars = !options->quiet && cluster.is_root() && ::isatty(STDERR_FILENO) != 0;
    ProgressBar members_bar(bars, "members"), runs_bar(bars, "runs");
    settings.ensemble = options->ensemble;
    settings.ensemble.cluster = &cluster;
    settings.ensemble.progress = [&members_bar](std::uint64_t done, std::uint64_t planned) {
      members_bar.update(done, planned);
    };
    settings.sensitivity.progress = [&runs_bar](std::uint64_t done, std::uint64_t planned) {
      runs_bar.update(done, planned);
    };
    settings.ensemble.cancelled = [] { return interrupted(); };
    settings.sensitivity.cancelled = [] { return interrupted(); };
    watch_interrupts();
    const Diagnosis diagnosis = diagnose(plan, settings);
    if (diagnosis.cancelled) {
      std::cerr << "interrupted by signal " << interrupting_signal() << ": nothing written\n";
      return 128 + interrupting_signal();
    }
    if (diagnosis.invalid_members > 0) {
      std::cerr << "error: " << diagnosis.invalid_members
                << " member(s) gave non-finite or negative results (energy, emissions…); first: "
                   "member "
                << diagnosis.invalid_examples.front() << " (seed " << diagnosis.seed
                << "); nothing reported — `traj run` with the same options lists its draws\n";
      return EXIT_DIFFERENT;
    }
    if (!cluster.is_root()) return EXIT_OK;
    DiagnoseSettings shown;
    if (const int index = scenario.find_portfolio(portfolio); index != NONE)
      shown.portfolio_name =
          portfolio_name(scenario.portfolios[static_cast<std::size_t>(index)], language);
    shown.edits = chosen.edits;
    shown.sobol = settings.sobol;
    shown.samples = settings.sensitivity.samples;
    if (report) {
      DiagnosisPage page;
      page.portfolio = shown.portfolio_name;
      page.edits = describe_edits(chosen.edits);
      page.plan = &plan;
      page.diagnosis = &diagnosis;
      page.sobol = shown.sobol;
      page.samples = shown.samples;
      report->write(diagnosis_report_html(page, language));
    }
    if (options->json) {
      print_diagnosis_json(plan, diagnosis, shown, std::cout);
      return EXIT_OK;
    }
    print_diagnosis_text(plan, diagnosis, shown, language, std::cout);
    if (report) std::cout << "\n" << say("report_written", language, {report->target()}) << "\n";
    return EXIT_OK;
  };
}

}  // namespace traj::cli
