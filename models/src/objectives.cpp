#include "traj/territory/objectives.hpp"

namespace traj::territory {

bool satisfies(const Objective& objective, double value) {
  return objective.comparison == Comparison::AtMost ? value <= objective.threshold
                                                    : value >= objective.threshold;
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
      result.value = result.reference != 0.0 ? result.indicator / result.reference : 0.0;
    }
    result.met = satisfies(objective, result.value);
    results.push_back(result);
  }
  return results;
}

}  // namespace traj::territory
