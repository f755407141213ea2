// `traj track`: are we on track? A plan's ensemble conditioned on observed
// yearly values (docs/model.md#12-conditioning-on-observations-traj-track).

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>

#include <unistd.h>

#include "commands.hpp"
#include "ensemble_options.hpp"
#include "interrupt.hpp"
#include "option_checks.hpp"
#include "progress_bar.hpp"
#include "scenario_choice.hpp"
#include "traj/json_writer.hpp"
#include "traj/territory/tracking.hpp"
#include "what_if_options.hpp"

namespace traj::cli {
namespace {

using namespace traj::territory;

/// The values track's options may take (beyond traj/setting_ranges.hpp).
constexpr IntegerRange TRACK_MEMBERS_RANGE{100, 10'000'000};
/// Parameters listed in the text output (all of them with --json).
constexpr std::size_t PARAMETERS_SHOWN = 5;

std::string shown(double value, const IndicatorInfo& info) {
  char buffer[64];
  if (info.dimension == Dimension::Fraction) {
    std::snprintf(buffer, sizeof buffer, "%.3g %%", 100 * value);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.4g %s", value,
                  std::string(canonical_symbol(info.dimension)).c_str());
  }
  return buffer;
}

std::string percent(double value) {
  // An interval's bound at 0 or 1 comes out of the Wilson formula with
  // rounding noise (5e-18): shown as what it is.
  if (std::abs(value) < 1e-9) value = 0.0;
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3g %%", 100 * value);
  return buffer;
}

std::string interval(const ProportionEstimate& estimate) {
  return percent(estimate.probability) + " [" + percent(estimate.ci_low) + "–" +
         percent(estimate.ci_high) + "]";
}

std::string whole(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.0f", value);
  return buffer;
}

std::string number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4g", value);
  return buffer;
}

/// "2019–2023" (or "2022"): the years observed, for sentences.
std::string observed_years(const ObservationSet& observations) {
  int first = observations.observations.front().year, last = first;
  for (const auto& observation : observations.observations) {
    first = std::min(first, observation.year);
    last = std::max(last, observation.year);
  }
  return first == last ? std::to_string(first) : std::to_string(first) + "–" + std::to_string(last);
}

std::string illustrative_line(const ObservationSet& observations) {
  return observations.illustrative
             ? "ILLUSTRATIVE observations (the file says illustrative = true): not measured "
               "figures; nothing below is a finding about the territory.\n"
             : "";
}

