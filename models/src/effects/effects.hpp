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
/// Factors stack whatever the order of the actions: the shares new
/// factors request on a cell are summed (add_factor_shares), then mixed in
/// at most the whole cell (mix_factors), then relative cuts multiply
/// (apply_factor_cut).
void add_factor_shares(const detail::FactorStep& step, const Real* const* rows, BlockState& state);
void mix_factors(const std::vector<std::size_t>& mixed_factors, BlockState& state);
void apply_factor_cut(const detail::FactorStep& step, const Real* const* rows,
                      std::size_t active_cells, BlockState& state);
void apply_abate(const detail::AbateStep& step, const Real* const* rows, std::size_t sectors,
                 BlockState& state);
void apply_indicator(const detail::IndicatorStep& step, const Real* const* rows, BlockState& state);

}  // namespace traj::territory::effects
