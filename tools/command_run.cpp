#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <memory>

#include "byte_size.hpp"
#include "commands.hpp"
#include "ensemble_options.hpp"
#include "ensemble_run.hpp"
#include "interrupt.hpp"
#include "option_checks.hpp"
#include "results_output.hpp"
#include "scenario_choice.hpp"
#include "traj/ensemble.hpp"
#include "traj/json_writer.hpp"
#include "traj/setting_ranges.hpp"
#include "traj/territory/kernel.hpp"
#include "traj/territory/objectives.hpp"
#include "traj/territory/results_file.hpp"
#include "traj/territory/territorial_model.hpp"
#include "traj_git_hash.hpp"

#include <unistd.h>
#include <chrono>
#include <sstream>
#include <thread>

namespace traj::cli {
namespace {

using namespace traj::territory;

std::string format_value(double value, Dimension dimension) {
  char buffer[64];
  if (dimension == Dimension::Fraction) {
    std::snprintf(buffer, sizeof buffer, "%.1f %%", 100.0 * value);
    return buffer;
  }
  const double magnitude = std::abs(value);
  const int decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  std::string text = buffer;
  const auto unit = canonical_symbol(dimension);
  if (!unit.empty()) text += " " + std::string(unit);
  return text;
}

std::string format_threshold(const ObjectiveResult& result, Dimension dimension) {
  const Objective& objective = *result.objective;
  const std::string sign = objective.comparison == Comparison::AtMost ? "≤ " : "≥ ";
  if (objective.relative_to) {
    char buffer[96];
    std::snprintf(buffer, sizeof buffer, "× %.3g of %d", objective.threshold,
                  *objective.relative_to);
    return sign + buffer;
  }
  return sign + format_value(objective.threshold, dimension);
}

std::vector<int> table_years(const Scenario& scenario) {
  std::vector<int> years = {scenario.base_year};
  for (const int year : {2025, 2030, 2040, 2050}) {
    if (year > scenario.base_year && year <= scenario.horizon) years.push_back(year);
  }
  if (years.back() != scenario.horizon) years.push_back(scenario.horizon);
  return years;
}

std::vector<int> headline_rows(const Plan& plan) {
  const auto& catalogue = plan.catalogue;
  std::vector<int> rows = {catalogue.final_energy, catalogue.local_production,
                           catalogue.renewable_share, catalogue.ghg};
  const auto sectors = plan.scenario->sectors.size();
  for (std::size_t p = 0; p < plan.scenario->pollutants.size(); ++p) {
    rows.push_back(catalogue.pollutants + static_cast<int>(p * (sectors + 1)));
  }
  for (std::size_t i = 0; i < plan.scenario->indicators.size(); ++i) {
    rows.push_back(catalogue.custom + static_cast<int>(2 * i));
  }
  rows.push_back(catalogue.cost_cumulative);
  return rows;
}

void print_table(const Plan& plan, const Trajectory& trajectory,
                 const std::vector<ObjectiveResult>& results, const std::string& portfolio_note) {
  const Scenario& scenario = *plan.scenario;
  std::cout << scenario.name << " — " << portfolio_note << "\n"
            << "Deterministic run: every uncertain number at its median.\n\n";
  const auto years = table_years(scenario);
  std::printf("%-24s", "indicator");
  for (const int year : years) std::printf("%16d", year);
  std::printf("\n");
  for (const int row : headline_rows(plan)) {
    const auto& info = plan.catalogue[static_cast<std::size_t>(row)];
    std::printf("%-24s", info.id.c_str());
    for (const int year : years) {
      std::printf("%16s", format_value(trajectory.at(row, year), info.dimension).c_str());
    }
    std::printf("\n");
  }
  if (results.empty()) {
    std::cout << "\nNo objectives in this scenario.\n";
    return;
  }
  std::cout << "\nObjectives\n";
  std::size_t met = 0;
  for (const auto& result : results) {
    const Objective& objective = *result.objective;
    const auto dimension =
        plan.catalogue[static_cast<std::size_t>(plan.catalogue.find(objective.indicator))]
            .dimension;
    std::string value = objective.relative_to ? [&] {
      // No ratio to a reference of zero (docs/model.md#8-objectives).
      if (std::isnan(result.value)) return std::string("× undefined");
      char buffer[64];
      std::snprintf(buffer, sizeof buffer, "× %.3f", result.value);
      return std::string(buffer);
    }()
                                              : format_value(result.value, dimension);
    std::printf("  %-4s %-24s %-18s %d  %-14s %s\n", result.met ? "MET" : "MISS",
                objective.id.c_str(), objective.indicator.c_str(), objective.year, value.c_str(),
                format_threshold(result, dimension).c_str());
    met += result.met ? 1 : 0;
  }
  std::cout << "  " << met << " of " << results.size() << " objectives met.\n";
}

void print_json(const Plan& plan, const Trajectory& trajectory,
                const std::vector<ObjectiveResult>& results, const std::string& scenario_name) {
  const Scenario& scenario = *plan.scenario;
  JsonWriter json(std::cout);
  json.begin_object();
  json.key("traj_version").value(TRAJ_VERSION);
  json.key("scenario").value(scenario_name);
  json.key("territory").value(scenario.name);
  json.key("portfolio").value(plan.portfolio.empty() ? "baseline" : plan.portfolio);
  json.key("mode").value("deterministic");
  json.key("central_value").value("median");
  json.key("base_year").value(scenario.base_year);
  json.key("horizon").value(scenario.horizon);
  json.key("years").begin_array();
  for (int year = scenario.base_year; year <= scenario.horizon; ++year) json.value(year);
  json.end_array();
  json.key("indicators").begin_object();
  for (std::size_t row = 0; row < plan.catalogue.size(); ++row) {
    const auto& info = plan.catalogue[row];
    json.key(info.id).begin_object();
    json.key("unit").value(info.dimension == Dimension::Fraction
                               ? "fraction"
                               : std::string(canonical_symbol(info.dimension)));
    json.key("values").begin_array();
    for (int year = scenario.base_year; year <= scenario.horizon; ++year) {
      json.value(trajectory.at(static_cast<int>(row), year));
    }
    json.end_array();
    json.end_object();
  }
  json.end_object();
  json.key("objectives").begin_array();
  for (const auto& result : results) {
    const Objective& objective = *result.objective;
    json.begin_object();
    json.key("id").value(objective.id);
    json.key("description").value(objective.description);
    json.key("indicator").value(objective.indicator);
    json.key("year").value(objective.year);
    json.key("comparison").value(objective.comparison == Comparison::AtMost ? "<=" : ">=");
    json.key("value").value(result.value);
    json.key("threshold").value(objective.threshold);
    json.key("indicator_value").value(result.indicator);
    if (objective.relative_to) {
      json.key("relative_to").value(*objective.relative_to);
      json.key("reference_value").value(result.reference);
    } else {
      json.key("relative_to").null();
      json.key("reference_value").null();
    }
    json.key("met").value(result.met);
    json.end_object();
  }
  json.end_array();
  json.end_object();
}

std::string percent(double probability) {
  char buffer[32];
  double value = 100.0 * probability;
  if (value < 1e-9) value = 0.0;  // rounding noise of the interval's bounds
  if (value > 0.0 && value < 0.01) {
    std::snprintf(buffer, sizeof buffer, "%.2g %%", value);
    return buffer;
  }
  if (value == 0.0 || value == 100.0 || (value >= 1.0 && value <= 99.0)) {
    std::snprintf(buffer, sizeof buffer, "%.0f %%", value);
  } else if (value < 0.1 || value > 99.9) {
    std::snprintf(buffer, sizeof buffer, "%.2f %%", value);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.1f %%", value);
  }
  return buffer;
}

std::string interval(const ProportionEstimate& estimate) {
  std::string low = percent(estimate.ci_low);
  if (low.size() > 2 && low.compare(low.size() - 2, 2, " %") == 0) low.resize(low.size() - 2);
  return "(" + low + "–" + percent(estimate.ci_high) + ")";
}

std::string objective_label(const Objective& objective) {
  return objective.description.empty() ? objective.id : objective.description;
}

void print_ensemble(const Plan& plan, const EnsembleResult& result,
                    const std::string& portfolio_note, int threads, int ranks, double seconds) {
  const Scenario& scenario = *plan.scenario;
  std::cout << scenario.name << " — " << portfolio_note << "\n"
            << "Ensemble: " << result.members << " members, seed " << result.seed << ", " << threads
            << " thread(s)";
  if (ranks > 1) std::cout << " × " << ranks << " MPI ranks";
  std::cout << ", " << std::fixed << std::setprecision(2) << seconds << " s" << std::defaultfloat
            << "\n";
  if (!result.precision_reached) {
    std::cout << "Warning: the precision target was not reached within the member cap.\n";
  }
  if (!scenario.objectives.empty()) {
    std::cout << "\nObjectives (probability of success, 95 % interval)\n";
    for (std::size_t o = 0; o < scenario.objectives.size(); ++o) {
      const auto& estimate = result.objectives[o].estimate;
      std::cout << "  " << objective_label(scenario.objectives[o]) << ": "
                << percent(estimate.probability) << " likely " << interval(estimate) << "\n";
    }
    if (scenario.objectives.size() > 1) {
      std::cout << "  All " << scenario.objectives.size()
                << " objectives together: " << percent(result.joint.probability) << " likely "
                << interval(result.joint) << "\n";
    }
  }
  const auto years = table_years(scenario);
  std::size_t low = 0, median = 0, high = 0;
  for (std::size_t i = 0; i < result.quantile_levels.size(); ++i) {
    const double level = result.quantile_levels[i];
    if (std::abs(level - 0.05) < 1e-9) low = i;
    if (std::abs(level - 0.5) < 1e-9) median = i;
    if (std::abs(level - 0.95) < 1e-9) high = i;
  }
  std::cout << "\nIndicators: median [" << result.quantile_levels[low] * 100 << " %–"
            << result.quantile_levels[high] * 100 << " %] of the members\n";
  std::printf("%-24s", "indicator");
  for (const int year : years) std::printf("%22d", year);
  std::printf("\n");
  const auto number = [](double value, Dimension dimension) {
    // The value without its unit, which the indicator column states.
    if (dimension == Dimension::Fraction) value *= 100.0;
    std::string text =
        format_value(value, dimension == Dimension::Fraction ? Dimension::Ratio : dimension);
    const auto space = text.find(' ');
    return space == std::string::npos ? text : text.substr(0, space);
  };
  for (const int row : headline_rows(plan)) {
    const auto& info = plan.catalogue[static_cast<std::size_t>(row)];
    const auto r = static_cast<std::size_t>(row);
    std::string unit =
        info.dimension == Dimension::Fraction ? "%" : std::string(canonical_symbol(info.dimension));
    // Large volumes and energies in larger units, so that columns stay readable.
    double scale = 1.0;
    const double typical = std::abs(result.quantile_at(r, 0, median));
    if (info.dimension == Dimension::Volume && typical >= 1e6) {
      scale = 1e-6;
      unit = "Mm3";
    } else if (typical >= 1e5 && info.dimension == Dimension::Energy) {
      scale = 1e-3;
      unit = "TWh";
    }
    const std::string label = info.id + " (" + unit + ")";
    std::printf("%-24s", label.c_str());
    for (const int year : years) {
      const auto y = static_cast<std::size_t>(year - scenario.base_year);
      const auto value = [&](std::size_t level) {
        const Dimension shown = scale != 1.0 ? Dimension::Ratio : info.dimension;
        return number(result.quantile_at(r, y, level) * scale, shown);
      };
      const std::string cell = value(median) + " [" + value(low) + "–" + value(high) + "]";
      std::printf("%22s", cell.c_str());
    }
    std::printf("\n");
  }
}

void print_ensemble_json(const Plan& plan, const EnsembleResult& result,
                         const std::string& scenario_name, int threads, int ranks, double seconds) {
  const Scenario& scenario = *plan.scenario;
  JsonWriter json(std::cout);
  json.begin_object();
  json.key("traj_version").value(TRAJ_VERSION);
  json.key("scenario").value(scenario_name);
  json.key("territory").value(scenario.name);
  json.key("portfolio").value(plan.portfolio.empty() ? "baseline" : plan.portfolio);
  json.key("mode").value("ensemble");
  json.key("members").value(static_cast<long long>(result.members));
  json.key("seed").value(static_cast<long long>(result.seed));
  json.key("threads").value(threads);
  json.key("ranks").value(ranks);
  json.key("seconds").value(seconds);
  json.key("precision_reached").value(result.precision_reached);
  json.key("base_year").value(scenario.base_year);
  json.key("horizon").value(scenario.horizon);
  json.key("objectives").begin_array();
  for (std::size_t o = 0; o < scenario.objectives.size(); ++o) {
    const Objective& objective = scenario.objectives[o];
    const auto& outcome = result.objectives[o];
    json.begin_object();
    json.key("id").value(objective.id);
    json.key("description").value(objective.description);
    json.key("indicator").value(objective.indicator);
    json.key("year").value(objective.year);
    json.key("comparison").value(objective.comparison == Comparison::AtMost ? "<=" : ">=");
    json.key("threshold").value(objective.threshold);
    if (objective.relative_to) {
      json.key("relative_to").value(*objective.relative_to);
    } else {
      json.key("relative_to").null();
    }
    json.key("successes").value(static_cast<long long>(outcome.successes));
    json.key("probability").value(outcome.estimate.probability);
    json.key("ci_low").value(outcome.estimate.ci_low);
    json.key("ci_high").value(outcome.estimate.ci_high);
    json.key("standard_error").value(outcome.estimate.standard_error);
    json.end_object();
  }
  json.end_array();
  json.key("all_objectives").begin_object();
  json.key("successes").value(static_cast<long long>(result.joint_successes));
  json.key("probability").value(result.joint.probability);
  json.key("ci_low").value(result.joint.ci_low);
  json.key("ci_high").value(result.joint.ci_high);
  json.key("standard_error").value(result.joint.standard_error);
  json.end_object();
  json.key("years").begin_array();
  for (int year = scenario.base_year; year <= scenario.horizon; ++year) json.value(year);
  json.end_array();
  json.key("quantile_levels").begin_array();
  for (const double level : result.quantile_levels) json.value(level);
  json.end_array();
  json.key("indicators").begin_object();
  for (std::size_t row = 0; row < plan.catalogue.size(); ++row) {
    const auto& info = plan.catalogue[row];
    json.key(info.id).begin_object();
    json.key("unit").value(info.dimension == Dimension::Fraction
                               ? "fraction"
                               : std::string(canonical_symbol(info.dimension)));
    json.key("mean").begin_array();
    for (std::size_t y = 0; y < result.years; ++y) json.value(result.mean_at(row, y));
    json.end_array();
    json.key("sd").begin_array();
    for (std::size_t y = 0; y < result.years; ++y) json.value(result.sd_at(row, y));
    json.end_array();
    if (std::find(result.quantile_rows.begin(), result.quantile_rows.end(), row) !=
        result.quantile_rows.end()) {
      json.key("quantiles").begin_array();
      for (std::size_t level = 0; level < result.quantile_levels.size(); ++level) {
        json.begin_array();
        for (std::size_t y = 0; y < result.years; ++y)
          json.value(result.quantile_at(row, y, level));
        json.end_array();
      }
      json.end_array();
    }
    json.end_object();
  }
  json.end_object();
  json.end_object();
}

/// Upper bounds of a results file's size, before compression.
struct ResultsFileSize {
  double fixed = 0.0;       ///< bytes whatever the members: metadata, inputs, statistics
  double per_member = 0.0;  ///< bytes each member adds
};

ResultsFileSize results_file_size(const Plan& plan, const ChosenScenario& chosen,
                                  std::size_t trajectory_rows, const RunSettings& settings) {
  // HDF5's own structures (superblock, groups, object headers, dimension
  // scales, chunk indexes): 101 kB for tests/minimal.toml with one member.
  constexpr double HDF5_STRUCTURES = 128e3;
  const auto years = static_cast<double>(plan.year_count());
  double inputs = 0.0;
  for (const auto& input : chosen.inputs) inputs += static_cast<double>(input.text.size());
  // Every indicator's mean and deviation per year, quantiles of the headline ones.
  const double statistics = 8.0 * static_cast<double>(plan.catalogue.size()) * years *
                            (2.0 + static_cast<double>(settings.quantiles.size()));
  ResultsFileSize size;
  size.fixed = HDF5_STRUCTURES + inputs + statistics;
  size.per_member = 8.0 * (static_cast<double>(plan.scenario->parameters.size()) +
                           static_cast<double>(trajectory_rows) * years + 1.0) +
                    static_cast<double>(plan.scenario->objectives.size());
  return size;
}

/// Options that would be ignored in the combination given: refused, with
/// the reason, before anything runs (docs/reliability.md lists them).
void refuse_ignored_options(const CLI::App& command) {
  const std::string no_ensemble =
      "--deterministic runs once, every uncertain number at its median: it has no members, "
      "seed, threads, blocks, precision target or quantiles, and writes no results file; "
      "remove one of the two";
  for (const char* option : {"--members", "--seed", "--threads", "--precision", "--max-members",
                             "--block", "--quantiles", "--output", "--trajectories"}) {
    refuse_together(command, "--deterministic", option, no_ensemble);
  }
  if (command.count("--max-members") > 0 && command.count("--precision") == 0) {
    throw InputError(
        "--max-members: caps the members added to reach --precision; without --precision the "
        "ensemble has --members members; add --precision or remove --max-members");
  }
  if (command.count("--output") == 0) {
    for (const char* option : {"--trajectories", "--force"}) {
      if (command.count(option) > 0) {
        throw InputError(std::string(option) +
                         ": applies to the --output file; without --output nothing is written; "
                         "add --output FILE or remove " +
                         option);
      }
    }
  }
}

}  // namespace

CommandRunner add_run_command(CLI::App& app, const std::string& command_line,
                              const Cluster& cluster) {
  struct Options {
    std::string path;
    std::string portfolio;
    bool deterministic = false;
    bool json = false;
    bool quiet = false;
    EnsembleOptions ensemble;
    std::string output;
    bool force = false;
    std::string trajectories = "headline";
    std::string command_line;
  };
  auto options = std::make_shared<Options>();
  options->command_line = command_line;
  CLI::App* command = app.add_subcommand("run", "Simulate a portfolio and judge the objectives");
  command
      ->add_option("scenario", options->path, "Scenario file (TOML); default: the bundled scenario")
      ->check(file_name());
  command
      ->add_option("--portfolio,-p", options->portfolio,
                   "Portfolio to run (default: the first of the file; \"baseline\": no action)")
      ->check(portfolio_name());
  command->add_flag("--deterministic", options->deterministic,
                    "One run with every uncertain number at its median");
  command->add_flag("--json", options->json, "Print one JSON document instead of tables");
  EnsembleOptionChoice choice;
  choice.precision = choice.block = choice.quantiles = true;
  add_ensemble_options(*command, options->ensemble, choice);
  command->add_flag("--quiet,-q", options->quiet, "No progress bar");
  command
      ->add_option("--output,-o", options->output,
                   "Write every member's parameters, trajectories and outcomes, the statistics and "
                   "the inputs to this HDF5 file (docs/hdf5-layout.md)")
      ->check(file_name());
  command->add_flag("--force", options->force, "Replace the --output file if it exists");
  command
      ->add_option("--trajectories", options->trajectories,
                   "Per-member trajectories in --output: headline, all, or indicator ids separated "
                   "by commas")
      ->capture_default_str();
  command->footer(
      "Examples:\n  traj run                                  # 10 000 members of the bundled "
      "scenario\n"
      "  traj run --portfolio ambitious --members 100000 --threads 2\n"
      "  traj run --precision 0.005                # until every probability is known to ±0.5 "
      "point\n"
      "  traj run --deterministic --json           # one run, every number at its median");
  return [options, command, &cluster] {
    refuse_ignored_options(*command);
    const ChosenScenario chosen = load_chosen(options->path);
    const Scenario& scenario = chosen.scenario;
    std::string portfolio = options->portfolio;
    std::string note;
    if (portfolio.empty()) {
      if (scenario.portfolios.empty()) {
        portfolio = "";
        note = "baseline (the scenario has no portfolio)";
      } else {
        portfolio = scenario.portfolios.front().id;
        note = "portfolio " + portfolio + " (the first of " +
               std::to_string(scenario.portfolios.size()) +
               "; choose with --portfolio, or --portfolio baseline for no action)";
      }
    } else if (portfolio == "baseline" && scenario.find_portfolio("baseline") == NONE) {
      portfolio = "";
      note = "baseline (no action)";
    } else {
      note = "portfolio " + portfolio;
    }
    const Plan plan = compile_plan(scenario, portfolio);
    if (!options->deterministic) {
      RunSettings settings;
      settings.scenario_path = chosen.name;
      settings.portfolio = portfolio;
      const EnsembleOptions& ensemble = options->ensemble;
      settings.seed = ensemble.seed;
      settings.members_requested = ensemble.members;
      settings.precision = ensemble.precision;
      settings.max_members = std::max(ensemble.max_members, ensemble.members);
      settings.quantiles = ensemble.quantiles;
      for (const double level : {0.05, 0.5, 0.95}) {
        if (std::find(settings.quantiles.begin(), settings.quantiles.end(), level) ==
            settings.quantiles.end()) {
          settings.quantiles.push_back(level);
        }
      }
      std::sort(settings.quantiles.begin(), settings.quantiles.end());
      check_setting("--quantiles: the number of levels, with 0.05, 0.5 and 0.95",
                    std::uint64_t{settings.quantiles.size()}, QUANTILE_COUNT_RANGE);
      settings.trajectories = options->trajectories;
      settings.traj_version = TRAJ_VERSION;
      settings.git_hash = TRAJ_GIT_HASH;
      settings.command_line = options->command_line;
      settings.threads = ensemble.threads;
      settings.block = ensemble.block;
      std::unique_ptr<OutputFile> output;
      if (!options->output.empty() && cluster.is_root()) {
        const auto rows =
            trajectory_rows(plan, settings.trajectories);  // reject a bad list before the run
        output = std::make_unique<OutputFile>(options->output, options->force, input_paths(chosen));
        // Resource guard: refuse a file the disk cannot hold, before the run.
        const ResultsFileSize size = results_file_size(plan, chosen, rows.size(), settings);
        const double estimate =
            size.fixed + size.per_member * static_cast<double>(settings.members_requested);
        std::error_code error;
        const auto directory = std::filesystem::absolute(output->temporary()).parent_path();
        const auto space = std::filesystem::space(directory, error);
        if (!error && estimate > static_cast<double>(space.available)) {
          char message[1024];
          std::snprintf(
              message, sizeof message,
              "--output: this run would write up to %s (%s fixed, then %llu members × %.0f bytes, "
              "before compression) but %s has %s free; use fewer --members, --trajectories "
              "headline or a shorter list, or another directory",
              readable_size(estimate).c_str(), readable_size(size.fixed).c_str(),
              static_cast<unsigned long long>(settings.members_requested), size.per_member,
              directory.string().c_str(),
              readable_size(static_cast<double>(space.available)).c_str());
          throw InputError(message);
        }
      }
      watch_interrupts();
      const EnsembleRun run =
          run_ensemble_of(chosen, plan, settings, !options->output.empty(),
                          output ? output->temporary() : std::string(),
                          !options->quiet && ::isatty(STDERR_FILENO) != 0, cluster);
      if (run.result.cancelled) {
        std::cerr << "interrupted by signal " << interrupting_signal() << " after "
                  << run.result.members << " members: no results written\n";
        return 128 + interrupting_signal();
      }
      if (run.result.invalid_members > 0) {
        // Never averaged in silently: say which members, with their draws.
        std::cerr << "error: " << run.result.invalid_members
                  << " member(s) gave non-finite or negative results (energy, emissions…); no "
                     "results written.\n"
                  << "First member(s):";
        for (const auto member : run.result.invalid_examples) std::cerr << " " << member;
        std::cerr << "\nParameters of member " << run.result.invalid_examples.front() << " (seed "
                  << settings.seed << "):\n";
        std::vector<double> values(scenario.parameters.size());
        sample_parameters(scenario.parameters, settings.seed, run.result.invalid_examples.front(),
                          1, values.data());
        for (std::size_t p = 0; p < values.size(); ++p) {
          std::cerr << "  " << scenario.parameters[p].name << " = " << values[p] << "\n";
        }
        return EXIT_DIFFERENT;
      }
      if (output) output->commit();
      const int threads = options->ensemble.threads > 0
                              ? options->ensemble.threads
                              : static_cast<int>(std::thread::hardware_concurrency());
      if (options->json) {
        print_ensemble_json(plan, run.result, chosen.name, threads, cluster.size(), run.seconds);
      } else {
        print_ensemble(plan, run.result, note, threads, cluster.size(), run.seconds);
        if (output) std::cout << "\nResults written to " << output->target() << "\n";
      }
      return EXIT_OK;
    }
    Kernel kernel(plan);
    Trajectory trajectory;
    const auto parameters = scenario.parameters.central_values();
    kernel.run(parameters, trajectory);
    // The ensemble's numeric guards, so that no inf or NaN is printed.
    if (const auto invalid = TerritorialModel(plan).first_invalid_value(trajectory)) {
      std::cerr << "error: the deterministic run (every parameter at its median) gave a "
                << (std::isfinite(invalid->value) ? "negative" : "non-finite")
                << " value: " << plan.catalogue.ids()[invalid->row] << " in " << invalid->year
                << " = " << invalid->value << "; no results written.\n";
      return EXIT_DIFFERENT;
    }
    const auto results = evaluate_objectives(plan, trajectory);
    if (options->json) {
      print_json(plan, trajectory, results, chosen.name);
    } else {
      print_table(plan, trajectory, results, note);
    }
    return EXIT_OK;
  };
}

}  // namespace traj::cli