void print_text(const ChosenScenario& chosen, const std::string& portfolio,
                const ObservationSet& observations, const Tracking& tracking) {
  const Scenario& scenario = chosen.scenario;
  const IndicatorCatalogue catalogue(scenario);
  std::cout << scenario.name << " — " << (portfolio.empty() ? "baseline" : portfolio) << ", "
            << tracking.members << " members conditioned on " << observations.observations.size()
            << " observation(s) from " << observations.path << "\n"
            << edit_lines(chosen.edits) << illustrative_line(observations);
  if (!observations.source.empty()) std::cout << "Source: " << observations.source << "\n";
  const double threshold = effective_size_threshold(tracking.members);
  std::cout << "Method: " << tracking.method << "; effective size "
            << whole(tracking.effective_size) << " of " << tracking.members << " members\n";
  if (tracking.effective_size < threshold) {
    std::cout << "Warning: the effective size is below " << number(threshold)
              << ": the probabilities after the observations rest on few members (see their "
                 "intervals). Run more members (--members); the sequential Monte Carlo sampler "
                 "that would rejuvenate them is not implemented yet.\n";
  }
  const std::string years = observed_years(observations);
  if (!tracking.objectives.empty()) std::cout << "\nObjectives:\n";
  for (std::size_t o = 0; o < tracking.objectives.size(); ++o) {
    const auto& update = tracking.objectives[o];
    const Objective& objective = scenario.objectives[o];
    const std::string label = objective.description.empty()
                                  ? objective.id
                                  : objective.id + " (" + objective.description + ")";
    std::cout << "  " << label << ": " << percent(update.after.probability) << " likely (95 % "
              << percent(update.after.ci_low) << "–" << percent(update.after.ci_high) << "), was "
              << interval(update.before) << " before the " << years << " data\n";
  }
  std::cout << "\nObservations against the plan's band (its members before the observations; "
               "on track: between its 25th and 75th percentiles):\n";
  for (std::size_t i = 0; i < observations.observations.size(); ++i) {
    const Observation& observation = observations.observations[i];
    const ObservationCheck& check = tracking.checks[i];
    const IndicatorInfo& info = catalogue[observation.row];
    std::cout << "  " << observation.indicator << " " << observation.year << ": "
              << shown(observation.value, info) << " ("
              << (observation.uncertainty_written.back() == '%' ? "±" : "90 % interval ")
              << observation.uncertainty_written << (observation.estimated ? ", estimated" : "")
              << ") — percentile " << whole(100 * check.percentile) << " of the plan (90 % band "
              << shown(check.plan_low, info) << " – " << shown(check.plan_high, info) << "), "
              << verdict_name(check.verdict) << "; " << shown(std::abs(check.gap), info)
              << (check.gap >= 0 ? " above" : " below") << " the plan's median "
              << shown(check.plan_median, info) << "\n";
  }
  std::cout << "\nWhat the data moved most (parameter: median [90 % interval] before → after):\n";
  std::size_t listed = 0;
  for (const auto& shift : tracking.parameters) {
    if (listed == PARAMETERS_SHOWN) break;
    ++listed;
    std::cout << "  " << shift.name << ": " << number(shift.prior_median) << " ["
              << number(shift.prior_low) << "–" << number(shift.prior_high) << "] → "
              << number(shift.posterior_median) << " [" << number(shift.posterior_low) << "–"
              << number(shift.posterior_high) << "]\n";
  }
  if (listed == 0) std::cout << "  (no uncertain parameter)\n";
  if (observations.illustrative) std::cout << "\n" << illustrative_line(observations);
}

void write_estimate(JsonWriter& json, const char* name, const ProportionEstimate& estimate) {
  json.key(name).begin_object();
  json.key("probability").value(estimate.probability);
  json.key("ci_low").value(estimate.ci_low);
  json.key("ci_high").value(estimate.ci_high);
  json.end_object();
}

void print_json(const ChosenScenario& chosen, const std::string& portfolio,
                const ObservationSet& observations, const Tracking& tracking) {
  const IndicatorCatalogue catalogue(chosen.scenario);
  JsonWriter json(std::cout);
  json.begin_object();
  json.key("territory").value(chosen.scenario.name);
  json.key("portfolio").value(portfolio.empty() ? "baseline" : portfolio);
  write_edits_json(json, chosen.edits);
  json.key("observations_file").value(observations.path);
  json.key("illustrative").value(observations.illustrative);
  json.key("source").value(observations.source);
  json.key("method").value(tracking.method);
  json.key("members").value(static_cast<long long>(tracking.members));
  json.key("seed").value(static_cast<long long>(tracking.seed));
  json.key("effective_size").value(tracking.effective_size);
  json.key("effective_size_threshold").value(effective_size_threshold(tracking.members));
  json.key("effective_size_low")
      .value(tracking.effective_size < effective_size_threshold(tracking.members));
  json.key("objectives").begin_array();
  for (const auto& update : tracking.objectives) {
    json.begin_object();
    json.key("id").value(update.id);
    write_estimate(json, "before", update.before);
    write_estimate(json, "after", update.after);
    json.end_object();
  }
  json.end_array();
  write_estimate(json, "all_objectives_before", tracking.joint_before);
  write_estimate(json, "all_objectives_after", tracking.joint_after);
  json.key("observations").begin_array();
  for (std::size_t i = 0; i < observations.observations.size(); ++i) {
    const Observation& observation = observations.observations[i];
    const ObservationCheck& check = tracking.checks[i];
    json.begin_object();
    json.key("indicator").value(observation.indicator);
    json.key("year").value(observation.year);
    json.key("value").value(observation.value);
    json.key("unit").value(canonical_symbol(catalogue[observation.row].dimension));
    json.key("error_sd").value(observation.sd);
    json.key("error_on_log").value(observation.on_log);
    json.key("estimated").value(observation.estimated);
    json.key("percentile").value(check.percentile);
    json.key("verdict").value(verdict_name(check.verdict));
    json.key("plan_median").value(check.plan_median);
    json.key("plan_p05").value(check.plan_low);
    json.key("plan_p95").value(check.plan_high);
    json.key("gap_to_median").value(check.gap);
    json.end_object();
  }
  json.end_array();
  json.key("parameters").begin_array();
  for (const auto& shift : tracking.parameters) {
    json.begin_object();
    json.key("name").value(shift.name);
    json.key("prior").begin_object();
    json.key("median").value(shift.prior_median);
    json.key("p05").value(shift.prior_low);
    json.key("p95").value(shift.prior_high);
    json.end_object();
    json.key("posterior").begin_object();
    json.key("median").value(shift.posterior_median);
    json.key("p05").value(shift.posterior_low);
    json.key("p95").value(shift.posterior_high);
    json.end_object();
    json.key("shift").value(shift.shift);
    json.end_object();
  }
  json.end_array();
  json.end_object();
}

}  // namespace

