// `traj track`: are we on track? A plan's ensemble conditioned on observed
// yearly values (docs/model.md#12-conditioning-on-observations-traj-track),
// as text (English or French), JSON, an HDF5 track file and the forum's page.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>

#include "available_memory.hpp"
#include "commands.hpp"
#include "ensemble_options.hpp"
#include "option_checks.hpp"
#include "results_output.hpp"
#include "scenario_choice.hpp"
#include "track_run.hpp"
#include "traj/json_writer.hpp"
#include "traj/territory/report.hpp"
#include "traj/territory/scenario_text.hpp"
#include "traj/territory/track_page.hpp"
#include "traj/territory/tracking.hpp"
#include "traj/territory/tracking_file.hpp"
#include "what_if_options.hpp"
#include "words.hpp"

namespace traj::cli {
namespace {

using namespace traj::territory;

/// Parameters listed in the text output (all of them with --json).
constexpr std::size_t PARAMETERS_SHOWN = 5;

std::string shown(double value, const IndicatorInfo& info, Language language) {
  char buffer[64];
  if (info.dimension == Dimension::Fraction) {
    std::snprintf(buffer, sizeof buffer, "%.3g %%", 100 * value);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.4g %s", value,
                  std::string(canonical_symbol(info.dimension)).c_str());
  }
  return decimal(buffer, language);
}

std::string percent(double value, Language language) {
  // An interval's bound at 0 or 1 comes out of the Wilson formula with
  // rounding noise (5e-18): shown as what it is.
  if (std::abs(value) < 1e-9) value = 0.0;
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3g %%", 100 * value);
  return decimal(buffer, language);
}

std::string interval(const ProportionEstimate& estimate, Language language) {
  return percent(estimate.probability, language) + " [" + percent(estimate.ci_low, language) + "–" +
         percent(estimate.ci_high, language) + "]";
}

std::string whole(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.0f", value);
  return buffer;
}

std::string number(double value, Language language) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4g", value);
  return decimal(buffer, language);
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

std::string illustrative_line(const ObservationSet& observations, Language language) {
  return observations.illustrative ? say("track_illustrative", language) + "\n" : "";
}

std::string method_words(const std::string& method, Language language) {
  if (method == "importance sampling") return say("track_importance", language);
  if (method == "sequential Monte Carlo") return say("track_smc", language);
  return method;
}

std::string verdict_words(Verdict verdict, Language language) {
  switch (verdict) {
    case Verdict::Ahead:
      return say("track_ahead", language);
    case Verdict::Behind:
      return say("track_behind", language);
    case Verdict::OnTrack:
      break;
  }
  return say("track_on_track", language);
}

void print_method(const Tracking& tracking, Language language) {
  std::cout << say("track_method", language,
                   {method_words(tracking.method, language), whole(tracking.effective_size),
                    std::to_string(tracking.members)})
            << "\n";
  if (!tracking.stages.empty()) {
    std::cout << say("track_importance_size", language, {whole(tracking.importance_effective_size)})
              << "\n"
              << say("track_stages", language,
                     {std::to_string(tracking.stages.size()),
                      std::to_string(tracking.distinct_members)})
              << "\n";
    for (std::size_t s = 0; s < tracking.stages.size(); ++s) {
      const SmcStage& stage = tracking.stages[s];
      std::cout << "  "
                << say("track_stage", language,
                       {std::to_string(s + 1), number(stage.temperature, language),
                        whole(stage.effective_size), percent(stage.acceptance, language),
                        number(stage.step, language)})
                << "\n";
    }
    return;
  }
  const double threshold = effective_size_threshold(tracking.members);
  if (tracking.effective_size < threshold)
    std::cout << say("track_low", language, {number(threshold, language)}) << "\n";
}

void print_text(const ChosenScenario& chosen, const std::string& portfolio,
                const ObservationSet& observations, const Tracking& tracking, Language language) {
  const Scenario& scenario = chosen.scenario;
  const IndicatorCatalogue catalogue(scenario);
  std::cout << say("track_heading", language,
                   {scenario.name, portfolio.empty() ? say("baseline_short", language) : portfolio,
                    std::to_string(tracking.members),
                    std::to_string(observations.observations.size()), observations.path})
            << "\n";
  for (const auto& edit : describe_edits(chosen.edits))
    std::cout << "  " << say("with_edit", language, {edit}) << "\n";
  std::cout << illustrative_line(observations, language);
  if (!observations.source.empty())
    std::cout << say("track_source", language, {observations.source}) << "\n";
  print_method(tracking, language);
  const std::string years = observed_years(observations);
  if (!tracking.objectives.empty()) std::cout << "\n" << say("track_objectives", language) << "\n";
  for (std::size_t o = 0; o < tracking.objectives.size(); ++o) {
    const auto& update = tracking.objectives[o];
    const Objective& objective = scenario.objectives[o];
    const std::string& text = objective_text(objective, language);
    const std::string label =
        text == objective.id ? objective.id : objective.id + " (" + text + ")";
    std::cout << "  "
              << say("track_objective", language,
                     {label, percent(update.after.probability, language),
                      percent(update.after.ci_low, language),
                      percent(update.after.ci_high, language), interval(update.before, language),
                      years})
              << "\n";
  }
  std::cout << "\n" << say("track_observations", language) << "\n";
  for (std::size_t i = 0; i < observations.observations.size(); ++i) {
    const Observation& observation = observations.observations[i];
    const ObservationCheck& check = tracking.checks[i];
    const IndicatorInfo& info = catalogue[observation.row];
    const std::string written = decimal(observation.uncertainty_written, language);
    std::string uncertainty =
        say(observation.uncertainty_written.back() == '%' ? "track_relative" : "track_interval",
            language, {written});
    if (observation.estimated) uncertainty += say("track_estimated", language);
    const std::string gap =
        say(check.gap >= 0 ? "track_above" : "track_below", language,
            {shown(std::abs(check.gap), info, language), shown(check.plan_median, info, language)});
    std::cout << "  "
              << say("track_observation", language,
                     {observation.indicator, std::to_string(observation.year),
                      shown(observation.value, info, language), uncertainty,
                      whole(100 * check.percentile), shown(check.plan_low, info, language),
                      shown(check.plan_high, info, language),
                      verdict_words(check.verdict, language), gap})
              << "\n";
  }
  std::cout << "\n" << say("track_parameters", language) << "\n";
  std::size_t listed = 0;
  for (const auto& shift : tracking.parameters) {
    if (listed == PARAMETERS_SHOWN) break;
    ++listed;
    const std::string name = sensitivity_factor_name(scenario, shift.name, language);
    std::cout << "  " << (name == shift.name ? name : name + " (" + shift.name + ")")
              << colon(language) << number(shift.prior_median, language) << " ["
              << number(shift.prior_low, language) << "–" << number(shift.prior_high, language)
              << "] → " << number(shift.posterior_median, language) << " ["
              << number(shift.posterior_low, language) << "–"
              << number(shift.posterior_high, language) << "]\n";
  }
  if (listed == 0) std::cout << "  " << say("track_no_parameter", language) << "\n";
  if (observations.illustrative) std::cout << "\n" << illustrative_line(observations, language);
}

void write_estimate(JsonWriter& json, const char* name, const ProportionEstimate& estimate) {
  json.key(name).begin_object();
  json.key("probability").value(estimate.probability);
  json.key("ci_low").value(estimate.ci_low);
  json.key("ci_high").value(estimate.ci_high);
  json.end_object();
}

void print_json(const ChosenScenario& chosen, const std::string& portfolio,
                const ObservationSet& observations, const Tracking& tracking,
                TrackingMethod requested) {
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
  json.key("method_requested").value(tracking_method_option(requested));
  json.key("members").value(static_cast<long long>(tracking.members));
  json.key("seed").value(static_cast<long long>(tracking.seed));
  json.key("effective_size").value(tracking.effective_size);
  json.key("importance_effective_size").value(tracking.importance_effective_size);
  json.key("effective_size_threshold").value(effective_size_threshold(tracking.members));
  json.key("effective_size_low")
      .value(tracking.effective_size < effective_size_threshold(tracking.members));
  if (!tracking.stages.empty()) {
    json.key("distinct_members").value(static_cast<long long>(tracking.distinct_members));
    json.key("model_runs").value(static_cast<long long>(tracking.model_runs));
    json.key("stages").begin_array();
    for (const auto& stage : tracking.stages) {
      json.begin_object();
      json.key("temperature").value(stage.temperature);
      json.key("effective_size").value(stage.effective_size);
      json.key("acceptance").value(stage.acceptance);
      json.key("step").value(stage.step);
      json.key("moves").value(stage.moves);
      json.end_object();
    }
    json.end_array();
  }
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

/// Refuses, before it starts, a track that would hold more memory than the
/// machine has available: every member's value of each observation, of
/// each fan chart's indicator every year, and of each uncertain parameter
/// (the parameters' shifts), with a few weights and likelihoods.
void refuse_what_memory_cannot_hold(const Plan& plan, const ObservationSet& observations,
                                    const TrackingOptions& options, std::uint64_t members) {
  std::uint64_t uncertain = 0;
  for (const auto& parameter : plan.scenario->parameters.all())
    uncertain += parameter.distribution.is_fixed() ? 0 : 1;
  const std::uint64_t series =
      options.series_rows.size() * static_cast<std::uint64_t>(plan.year_count());
  const std::uint64_t per_member = 8 * (observations.observations.size() + series + uncertain + 4) +
                                   plan.scenario->objectives.size();
  const auto available = available_memory_bytes();
  if (!available || per_member * members <= *available) return;
  char message[640];
  std::snprintf(message, sizeof message,
                "--members: %llu would hold about %.1f GB in memory (%llu bytes per member: its "
                "values of %zu observations, %llu fan-chart values and %llu uncertain parameters) "
                "but %.1f GB are available; use --members %llu or fewer%s",
                static_cast<unsigned long long>(members),
                static_cast<double>(per_member * members) / 1e9,
                static_cast<unsigned long long>(per_member), observations.observations.size(),
                static_cast<unsigned long long>(series), static_cast<unsigned long long>(uncertain),
                static_cast<double>(*available) / 1e9,
                static_cast<unsigned long long>(*available / per_member),
                series > 0 ? ", or leave out --report and --output (their fan charts)" : "");
  throw InputError(message);
}

}  // namespace

CommandRunner add_track_command(CLI::App& app, const std::string& command_line,
                                const Cluster& cluster) {
  struct Options {
    std::string path;
    territory::ScenarioEdits edits;
    std::string portfolio;
    std::string observations;
    EnsembleOptions ensemble;
    std::string method = "auto";
    bool json = false;
    bool quiet = false;
    std::string output;
    std::string report;
    std::string language = "en";
    bool force = false;
    std::string command_line;
  };
  auto options = std::make_shared<Options>();
  options->command_line = command_line;
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
  command
      ->add_option("--method", options->method,
                   "auto: importance sampling, or sequential Monte Carlo when its effective size "
                   "is too small; importance; smc")
      ->check(CLI::IsMember({"auto", "importance", "smc"}))
      ->capture_default_str();
  command->add_flag("--json", options->json, "Print one JSON document");
  command->add_flag("--quiet,-q", options->quiet, "No progress bar");
  command->add_option("--output,-o", options->output, "Also write the track to this HDF5 file")
      ->check(file_name());
  command
      ->add_option("--report", options->report,
                   "Also write the annual forum's HTML report (docs/report.md)")
      ->check(file_name());
  command->add_option("--lang", options->language, "Language of the text and of the report")
      ->check(CLI::IsMember({"en", "fr"}))
      ->capture_default_str();
  command->add_flag("--force", options->force,
                    "Replace the --output or --report file if it exists");
  add_what_if_options(*command, options->edits);
  command->footer(
      "Examples:\n"
      "  traj track scenarios/brest-metropole.toml --portfolio plan "
      "--observations scenarios/observations/brest-metropole.csv\n"
      "  traj track --portfolio plan --observations obs.csv --output track.h5 --report "
      "track.html --lang fr");
  return [options, command, &cluster] {
    refuse_language_and_force_without_use(*command);
    const ChosenScenario chosen = load_chosen(options->path, options->edits);
    const Scenario& scenario = chosen.scenario;
    const InputFile observations_file = read_observations_file(options->observations);
    const ObservationSet observations =
        read_observations(observations_file.path, observations_file.text, scenario);
    const std::string portfolio = plan_portfolio_id(scenario, options->portfolio);
    const Plan plan = compile_plan(scenario, portfolio);
    TrackingOptions tracking_options;
    tracking_options.method = *tracking_method_of(options->method);
    // The same on every rank: the fan charts' values are part of the run.
    if (!options->output.empty() || !options->report.empty())
      tracking_options.series_rows = track_series_rows(plan, observations);
    refuse_what_memory_cannot_hold(plan, observations, tracking_options, options->ensemble.members);
    std::vector<std::string> made_from = input_paths(chosen);
    made_from.push_back(observations_file.path);
    auto [output, report] = open_outputs(options->output, options->report, options->force,
                                         made_from, cluster.is_root());
    const Tracking tracking = run_track(plan, observations, options->ensemble, tracking_options,
                                        !options->quiet, cluster);
    if (const int code = track_failure(tracking, options->ensemble.seed); code != EXIT_OK)
      return code;
    if (!cluster.is_root()) return EXIT_OK;
    const Language language = language_named(options->language);
    if (output) {
      write_tracking(output->temporary(), plan, observations, observations_file, tracking,
                     chosen.inputs,
                     track_settings_of(chosen, portfolio, options->ensemble, tracking_options, plan,
                                       options->command_line));
      output->commit();
    }
    if (report) {
      TrackPage page;
      page.territory = scenario.name;
      if (const int index = scenario.find_portfolio(portfolio); index != NONE)
        page.portfolio =
            portfolio_name(scenario.portfolios[static_cast<std::size_t>(index)], language);
      page.edits = describe_edits(chosen.edits);
      page.plan = &plan;
      page.observations = &observations;
      page.tracking = &tracking;
      report->write(track_report_html(page, language));
    }
    if (options->json) {
      print_json(chosen, portfolio, observations, tracking, tracking_options.method);
    } else {
      print_text(chosen, portfolio, observations, tracking, language);
      if (output || report) std::cout << "\n";
      if (output) std::cout << say("track_written", language, {output->target()}) << "\n";
      if (report) std::cout << say("report_written", language, {report->target()}) << "\n";
    }
    return EXIT_OK;
  };
}

}  // namespace traj::cli
