#pragma once
// The kernel's compiled form of a plan (indices into flat arrays) and its
// working state for one block of members. Internal to models/.

#include <cstddef>
#include <vector>

#include "traj/lane_clones.hpp"

namespace traj::territory::detail {

/// Index of a quantity's row of lane values (see Kernel::Impl::rows).
using Ref = int;
inline constexpr Ref NO_REF = -1;

struct AdoptionRefs {
  int curve = 0;  ///< CurveKind
  Ref start = NO_REF, full_year = NO_REF, midpoint = NO_REF, steepness = NO_REF, ceiling = NO_REF;
};

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

/// One action's adoption this year in every lane of a block: `row[l] ×
/// scale`, or zero everywhere when `row` is null. A curve of fixed shape is
/// its ceiling's row times the year's progress (or the ceiling itself for a
/// step), so it is never written out; the others are computed into
/// BlockState::adoption and read with scale 1. Zero means the action has not
/// started: every effect with zero adoption leaves the state as it is, so it
/// is skipped.
struct AdoptionView {
  const double* row = nullptr;
  double scale = 1.0;

  bool zero() const { return row == nullptr; }
};

/// Working arrays for one block: `[item × lanes]`, sized for max_lanes.
struct BlockState {
  std::size_t lanes = 0;
  std::vector<double> demand;      ///< active cell
  std::vector<double> production;  ///< source
  std::vector<double> factor;      ///< species × active cell
  std::vector<double> non_energy;  ///< species × sector
  std::vector<double> custom;      ///< custom indicator
  std::vector<double> custom_shift;
  std::vector<double> adoption;             ///< plan slot, for curves not read as views
  std::vector<AdoptionView> adoption_view;  ///< plan slot: this year's adoption
  std::vector<double> adoption_before;
  std::vector<double> scratch;  ///< [3 × lanes] for effects
  /// from_efficiency / to_efficiency of switches, fixed over the years:
  /// computed once per block (Kernel::Impl::start_block).
  std::vector<double> efficiency_ratio;

  double* row(std::vector<double>& array, std::size_t item) { return array.data() + item * lanes; }
};

}  // namespace traj::territory::detail
