#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>

#include <unistd.h>

#include "available_memory.hpp"
#include "commands.hpp"
#include "ensemble_options.hpp"
#include "indicator_choice.hpp"
#include "interrupt.hpp"
#include "option_checks.hpp"
#include "progress_bar.hpp"
#include "results_output.hpp"
#include "scenario_choice.hpp"
#include "sensitivity_setup.hpp"
#include "traj/hdf5_file.hpp"
#include "traj/json_writer.hpp"
#include "traj/sensitivity.hpp"
#include "traj/territory/report.hpp"
#include "traj/territory/territorial_model.hpp"
#include "traj_git_hash.hpp"
#include "what_if_options.hpp"
#include "words.hpp"

namespace traj::cli {
namespace {

using namespace traj::territory;

void write_hdf5(const std::string& path, const SensitivityResult& result, const std::string& method,
                const Scenario& scenario, const std::vector<territory::InputFile>& inputs,
                const territory::ScenarioEdits& edits, std::uint64_t seed,
                const std::string& command_line) {
  hdf5::File file = hdf5::File::create(path);
  hdf5::Group& root = file.root();
  root.set_attribute("Conventions", std::string("CF-1.8"));  // units: docs/hdf5-layout.md
  root.set_attribute("filetype", std::string("trajectoires-sensitivity"));
  root.set_attribute("format_version", std::int64_t{2});
  root.set_attribute("traj_version", std::string(TRAJ_VERSION));
  root.set_attribute("git_hash", std::string(TRAJ_GIT_HASH));
  root.set_attribute("command_line", command_line);
  root.set_attribute("territory", scenario.name);
  root.set_attribute("seed", static_cast<std::int64_t>(seed));
  root.set_attribute("runs", static_cast<std::int64_t>(result.runs));
  territory::write_inputs(root, inputs, edits);
  hdf5::Group group = root.create_group("sensitivity");
  group.set_attribute("method", method);
  auto factor = group.create_strings("factor", result.factors);
  factor.make_scale("factor");
  auto output = group.create_strings("output", result.outputs);
  output.make_scale("output");
  const std::size_t O = result.outputs.size(), K = result.factors.size();
  const auto write = [&](const std::string& name, auto field, const std::string& long_name) {
    std::vector<double> values;
    for (std::size_t i = 0; i < O * K; ++i) values.push_back(field(i));
    auto dataset = group.create(name, hdf5::Type::Float64, {O, K});
    dataset.write(values.data(), hdf5::Type::Float64);
    dataset.attach_scale(output, 0);
    dataset.attach_scale(factor, 1);
    dataset.set_attribute("long_name", long_name);
  };
  if (method == "sobol") {
    write(
        "first_order", [&](std::size_t i) { return result.sobol[i].first; },
        "first-order Sobol index");
    write(
        "first_order_ci_low", [&](std::size_t i) { return result.sobol[i].first_low; },
        "bootstrap 95 % interval");
    write(
        "first_order_ci_high", [&](std::size_t i) { return result.sobol[i].first_high; },
        "bootstrap 95 % interval");
    write(
        "total", [&](std::size_t i) { return result.sobol[i].total; }, "total Sobol index");
    write(
        "total_ci_low", [&](std::size_t i) { return result.sobol[i].total_low; },
        "bootstrap 95 % interval");
    write(
        "total_ci_high", [&](std::size_t i) { return result.sobol[i].total_high; },
        "bootstrap 95 % interval");
  } else {
    write(
        "mu_star", [&](std::size_t i) { return result.morris[i].mu_star; },
        "mean absolute elementary effect");
    write(
        "mu", [&](std::size_t i) { return result.morris[i].mu; }, "mean elementary effect");
    write(
        "sigma", [&](std::size_t i) { return result.morris[i].sigma; },
        "standard deviation of elementary effects");
  }
  auto variance = group.create("variance", hdf5::Type::Float64, {O});
  variance.write(result.variance.data(), hdf5::Type::Float64);
  variance.attach_scale(output, 0);
  file.close();
}

/// The values sensitivity's options may take (beyond traj/setting_ranges.hpp).
constexpr IntegerRange SAMPLES_RANGE{8, 10'000'000};
constexpr IntegerRange TOP_RANGE{1, 1'000'000};

/// Combinations where an option would be ignored: refused, with the reason.
void refuse_ignored_options(const CLI::App& command) {
  refuse_together(command, "--top", "--json",
                  "--top shortens the printed ranking; the JSON document lists every factor; "
                  "remove one of the two");
  if (command.count("--year") > 0 && command.count("--indicator") == 0) {
    throw InputError("--year: the year of --indicator; add --indicator or remove --year");
  }
  if (command.count("--indicator") > 0 && command.count("--year") == 0) {
    throw InputError("--indicator: expected --year with it (the year of the indicator)");
  }
  refuse_language_and_force_without_use(command);
}

/// A number as printf's `format` writes it, in `language`.
std::string printed(const char* format, double value, Language language) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, value);
  return decimal(buffer, language);
}

