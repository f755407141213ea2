#include <algorithm>

#include "../effects/effects.hpp"
#include "lane_sums.hpp"
#include "stages.hpp"

namespace traj::territory {

using detail::Real;

TRAJ_LANE_CLONES void custom_indicators(BlockWorkspace& work, std::size_t lanes) {
  const KernelProgram& program = work.program;
  for (std::size_t i = 0; i < program.indicators; ++i) {
    const Real* base = work.rows[program.custom_base[i]];
    for (std::size_t l = 0; l < lanes; ++l) {
      work.state.custom[i * lanes + l] = base[l] * work.custom_trend[i * lanes + l];
      work.state.custom_shift[i * lanes + l] = 0;
    }
  }
  for (const auto& step : program.indicator_steps)
    effects::apply_indicator(step, work.rows.data(), work.state);
}

/// Final energy by sector, by carrier and in total, local production, the
/// renewable share and imports.
TRAJ_LANE_CLONES void write_energy_indicators(BlockWorkspace& work, std::size_t lanes, Real* out) {
  const KernelProgram& program = work.program;
  const IndicatorCatalogue& catalogue = program.plan.catalogue;
  // Final energy by sector, by carrier and in total. energy_branch summed
  // each carrier's cells into its row before it added the branch's own
  // consumption: only the carriers with such a cell are summed again (for
  // the others, the same cells in the same order hold the same values).
  for (std::size_t s = 0; s < program.sectors; ++s) {
    sum_rows(work.state.demand.data(),
             program.cells_of_sector.data() + program.cells_of_sector_begin[s],
             program.cells_of_sector_begin[s + 1] - program.cells_of_sector_begin[s], lanes,
             indicator_row(out, lanes, catalogue.final_energy_by_sector + static_cast<int>(s)));
  }
  for (std::size_t c = 0; c < program.carriers; ++c) {
    if (program.branch_cell_of_carrier[c] < 0) continue;
    sum_rows(work.state.demand.data(),
             program.cells_of_carrier.data() + program.cells_of_carrier_begin[c],
             program.cells_of_carrier_begin[c + 1] - program.cells_of_carrier_begin[c], lanes,
             indicator_row(out, lanes, catalogue.final_energy_by_carrier + static_cast<int>(c)));
  }
  Real* total = indicator_row(out, lanes, catalogue.final_energy);
  sum_rows(out, program.sector_rows.data(), program.sectors, lanes, total);
  // Local production and the renewable share.
  Real* production_total = indicator_row(out, lanes, catalogue.local_production);
  std::fill_n(production_total, lanes, 0);
  for (std::size_t k = 0; k < program.sources; ++k) {
    const Real* production = work.state.production.data() + k * lanes;
    std::copy_n(
        production, lanes,
        indicator_row(out, lanes, catalogue.local_production_by_source + static_cast<int>(k)));
    for (std::size_t l = 0; l < lanes; ++l) production_total[l] += production[l];
  }
  Real* share = indicator_row(out, lanes, catalogue.renewable_share);
  for (std::size_t l = 0; l < lanes; ++l)
    share[l] = total[l] > Real(0) ? production_total[l] / total[l] : Real(0);
  // Imports: gross supply less local supply; converted carriers are made here.
  Real* imports = indicator_row(out, lanes, catalogue.energy_imports);
  std::fill_n(imports, lanes, 0);
  for (std::size_t c = 0; c < program.carriers; ++c) {
    if (program.is_converted(static_cast<int>(c))) continue;
    for (std::size_t l = 0; l < lanes; ++l) imports[l] += work.gross[c * lanes + l];
  }
  for (std::size_t k = 0; k < program.sources; ++k) {
    const int carrier = program.scenario.sources[k].carrier;
    if (carrier == NONE || program.derived_source[k] || program.is_converted(carrier)) continue;
    for (std::size_t l = 0; l < lanes; ++l) imports[l] -= work.state.production[k * lanes + l];
  }
}

/// Custom indicators' values, then every cumulative sum since the base year
/// (GHG, costs, discounted costs, custom indicators).
TRAJ_LANE_CLONES void write_custom_and_cumulative(BlockWorkspace& work, std::size_t lanes,
                                                  Real* out) {
  const KernelProgram& program = work.program;
  const IndicatorCatalogue& catalogue = program.plan.catalogue;
  // Custom indicators.
  for (std::size_t i = 0; i < program.indicators; ++i) {
    Real* value = indicator_row(out, lanes, catalogue.custom + static_cast<int>(2 * i));
    for (std::size_t l = 0; l < lanes; ++l)
      value[l] = std::max(
          Real(0), work.state.custom[i * lanes + l] + work.state.custom_shift[i * lanes + l]);
  }
  const Real* invested = indicator_row(out, lanes, catalogue.cost_investment);
  const Real* operated = indicator_row(out, lanes, catalogue.cost_operating);
  // Cumulative sums since the base year (included).
  const Real* ghg = indicator_row(out, lanes, catalogue.ghg);
  Real* ghg_sum = indicator_row(out, lanes, catalogue.ghg_cumulative);
  Real* cost_sum = indicator_row(out, lanes, catalogue.cost_cumulative);
  Real* discounted_sum = indicator_row(out, lanes, catalogue.cost_discounted);
  for (std::size_t l = 0; l < lanes; ++l) {
    const double cost = static_cast<double>(invested[l]) + operated[l];
    work.cumulative[l] += ghg[l];
    work.cumulative[lanes + l] += cost;
    work.cumulative[2 * lanes + l] += cost * work.discount_factor[l];
    work.discount_factor[l] *= work.discount_step[l];
    ghg_sum[l] = static_cast<Real>(work.cumulative[l]);
    cost_sum[l] = static_cast<Real>(work.cumulative[lanes + l]);
    discounted_sum[l] = static_cast<Real>(work.cumulative[2 * lanes + l]);
  }
  for (std::size_t i = 0; i < program.indicators; ++i) {
    const Real* value = indicator_row(out, lanes, catalogue.custom + static_cast<int>(2 * i));
    Real* sum = indicator_row(out, lanes, catalogue.custom + static_cast<int>(2 * i + 1));
    double* running = work.cumulative.data() + (3 + i) * lanes;
    for (std::size_t l = 0; l < lanes; ++l) {
      running[l] += value[l];
      sum[l] = static_cast<Real>(running[l]);
    }
  }
}

TRAJ_LANE_CLONES void add_territory(const IndicatorCatalogue& catalogue, std::size_t t,
                                    std::size_t lanes, const Real* out, double* sum) {
  // Row by row over contiguous lanes, in the same order for every member:
  // vectorised, and the same sums at any block size.
  if (t == 0) std::fill_n(sum, catalogue.base_size() * lanes, 0.0);
  const Real* part = out + catalogue.territory_row(t, 0) * lanes;
  for (std::size_t i = 0; i < catalogue.base_size() * lanes; ++i) sum[i] += part[i];
}

TRAJ_LANE_CLONES void write_whole(const IndicatorCatalogue& catalogue, std::size_t lanes,
                                  const double* sum, Real* out) {
  for (std::size_t i = 0; i < catalogue.base_size() * lanes; ++i)
    out[i] = static_cast<Real>(sum[i]);
  const Real* total = indicator_row(out, lanes, catalogue.final_energy);
  const Real* production = indicator_row(out, lanes, catalogue.local_production);
  Real* share = indicator_row(out, lanes, catalogue.renewable_share);
  for (std::size_t l = 0; l < lanes; ++l)
    share[l] = total[l] > Real(0) ? production[l] / total[l] : Real(0);
}

}  // namespace traj::territory
