#include "effects.hpp"

namespace traj::territory::effects {

// Reductions on a cell combine multiplicatively: two 50 % savings leave 25 %,
// never less than zero (each acts on what the previous one left).
void apply_reduce(const Scenario& scenario, const Effect& effect, double adoption,
                  std::span<const double> parameters, YearState& state) {
  const double keep = 1.0 - adoption * effect.fraction.value(parameters);
  for (const int sector : effect.sectors) {
    for (const int carrier : effect.carriers) {
      state.demand[static_cast<std::size_t>(scenario.cell(sector, carrier))] *= keep;
    }
  }
}

}  // namespace traj::territory::effects
