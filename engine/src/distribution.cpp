#include "traj/distribution.hpp"

#include <algorithm>
#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <limits>
#include <sstream>

namespace traj {
namespace {

double standard_normal_quantile(double p) {
  return boost::math::quantile(boost::math::normal_distribution<double>(0.0, 1.0), p);
}
double standard_normal_cdf(double x) {
  return boost::math::cdf(boost::math::normal_distribution<double>(0.0, 1.0), x);
}

double triangular_quantile(double min, double mode, double max, double u) {
  if (max == min) return min;
  const double split = (mode - min) / (max - min);
  if (u < split) return min + std::sqrt(u * (max - min) * (mode - min));
  return max - std::sqrt((1.0 - u) * (max - min) * (max - mode));
}

// Beta-PERT with shape parameter 4: alpha = 1 + 4 (mode - min) / (max - min).
double pert_quantile(double min, double mode, double max, double u) {
  if (max == min) return min;
  const double alpha = 1.0 + 4.0 * (mode - min) / (max - min);
  const double beta = 1.0 + 4.0 * (max - mode) / (max - min);
  return min + (max - min) *
                   boost::math::quantile(boost::math::beta_distribution<double>(alpha, beta), u);
}

}  // namespace

double Distribution::central() const {
  if (family == Family::Fixed) return a;
  return quantile(0.5);
}

double Distribution::quantile(double u) const {
  switch (family) {
    case Family::Fixed:
      return a;
    case Family::Uniform:
      return a + u * (b - a);
    case Family::Triangular:
      return triangular_quantile(a, b, c, u);
    case Family::Pert:
      return pert_quantile(a, b, c, u);
    case Family::Lognormal:
      return b == 0.0 ? a : a * std::exp(b * standard_normal_quantile(u));
    case Family::Normal: {
      if (b == 0.0) return a;
      const double p_low = std::isfinite(lower) ? standard_normal_cdf((lower - a) / b) : 0.0;
      const double p_high = std::isfinite(upper) ? standard_normal_cdf((upper - a) / b) : 1.0;
      const double p = p_low + u * (p_high - p_low);
      if (p <= 0.0) return lower;
      if (p >= 1.0) return upper;
      return std::clamp(a + b * standard_normal_quantile(p), lower, upper);
    }
  }
  return a;
}

double Distribution::support_min() const {
  switch (family) {
    case Family::Fixed:
      return a;
    case Family::Uniform:
    case Family::Triangular:
    case Family::Pert:
      return a;
    case Family::Lognormal:
      return b == 0.0 ? a : 0.0;
    case Family::Normal:
      return b == 0.0 ? a : lower;
  }
  return a;
}

double Distribution::support_max() const {
  constexpr double infinity = std::numeric_limits<double>::infinity();
  switch (family) {
    case Family::Fixed:
      return a;
    case Family::Uniform:
      return b;
    case Family::Triangular:
    case Family::Pert:
      return c;
    case Family::Lognormal:
      return b == 0.0 ? a : infinity;
    case Family::Normal:
      return b == 0.0 ? a : upper;
  }
  return a;
}

Distribution Distribution::scaled(double factor) const {
  Distribution result = *this;
  switch (family) {
    case Family::Fixed:
    case Family::Lognormal:
      result.a *= factor;
      break;
    case Family::Uniform:
      result.a *= factor;
      result.b *= factor;
      break;
    case Family::Triangular:
    case Family::Pert:
      result.a *= factor;
      result.b *= factor;
      result.c *= factor;
      break;
    case Family::Normal:
      result.a *= factor;
      result.b *= factor;
      result.lower *= factor;
      result.upper *= factor;
      break;
  }
  return result;
}

std::string Distribution::describe() const {
  std::ostringstream text;
  switch (family) {
    case Family::Fixed:
      text << a;
      break;
    case Family::Uniform:
      text << "uniform(" << a << ", " << b << ")";
      break;
    case Family::Triangular:
      text << "triangular(" << a << ", " << b << ", " << c << ")";
      break;
    case Family::Pert:
      text << "pert(" << a << ", " << b << ", " << c << ")";
      break;
    case Family::Lognormal:
      text << "lognormal(median " << a << ", sigma " << b << ")";
      break;
    case Family::Normal:
      text << "normal(mean " << a << ", sd " << b;
      if (std::isfinite(lower)) text << ", min " << lower;
      if (std::isfinite(upper)) text << ", max " << upper;
      text << ")";
      break;
  }
  return text.str();
}

}  // namespace traj
