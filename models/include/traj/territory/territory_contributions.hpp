#pragma once
/// What each territory of a scenario with [[territories]] contributes to a
/// portfolio's change of the whole (`traj compare`): differences of means on
/// common random numbers, hence the means of the members' paired
/// differences, which add up over the territories to the whole's.

#include <vector>

#include "traj/ensemble.hpp"
#include "traj/territory/indicators.hpp"

namespace traj::territory {

struct TerritoryContribution {
  std::size_t territory = 0;      ///< index in Scenario::territories
  double ghg_avoided = 0.0;       ///< cumulative to the horizon, ktCO2e (baseline − portfolio)
  double energy_saved = 0.0;      ///< final energy in the horizon year, GWh (baseline − portfolio)
  double production_added = 0.0;  ///< local production in the horizon year, GWh
  double cost = 0.0;              ///< costs to the horizon, discounted when the scenario says, M€
  double share_of_ghg_avoided = 0.0;  ///< of the whole's; NaN when the whole avoids none
};

/// Every territory's contribution to `portfolio` against `baseline` (two
/// runs on the same members), the largest GHG avoided first (ties: in the
/// scenario's order). Empty for a scenario of one territory.
std::vector<TerritoryContribution> territory_contributions(const IndicatorCatalogue& catalogue,
                                                           const EnsembleResult& baseline,
                                                           const EnsembleResult& portfolio);

}  // namespace traj::territory
