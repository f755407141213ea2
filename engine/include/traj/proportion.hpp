#pragma once
/// Confidence in a probability estimated from successes among members.

#include <cstdint>

namespace traj {

struct ProportionEstimate {
  double probability = 0.0;  ///< successes / members
  double ci_low = 0.0;       ///< Wilson score interval, 95 %
  double ci_high = 0.0;
  double standard_error = 0.0;  ///< Monte Carlo standard error sqrt(p(1−p)/n)
};

/// Wilson (1927) score interval at confidence z (1.96 for 95 %); well
/// behaved near 0 and 1, unlike the normal approximation (Brown, Cai &
/// DasGupta 2001, "Interval estimation for a binomial proportion").
ProportionEstimate estimate_proportion(std::uint64_t successes, std::uint64_t members,
                                       double z = 1.959963984540054);

/// The Wilson interval of a proportion `p` estimated from an effective
/// sample of `n` members (n > 0, not necessarily whole): for weighted or
/// correlated members, n is smaller than their count.
ProportionEstimate wilson_at(double p, double n, double z = 1.959963984540054);

}  // namespace traj
