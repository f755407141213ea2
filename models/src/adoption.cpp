#include <algorithm>
#include <cmath>

#include "traj/territory/plan.hpp"

namespace traj::territory {

// Step: the ceiling from the start year. Linear: 0 at the start year, the
// ceiling at full_year. Logistic: ceiling / (1 + exp(-k (t - midpoint))) from
// the start year (Rogers' diffusion of innovations S-curve), 0 before.
double adoption_at(const Adoption& adoption, double year, std::span<const double> parameters) {
  const double start = adoption.start.value(parameters);
  if (year < start) return 0.0;
  const double ceiling = adoption.ceiling.value(parameters);
  switch (adoption.curve) {
    case CurveKind::Step:
      return ceiling;
    case CurveKind::Linear: {
      const double full = adoption.full_year.value(parameters);
      if (full <= start) return ceiling;
      return ceiling * std::clamp((year - start) / (full - start), 0.0, 1.0);
    }
    case CurveKind::Logistic: {
      const double midpoint = adoption.midpoint.value(parameters);
      const double steepness = adoption.steepness.value(parameters);
      return ceiling / (1.0 + std::exp(-steepness * (year - midpoint)));
    }
  }
  return 0.0;
}

}  // namespace traj::territory
