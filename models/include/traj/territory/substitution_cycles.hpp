#pragma once
/// Carrier switches must not loop (gas → electricity → gas in one sector):
/// the order in which switches apply would be undefined.

#include <string>
#include <vector>

#include "traj/territory/scenario.hpp"

namespace traj::territory {

struct SubstitutionCycle {
  int sector = NONE;
  std::string sector_name;
  std::vector<std::string> carriers;  ///< first carrier repeated at the end
  std::vector<std::string> actions;   ///< the action of each switch of the cycle
  SourceLocation where;               ///< the switch that closes the cycle
  std::string path;

  /// e.g. `natural_gas -> electricity -> natural_gas in sector "residential"
  /// (actions heat-pumps, back-to-gas)`
  std::string describe() const;
};

/// Every sector's first cycle of carrier switches, found with Boost.Graph's
/// depth-first search over the carriers of the sector (an edge per switch).
std::vector<SubstitutionCycle> find_substitution_cycles(const Scenario& scenario);

/// The carriers of `sector` in an order where every switch's `from` comes
/// before its `to`, considering only `actions` (topological sort). Requires
/// the scenario to be free of cycles.
std::vector<int> switch_order(const Scenario& scenario, int sector,
                              const std::vector<int>& actions);

}  // namespace traj::territory
