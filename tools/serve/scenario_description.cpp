#include "scenario_description.hpp"

#include <map>
#include <sstream>
#include <vector>

#include "traj/json_writer.hpp"

namespace traj::cli::serve {

using namespace traj::territory;

namespace {

const char* curve_name(CurveKind curve) {
  switch (curve) {
    case CurveKind::Step:
      return "step";
    case CurveKind::Linear:
      return "linear";
    case CurveKind::Logistic:
      return "logistic";
  }
  return "step";
}

/// A number of the scenario: its central value, and for an uncertain one
/// its 5 % and 95 % quantiles.
void write_quantity(JsonWriter& json, const Scenario& scenario, const Quantity& quantity,
                    const std::vector<double>& central) {
  json.begin_object();
  if (quantity.is_constant()) {
    json.key("central").value(quantity.constant);
  } else {
    const auto p = static_cast<std::size_t>(quantity.parameter);
    const Distribution& distribution = scenario.parameters[p].distribution;
    json.key("central").value(central[p] * quantity.scale);
    json.key("p05").value(distribution.quantile(0.05) * quantity.scale);
    json.key("p95").value(distribution.quantile(0.95) * quantity.scale);
  }
  json.end_object();
}

void write_action(JsonWriter& json, const Scenario& scenario, const Action& action,
                  const std::vector<double>& central) {
  const Adoption& adoption = action.adoption;
  json.begin_object();
  json.key("id").value(action.id);
  json.key("name").value(action.name);
  json.key("curve").value(curve_name(adoption.curve));
  json.key("start");
  write_quantity(json, scenario, adoption.start, central);
  if (adoption.curve == CurveKind::Linear) {
    json.key("full_year");
    write_quantity(json, scenario, adoption.full_year, central);
  } else if (adoption.curve == CurveKind::Logistic) {
    json.key("midpoint");
    write_quantity(json, scenario, adoption.midpoint, central);
    json.key("steepness");
    write_quantity(json, scenario, adoption.steepness, central);
  }
  json.key("shift").value(adoption.shift);
  // The slider's range is the ceiling's valid range; the file's
  // distribution is shown on it (central value, 5–95 %).
  json.key("ceiling");
  write_quantity(json, scenario, adoption.ceiling, central);
  json.key("ceiling_range").begin_array().value(0.0).value(1.0).end_array();
  json.end_object();
}

void write_actions(JsonWriter& json, const Scenario& scenario, const std::vector<double>& central) {
  // Coalitions and themes in the order the file first names them.
  std::vector<std::string> coalitions;
  std::map<std::string, std::vector<std::string>> themes;
  std::map<std::pair<std::string, std::string>, std::vector<const Action*>> grouped;
  for (const Action& action : scenario.actions) {
    if (themes.find(action.coalition) == themes.end()) coalitions.push_back(action.coalition);
    auto& listed = themes[action.coalition];
    if (std::find(listed.begin(), listed.end(), action.theme) == listed.end())
      listed.push_back(action.theme);
    grouped[{action.coalition, action.theme}].push_back(&action);
  }
  json.key("coalitions").begin_array();
  for (const auto& coalition : coalitions) {
    json.begin_object().key("name").value(coalition).key("themes").begin_array();
    for (const auto& theme : themes[coalition]) {
      json.begin_object().key("name").value(theme).key("actions").begin_array();
      for (const Action* action : grouped[{coalition, theme}])
        write_action(json, scenario, *action, central);
      json.end_array().end_object();
    }
    json.end_array().end_object();
  }
  json.end_array();
}

}  // namespace

std::string scenario_description_json(const ChosenScenario& served, const MemberChoice& members) {
  const Scenario& scenario = served.scenario;
  const std::vector<double> central = scenario.parameters.central_values();
  std::ostringstream text;
  JsonWriter json(text);
  json.begin_object();
  json.key("scenario").value(served.name);
  json.key("territory").value(scenario.name);
  json.key("base_year").value(scenario.base_year);
  json.key("horizon").value(scenario.horizon);
  json.key("members").value(static_cast<long long>(members.default_members));
  json.key("max_members").value(static_cast<long long>(members.max_members));
  write_actions(json, scenario, central);
  json.key("portfolios").begin_array();
  for (const Portfolio& portfolio : scenario.portfolios) {
    json.begin_object().key("id").value(portfolio.id).key("name").value(portfolio.name);
    json.key("actions").begin_array();
    for (const int action : portfolio.actions)
      json.value(scenario.actions[static_cast<std::size_t>(action)].id);
    json.end_array();
    // The portfolio's own ceilings: where the page's sliders start, and what
    // they edit (portfolios.ID.overrides.ACTION.ceiling wins over the action's).
    json.key("ceilings").begin_object();
    for (const AdoptionOverride& override : portfolio.overrides) {
      if (!override.ceiling) continue;
      json.key(scenario.actions[static_cast<std::size_t>(override.action)].id);
      write_quantity(json, scenario, *override.ceiling, central);
    }
    json.end_object().end_object();
  }
  json.end_array();
  json.key("objectives").begin_array();
  for (const Objective& objective : scenario.objectives) {
    json.begin_object();
    json.key("id").value(objective.id);
    json.key("description").value(objective.description);
    json.key("indicator").value(objective.indicator);
    json.key("year").value(objective.year);
    json.key("comparison").value(objective.comparison == Comparison::AtMost ? "<=" : ">=");
    json.key("threshold").value(objective.threshold);
    json.end_object();
  }
  json.end_array();
  json.end_object();
  return text.str();
}

}  // namespace traj::cli::serve
