#include "effects.hpp"

namespace traj::territory::effects {

// A share `adoption` of the cell's consumption moves to the new factor
// (e.g. labelled wood stoves): EF ← (1 − a)·EF + a·new. A relative change
// scales it: EF ← EF·(1 − a·fraction).
TRAJ_LANE_CLONES void apply_factor(const detail::FactorStep& step, const Real* const* rows,
                                   std::size_t active_cells, BlockState& state) {
  const std::size_t lanes = state.lanes;
  const detail::AdoptionView adoption = state.adoption_view[static_cast<std::size_t>(step.slot)];
  if (adoption.zero()) return;
  for (const int cell : step.cells) {
    Real* factor = state.row(state.factor, static_cast<std::size_t>(step.species) * active_cells +
                                               static_cast<std::size_t>(cell));
    if (step.new_factor != detail::NO_REF) {
      const Real* new_factor = rows[step.new_factor];
      for (std::size_t l = 0; l < lanes; ++l) {
        const Real a = adoption.row[l] * adoption.scale;
        factor[l] = (Real(1) - a) * factor[l] + a * new_factor[l];
      }
    } else {
      const Real* fraction = rows[step.fraction];
      for (std::size_t l = 0; l < lanes; ++l)
        factor[l] *= Real(1) - adoption.row[l] * adoption.scale * fraction[l];
    }
  }
}

}  // namespace traj::territory::effects
