#pragma once
/// Probability distributions of uncertain numbers, in canonical units.

#include <limits>
#include <string>

namespace traj {

/// One of the families a scenario may use. Parameters are in canonical units.
///
/// - Fixed{value}
/// - Uniform{min, max}
/// - Triangular{min, mode, max}
/// - Normal{mean, sd}, optionally truncated to [min, max]
/// - Lognormal{median, sigma} (sigma of the underlying normal)
/// - Pert{min, mode, max} (Beta-PERT, shape 4; Vose 2008, "Risk Analysis")
struct Distribution {
  enum class Family { Fixed, Uniform, Triangular, Normal, Lognormal, Pert };

  Family family = Family::Fixed;
  double a = 0.0;                                           ///< value | min | mean | median
  double b = 0.0;                                           ///< max | mode | sd | sigma
  double c = 0.0;                                           ///< max (triangular, PERT)
  double lower = -std::numeric_limits<double>::infinity();  ///< truncation of the normal
  double upper = std::numeric_limits<double>::infinity();

  static Distribution fixed(double value) { return {Family::Fixed, value, 0.0, 0.0}; }

  bool is_fixed() const { return family == Family::Fixed; }

  /// The value used by deterministic runs: the median. The median, unlike the
  /// mean or the mode, commutes with monotone transformations, so a
  /// deterministic run of a model monotone in each parameter gives the median
  /// member of the ensemble for each single parameter.
  double central() const;

  /// The value with cumulative probability `u` in (0, 1) (inverse CDF). Used to
  /// turn a uniform random number into a sample.
  double quantile(double u) const;

  /// Smallest and largest values the distribution can take.
  double support_min() const;
  double support_max() const;

  /// Multiplies every location parameter by `factor` (unit conversion).
  Distribution scaled(double factor) const;

  /// e.g. "triangular(0.45, 0.65, 0.8)"
  std::string describe() const;
};

}  // namespace traj
