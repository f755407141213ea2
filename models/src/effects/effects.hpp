#pragma once
// Each type of effect in the kernel, one file each (effects/<type>.cpp, which
// also reads its keys: ../scenario/loader/effect_table.hpp): the step it
// compiles to (indices into the program's flat arrays), how a planned effect
// is compiled into it, and how it changes a block's state lane by lane.
// `rows[ref]` points to the lanes of a quantity. The kernel keeps one array
// of steps per type and calls these directly: no virtual call, no
// allocation in its loops.

#include <vector>

#include "../kernel/kernel_layout.hpp"
#include "traj/territory/plan.hpp"

namespace traj::territory {
class KernelProgram;
}

namespace traj::territory::detail {

struct ReduceStep {
  int slot = 0;
  Ref fraction = NO_REF;
  std::vector<int> cells;  ///< active cell indices
};

struct SwitchMove {
  int slot = 0;
  Ref share = NO_REF;
  Ref ratio = NO_REF;  ///< or the two efficiencies
  Ref from_efficiency = NO_REF;
  Ref to_efficiency = NO_REF;
  int efficiency_ratio = -1;  ///< row of BlockState::efficiency_ratio, with efficiencies
  int to_cell = 0;            ///< active cell index
  int ambient_source = -1;
  int local_source = -1;
};

/// The switches leaving one cell (a SwitchGroup of the plan).
struct SwitchStep {
  int from_cell = 0;  ///< active cell index
  std::vector<SwitchMove> moves;
};

struct ProduceStep {
  int slot = 0;
  int source = 0;
  Ref capacity = NO_REF, yield = NO_REF, energy = NO_REF;
};

struct FactorStep {
  int slot = 0;
  int species = 0;
  std::vector<int> cells;   ///< active cell indices
  Ref new_factor = NO_REF;  ///< or fraction
  Ref fraction = NO_REF;
  /// With a new factor: for each cell, its row of BlockState::factor_share
  /// and factor_mix (the cell's factor is mixed, apply_factor_mix).
  std::vector<int> mixed;
};

struct AbateStep {
  int slot = 0;
  int species = 0;
  std::vector<int> sectors;
  Ref fraction = NO_REF;
};

struct IndicatorStep {
  int slot = 0;
  int indicator = 0;
  Ref fraction = NO_REF;  ///< or change
  Ref change = NO_REF;
};

}  // namespace traj::territory::detail

namespace traj::territory::effects {

using detail::BlockState;
using detail::Real;

// Compiling, while the program is built (KernelProgram::list_steps): each
// quantity becomes a Ref of the program, each cell its active index.
detail::ReduceStep compile_step(const PlannedEffect<ReduceEffect>& planned, KernelProgram& program);
detail::SwitchStep compile_step(const SwitchGroup& group, KernelProgram& program);
detail::ProduceStep compile_step(const PlannedEffect<ProduceEffect>& planned,
                                 KernelProgram& program);
detail::FactorStep compile_step(const PlannedEffect<FactorEffect>& planned, KernelProgram& program);
detail::AbateStep compile_step(const PlannedEffect<AbateEffect>& planned, KernelProgram& program);
detail::IndicatorStep compile_step(const PlannedEffect<IndicatorEffect>& planned,
                                   KernelProgram& program);

// Applying, every year, to a block.
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
