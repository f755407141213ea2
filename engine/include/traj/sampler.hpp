#pragma once
/// Fast inverse-CDF samplers for every distribution family: one uniform in,
/// one value out, no allocation, no generic root finding.
///
/// Methods and accuracy (docs/model.md#sampling):
/// - normal: Wichura's AS241 rational approximation (Applied Statistics 37,
///   1988), relative accuracy about 1e-16; truncation by inverting within
///   [Φ(min), Φ(max)];
/// - lognormal: exp of the normal;
/// - uniform, triangular: closed forms;
/// - PERT: the Beta quantile tabulated at load on 2 049 points (from the CDF
///   integrated on a 16 384-cell grid) and interpolated linearly, the 8 outer
///   intervals at each end computed exactly (Boost.Math ibeta_inv); tested to
///   1e-4 of the range.

#include <cstddef>
#include <vector>

#include "traj/distribution.hpp"

namespace traj {

/// Standard normal quantile (AS241, PPND16).
double normal_quantile(double p);

/// A distribution prepared for fast sampling.
class Sampler {
 public:
  explicit Sampler(const Distribution& distribution);
  /// The value with cumulative probability `u` in (0, 1).
  double operator()(double u) const;
  /// values[i] ← (*this)(values[i]) for i in [0, count): the same numbers,
  /// with the choice of family made once.
  void transform(double* values, std::size_t count) const;

 private:
  void build_pert_table();
  void build_pert_tails();
  double pert(double u) const;  ///< PERT from the tables (non-empty)

  Distribution distribution_;
  double p_low_ = 0.0;         ///< normal: Φ at the lower truncation
  double p_high_ = 1.0;        ///< normal: Φ at the upper truncation
  std::vector<double> table_;  ///< PERT: quantiles at u = i / (size - 1)
  /// PERT tails, u below the table's 8th node or 1 − u below it: quantiles
  /// at equal steps of (tail probability / that node's)^(1 / shape).
  std::vector<double> lower_tail_, upper_tail_;
  double alpha_inverse_ = 1.0, beta_inverse_ = 1.0;  ///< PERT: 1/α, 1/β
};

}  // namespace traj
