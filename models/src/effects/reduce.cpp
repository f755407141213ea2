// reduce: less energy used in some cells of the inventory.

#include "../kernel/kernel_program.hpp"
#include "../scenario/loader/effect_table.hpp"
#include "effects.hpp"

namespace traj::territory::effects {

// sectors, carriers (all when absent), fraction.
ReduceEffect read_reduce(loader::EffectTable& effect) {
  loader::ReaderContext& context = effect.context;
  ReduceEffect reduce;
  effect.know({"sectors", "carriers"});
  reduce.sectors = effect.sectors();
  reduce.carriers = effect.has("carriers")
                        ? context.read_references(effect.table, "carriers",
                                                  context.scenario.carriers, "carrier", true)
                        : effect.all_carriers();
  if (auto value = effect.quantity("fraction", Dimension::Fraction, FRACTION_RANGE, true))
    reduce.fraction = *value;
  return reduce;
}

detail::ReduceStep compile_step(const PlannedEffect<ReduceEffect>& planned,
                                KernelProgram& program) {
  const ReduceEffect& reduce = *planned.effect;
  return {planned.slot, program.ref(reduce.fraction),
          program.active_list(reduce.sectors, reduce.carriers)};
}

// Reductions on a cell combine multiplicatively: two 50 % savings leave 25 %,
// never less than zero (each acts on what the previous one left).
TRAJ_LANE_CLONES void apply_reduce(const detail::ReduceStep& step, const Real* const* rows,
                                   BlockState& state) {
  const std::size_t lanes = state.lanes;
  const detail::AdoptionView adoption = state.adoption_view[static_cast<std::size_t>(step.slot)];
  if (adoption.zero()) return;
  const Real* fraction = rows[step.fraction];
  // The same factor for every cell of the step: computed once.
  Real* kept = state.scratch.data();
  for (std::size_t l = 0; l < lanes; ++l)
    kept[l] = Real(1) - adoption.row[l] * adoption.scale * fraction[l];
  for (const int cell : step.cells) {
    Real* demand = state.row(state.demand, static_cast<std::size_t>(cell));
    for (std::size_t l = 0; l < lanes; ++l) demand[l] *= kept[l];
  }
}

}  // namespace traj::territory::effects
