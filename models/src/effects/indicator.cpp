#include "effects.hpp"

namespace traj::territory::effects {

// Relative changes combine multiplicatively on the indicator's trend;
// absolute changes (e.g. −12 ha of land take) add up, scaled by adoption.
TRAJ_LANE_CLONES void apply_indicator(const detail::IndicatorStep& step, const Real* const* rows,
                                      BlockState& state) {
  const std::size_t lanes = state.lanes;
  const detail::AdoptionView adoption = state.adoption_view[static_cast<std::size_t>(step.slot)];
  if (adoption.zero()) return;
  const auto indicator = static_cast<std::size_t>(step.indicator);
  if (step.change != detail::NO_REF) {
    Real* shift = state.row(state.custom_shift, indicator);
    const Real* change = rows[step.change];
    for (std::size_t l = 0; l < lanes; ++l)
      shift[l] += adoption.row[l] * adoption.scale * change[l];
  } else {
    Real* value = state.row(state.custom, indicator);
    const Real* fraction = rows[step.fraction];
    for (std::size_t l = 0; l < lanes; ++l)
      value[l] *= Real(1) - adoption.row[l] * adoption.scale * fraction[l];
  }
}

}  // namespace traj::territory::effects
