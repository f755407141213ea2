#include "traj/territory/territory_contributions.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace traj::territory {

std::vector<TerritoryContribution> territory_contributions(const IndicatorCatalogue& catalogue,
                                                           const EnsembleResult& baseline,
                                                           const EnsembleResult& portfolio) {
  std::vector<TerritoryContribution> contributions;
  if (catalogue.territory_count() == 0 || baseline.years == 0) return contributions;
  const std::size_t horizon = baseline.years - 1;
  const auto change = [&](int row) {
    const auto r = static_cast<std::size_t>(row);
    return portfolio.mean_at(r, horizon) - baseline.mean_at(r, horizon);
  };
  const double whole_avoided = -change(catalogue.ghg_cumulative);
  for (std::size_t t = 0; t < catalogue.territory_count(); ++t) {
    const auto row = [&](int base_row) {
      return static_cast<int>(catalogue.territory_row(t, static_cast<std::size_t>(base_row)));
    };
    TerritoryContribution contribution;
    contribution.territory = t;
    contribution.ghg_avoided = -change(row(catalogue.ghg_cumulative));
    contribution.energy_saved = -change(row(catalogue.final_energy));
    contribution.production_added = change(row(catalogue.local_production));
    contribution.cost = change(row(catalogue.cost_discounted));
    contribution.share_of_ghg_avoided = whole_avoided != 0.0
                                            ? contribution.ghg_avoided / whole_avoided
                                            : std::numeric_limits<double>::quiet_NaN();
    contributions.push_back(contribution);
  }
  std::stable_sort(contributions.begin(), contributions.end(),
                   [](const TerritoryContribution& a, const TerritoryContribution& b) {
                     return a.ghg_avoided > b.ghg_avoided;
                   });
  return contributions;
}

}  // namespace traj::territory
