#pragma once
// The kernel's lane type, quantity references and working state for one
// block of members. Internal to models/. (Each effect's compiled step is in
// ../effects/effects.hpp.)

#include <cstddef>
#include <vector>

#include "traj/lane_clones.hpp"
#include "traj/lane_vector.hpp"

namespace traj::territory::detail {

/// The number type of every lane of the kernel: single precision. Results
/// are within about 1e-6 relative of double precision, three orders of
/// magnitude below the Monte Carlo error of a million members, for half the
/// bytes and twice the lanes per instruction (docs/model.md#precision).
/// Parameters are rounded to Real once per block; the engine widens the
/// year's indicators back to double as it reads them.
using Real = float;

/// VECTOR_LANES lanes of Real operated on lane by lane (GCC/Clang vector
/// extension): the same IEEE operations as scalar code, in the same order,
/// whatever the instruction set. For loops the compiler would not vectorise
/// by itself, e.g. sums held in registers.
typedef Real RealVector __attribute__((vector_size(32)));
inline constexpr std::size_t VECTOR_LANES = sizeof(RealVector) / sizeof(Real);

[[gnu::always_inline]] inline RealVector load_lanes(const Real* from) {
  return load_vector<RealVector>(from);
}
[[gnu::always_inline]] inline void store_lanes(Real* to, RealVector value) {
  store_vector(to, value);
}

/// Index of a quantity's row of lane values (see BlockWorkspace::rows).
using Ref = int;
inline constexpr Ref NO_REF = -1;

struct AdoptionRefs {
  int curve = 0;  ///< CurveKind
  Ref start = NO_REF, full_year = NO_REF, midpoint = NO_REF, steepness = NO_REF, ceiling = NO_REF;
  double shift = 0.0;  ///< years: the curve is read at year − shift
};

/// One action's adoption this year in every lane of a block: `row[l] ×
/// scale`, or zero everywhere when `row` is null. A curve of fixed shape is
/// its ceiling's row times the year's progress (or the ceiling itself for a
/// step), so it is never written out; the others are computed into
/// BlockState::adoption and read with scale 1. Zero means the action has not
/// started: every effect with zero adoption leaves the state as it is, so it
/// is skipped.
struct AdoptionView {
  const Real* row = nullptr;
  Real scale = 1;

  bool zero() const { return row == nullptr; }
};

/// Working arrays for one block: `[item × lanes]`, sized for max_lanes.
struct BlockState {
  std::size_t lanes = 0;
  std::vector<Real> demand;      ///< active cell
  std::vector<Real> production;  ///< source
  std::vector<Real> factor;      ///< species × active cell
  std::vector<Real> non_energy;  ///< species × sector
  std::vector<Real> custom;      ///< custom indicator
  std::vector<Real> custom_shift;
  std::vector<Real> adoption;               ///< plan slot, for curves not read as views
  std::vector<AdoptionView> adoption_view;  ///< plan slot: this year's adoption
  std::vector<Real> adoption_before;
  std::vector<Real> scratch;  ///< [3 × lanes] for effects
  /// Per mixed factor (a species × cell that new factors reach): the
  /// shares requested by new factors this year, Σ α, and Σ α · new.
  std::vector<Real> factor_share, factor_mix;
  /// from_efficiency / to_efficiency of switches, fixed over the years:
  /// computed once per block (BlockWorkspace::start_block).
  std::vector<Real> efficiency_ratio;

  Real* row(std::vector<Real>& array, std::size_t item) { return array.data() + item * lanes; }
};

}  // namespace traj::territory::detail
