#include "effects.hpp"

namespace traj::territory::effects {

// Non-energy emissions of the sector fall by adoption × fraction; several
// abatements combine multiplicatively.
void apply_abate(const Scenario& scenario, const Effect& effect, double adoption,
                 std::span<const double> parameters, YearState& state) {
  const double keep = 1.0 - adoption * effect.fraction.value(parameters);
  const std::size_t sectors = scenario.sectors.size();
  for (const int sector : effect.sectors) {
    state.non_energy[static_cast<std::size_t>(effect.species) * sectors +
                     static_cast<std::size_t>(sector)] *= keep;
  }
}

}  // namespace traj::territory::effects
