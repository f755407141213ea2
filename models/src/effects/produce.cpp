#include "effects.hpp"

namespace traj::territory::effects {

// Production = adoption × capacity (MWp) × yield (GWh/MWp), or adoption × energy.
TRAJ_LANE_CLONES void apply_produce(const detail::ProduceStep& step, const Real* const* rows,
                                    BlockState& state) {
  const std::size_t lanes = state.lanes;
  const detail::AdoptionView adoption = state.adoption_view[static_cast<std::size_t>(step.slot)];
  if (adoption.zero()) return;
  Real* production = state.row(state.production, static_cast<std::size_t>(step.source));
  if (step.energy != detail::NO_REF) {
    const Real* energy = rows[step.energy];
    for (std::size_t l = 0; l < lanes; ++l)
      production[l] += adoption.row[l] * adoption.scale * energy[l];
  } else {
    const Real* capacity = rows[step.capacity];
    const Real* yield = rows[step.yield];
    for (std::size_t l = 0; l < lanes; ++l)
      production[l] += adoption.row[l] * adoption.scale * (capacity[l] * yield[l]);
  }
}

}  // namespace traj::territory::effects