CommandRunner add_track_command(CLI::App& app, const Cluster& cluster) {
  struct Options {
    std::string path;
    territory::ScenarioEdits edits;
    std::string portfolio;
    std::string observations;
    EnsembleOptions ensemble;
    bool json = false;
    bool quiet = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "track", "Are we on track? The plan's ensemble conditioned on observed yearly values");
  add_scenario_argument(*command, options->path);
  add_required_portfolio(*command, options->portfolio);
  command
      ->add_option("--observations", options->observations,
                   "Observed values: CSV or TOML (docs/scenario-format.md#observations)")
      ->required()
      ->check(file_name());
  EnsembleOptionChoice choice;
  choice.members_range = TRACK_MEMBERS_RANGE;
  add_ensemble_options(*command, options->ensemble, choice);
  command->add_flag("--json", options->json, "Print one JSON document");
  command->add_flag("--quiet,-q", options->quiet, "No progress bar");
  add_what_if_options(*command, options->edits);
  command->footer(
      "Example:\n"
      "  traj track scenarios/brest-metropole.toml --portfolio plan "
      "--observations scenarios/observations/brest-metropole.csv");
  return [options, &cluster] {
    const ChosenScenario chosen = load_chosen(options->path, options->edits);
    const Scenario& scenario = chosen.scenario;
    const ObservationSet observations = load_observations(options->observations, scenario);
    const std::string portfolio =
        options->portfolio == "baseline" && scenario.find_portfolio("baseline") == NONE
            ? std::string()
            : options->portfolio;
    const Plan plan = compile_plan(scenario, portfolio);
    EnsembleOptions ensemble = options->ensemble;
    ensemble.cluster = &cluster;
    ProgressBar bar(!options->quiet && cluster.is_root() && ::isatty(STDERR_FILENO) != 0,
                    "members");
    ensemble.progress = [&bar](std::uint64_t done, std::uint64_t planned) {
      bar.update(done, planned);
    };
    ensemble.cancelled = [] { return interrupted(); };
    watch_interrupts();
    const Tracking tracking = track_plan(plan, observations, ensemble);
    if (tracking.cancelled) {
      std::cerr << "interrupted by signal " << interrupting_signal() << ": nothing written\n";
      return 128 + interrupting_signal();
    }
    if (tracking.invalid_members > 0) {
      std::cerr << "error: " << tracking.invalid_members
                << " member(s) gave non-finite or negative results (energy, emissions…); "
                   "first: member "
                << tracking.invalid_examples.front() << " (seed " << ensemble.seed
                << "); nothing reported — `traj run` with the same options lists its draws\n";
      return EXIT_DIFFERENT;
    }
    if (!cluster.is_root()) return EXIT_OK;
    if (options->json) {
      print_json(chosen, portfolio, observations, tracking);
    } else {
      print_text(chosen, portfolio, observations, tracking);
    }
    return EXIT_OK;
  };
}

}  // namespace traj::cli
