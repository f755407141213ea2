// factor: an emission factor moved to a new value, or cut by a fraction.

#include "../kernel/kernel_program.hpp"
#include "../scenario/loader/effect_table.hpp"
#include "effects.hpp"

namespace traj::territory::effects {

// species, sectors, carriers (those with a stated factor when absent), then
// new_factor or fraction.
FactorEffect read_factor(loader::EffectTable& effect) {
  loader::ReaderContext& context = effect.context;
  const Scenario& scenario = context.scenario;
  FactorEffect factor;
  effect.know({"species", "sectors"});
  factor.species = effect.species();
  factor.sectors = effect.sectors();
  effect.know({"carriers"});
  factor.carriers =
      effect.has("carriers")
          ? context.read_references(effect.table, "carriers", scenario.carriers, "carrier", true)
          : effect.stated_factor_carriers();
  effect.exclusive("new_factor", "fraction");
  for (const int carrier : factor.carriers) {
    if (scenario.conversion_of(carrier) != nullptr) {
      effect.table.report("carriers",
                          "expected carriers whose factor is stated, found " +
                              loader::quoted(scenario.carriers[static_cast<std::size_t>(carrier)]) +
                              " whose factor derives from its conversion's fuels (change theirs)");
    }
  }
  if (effect.has("new_factor")) {
    const Dimension dimension =
        factor.species == 0 ? Dimension::GhgIntensity : Dimension::MassIntensity;
    if (auto value = effect.quantity("new_factor", dimension, NON_NEGATIVE, true)) {
      factor.new_factor = *value;
      factor.has_new_factor = true;
    }
  } else if (auto value = effect.quantity("fraction", Dimension::Fraction, FRACTION_RANGE, true)) {
    factor.fraction = *value;
  }
  effect.know({"new_factor", "fraction"});
  return factor;
}

detail::FactorStep compile_step(const PlannedEffect<FactorEffect>& planned,
                                KernelProgram& program) {
  const FactorEffect& factor = *planned.effect;
  detail::FactorStep step;
  step.slot = planned.slot;
  step.species = factor.species;
  step.cells = program.active_list(factor.sectors, factor.carriers);
  if (factor.has_new_factor) {
    step.new_factor = program.ref(factor.new_factor);
  } else {
    step.fraction = program.ref(factor.fraction);
  }
  return step;
}

// A new factor (e.g. labelled wood stoves) requests a share α of the cell's
// consumption: the shares of every new factor on a cell are summed first,
// so that the order of the actions changes nothing.
TRAJ_LANE_CLONES void add_factor_shares(const detail::FactorStep& step, const Real* const* rows,
                                        BlockState& state) {
  const std::size_t lanes = state.lanes;
  const detail::AdoptionView adoption = state.adoption_view[static_cast<std::size_t>(step.slot)];
  if (adoption.zero()) return;
  const Real* new_factor = rows[step.new_factor];
  for (const int mixed : step.mixed) {
    Real* share = state.row(state.factor_share, static_cast<std::size_t>(mixed));
    Real* mix = state.row(state.factor_mix, static_cast<std::size_t>(mixed));
    for (std::size_t l = 0; l < lanes; ++l) {
      const Real a = adoption.row[l] * adoption.scale;
      share[l] += a;
      mix[l] += a * new_factor[l];
    }
  }
}

// With S = Σ α and M = Σ α · new: EF ← (1 − S) · EF + M while the shares
// fit in the cell, EF ← M / S (each share scaled by 1/S, as switches
// leaving one cell are) when they ask for more. With one new factor this
// is (1 − α) · EF + α · new, the same operations as before stacking was
// defined. The sums then start again at zero for next year.
TRAJ_LANE_CLONES void mix_factors(const std::vector<std::size_t>& mixed_factors,
                                  BlockState& state) {
  const std::size_t lanes = state.lanes;
  for (std::size_t m = 0; m < mixed_factors.size(); ++m) {
    Real* factor = state.row(state.factor, mixed_factors[m]);
    Real* share = state.row(state.factor_share, m);
    Real* mix = state.row(state.factor_mix, m);
    for (std::size_t l = 0; l < lanes; ++l) {
      const Real kept = (Real(1) - share[l]) * factor[l] + mix[l];
      factor[l] = share[l] > Real(1) ? mix[l] / share[l] : kept;
      share[l] = 0;
      mix[l] = 0;
    }
  }
}

// A relative change scales the factor, after the mix: EF ← EF · (1 − α f);
// several multiply.
TRAJ_LANE_CLONES void apply_factor_cut(const detail::FactorStep& step, const Real* const* rows,
                                       std::size_t active_cells, BlockState& state) {
  const std::size_t lanes = state.lanes;
  const detail::AdoptionView adoption = state.adoption_view[static_cast<std::size_t>(step.slot)];
  if (adoption.zero()) return;
  const Real* fraction = rows[step.fraction];
  for (const int cell : step.cells) {
    Real* factor = state.row(state.factor, static_cast<std::size_t>(step.species) * active_cells +
                                               static_cast<std::size_t>(cell));
    for (std::size_t l = 0; l < lanes; ++l)
      factor[l] *= Real(1) - adoption.row[l] * adoption.scale * fraction[l];
  }
}

}  // namespace traj::territory::effects
