#pragma once
/// Judging a trajectory against the scenario's objectives.

#include <vector>

#include "traj/territory/kernel.hpp"

namespace traj::territory {

struct ObjectiveResult {
  const Objective* objective = nullptr;
  double value = 0.0;      ///< the indicator, or its ratio to the reference when relative
  double indicator = 0.0;  ///< the indicator's value in the objective's year
  double reference = 0.0;  ///< the reference value (relative objectives), else 0
  bool met = false;
};

/// Every objective of the plan's scenario, in order, for one member.
std::vector<ObjectiveResult> evaluate_objectives(const Plan& plan, const Trajectory& trajectory);

/// Whether `value` satisfies `objective` (≤ or ≥ its threshold).
bool satisfies(const Objective& objective, double value);

}  // namespace traj::territory
