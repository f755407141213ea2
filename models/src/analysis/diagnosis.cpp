// The diagnostic: the profiles, then one ensemble for the objectives'
// probabilities and one sensitivity design for what weighs on them, shared
// by every territory (docs/model.md#15-the-diagnostic-traj-diagnose).

#include "traj/territory/diagnosis.hpp"

#include <algorithm>

#include "traj/territory/territorial_model.hpp"

namespace traj::territory {
namespace {

/// The objectives' probabilities and distances, in the scenario's order.
bool add_probabilities(const Plan& plan, const TerritorialModel& model, EnsembleOptions options,
                       Diagnosis& diagnosis, std::vector<ObjectiveDiagnosis>& objectives) {
  const std::vector<ObjectiveSpec> specs = model.objective_specs();
  options.quantile_rows.clear();
  for (const ObjectiveSpec& spec : specs) {
    if (std::find(options.quantile_rows.begin(), options.quantile_rows.end(), spec.row) ==
        options.quantile_rows.end())
      options.quantile_rows.push_back(spec.row);
  }
  const EnsembleResult result = run_ensemble(model, specs, options);
  diagnosis.members = result.members;
  diagnosis.seed = result.seed;
  diagnosis.cancelled = result.cancelled;
  diagnosis.invalid_members = result.invalid_members;
  diagnosis.invalid_examples = result.invalid_examples;
  if (result.cancelled || result.invalid_members > 0) return false;
  const Scenario& scenario = *plan.scenario;
  for (std::size_t o = 0; o < specs.size(); ++o) {
    ObjectiveDiagnosis& objective = objectives[o];
    objective.probability = result.objectives[o].estimate;
    objective.at_risk = objective.probability.probability < AT_RISK_BELOW;
    objective.distance =
        distance_to_objective(scenario.objectives[o], plan.catalogue, scenario.base_year, result);
  }
  return true;
}

/// Per objective, the factors that weigh most on its indicator in its year.
bool add_drivers(const TerritorialModel& model, const DiagnosisOptions& options,
                 Diagnosis& diagnosis, std::vector<ObjectiveDiagnosis>& objectives) {
  const std::vector<ObjectiveSpec> specs = model.objective_specs();
  std::vector<SensitivityOutput> outputs;
  for (const ObjectiveSpec& spec : specs)
    outputs.push_back({spec.id, false, spec.row, spec.year_index, {}});
  const SensitivityResult result =
      options.sobol ? sobol_indices(model, options.factors, outputs, options.sensitivity)
                    : morris_screening(model, options.factors, outputs, options.sensitivity);
  diagnosis.runs = result.runs;
  if (result.cancelled) {
    diagnosis.cancelled = true;
    return false;
  }
  const std::size_t K = result.factors.size();
  for (std::size_t o = 0; o < outputs.size(); ++o) {
    ObjectiveDiagnosis& objective = objectives[o];
    objective.varies = result.variance[o] > 0.0;
    if (!objective.varies) continue;
    std::vector<ObjectiveDriver> drivers;
    double total = 0.0;
    for (std::size_t f = 0; f < K; ++f) {
      const double weight = options.sobol ? std::clamp(result.sobol[o * K + f].total, 0.0, 1.0)
                                          : result.morris[o * K + f].mu_star;
      total += weight;
      if (weight > 0.0) drivers.push_back({result.factors[f], weight, weight});
    }
    if (!options.sobol) {
      for (ObjectiveDriver& driver : drivers) driver.share = driver.weight / total;
    }
    std::stable_sort(drivers.begin(), drivers.end(),
                     [](const auto& a, const auto& b) { return a.weight > b.weight; });
    if (drivers.size() > options.top) drivers.resize(options.top);
    objective.drivers = std::move(drivers);
  }
  return true;
}

TerritoryDiagnosis territory_of(const Scenario& scenario, const std::string& id,
                                const std::string& name, const std::string& name_fr,
                                double population) {
  TerritoryDiagnosis territory;
  territory.id = id;
  territory.name = name;
  territory.name_fr = name_fr;
  territory.profile = territory_profile(scenario, population);
  return territory;
}

}  // namespace

std::string objective_territory(const Objective& objective) {
  const std::size_t at = objective.indicator.rfind('@');
  return at == std::string::npos ? std::string() : objective.indicator.substr(at + 1);
}

Diagnosis diagnose(const Plan& plan, const DiagnosisOptions& options) {
  const Scenario& scenario = *plan.scenario;
  check_ensemble_options(options.ensemble);
  Diagnosis diagnosis;
  diagnosis.portfolio = plan.portfolio;
  diagnosis.seed = options.ensemble.seed;
  diagnosis.territories.push_back(
      territory_of(scenario, "", scenario.name, "", scenario.population));
  for (const Territory& territory : scenario.territories) {
    diagnosis.territories.push_back(territory_of(*territory.scenario, territory.id, territory.name,
                                                 territory.name_fr, territory.population));
  }
  if (scenario.objectives.empty()) return diagnosis;

  const TerritorialModel model(plan);
  std::vector<ObjectiveDiagnosis> objectives(scenario.objectives.size());
  for (std::size_t o = 0; o < objectives.size(); ++o) objectives[o].objective = o;
  if (!add_probabilities(plan, model, options.ensemble, diagnosis, objectives)) return diagnosis;
  if (scenario.parameters.size() > 0 && !options.factors.empty() &&
      !add_drivers(model, options, diagnosis, objectives))
    return diagnosis;

  // Each objective to its territory, the least likely first.
  std::stable_sort(objectives.begin(), objectives.end(), [](const auto& a, const auto& b) {
    return a.probability.probability < b.probability.probability;
  });
  for (ObjectiveDiagnosis& objective : objectives) {
    const std::string owner = objective_territory(scenario.objectives[objective.objective]);
    auto territory = std::find_if(diagnosis.territories.begin(), diagnosis.territories.end(),
                                  [&](const TerritoryDiagnosis& t) { return t.id == owner; });
    if (territory == diagnosis.territories.end()) territory = diagnosis.territories.begin();
    territory->objectives.push_back(std::move(objective));
  }
  return diagnosis;
}

}  // namespace traj::territory
