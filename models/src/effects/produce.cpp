#include "effects.hpp"

namespace traj::territory::effects {

// Production = adoption × capacity (MWp) × yield (GWh/MWp), or adoption × energy.
void apply_produce(const Effect& effect, double adoption, std::span<const double> parameters,
                   YearState& state) {
  const double energy = effect.by_capacity
                            ? effect.capacity.value(parameters) * effect.yield.value(parameters)
                            : effect.energy.value(parameters);
  state.production[static_cast<std::size_t>(effect.source)] += adoption * energy;
}

}  // namespace traj::territory::effects
