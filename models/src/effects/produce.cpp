// produce: local production of a source.

#include "../kernel/kernel_program.hpp"
#include "../scenario/loader/effect_table.hpp"
#include "effects.hpp"

namespace traj::territory::effects {

// source, then capacity and yield, or energy.
ProduceEffect read_produce(loader::EffectTable& effect) {
  loader::ReaderContext& context = effect.context;
  ProduceEffect produce;
  effect.know({"source"});
  produce.source =
      context
          .read_reference(effect.table, "source", context.source_ids(), "local production source")
          .value_or(NONE);
  const bool by_capacity = effect.has("capacity");
  effect.exclusive("capacity", "energy");
  if (by_capacity) {
    produce.by_capacity = true;
    if (auto value = effect.quantity("capacity", Dimension::Power, NON_NEGATIVE, true))
      produce.capacity = *value;
    if (auto value = effect.quantity("yield", Dimension::SpecificYield, NON_NEGATIVE, true))
      produce.yield = *value;
  } else if (effect.has("energy")) {
    if (auto value = effect.quantity("energy", Dimension::Energy, NON_NEGATIVE, true))
      produce.energy = *value;
  } else {
    context.diagnostics.add(effect.node.where, effect.path,
                            "expected capacity and yield, or energy, found neither");
  }
  effect.know({"capacity", "yield", "energy"});
  return produce;
}

detail::ProduceStep compile_step(const PlannedEffect<ProduceEffect>& planned,
                                 KernelProgram& program) {
  const ProduceEffect& produce = *planned.effect;
  detail::ProduceStep step;
  step.slot = planned.slot;
  step.source = produce.source;
  if (produce.by_capacity) {
    step.capacity = program.ref(produce.capacity);
    step.yield = program.ref(produce.yield);
  } else {
    step.energy = program.ref(produce.energy);
  }
  return step;
}

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
