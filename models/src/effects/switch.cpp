#include <algorithm>

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

}  // namespace

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
