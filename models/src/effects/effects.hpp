#pragma once
// How each type of effect changes a block's state (one file per type), lane
// by lane. `rows[ref]` points to the lanes of a quantity.

#include "../kernel/kernel_layout.hpp"

namespace traj::territory::effects {

using detail::BlockState;
using detail::Real;

void apply_reduce(const detail::ReduceStep& step, const Real* const* rows, BlockState& state);
void apply_switches(const detail::SwitchStep& step, const Real* const* rows, BlockState& state);
void apply_produce(const detail::ProduceStep& step, const Real* const* rows, BlockState& state);
void apply_factor(const detail::FactorStep& step, const Real* const* rows, std::size_t active_cells,
                  BlockState& state);
void apply_abate(const detail::AbateStep& step, const Real* const* rows, std::size_t sectors,
                 BlockState& state);
void apply_indicator(const detail::IndicatorStep& step, const Real* const* rows, BlockState& state);

}  // namespace traj::territory::effects
