#include <algorithm>

#include "effects.hpp"
#include "traj/lane_vector.hpp"

namespace traj::territory::effects {

namespace {

// The arrays of these loops never overlap; `__restrict` says so, and lets
// them vectorise. Same operations, in the same order, as lane by lane.
inline void deliver_by_ratio(const double* __restrict available, const double* __restrict adoption,
                             const double* __restrict share, const double* __restrict scale,
                             const double* __restrict ratio, std::size_t lanes,
                             double* __restrict delivered) {
  for (std::size_t l = 0; l < lanes; ++l)
    delivered[l] = available[l] * adoption[l] * share[l] * scale[l] * ratio[l];
}

inline void deliver_by_efficiencies(const double* __restrict available,
                                    const double* __restrict adoption,
                                    const double* __restrict share, const double* __restrict scale,
                                    const double* __restrict from_efficiency,
                                    const double* __restrict ratio, std::size_t lanes,
                                    double* __restrict delivered, double* __restrict ambient) {
  for (std::size_t l = 0; l < lanes; ++l) {
    const double moved = available[l] * adoption[l] * share[l] * scale[l];
    const double useful = moved * from_efficiency[l];
    delivered[l] = moved * ratio[l];
    ambient[l] = std::max(0.0, useful - delivered[l]);
  }
}

inline void add_lanes(const double* __restrict values, std::size_t lanes, double* __restrict to) {
  for (std::size_t l = 0; l < lanes; ++l) to[l] += values[l];
}

// Selections written on Double4 (GCC did not if-convert them).
inline void share_out(const double* __restrict requested, const double* __restrict from,
                      std::size_t lanes, double* __restrict scale, double* __restrict available) {
  const Double4 one = {1.0, 1.0, 1.0, 1.0};
  std::size_t l = 0;
  for (; l + 4 <= lanes; l += 4) {
    const Double4 wanted = four_at(requested + l);
    const Double4 inverse = one / wanted;
    four_at(scale + l) = wanted > one ? inverse : one;
    four_at(available + l) = four_at(from + l);
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
    const Double4 wanted = four_at(requested + l);
    const Double4 taken = one < wanted ? one : wanted;  // std::min(requested, 1)
    const Double4 left = four_at(available + l) * (one - taken);
    four_at(from + l) = zero < left ? left : zero;  // std::max(0, left)
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
  double* from = state.row(state.demand, static_cast<std::size_t>(step.from_cell));
  // Per lane: the factor that turns a move's requested share into the share
  // of the cell it takes (1, or 1 / total requested when above 1).
  double* scale = state.scratch.data();
  double* available = state.scratch.data() + lanes;
  double* requested = state.scratch.data() + 2 * lanes;
  std::fill_n(requested, lanes, 0.0);
  for (const auto& move : step.moves) {
    const double* adoption = state.row(state.adoption, static_cast<std::size_t>(move.slot));
    const double* share = rows[move.share];
    for (std::size_t l = 0; l < lanes; ++l) requested[l] += adoption[l] * share[l];
  }
  share_out(requested, from, lanes, scale, available);
  // What each move delivers (and the ambient heat it draws) is computed into
  // scratch rows first, then added: the rows it adds to may be the same
  // source (ambient and local), so they are added one after the other.
  double* delivered = state.scratch.data() + 3 * lanes;
  double* ambient_heat = state.scratch.data() + 4 * lanes;
  for (const auto& move : step.moves) {
    const double* adoption = state.row(state.adoption, static_cast<std::size_t>(move.slot));
    const double* share = rows[move.share];
    if (move.ratio != detail::NO_REF) {
      deliver_by_ratio(available, adoption, share, scale, rows[move.ratio], lanes, delivered);
    } else {
      deliver_by_efficiencies(
          available, adoption, share, scale, rows[move.from_efficiency],
          state.row(state.efficiency_ratio, static_cast<std::size_t>(move.efficiency_ratio)), lanes,
          delivered, ambient_heat);
      if (move.ambient_source >= 0) {
        add_lanes(ambient_heat, lanes,
                  state.row(state.production, static_cast<std::size_t>(move.ambient_source)));
      }
    }
    add_lanes(delivered, lanes, state.row(state.demand, static_cast<std::size_t>(move.to_cell)));
    if (move.local_source >= 0) {
      add_lanes(delivered, lanes,
                state.row(state.production, static_cast<std::size_t>(move.local_source)));
    }
  }
  keep_remainder(available, requested, lanes, from);
}

}  // namespace traj::territory::effects
