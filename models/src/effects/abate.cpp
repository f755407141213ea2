#include "effects.hpp"

namespace traj::territory::effects {

// Non-energy emissions of the sector fall by adoption × fraction; several
// abatements combine multiplicatively.
TRAJ_LANE_CLONES void apply_abate(const detail::AbateStep& step, const Real* const* rows,
                                  std::size_t sectors, BlockState& state) {
  const std::size_t lanes = state.lanes;
  const detail::AdoptionView adoption = state.adoption_view[static_cast<std::size_t>(step.slot)];
  if (adoption.zero()) return;
  const Real* fraction = rows[step.fraction];
  for (const int sector : step.sectors) {
    Real* emissions = state.row(state.non_energy, static_cast<std::size_t>(step.species) * sectors +
                                                      static_cast<std::size_t>(sector));
    for (std::size_t l = 0; l < lanes; ++l)
      emissions[l] *= Real(1) - adoption.row[l] * adoption.scale * fraction[l];
  }
}

}  // namespace traj::territory::effects