/// The terminal's answer, in `language`: per output (`titles`: its name in
/// that language), the `top` factors in words, or why none decides it.
void print_sensitivity_text(const Scenario& scenario, const std::string& portfolio,
                            const std::string& method, const territory::ScenarioEdits& edits,
                            const std::vector<SensitivityOutput>& outputs,
                            const std::vector<std::string>& titles,
                            const std::vector<SensitivityFactor>& factors,
                            const SensitivityResult& result, std::size_t top, Language language) {
  const std::size_t K = result.factors.size();
  std::cout << say("sensitivity_heading", language,
                   {scenario.name,
                    portfolio.empty() ? say("baseline_short", language)
                                      : say("portfolio_named", language, {portfolio}),
                    say(method == "sobol" ? "sobol_indices" : "morris_screening", language),
                    std::to_string(result.runs), std::to_string(K)})
            << "\n";
  for (const auto& edit : describe_edits(edits))
    std::cout << "  " << say("with_edit", language, {edit}) << "\n";
  for (const auto& factor : factors) {
    if (!factor.merged.empty())
      std::cout << "  " << say("correlated_factor", language, {factor.name}) << "\n";
  }
  for (std::size_t o = 0; o < outputs.size(); ++o) {
    std::cout << "\n" << say("output_heading", language, {titles[o]}) << "\n";
    if (result.variance[o] == 0.0) {
      std::cout << "  "
                << say(!outputs[o].objective                             ? "does_not_vary"
                       : o < result.mean.size() && result.mean[o] >= 0.5 ? "always_met"
                                                                         : "always_missed",
                       language)
                << "\n";
      continue;
    }
    std::vector<std::size_t> ranked(K);
    for (std::size_t f = 0; f < K; ++f) ranked[f] = f;
    std::stable_sort(ranked.begin(), ranked.end(), [&](std::size_t x, std::size_t y) {
      return method == "sobol"
                 ? result.sobol[o * K + x].total > result.sobol[o * K + y].total
                 : result.morris[o * K + x].mu_star > result.morris[o * K + y].mu_star;
    });
    for (std::size_t i = 0; i < std::min(top, K); ++i) {
      const std::size_t f = ranked[i];
      const std::string name = sensitivity_factor_name(scenario, result.factors[f], language);
      const std::string factor =
          name == result.factors[f] ? name : name + " (" + result.factors[f] + ")";
      std::string line;
      if (method == "sobol") {
        const SobolIndex& index = result.sobol[o * K + f];
        const auto percent = [language](double share) {
          return printed("%.0f", 100 * std::max(0.0, share), language);
        };
        line = say("sobol_factor", language,
                   {factor, percent(index.first), percent(index.first_low),
                    percent(index.first_high), percent(index.total)});
        if (index.total < index.first && index.total_high >= index.first_low)
          line += say("sobol_noise", language);
      } else {
        const MorrisIndex& index = result.morris[o * K + f];
        line = say("morris_factor", language,
                   {factor, printed("%.3g", index.mu_star, language),
                    printed("%.3g", index.sigma, language)});
      }
      std::cout << "  " << line << "\n";
    }
  }
}

}  // namespace

