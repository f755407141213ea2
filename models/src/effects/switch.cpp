// switch: part of a cell's demand moved to another carrier.

#include <algorithm>

#include "../kernel/kernel_program.hpp"
#include "../scenario/loader/effect_table.hpp"
#include "effects.hpp"

namespace traj::territory::effects {

using detail::load_lanes;
using detail::RealVector;
using detail::store_lanes;
using detail::VECTOR_LANES;

namespace {

// The arrays of these loops never overlap; `__restrict` says so, and lets
// them vectorise. Same operations, in the same order, as lane by lane.

/// One move: energy delivered to the target cell (and to the source it
/// counts as local production), a heat pump's ambient heat to its source.
/// The two sources are distinct rows: the loader takes ambient heat from a
/// source used on site (carrier "none") and local production from one of
/// the carrier switched to.
template <bool Efficiencies, bool Ambient, bool Local>
TRAJ_LANE_CLONES void move_energy(const Real* __restrict available, const Real* __restrict adoption,
                                  Real adoption_scale, const Real* __restrict share,
                                  const Real* __restrict scale, const Real* __restrict ratio,
                                  const Real* __restrict from_efficiency, std::size_t lanes,
                                  Real* __restrict to, Real* __restrict ambient,
                                  Real* __restrict local) {
  for (std::size_t l = 0; l < lanes; ++l) {
    Real delivered = 0, heat = 0;
    if constexpr (Efficiencies) {
      const Real moved = available[l] * (adoption[l] * adoption_scale) * share[l] * scale[l];
      const Real useful = moved * from_efficiency[l];
      delivered = moved * ratio[l];
      heat = std::max(Real(0), useful - delivered);
    } else {
      delivered = available[l] * (adoption[l] * adoption_scale) * share[l] * scale[l] * ratio[l];
    }
    to[l] += delivered;
    if constexpr (Ambient) ambient[l] += heat;
    if constexpr (Local) local[l] += delivered;
  }
}

using MoveLoop = void (*)(const Real*, const Real*, Real, const Real*, const Real*, const Real*,
                          const Real*, std::size_t, Real*, Real*, Real*);

MoveLoop move_loop(bool efficiencies, bool ambient, bool local) {
  if (!efficiencies)
    return local ? move_energy<false, false, true> : move_energy<false, false, false>;
  if (ambient) return local ? move_energy<true, true, true> : move_energy<true, true, false>;
  return local ? move_energy<true, false, true> : move_energy<true, false, false>;
}

// Selections written on vectors (GCC did not if-convert them).
inline void share_out(const Real* __restrict requested, const Real* __restrict from,
                      std::size_t lanes, Real* __restrict scale, Real* __restrict available) {
  const RealVector one = RealVector{} + Real(1);
  std::size_t l = 0;
  for (; l + VECTOR_LANES <= lanes; l += VECTOR_LANES) {
    const RealVector wanted = load_lanes(requested + l);
    const RealVector inverse = one / wanted;
    store_lanes(scale + l, wanted > one ? inverse : one);
    store_lanes(available + l, load_lanes(from + l));
  }
  for (; l < lanes; ++l) {
    scale[l] = requested[l] > Real(1) ? Real(1) / requested[l] : Real(1);
    available[l] = from[l];
  }
}

inline void keep_remainder(const Real* __restrict available, const Real* __restrict requested,
                           std::size_t lanes, Real* __restrict from) {
  const RealVector zero = RealVector{}, one = zero + Real(1);
  std::size_t l = 0;
  for (; l + VECTOR_LANES <= lanes; l += VECTOR_LANES) {
    const RealVector wanted = load_lanes(requested + l);
    const RealVector taken = one < wanted ? one : wanted;  // std::min(requested, 1)
    const RealVector left = load_lanes(available + l) * (one - taken);
    store_lanes(from + l, zero < left ? left : zero);  // std::max(0, left)
  }
  for (; l < lanes; ++l) {
    from[l] = std::max(Real(0), available[l] * (Real(1) - std::min(requested[l], Real(1))));
  }
}

// ambient_heat_source: a source used on site, given the heat pump's COP.
void read_ambient_heat_source(loader::EffectTable& effect, SwitchEffect& move) {
  const Scenario& scenario = effect.context.scenario;
  if (auto source =
          effect.context.read_reference(effect.table, "ambient_heat_source",
                                        effect.context.source_ids(), "local production source")) {
    if (!move.has_efficiencies) {
      effect.table.report("ambient_heat_source",
                          "expected from_efficiency and to_efficiency (the heat pump's COP) to "
                          "compute the ambient heat, found a ratio");
    } else if (scenario.sources[static_cast<std::size_t>(*source)].carrier != NONE) {
      effect.table.report(
          "ambient_heat_source",
          "expected a source used on site (carrier = \"none\"), found " +
              loader::quoted(scenario.sources[static_cast<std::size_t>(*source)].id));
    } else {
      move.ambient_heat_source = *source;
    }
  }
}

// local_source: a source delivering the carrier switched to.
void read_local_source(loader::EffectTable& effect, SwitchEffect& move) {
  const Scenario& scenario = effect.context.scenario;
  if (auto source = effect.context.read_reference(
          effect.table, "local_source", effect.context.source_ids(), "local production source")) {
    if (scenario.sources[static_cast<std::size_t>(*source)].carrier != move.to) {
      effect.table.report(
          "local_source",
          "expected a source delivering the carrier switched to, found " +
              loader::quoted(scenario.sources[static_cast<std::size_t>(*source)].id));
    } else {
      move.local_source = *source;
    }
  }
}

}  // namespace

// sectors, from, to, share, then ratio or the two efficiencies, and the
// sources the moved energy counts as.
SwitchEffect read_switch(loader::EffectTable& effect) {
  loader::ReaderContext& context = effect.context;
  const Scenario& scenario = context.scenario;
  SwitchEffect move;
  effect.know({"sectors", "from", "to", "ambient_heat_source", "local_source"});
  move.sectors = effect.sectors();
  move.from =
      context.read_reference(effect.table, "from", scenario.carriers, "carrier of the territory")
          .value_or(NONE);
  move.to =
      context.read_reference(effect.table, "to", scenario.carriers, "carrier of the territory")
          .value_or(NONE);
  if (move.from != NONE && move.from == move.to) {
    effect.table.report("to",
                        "expected a carrier other than from, found the same " +
                            loader::quoted(scenario.carriers[static_cast<std::size_t>(move.to)]));
  }
  if (auto value = effect.quantity("share", Dimension::Fraction, FRACTION_RANGE, true))
    move.share = *value;
  const bool has_ratio = effect.has("ratio");
  if (has_ratio) {
    effect.exclusive("ratio", "from_efficiency");
    effect.exclusive("ratio", "to_efficiency");
  }
  constexpr ValueRange EFFICIENCY{0.05, 10.0, "in [0.05, 10]"};
  if (has_ratio) {
    if (auto value =
            effect.quantity("ratio", Dimension::Ratio, {0.01, 10.0, "in [0.01, 10]"}, true)) {
      move.ratio = *value;
    }
  } else {
    const auto from_efficiency =
        effect.quantity("from_efficiency", Dimension::Ratio, EFFICIENCY, true);
    const auto to_efficiency = effect.quantity("to_efficiency", Dimension::Ratio, EFFICIENCY, true);
    if (from_efficiency && to_efficiency) {
      move.from_efficiency = *from_efficiency;
      move.to_efficiency = *to_efficiency;
      move.has_efficiencies = true;
    }
  }
  effect.know({"ratio", "from_efficiency", "to_efficiency"});
  if (effect.has("ambient_heat_source")) read_ambient_heat_source(effect, move);
  if (effect.has("local_source")) read_local_source(effect, move);
  if (move.from != NONE && move.to != NONE) {
    for (const int sector : move.sectors) {
      context.note_cell_use(sector, move.to, effect.node.where, effect.path);
    }
  }
  return move;
}

// The switches leaving one cell, in the plan's order; moves given by two
// efficiencies get a row of BlockState::efficiency_ratio each.
detail::SwitchStep compile_step(const SwitchGroup& group, KernelProgram& program) {
  const Scenario& scenario = program.scenario;
  detail::SwitchStep step;
  step.from_cell =
      program.active_of_cell[static_cast<std::size_t>(scenario.cell(group.sector, group.from))];
  for (const auto& planned : group.switches) {
    const SwitchEffect& effect = *planned.effect;
    detail::SwitchMove move;
    move.slot = planned.slot;
    move.share = program.ref(effect.share);
    if (effect.has_efficiencies) {
      move.from_efficiency = program.ref(effect.from_efficiency);
      move.to_efficiency = program.ref(effect.to_efficiency);
      move.efficiency_ratio = program.efficiency_ratios++;
    } else {
      move.ratio = program.ref(effect.ratio);
    }
    move.to_cell =
        program.active_of_cell[static_cast<std::size_t>(scenario.cell(group.sector, effect.to))];
    move.ambient_source = effect.ambient_heat_source;
    move.local_source = effect.local_source;
    step.moves.push_back(move);
  }
  return step;
}

// All switches leaving one cell share its demand: requested shares a·share
// are scaled down together when they exceed 1, so that no more than the cell
// holds is ever moved. Moved energy E becomes E·ratio of the target carrier,
// ratio = from_efficiency / to_efficiency (same useful energy). For a heat
// pump the useful heat E·from_efficiency minus the electricity it takes is
// ambient heat, counted as local renewable heat.
TRAJ_LANE_CLONES void apply_switches(const detail::SwitchStep& step, const Real* const* rows,
                                     BlockState& state) {
  const std::size_t lanes = state.lanes;
  const auto adoption_of = [&state](const detail::SwitchMove& move) {
    return state.adoption_view[static_cast<std::size_t>(move.slot)];
  };
  // Moves not started take nothing, and a cell none of them takes from is
  // left as it is.
  if (std::all_of(step.moves.begin(), step.moves.end(),
                  [&](const auto& move) { return adoption_of(move).zero(); }))
    return;
  Real* from = state.row(state.demand, static_cast<std::size_t>(step.from_cell));
  // Per lane: the factor that turns a move's requested share into the share
  // of the cell it takes (1, or 1 / total requested when above 1).
  Real* scale = state.scratch.data();
  Real* available = state.scratch.data() + lanes;
  Real* requested = state.scratch.data() + 2 * lanes;
  std::fill_n(requested, lanes, Real(0));
  for (const auto& move : step.moves) {
    const detail::AdoptionView adoption = adoption_of(move);
    if (adoption.zero()) continue;
    const Real* share = rows[move.share];
    for (std::size_t l = 0; l < lanes; ++l)
      requested[l] += adoption.row[l] * adoption.scale * share[l];
  }
  share_out(requested, from, lanes, scale, available);
  for (const auto& move : step.moves) {
    const detail::AdoptionView adoption = adoption_of(move);
    if (adoption.zero()) continue;
    const bool efficiencies = move.ratio == detail::NO_REF;
    const Real* ratio = efficiencies ? state.row(state.efficiency_ratio,
                                                 static_cast<std::size_t>(move.efficiency_ratio))
                                     : rows[move.ratio];
    const Real* from_efficiency = efficiencies ? rows[move.from_efficiency] : nullptr;
    Real* to = state.row(state.demand, static_cast<std::size_t>(move.to_cell));
    Real* ambient = efficiencies && move.ambient_source >= 0
                        ? state.row(state.production, static_cast<std::size_t>(move.ambient_source))
                        : nullptr;
    Real* local = move.local_source >= 0
                      ? state.row(state.production, static_cast<std::size_t>(move.local_source))
                      : nullptr;
    move_loop(efficiencies, ambient != nullptr, local != nullptr)(
        available, adoption.row, adoption.scale, rows[move.share], scale, ratio, from_efficiency,
        lanes, to, ambient, local);
  }
  keep_remainder(available, requested, lanes, from);
}

}  // namespace traj::territory::effects
