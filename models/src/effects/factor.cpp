#include "effects.hpp"

namespace traj::territory::effects {

// A share `adoption` of the cell's consumption moves to the new factor
// (e.g. labelled wood stoves): EF ← (1 − a)·EF + a·new. A relative change
// scales it: EF ← EF·(1 − a·fraction).
void apply_factor(const Scenario& scenario, const Effect& effect, double adoption,
                  std::span<const double> parameters, YearState& state) {
  const std::size_t cells = scenario.cell_count();
  const double new_factor = effect.has_new_factor ? effect.new_factor.value(parameters) : 0.0;
  const double keep =
      effect.has_new_factor ? 1.0 - adoption : 1.0 - adoption * effect.fraction.value(parameters);
  const double add = effect.has_new_factor ? adoption * new_factor : 0.0;
  for (const int sector : effect.sectors) {
    for (const int carrier : effect.carriers) {
      double& factor = state.factor[static_cast<std::size_t>(effect.species) * cells +
                                    static_cast<std::size_t>(scenario.cell(sector, carrier))];
      factor = keep * factor + add;
    }
  }
}

}  // namespace traj::territory::effects
