#pragma once
/// The shapes of adoption curves, shared by the program's tables of curves
/// of fixed shape and the lanes of curves of uncertain timing: the same
/// operations, so the same numbers.

#include <algorithm>
#include <cmath>

namespace traj::territory {

/// A linear ramp's progress in `year`: 0 in the start year, 1 from
/// full_year (1 at once when full_year is not after start). Used by the
/// table of fixed curves and, member by member, when the timing is
/// uncertain: the same operations, so the same numbers.
inline double linear_progress(double year, double start, double full_year) {
  const double span = full_year - start;
  const double ratio = std::clamp((year - start) / span, 0.0, 1.0);
  return span <= 0.0 ? 1.0 : ratio;
}

/// Rogers' diffusion S-curve: adoption = ceiling / this.
inline double logistic_denominator(double year, double midpoint, double steepness) {
  return 1.0 + std::exp(-steepness * (year - midpoint));
}

}  // namespace traj::territory
