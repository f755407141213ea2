#include <algorithm>

#include "effects.hpp"

namespace traj::territory::effects {

// All switches leaving one cell share its demand: requested shares a·share
// are scaled down together when they exceed 1, so that no more than the cell
// holds is ever moved. Moved energy E becomes E·ratio of the target carrier,
// ratio = from_efficiency / to_efficiency (same useful energy). For a heat
// pump the useful heat E·from_efficiency minus the electricity it takes is
// ambient heat, counted as local renewable heat.
void apply_switches(const Scenario& scenario, const SwitchGroup& group,
                    std::span<const double> parameters, YearState& state) {
  const auto from_cell = static_cast<std::size_t>(scenario.cell(group.sector, group.from));
  double requested = 0.0;
  for (const auto& planned : group.switches) {
    requested += state.adoption[static_cast<std::size_t>(planned.slot)] *
                 planned.effect->share.value(parameters);
  }
  if (requested <= 0.0) return;
  const double scale = requested > 1.0 ? 1.0 / requested : 1.0;
  const double available = state.demand[from_cell];
  for (const auto& planned : group.switches) {
    const Effect& effect = *planned.effect;
    const double moved = available * state.adoption[static_cast<std::size_t>(planned.slot)] *
                         effect.share.value(parameters) * scale;
    double ratio;
    double useful = 0.0;
    double to_efficiency = 1.0;
    if (effect.has_efficiencies) {
      useful = moved * effect.from_efficiency.value(parameters);
      to_efficiency = effect.to_efficiency.value(parameters);
      ratio = effect.from_efficiency.value(parameters) / to_efficiency;
    } else {
      ratio = effect.ratio.value(parameters);
    }
    const double delivered = moved * ratio;
    state.demand[static_cast<std::size_t>(scenario.cell(group.sector, effect.to))] += delivered;
    if (effect.ambient_heat_source != NONE) {
      state.production[static_cast<std::size_t>(effect.ambient_heat_source)] +=
          std::max(0.0, useful - delivered);
    }
    if (effect.local_source != NONE) {
      state.production[static_cast<std::size_t>(effect.local_source)] += delivered;
    }
  }
  state.demand[from_cell] = std::max(0.0, available * (1.0 - std::min(requested, 1.0)));
}

}  // namespace traj::territory::effects
