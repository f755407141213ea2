#include "effects.hpp"

namespace traj::territory::effects {

// Relative changes combine multiplicatively on the indicator's trend;
// absolute changes (e.g. −12 ha of land take) add up, scaled by adoption.
void apply_indicator(const Effect& effect, double adoption, std::span<const double> parameters,
                     YearState& state) {
  const auto indicator = static_cast<std::size_t>(effect.indicator);
  if (effect.has_change) {
    state.custom_shift[indicator] += adoption * effect.change.value(parameters);
  } else {
    state.custom[indicator] *= 1.0 - adoption * effect.fraction.value(parameters);
  }
}

}  // namespace traj::territory::effects
