#pragma once
/// How each type of effect changes the year's state (one file per type).
/// `adoption` is the action's adoption this year; `parameters` the member's.

#include <span>

#include "traj/territory/plan.hpp"
#include "traj/territory/scenario.hpp"
#include "traj/territory/year_state.hpp"

namespace traj::territory::effects {

void apply_reduce(const Scenario& scenario, const Effect& effect, double adoption,
                  std::span<const double> parameters, YearState& state);
void apply_switches(const Scenario& scenario, const SwitchGroup& group,
                    std::span<const double> parameters, YearState& state);
void apply_produce(const Effect& effect, double adoption, std::span<const double> parameters,
                   YearState& state);
void apply_factor(const Scenario& scenario, const Effect& effect, double adoption,
                  std::span<const double> parameters, YearState& state);
void apply_abate(const Scenario& scenario, const Effect& effect, double adoption,
                 std::span<const double> parameters, YearState& state);
void apply_indicator(const Effect& effect, double adoption, std::span<const double> parameters,
                     YearState& state);

}  // namespace traj::territory::effects
