#include "traj/territory/objectives.hpp"

#include "traj/objective_judgement.hpp"

namespace traj::territory {

bool satisfies(const Objective& objective, double value) {
  return meets_threshold(objective.comparison == Comparison::AtMost, objective.threshold, value);
}

std::vector<ObjectiveResult> evaluate_objectives(const Plan& plan, const Trajectory& trajectory) {
  std::vector<ObjectiveResult> results;
  for (const Objective& objective : plan.scenario->objectives) {
    ObjectiveResult result;
    result.objective = &objective;
    const int row = plan.catalogue.find(objective.indicator);
    result.indicator = trajectory.at(row, objective.year);
    result.value = result.indicator;
    if (objective.relative_to) {
      result.reference = objective.reference_value ? *objective.reference_value
                                                   : trajectory.at(row, *objective.relative_to);
      result.value = ratio_to_reference(result.indicator, result.reference);
    }
    result.met = satisfies(objective, result.value);
    results.push_back(result);
  }
  return results;
}

}  // namespace traj::territory
