// indicator: a custom indicator changed by an absolute amount or a fraction.

#include "../kernel/kernel_program.hpp"
#include "../scenario/loader/effect_table.hpp"
#include "effects.hpp"

namespace traj::territory::effects {

// indicator, then change (in the indicator's dimension) or fraction.
IndicatorEffect read_indicator(loader::EffectTable& effect) {
  loader::ReaderContext& context = effect.context;
  IndicatorEffect change;
  effect.know({"indicator"});
  std::vector<std::string> ids;
  for (const auto& indicator : context.scenario.indicators) ids.push_back(indicator.id);
  change.indicator = context
                         .read_reference(effect.table, "indicator", ids,
                                         "custom indicator of [territory.indicators]")
                         .value_or(NONE);
  effect.exclusive("change", "fraction");
  if (effect.has("change")) {
    if (change.indicator != NONE) {
      const Dimension dimension =
          context.scenario.indicators[static_cast<std::size_t>(change.indicator)].dimension;
      if (auto value = effect.quantity("change", dimension, ANY_VALUE, true)) {
        change.change = *value;
        change.has_change = true;
      }
    } else {
      effect.table.skip("change");
    }
  } else if (auto value = effect.quantity("fraction", Dimension::Fraction, FRACTION_RANGE, true)) {
    change.fraction = *value;
  }
  effect.know({"change", "fraction"});
  return change;
}

detail::IndicatorStep compile_step(const PlannedEffect<IndicatorEffect>& planned,
                                   KernelProgram& program) {
  const IndicatorEffect& change = *planned.effect;
  detail::IndicatorStep step;
  step.slot = planned.slot;
  step.indicator = change.indicator;
  if (change.has_change) {
    step.change = program.ref(change.change);
  } else {
    step.fraction = program.ref(change.fraction);
  }
  return step;
}

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
