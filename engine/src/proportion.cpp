#include "traj/proportion.hpp"

#include <algorithm>
#include <cmath>

namespace traj {

ProportionEstimate estimate_proportion(std::uint64_t successes, std::uint64_t members, double z) {
  ProportionEstimate estimate;
  if (members == 0) {
    estimate.ci_high = 1.0;
    return estimate;
  }
  const double n = static_cast<double>(members);
  const double p = static_cast<double>(successes) / n;
  const double z2 = z * z;
  const double centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
  const double half = z / (1.0 + z2 / n) * std::sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n));
  estimate.probability = p;
  // At p = 0 (or 1) the bound is exactly 0 (1); rounding would leave ~1e-19.
  estimate.ci_low = successes == 0 ? 0.0 : std::max(0.0, centre - half);
  estimate.ci_high = successes == members ? 1.0 : std::min(1.0, centre + half);
  estimate.standard_error = std::sqrt(p * (1.0 - p) / n);
  return estimate;
}

ProportionEstimate wilson_at(double p, double n, double z) {
  ProportionEstimate estimate;
  const double z2 = z * z;
  const double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const double half = z / (1 + z2 / n) * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n));
  estimate.probability = p;
  // At p = 0 (or 1) the bound is exactly 0 (1); rounding would leave ~1e-19.
  estimate.ci_low = p == 0.0 ? 0.0 : std::max(0.0, centre - half);
  estimate.ci_high = p == 1.0 ? 1.0 : std::min(1.0, centre + half);
  estimate.standard_error = std::sqrt(p * (1 - p) / n);
  return estimate;
}

}  // namespace traj