CommandRunner add_sensitivity_command(CLI::App& app, const std::string& command_line,
                                      const Cluster& cluster) {
  struct Options {
    std::string path;
    territory::ScenarioEdits edits;
    std::string portfolio;
    std::string method = "sobol";
    std::uint64_t samples = 0;
    std::string indicator;
    int year = 0;
    std::string group = "parameter";
    EnsembleOptions ensemble;  ///< its seed and threads
    std::size_t top = 5;
    bool json = false;
    std::string output;
    bool force = false;
    bool quiet = false;
    std::string report;
    std::string language = "en";
    std::string command_line;
  };
  auto options = std::make_shared<Options>();
  options->command_line = command_line;
  CLI::App* command = app.add_subcommand(
      "sensitivity", "Which uncertainties decide the outcome: Sobol indices or Morris screening");
  add_scenario_argument(*command, options->path);
  add_required_portfolio(*command, options->portfolio);
  command->add_option("--method,-m", options->method, "sobol or morris")
      ->check(CLI::IsMember({"sobol", "morris"}))
      ->capture_default_str();
  command
      ->add_option("--samples,-n", options->samples,
                   "Sobol: base sample N (runs: N × (factors + 2)), default 4096; Morris: "
                   "trajectories, default 100")
      ->transform(integer_in(SAMPLES_RANGE));
  command
      ->add_option("--indicator", options->indicator,
                   "An indicator (with --year) instead of the objectives")
      ->check(non_empty("an indicator id"));
  command->add_option("--year", options->year, "Year of --indicator")
      ->transform(integer_in(YEAR_RANGE));
  command
      ->add_option("--group", options->group,
                   "Factors: every parameter, or each action's parameters together")
      ->check(CLI::IsMember({"parameter", "action"}))
      ->capture_default_str();
  EnsembleOptionChoice choice;
  choice.members = false;  // --samples sizes the design
  add_ensemble_options(*command, options->ensemble, choice);
  command->add_option("--top", options->top, "Factors listed per outcome")
      ->transform(integer_in(TOP_RANGE))
      ->capture_default_str();
  command->add_flag("--json", options->json, "Print one JSON document");
  command->add_flag("--quiet,-q", options->quiet, "No progress bar");
  command
      ->add_option("--report", options->report,
                   "Also write a self-contained HTML report with the ranked factors")
      ->check(file_name());
  command->add_option("--lang", options->language, "Language of the text and of the report")
      ->check(CLI::IsMember({"en", "fr"}))
      ->capture_default_str();
  command->add_option("--output,-o", options->output, "Also write the indices to this HDF5 file")
      ->check(file_name());
  command->add_flag("--force", options->force,
                    "Replace the --output or --report file if it exists");
  add_what_if_options(*command, options->edits);
  command->footer(
      "Examples:\n  traj sensitivity -p plan\n"
      "  traj sensitivity -p plan --indicator renewable_share --year 2030 --group action\n"
      "  traj sensitivity scenarios/orleans-assises.toml -p assises-full --method morris");
  return [options, command, &cluster] {
    refuse_ignored_options(*command);
    const ChosenScenario chosen = load_chosen(options->path, options->edits);
    const Scenario& scenario = chosen.scenario;
    const std::string portfolio = plan_portfolio_id(scenario, options->portfolio);
    const Plan plan = compile_plan(scenario, portfolio);
    const TerritorialModel model(plan);
    const Language language = language_named(options->language);
    const SensitivityOutcomes analysed =
        sensitivity_outcomes(plan, model, options->indicator, options->year, language);
    const std::vector<SensitivityOutput>& outputs = analysed.outputs;
    const std::vector<SensitivityOutcome>& outcomes = analysed.outcomes;
    const std::vector<std::string>& titles = analysed.titles;
    if (scenario.parameters.size() == 0) {
      throw InputError("sensitivity: the scenario has no uncertain number: nothing to analyse");
    }
    // Correlated parameters move together (Sobol and Morris assume independence).
    const auto factors = sensitivity_factors(scenario, options->group);
    SensitivityOptions settings;
    settings.samples =
        options->samples > 0 ? options->samples : (options->method == "sobol" ? 4096 : 100);
    refuse_what_memory_cannot_hold(options->method, scenario.parameters.size(), factors.size(),
                                   outputs.size(), settings);
    auto [output, report] = open_outputs(options->output, options->report, options->force,
                                         input_paths(chosen), cluster.is_root());
    settings.seed = options->ensemble.seed;
    settings.threads = options->ensemble.threads;
    settings.cluster = &cluster;
    ProgressBar bar(!options->quiet && ::isatty(STDERR_FILENO) != 0, "runs");
    settings.progress = [&bar](std::uint64_t done, std::uint64_t planned) {
      bar.update(done, planned);
    };
    settings.cancelled = [] { return interrupted(); };
    watch_interrupts();
    const SensitivityResult result = options->method == "sobol"
                                         ? sobol_indices(model, factors, outputs, settings)
                                         : morris_screening(model, factors, outputs, settings);
    if (result.cancelled) {
      std::cerr << "interrupted by signal " << interrupting_signal() << ": nothing written\n";
      return 128 + interrupting_signal();
    }
    if (output) {
      write_hdf5(output->temporary(), result, options->method, scenario, chosen.inputs,
                 chosen.edits, options->ensemble.seed, options->command_line);
      output->commit();
    }
    if (report) {
      report->write(sensitivity_report_html(scenario, portfolio.empty() ? "baseline" : portfolio,
                                            result, outcomes, options->method, language));
    }
    if (options->json) {
      print_sensitivity_json(options->method, chosen.edits, outputs, factors, result, std::cout);
      return EXIT_OK;
    }
    print_sensitivity_text(scenario, portfolio, options->method, chosen.edits, outputs, titles,
                           factors, result, options->top, language);
    if (output) std::cout << "\n" << say("indices_written", language, {output->target()}) << "\n";
    return EXIT_OK;
  };
}

}  // namespace traj::cli
