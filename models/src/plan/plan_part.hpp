#pragma once
/// A portfolio's plan with only some of its actions (library-private):
/// what `traj optimize` runs for each candidate portfolio.

#include <string>
#include <vector>

#include "traj/territory/plan.hpp"

namespace traj::territory {

/// Compiles portfolio `portfolio_id` ("*" for every action of the scenario)
/// with only `actions` (indices into Scenario::actions, each one of the
/// portfolio's), its overrides kept: the plan `traj run` would compile for a
/// portfolio of those actions. Throws InputError if the portfolio does not
/// exist.
Plan compile_plan_part(const Scenario& scenario, const std::string& portfolio_id,
                       const std::vector<int>& actions);

}  // namespace traj::territory
