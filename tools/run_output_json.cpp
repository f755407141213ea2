#include "run_output_json.hpp"

#include <algorithm>
#include <iostream>

#include "distance_output.hpp"
#include "traj/json_writer.hpp"
#include "traj/units.hpp"
#include "what_if_options.hpp"

namespace traj::cli {

using namespace traj::territory;

namespace {

/// The territories of a scenario that holds several (none otherwise: the
/// document of a single territory is unchanged); their indicators are the
/// `<indicator>@<territory>` entries of "indicators".
void write_territories_json(JsonWriter& json, const Scenario& scenario) {
  if (scenario.territories.empty()) return;
  json.key("population").value(scenario.population);
  json.key("territories").begin_array();
  for (const Territory& territory : scenario.territories) {
    json.begin_object();
    json.key("id").value(territory.id);
    json.key("name").value(territory.name);
    json.key("population").value(territory.population);
    json.key("estimate").value(territory.estimate);
    json.key("source").value(territory.source);
    json.end_object();
  }
  json.end_array();
}

/// An indicator's unit as the JSON documents name it.
std::string unit_name(Dimension dimension) {
  return dimension == Dimension::Fraction ? "fraction" : std::string(canonical_symbol(dimension));
}

void write_years(JsonWriter& json, const Scenario& scenario) {
  json.key("years").begin_array();
  for (int year = scenario.base_year; year <= scenario.horizon; ++year) json.value(year);
  json.end_array();
}

/// What both "against" blocks open with: the reference and whether the run
/// differs from it by its edits.
void begin_against(JsonWriter& json, const AgainstReference& reference) {
  json.key("against").begin_object();
  json.key("reference").value(reference.name);
  json.key("without_edits").value(reference.without_edits);
}

/// The indicator, year and unit of one compared quantity's entry.
void write_quantity_keys(JsonWriter& json, const Plan& plan, const ComparedQuantity& quantity) {
  const auto& info = plan.catalogue[quantity.row];
  json.key("indicator").value(info.id);
  json.key("year").value(quantity.year);
  json.key("unit").value(unit_name(info.dimension));
}

/// "against": the reference, then each objective's paired change of
/// probability and each compared quantity's change, run − reference.
void write_against(JsonWriter& json, const Plan& plan, const AgainstReference& reference,
                   const WhatChanged& changed) {
  begin_against(json, reference);
  json.key("members").value(static_cast<long long>(changed.members));
  json.key("objectives").begin_array();
  for (const auto& change : changed.objectives) {
    json.begin_object();
    json.key("id").value(change.id);
    json.key("probability").value(change.run.probability);
    json.key("reference_probability").value(change.reference.probability);
    json.key("difference").value(change.difference.difference);
    json.key("ci_low").value(change.difference.ci_low);
    json.key("ci_high").value(change.difference.ci_high);
    json.end_object();
  }
  json.end_array();
  json.key("indicators").begin_array();
  for (const auto& change : changed.quantities) {
    json.begin_object();
    write_quantity_keys(json, plan, change.quantity);
    json.key("median").value(change.median);
    json.key("p05").value(change.low);
    json.key("p95").value(change.high);
    json.end_object();
  }
  json.end_array();
  json.end_object();
}

/// "against" of the deterministic document: each objective met or missed in
/// both, and each compared quantity's two values and their difference.
void write_central_against(JsonWriter& json, const Plan& plan, const AgainstReference& reference,
                           const CentralChange& changed) {
  begin_against(json, reference);
  json.key("objectives").begin_array();
  for (const auto& change : changed.objectives) {
    json.begin_object();
    json.key("id").value(change.run.objective->id);
    json.key("met").value(change.run.met);
    json.key("reference_met").value(change.reference.met);
    json.key("value").value(change.run.value);
    json.key("reference_value").value(change.reference.value);
    json.end_object();
  }
  json.end_array();
  json.key("indicators").begin_array();
  for (const auto& change : changed.quantities) {
    json.begin_object();
    write_quantity_keys(json, plan, change.quantity);
    json.key("difference").value(change.difference());
    json.key("value").value(change.run);
    json.key("reference_value").value(change.reference);
    json.end_object();
  }
  json.end_array();
  json.end_object();
}

}  // namespace

void print_deterministic_json(const Plan& plan, const Trajectory& trajectory,
                              const std::vector<ObjectiveResult>& results,
                              const std::string& scenario_name, const ScenarioEdits& edits,
                              const AgainstReference* reference, const CentralChange* changed,
                              std::ostream& out) {
  const Scenario& scenario = *plan.scenario;
  JsonWriter json(out);
  json.begin_object();
  json.key("traj_version").value(TRAJ_VERSION);
  json.key("scenario").value(scenario_name);
  json.key("territory").value(scenario.name);
  json.key("portfolio").value(plan.portfolio.empty() ? "baseline" : plan.portfolio);
  write_edits_json(json, edits);
  json.key("mode").value("deterministic");
  json.key("central_value").value("median");
  json.key("base_year").value(scenario.base_year);
  json.key("horizon").value(scenario.horizon);
  write_years(json, scenario);
  json.key("indicators").begin_object();
  for (std::size_t row = 0; row < plan.catalogue.size(); ++row) {
    const auto& info = plan.catalogue[row];
    json.key(info.id).begin_object();
    json.key("unit").value(unit_name(info.dimension));
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
  if (reference != nullptr && changed != nullptr)
    write_central_against(json, plan, *reference, *changed);
  json.end_object();
}

void print_ensemble_json(const Plan& plan, const EnsembleResult& result,
                         const std::string& scenario_name, const ScenarioEdits& edits, int threads,
                         int ranks, double seconds, const AgainstReference* reference,
                         const WhatChanged* changed, std::ostream& out) {
  const Scenario& scenario = *plan.scenario;
  JsonWriter json(out);
  json.begin_object();
  json.key("traj_version").value(TRAJ_VERSION);
  json.key("scenario").value(scenario_name);
  json.key("territory").value(scenario.name);
  json.key("portfolio").value(plan.portfolio.empty() ? "baseline" : plan.portfolio);
  write_edits_json(json, edits);
  json.key("mode").value("ensemble");
  json.key("members").value(static_cast<long long>(result.members));
  json.key("seed").value(static_cast<long long>(result.seed));
  json.key("threads").value(threads);
  json.key("ranks").value(ranks);
  json.key("seconds").value(seconds);
  json.key("precision_reached").value(result.precision_reached);
  json.key("base_year").value(scenario.base_year);
  json.key("horizon").value(scenario.horizon);
  write_territories_json(json, scenario);
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
    write_distance_json(
        json, distance_to_objective(objective, plan.catalogue, scenario.base_year, result));
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
  write_years(json, scenario);
  json.key("quantile_levels").begin_array();
  for (const double level : result.quantile_levels) json.value(level);
  json.end_array();
  json.key("indicators").begin_object();
  for (std::size_t row = 0; row < plan.catalogue.size(); ++row) {
    const auto& info = plan.catalogue[row];
    json.key(info.id).begin_object();
    json.key("unit").value(unit_name(info.dimension));
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
  if (reference != nullptr && changed != nullptr) write_against(json, plan, *reference, *changed);
  json.end_object();
}

}  // namespace traj::cli
