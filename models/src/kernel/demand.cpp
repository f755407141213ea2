#include <algorithm>

#include "../effects/effects.hpp"
#include "stages.hpp"

namespace traj::territory {

using detail::Real;

TRAJ_LANE_CLONES void advance_trends(BlockWorkspace& work, std::size_t y, std::size_t lanes) {
  const KernelProgram& program = work.program;
  // Baseline demand: base × ((1 + growth)(1 − efficiency))^n.
  if (y > 0) {
    for (std::size_t i = 0; i < program.sectors * lanes; ++i) {
      work.trend_wide[i] *= work.yearly_trend[i];
      work.growth_trend_wide[i] *= work.yearly_growth[i];
    }
    for (std::size_t i = 0; i < program.indicators * lanes; ++i)
      work.custom_trend_wide[i] *= work.custom_yearly[i];
  }
  std::copy_n(work.trend_wide.begin(), program.sectors * lanes, work.trend.begin());
  std::copy_n(work.growth_trend_wide.begin(), program.sectors * lanes, work.growth_trend.begin());
  std::copy_n(work.custom_trend_wide.begin(), program.indicators * lanes,
              work.custom_trend.begin());
}

TRAJ_LANE_CLONES void demand_and_production(BlockWorkspace& work, std::size_t lanes) {
  const KernelProgram& program = work.program;
  const std::size_t A = program.active_cells.size();
  for (std::size_t a = 0; a < A; ++a) {
    const Real* sector_trend =
        work.trend.data() + static_cast<std::size_t>(program.active_sector[a]) * lanes;
    Real* demand = work.state.demand.data() + a * lanes;
    const Quantity& base_quantity =
        program.quantities[static_cast<std::size_t>(program.base_demand[a])];
    if (base_quantity.is_constant()) {
      const auto base = static_cast<Real>(base_quantity.constant);
      for (std::size_t l = 0; l < lanes; ++l) demand[l] = base * sector_trend[l];
    } else {
      const Real* base = work.rows[program.base_demand[a]];
      for (std::size_t l = 0; l < lanes; ++l) demand[l] = base[l] * sector_trend[l];
    }
  }
  // Reductions act on useful demand, before any carrier changes.
  for (const auto& step : program.reductions)
    effects::apply_reduce(step, work.rows.data(), work.state);
  // Local production: inventory, then actions (switches add ambient heat).
  for (std::size_t k = 0; k < program.sources; ++k) {
    std::copy_n(work.rows[program.base_production[k]], lanes,
                work.state.production.data() + k * lanes);
  }
  for (const auto& step : program.productions)
    effects::apply_produce(step, work.rows.data(), work.state);
  // Switches, cell by cell in topological order of the carriers.
  for (const auto& step : program.switches)
    effects::apply_switches(step, work.rows.data(), work.state);
}

}  // namespace traj::territory
