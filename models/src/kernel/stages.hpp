#pragma once
/// The kernel's yearly stages, in the order of docs/model.md and of
/// Kernel::run_block: each reads the program and updates one block's
/// workspace, lane by lane. Their definitions are TRAJ_LANE_CLONES; these
/// declarations are not, so callers in other files go through the ifunc
/// (GCC 12 emits the clones as local symbols of the defining file).

#include <cstddef>

#include "block_workspace.hpp"

namespace traj::territory {

/// Row `row` of the year's indicators `out` ([row × lanes]).
inline detail::Real* indicator_row(detail::Real* out, std::size_t lanes, int row) {
  return out + static_cast<std::size_t>(row) * lanes;
}

// 1. Adoption (adoption.cpp): every slot's adoption this year, as a view of
// its ceiling or computed, and what the cost terms read as this year's and
// last year's.
void adoption_of_year(BlockWorkspace& work, std::size_t y, std::size_t lanes);

// 2. Demand and effects (demand.cpp): the trends' running products, then
// baseline demand, reductions, local production and switches.
void advance_trends(BlockWorkspace& work, std::size_t y, std::size_t lanes);
void demand_and_production(BlockWorkspace& work, std::size_t lanes);

// 3. Energy branch (energy_branch.cpp): (I − A)⁻¹ once per block, then each
// year's gross supply, own consumption and conversion output. The final
// demand of each carrier is summed into `carrier_demand` ([carrier × lanes]).
void invert_branch(BlockWorkspace& work, std::size_t lanes);
void energy_branch(BlockWorkspace& work, std::size_t y, std::size_t lanes,
                   detail::Real* carrier_demand, CarrierBalance* balances);

// 4. Emissions (emissions.cpp): factors changed by actions and of converted
// carriers; non-energy emissions less abatement; every species by sector.
void emission_factors(BlockWorkspace& work, std::size_t y, std::size_t lanes);
void non_energy_emissions(BlockWorkspace& work, std::size_t lanes);
void write_emissions(BlockWorkspace& work, std::size_t y, std::size_t lanes, detail::Real* out);

// 5. Indicators and costs (indicators.cpp, costs.cpp): custom indicators,
// then the rows of the year's indicators `out` ([row × lanes]): energy,
// emissions (above), costs, custom indicators and cumulative sums.
void custom_indicators(BlockWorkspace& work, std::size_t lanes);
void write_energy_indicators(BlockWorkspace& work, std::size_t lanes, detail::Real* out);
void write_costs(BlockWorkspace& work, std::size_t y, std::size_t lanes, detail::Real* out);
void write_custom_and_cumulative(BlockWorkspace& work, std::size_t lanes, detail::Real* out);
/// A scenario of several territories: the whole's rows of `out` are the
/// sums of the territories' rows (in double, rounded once), the renewable
/// share the whole's production over its final energy. `sum`: [row × lanes]
/// of the whole's rows; territory `t`'s rows are added as soon as they are
/// written (while in cache), in territory order, the first onto zeros.
void add_territory(const IndicatorCatalogue& catalogue, std::size_t t, std::size_t lanes,
                   const detail::Real* out, double* sum);
/// After the last territory's add_territory: the whole's rows from `sum`.
void write_whole(const IndicatorCatalogue& catalogue, std::size_t lanes, const double* sum,
                 detail::Real* out);

}  // namespace traj::territory
