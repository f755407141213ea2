#include <algorithm>

#include "effects.hpp"

namespace traj::territory::effects {

// All switches leaving one cell share its demand: requested shares a·share
// are scaled down together when they exceed 1, so that no more than the cell
// holds is ever moved. Moved energy E becomes E·ratio of the target carrier,
// ratio = from_efficiency / to_efficiency (same useful energy). For a heat
// pump the useful heat E·from_efficiency minus the electricity it takes is
// ambient heat, counted as local renewable heat.
void apply_switches(const detail::SwitchStep& step, const double* const* rows, BlockState& state) {
  const std::size_t lanes = state.lanes;
  double* from = state.row(state.demand, static_cast<std::size_t>(step.from_cell));
  for (std::size_t l = 0; l < lanes; ++l) {
    double requested = 0.0;
    for (const auto& move : step.moves) {
      requested +=
          state.adoption[static_cast<std::size_t>(move.slot) * lanes + l] * rows[move.share][l];
    }
    if (requested <= 0.0) continue;
    const double scale = requested > 1.0 ? 1.0 / requested : 1.0;
    const double available = from[l];
    for (const auto& move : step.moves) {
      const double moved = available *
                           state.adoption[static_cast<std::size_t>(move.slot) * lanes + l] *
                           rows[move.share][l] * scale;
      double ratio;
      double useful = 0.0;
      if (move.ratio != detail::NO_REF) {
        ratio = rows[move.ratio][l];
      } else {
        useful = moved * rows[move.from_efficiency][l];
        ratio = rows[move.from_efficiency][l] / rows[move.to_efficiency][l];
      }
      const double delivered = moved * ratio;
      state.demand[static_cast<std::size_t>(move.to_cell) * lanes + l] += delivered;
      if (move.ambient_source >= 0) {
        state.production[static_cast<std::size_t>(move.ambient_source) * lanes + l] +=
            std::max(0.0, useful - delivered);
      }
      if (move.local_source >= 0) {
        state.production[static_cast<std::size_t>(move.local_source) * lanes + l] += delivered;
      }
    }
    from[l] = std::max(0.0, available * (1.0 - std::min(requested, 1.0)));
  }
}

}  // namespace traj::territory::effects
