#include <algorithm>

#include "effects.hpp"
#include "traj/lane_vector.hpp"

namespace traj::territory::effects {

namespace {

// The arrays of these loops never overlap; `__restrict` says so, and lets
// them vectorise. Same operations, in the same order, as lane by lane.

/// One move: energy delivered to the target cell (and to the source it
/// counts as local production), a heat pump's ambient heat to its source.
/// The two sources are distinct rows: the loader takes ambient heat from a
/// source used on site (carrier "none") and local production from one of
/// the carrier switched to.
template <bool Efficiencies, bool Ambient, bool Local>
TRAJ_LANE_CLONES void move_energy(const double* __restrict available,
                                  const double* __restrict adoption, double adoption_scale,
                                  const double* __restrict share, const double* __restrict scale,
                                  const double* __restrict ratio,
                                  const double* __restrict from_efficiency, std::size_t lanes,
                                  double* __restrict to, double* __restrict ambient,
                                  double* __restrict local) {
  for (std::size_t l = 0; l < lanes; ++l) {
    double delivered = 0.0, heat = 0.0;
    if constexpr (Efficiencies) {
      const double moved = available[l] * (adoption[l] * adoption_scale) * share[l] * scale[l];
      const double useful = moved * from_efficiency[l];
      delivered = moved * ratio[l];
      heat = std::max(0.0, useful - delivered);
    } else {
      delivered = available[l] * (adoption[l] * adoption_scale) * share[l] * scale[l] * ratio[l];
    }
    to[l] += delivered;
    if constexpr (Ambient) ambient[l] += heat;
    if constexpr (Local) local[l] += delivered;
  }
}

using MoveLoop = void (*)(const double*, const double*, double, const double*, const double*,
                          const double*, const double*, std::size_t, double*, double*, double*);

MoveLoop move_loop(bool efficiencies, bool ambient, bool local) {
  if (!efficiencies)
    return local ? move_energy<false, false, true> : move_energy<false, false, false>;
  if (ambient) return local ? move_energy<true, true, true> : move_energy<true, true, false>;
  return local ? move_energy<true, false, true> : move_energy<true, false, false>;
}

// Selections written on Double4 (GCC did not if-convert them).
inline void share_out(const double* __restrict requested, const double* __restrict from,
                      std::size_t lanes, double* __restrict scale, double* __restrict available) {
  const Double4 one = {1.0, 1.0, 1.0, 1.0};
  std::size_t l = 0;
  for (; l + 4 <= lanes; l += 4) {
    const Double4 wanted = load4(requested + l);
    const Double4 inverse = one / wanted;
    store4(scale + l, wanted > one ? inverse : one);
    store4(available + l, load4(from + l));
  }
  for (; l < lanes; ++l) {
    scale[l] = requested[l] > 1.0 ? 1.0 / requested[l] : 1.0;
    available[l] = from[l];
  }
}

inline void keep_remainder(const double* __restrict available, const double* __restrict requested,
                           std::size_t lanes, double* __restrict from) {
  const Double4 zero = {0.0, 0.0, 0.0, 0.0}, one = {1.0, 1.0, 1.0, 1.0};
  std::size_t l = 0;
  for (; l + 4 <= lanes; l += 4) {
    const Double4 wanted = load4(requested + l);
    const Double4 taken = one < wanted ? one : wanted;  // std::min(requested, 1)
    const Double4 left = load4(available + l) * (one - taken);
    store4(from + l, zero < left ? left : zero);  // std::max(0, left)
  }
  for (; l < lanes; ++l) {
    from[l] = std::max(0.0, available[l] * (1.0 - std::min(requested[l], 1.0)));
  }
}

}  // namespace

// All switches leaving one cell share its demand: requested shares a·share
// are scaled down together when they exceed 1, so that no more than the cell
// holds is ever moved. Moved energy E becomes E·ratio of the target carrier,
// ratio = from_efficiency / to_efficiency (same useful energy). For a heat
// pump the useful heat E·from_efficiency minus the electricity it takes is
// ambient heat, counted as local renewable heat.
TRAJ_LANE_CLONES void apply_switches(const detail::SwitchStep& step, const double* const* rows,
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
  double* from = state.row(state.demand, static_cast<std::size_t>(step.from_cell));
  // Per lane: the factor that turns a move's requested share into the share
  // of the cell it takes (1, or 1 / total requested when above 1).
  double* scale = state.scratch.data();
  double* available = state.scratch.data() + lanes;
  double* requested = state.scratch.data() + 2 * lanes;
  std::fill_n(requested, lanes, 0.0);
  for (const auto& move : step.moves) {
    const detail::AdoptionView adoption = adoption_of(move);
    if (adoption.zero()) continue;
    const double* share = rows[move.share];
    for (std::size_t l = 0; l < lanes; ++l)
      requested[l] += adoption.row[l] * adoption.scale * share[l];
  }
  share_out(requested, from, lanes, scale, available);
  for (const auto& move : step.moves) {
    const detail::AdoptionView adoption = adoption_of(move);
    if (adoption.zero()) continue;
    const bool efficiencies = move.ratio == detail::NO_REF;
    const double* ratio = efficiencies ? state.row(state.efficiency_ratio,
                                                   static_cast<std::size_t>(move.efficiency_ratio))
                                       : rows[move.ratio];
    const double* from_efficiency = efficiencies ? rows[move.from_efficiency] : nullptr;
    double* to = state.row(state.demand, static_cast<std::size_t>(move.to_cell));
    double* ambient =
        efficiencies && move.ambient_source >= 0
            ? state.row(state.production, static_cast<std::size_t>(move.ambient_source))
            : nullptr;
    double* local = move.local_source >= 0
                        ? state.row(state.production, static_cast<std::size_t>(move.local_source))
                        : nullptr;
    move_loop(efficiencies, ambient != nullptr, local != nullptr)(
        available, adoption.row, adoption.scale, rows[move.share], scale, ratio, from_efficiency,
        lanes, to, ambient, local);
  }
  keep_remainder(available, requested, lanes, from);
}

}  // namespace traj::territory::effects
