#pragma once
/// Scenario discovery (`traj discover`): which ranges of the uncertain
/// parameters lead a plan's members to meet an objective, or to miss it.
/// The plan's ensemble is run recording whether each member meets the
/// objective; each member's parameters are drawn again (the draws depend
/// only on seed, name and member); PRIM (traj/prim.hpp) finds the box
/// (docs/model.md#14-scenario-discovery-traj-discover).

#include <cstdint>
#include <string>
#include <vector>

#include "traj/ensemble.hpp"
#include "traj/prim.hpp"
#include "traj/territory/plan.hpp"

namespace traj::territory {

/// What the box is to hold: the members that meet the objective (the
/// default), or those that miss it.
enum class DiscoveryTarget { Success, Failure };

struct DiscoveryOptions {
  std::size_t objective = 0;  ///< index in the scenario's objectives
  DiscoveryTarget target = DiscoveryTarget::Success;
  PrimOptions prim;
};

struct Discovery {
  std::string objective;  ///< its id
  DiscoveryTarget target = DiscoveryTarget::Success;
  std::uint64_t members = 0;
  std::uint64_t seed = 0;
  std::uint64_t successes = 0;  ///< members that meet the objective
  /// PRIM's factors, in order: indices in the scenario's ParameterSet of
  /// the uncertain parameters the plan may use (every named one; an
  /// action's own only when the plan runs the action).
  std::vector<std::size_t> parameters;
  PrimResult prim;  ///< its factor f is parameters[f]
  /// The run stopped (EnsembleOptions::cancelled) or gave impossible
  /// members: then `prim` is empty, the caller says why.
  bool cancelled = false;
  std::uint64_t invalid_members = 0;
  std::vector<std::uint64_t> invalid_examples;
};

/// "success" or "failure"
const char* target_name(DiscoveryTarget target);

/// The uncertain parameters PRIM considers for `plan` (Discovery::parameters).
std::vector<std::size_t> discovery_parameters(const Plan& plan);

/// Runs `plan`'s ensemble and finds where the members of `discovery.target`
/// concentrate. Throws InputError when the objective is met by every member
/// or by none (there is nothing to discover), when the plan has no
/// uncertain parameter, or for PRIM options outside their ranges.
/// Memory: 8 bytes per member and uncertain parameter (their draws), and
/// half as much again while PRIM runs.
Discovery discover(const Plan& plan, const EnsembleOptions& options,
                   const DiscoveryOptions& discovery);

}  // namespace traj::territory
