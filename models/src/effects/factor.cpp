#include "effects.hpp"

namespace traj::territory::effects {

// A new factor (e.g. labelled wood stoves) requests a share α of the cell's
// consumption: the shares of every new factor on a cell are summed first,
// so that the order of the actions changes nothing.
TRAJ_LANE_CLONES void add_factor_shares(const detail::FactorStep& step, const Real* const* rows,
                                        BlockState& state) {
  const std::size_t lanes = state.lanes;
  const detail::AdoptionView adoption = state.adoption_view[static_cast<std::size_t>(step.slot)];
  if (adoption.zero()) return;
  const Real* new_factor = rows[step.new_factor];
  for (const int mixed : step.mixed) {
    Real* share = state.row(state.factor_share, static_cast<std::size_t>(mixed));
    Real* mix = state.row(state.factor_mix, static_cast<std::size_t>(mixed));
    for (std::size_t l = 0; l < lanes; ++l) {
      const Real a = adoption.row[l] * adoption.scale;
      share[l] += a;
      mix[l] += a * new_factor[l];
    }
  }
}

// With S = Σ α and M = Σ α · new: EF ← (1 − S) · EF + M while the shares
// fit in the cell, EF ← M / S (each share scaled by 1/S, as switches
// leaving one cell are) when they ask for more. With one new factor this
// is (1 − α) · EF + α · new, the same operations as before stacking was
// defined. The sums then start again at zero for next year.
TRAJ_LANE_CLONES void mix_factors(const std::vector<std::size_t>& mixed_factors,
                                  BlockState& state) {
  const std::size_t lanes = state.lanes;
  for (std::size_t m = 0; m < mixed_factors.size(); ++m) {
    Real* factor = state.row(state.factor, mixed_factors[m]);
    Real* share = state.row(state.factor_share, m);
    Real* mix = state.row(state.factor_mix, m);
    for (std::size_t l = 0; l < lanes; ++l) {
      const Real kept = (Real(1) - share[l]) * factor[l] + mix[l];
      factor[l] = share[l] > Real(1) ? mix[l] / share[l] : kept;
      share[l] = 0;
      mix[l] = 0;
    }
  }
}

// A relative change scales the factor, after the mix: EF ← EF · (1 − α f);
// several multiply.
TRAJ_LANE_CLONES void apply_factor_cut(const detail::FactorStep& step, const Real* const* rows,
                                       std::size_t active_cells, BlockState& state) {
  const std::size_t lanes = state.lanes;
  const detail::AdoptionView adoption = state.adoption_view[static_cast<std::size_t>(step.slot)];
  if (adoption.zero()) return;
  const Real* fraction = rows[step.fraction];
  for (const int cell : step.cells) {
    Real* factor = state.row(state.factor, static_cast<std::size_t>(step.species) * active_cells +
                                               static_cast<std::size_t>(cell));
    for (std::size_t l = 0; l < lanes; ++l)
      factor[l] *= Real(1) - adoption.row[l] * adoption.scale * fraction[l];
  }
}

}  // namespace traj::territory::effects
