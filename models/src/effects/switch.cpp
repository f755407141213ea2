#include <algorithm>

#include "effects.hpp"

namespace traj::territory::effects {

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
  for (std::size_t l = 0; l < lanes; ++l) {
    scale[l] = requested[l] > 1.0 ? 1.0 / requested[l] : 1.0;
    available[l] = from[l];
  }
  for (const auto& move : step.moves) {
    const double* adoption = state.row(state.adoption, static_cast<std::size_t>(move.slot));
    const double* share = rows[move.share];
    double* to = state.row(state.demand, static_cast<std::size_t>(move.to_cell));
    double* ambient =
        move.ambient_source >= 0
            ? state.row(state.production, static_cast<std::size_t>(move.ambient_source))
            : nullptr;
    double* local = move.local_source >= 0
                        ? state.row(state.production, static_cast<std::size_t>(move.local_source))
                        : nullptr;
    if (move.ratio != detail::NO_REF) {
      const double* ratio = rows[move.ratio];
      for (std::size_t l = 0; l < lanes; ++l) {
        const double delivered = available[l] * adoption[l] * share[l] * scale[l] * ratio[l];
        to[l] += delivered;
        if (local != nullptr) local[l] += delivered;
      }
    } else {
      const double* from_efficiency = rows[move.from_efficiency];
      const double* to_efficiency = rows[move.to_efficiency];
      for (std::size_t l = 0; l < lanes; ++l) {
        const double moved = available[l] * adoption[l] * share[l] * scale[l];
        const double useful = moved * from_efficiency[l];
        const double delivered = moved * (from_efficiency[l] / to_efficiency[l]);
        to[l] += delivered;
        if (ambient != nullptr) ambient[l] += std::max(0.0, useful - delivered);
        if (local != nullptr) local[l] += delivered;
      }
    }
  }
  for (std::size_t l = 0; l < lanes; ++l) {
    from[l] = std::max(0.0, available[l] * (1.0 - std::min(requested[l], 1.0)));
  }
}

}  // namespace traj::territory::effects
