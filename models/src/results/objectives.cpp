// The group `objectives`, once the run ends: each objective's probability,
// its interval and what the objective says (along `objective`), and the
// probability of meeting all of them (attributes).

#include <algorithm>
#include <limits>
#include <utility>

#include "groups.hpp"
#include "traj/territory/results_layout.hpp"

namespace traj::territory::results {

using namespace results_layout;
using hdf5::Dataset;
using hdf5::Group;
using hdf5::Type;

void write_objective_summaries(Group& objectives_group, const Scenario& scenario,
                               const EnsembleResult& result) {
  if (scenario.objectives.empty()) return;
  const Dataset ids = objectives_group.open(objective_dataset::ID);
  std::vector<double> probability, low, high, error, threshold;
  std::vector<std::int64_t> count;
  std::vector<std::int32_t> objective_year, relative_to;
  std::vector<double> reference_value;
  std::vector<std::string> indicator, comparison, description, description_fr;
  for (std::size_t o = 0; o < scenario.objectives.size(); ++o) {
    const auto& estimate = result.objectives[o].estimate;
    probability.push_back(estimate.probability);
    low.push_back(estimate.ci_low);
    high.push_back(estimate.ci_high);
    error.push_back(estimate.standard_error);
    count.push_back(static_cast<std::int64_t>(result.objectives[o].successes));
    const Objective& objective = scenario.objectives[o];
    threshold.push_back(objective.threshold);
    objective_year.push_back(objective.year);
    relative_to.push_back(objective.relative_to ? *objective.relative_to : -1);
    reference_value.push_back(objective.reference_value ? *objective.reference_value
                                                        : std::numeric_limits<double>::quiet_NaN());
    indicator.push_back(objective.indicator);
    comparison.push_back(objective.comparison == Comparison::AtMost ? "<=" : ">=");
    description.push_back(objective.description);
    description_fr.push_back(objective.description_fr);
  }
  const auto per_objective = [&](const std::string& name, const void* data, Type type,
                                 const std::string& long_name, const std::string& units) {
    Dataset variable = objectives_group.create(name, type, {scenario.objectives.size()});
    variable.write(data, type);
    variable.attach_scale(ids, 0);
    variable.set_attribute("long_name", long_name);
    if (!units.empty()) variable.set_attribute("units", units);
    if (units == "1") variable.set_attribute("display_units", std::string("%"));  // shares
  };
  per_objective(objective_dataset::PROBABILITY, probability.data(), Type::Float64,
                "share of members meeting the objective", "1");
  per_objective(objective_dataset::CI_LOW, low.data(), Type::Float64,
                "Wilson 95 % interval, lower bound", "1");
  per_objective(objective_dataset::CI_HIGH, high.data(), Type::Float64,
                "Wilson 95 % interval, upper bound", "1");
  per_objective(objective_dataset::STANDARD_ERROR, error.data(), Type::Float64,
                "Monte Carlo standard error", "1");
  per_objective(objective_dataset::SUCCESSES, count.data(), Type::Int64,
                "members meeting the objective", "");
  per_objective(objective_dataset::THRESHOLD, threshold.data(), Type::Float64,
                "threshold (a ratio when relative)", "");
  per_objective(objective_dataset::YEAR, objective_year.data(), Type::Int32, "year judged", "year");
  per_objective(objective_dataset::RELATIVE_TO, relative_to.data(), Type::Int32,
                "reference year of a relative objective (-1: absolute)", "year");
  per_objective(objective_dataset::REFERENCE_VALUE, reference_value.data(), Type::Float64,
                "stated reference value (NaN: the member's own value in relative_to)", "");
  for (const auto& [name, values] :
       {std::pair{std::string(objective_dataset::INDICATOR), &indicator},
        std::pair{std::string(objective_dataset::COMPARISON), &comparison},
        std::pair{std::string(objective_dataset::DESCRIPTION), &description}}) {
    Dataset variable = objectives_group.create_strings(name, *values);
    variable.attach_scale(ids, 0);
  }
  // Only when the scenario has French descriptions: a file of a scenario
  // without any stays as it was written before they existed.
  if (std::any_of(description_fr.begin(), description_fr.end(),
                  [](const std::string& text) { return !text.empty(); })) {
    Dataset variable =
        objectives_group.create_strings(objective_dataset::DESCRIPTION_FR, description_fr);
    variable.attach_scale(ids, 0);
  }
  objectives_group.set_attribute(objective_dataset::ALL_PROBABILITY, result.joint.probability);
  objectives_group.set_attribute(objective_dataset::ALL_CI_LOW, result.joint.ci_low);
  objectives_group.set_attribute(objective_dataset::ALL_CI_HIGH, result.joint.ci_high);
  objectives_group.set_attribute(objective_dataset::ALL_SUCCESSES,
                                 static_cast<std::int64_t>(result.joint_successes));
}

}  // namespace traj::territory::results
