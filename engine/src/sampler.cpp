#include "traj/sampler.hpp"
#include "traj/lane_clones.hpp"
#include "traj/lane_vector.hpp"

#include <algorithm>
#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/normal.hpp>
#include <cmath>

namespace traj {

// Wichura, M. J. (1988). Algorithm AS 241: The percentage points of the
// normal distribution. Applied Statistics 37(3), 477–484 (PPND16).
double normal_quantile(double p) {
  const double q = p - 0.5;
  if (std::abs(q) <= 0.425) {
    const double r = 0.180625 - q * q;
    return q *
           (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) *
                    r +
                45921.953931549871457) *
                   r +
               13731.693765509461125) *
                  r +
              1971.5909503065514427) *
                 r +
             133.14166789178437745) *
                r +
            3.387132872796366608) /
           (((((((5226.495278852545925 * r + 28729.085735721942674) * r + 39307.89580009271061) *
                    r +
                21213.794301586595867) *
                   r +
               5394.1960214247511077) *
                  r +
              687.1870074920579083) *
                 r +
             42.313330701600911252) *
                r +
            1.0);
  }
  double r = q < 0 ? p : 1.0 - p;
  r = std::sqrt(-std::log(r));
  double value;
  if (r <= 5.0) {
    r -= 1.6;
    value = (((((((7.7454501427834140764e-4 * r + 0.0227238449892691845833) * r +
                  0.24178072517745061177) *
                     r +
                 1.27045825245236838258) *
                    r +
                3.64784832476320460504) *
                   r +
               5.7694972214606914055) *
                  r +
              4.6303378461565452959) *
                 r +
             1.42343711074968357734) /
            (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r +
                  0.0151986665636164571966) *
                     r +
                 0.14810397642748007459) *
                    r +
                0.68976733498510000455) *
                   r +
               1.6763848301838038494) *
                  r +
              2.05319162663775882187) *
                 r +
             1.0);
  } else {
    r -= 5.0;
    value = (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r +
                  0.0012426609473880784386) *
                     r +
                 0.026532189526576123093) *
                    r +
                0.29656057182850489123) *
                   r +
               1.7848265399172913358) *
                  r +
              5.4637849111641143699) *
                 r +
             6.6579046435011037772) /
            (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r +
                  1.8463183175100546818e-5) *
                     r +
                 7.868691311456132591e-4) *
                    r +
                0.0148753612908506148525) *
                   r +
               0.13692988092273580531) *
                  r +
              0.59983220655588793769) *
                 r +
             1.0);
  }
  return q < 0 ? -value : value;
}

namespace {
constexpr std::size_t PERT_TABLE_SIZE = 2049;
/// The outer table intervals at each end, where the Beta quantile is too
/// steep for the main table: 0.8 % of draws.
constexpr double PERT_TAIL = 8.0 / static_cast<double>(PERT_TABLE_SIZE - 1);
constexpr std::size_t PERT_TAIL_SIZE = 65;

/// Beta(α, β) of a PERT with shape 4, on [min, max] = [a, c], mode b.
struct BetaShape {
  double alpha, beta;
};
BetaShape pert_shape(const Distribution& d) {
  return {1.0 + 4.0 * (d.b - d.a) / (d.c - d.a), 1.0 + 4.0 * (d.c - d.b) / (d.c - d.a)};
}
}  // namespace

Sampler::Sampler(const Distribution& distribution) : distribution_(distribution) {
  using Family = Distribution::Family;
  if (distribution.family == Family::Normal && distribution.b > 0.0) {
    const boost::math::normal_distribution<double> standard(0.0, 1.0);
    if (std::isfinite(distribution.lower))
      p_low_ = boost::math::cdf(standard, (distribution.lower - distribution.a) / distribution.b);
    if (std::isfinite(distribution.upper))
      p_high_ = boost::math::cdf(standard, (distribution.upper - distribution.a) / distribution.b);
  }
  if (distribution.family == Family::Pert && distribution.c > distribution.a) {
    build_pert_table();
    build_pert_tails();
  }
}

// The Beta(α, β) quantile on a table, from its CDF integrated on a fine grid:
// the density x^(α−1) (1−x)^(β−1) is bounded for PERT (α, β ≥ 1), so the
// trapezoid rule on 16 384 cells gives the CDF to ~1e-8; each quantile node
// is then found by bisection in the CDF and linear interpolation. A few
// milliseconds per parameter, against ~40 ms for 2 049 calls of ibeta_inv.
void Sampler::build_pert_table() {
  const Distribution& d = distribution_;
  // Named copies, not a structured binding: the density lambda below
  // captures them, which Clang 14 (the sanitizer builds) refuses.
  const BetaShape shape_of = pert_shape(d);
  const double alpha = shape_of.alpha, beta = shape_of.beta;
  constexpr std::size_t CELLS = 16384;
  std::vector<double> cdf(CELLS + 1, 0.0);
  const auto density = [&](double x) {
    return std::pow(x, alpha - 1.0) * std::pow(1.0 - x, beta - 1.0);
  };
  double previous = density(0.0);
  for (std::size_t i = 1; i <= CELLS; ++i) {
    const double current = density(static_cast<double>(i) / CELLS);
    cdf[i] = cdf[i - 1] + 0.5 * (previous + current);
    previous = current;
  }
  for (double& value : cdf) value /= cdf[CELLS];
  table_.resize(PERT_TABLE_SIZE);
  for (std::size_t j = 0; j < PERT_TABLE_SIZE; ++j) {
    const double u = static_cast<double>(j) / static_cast<double>(PERT_TABLE_SIZE - 1);
    const auto upper = std::lower_bound(cdf.begin(), cdf.end(), u);
    double x;
    if (upper == cdf.begin()) {
      x = 0.0;
    } else if (upper == cdf.end()) {
      x = 1.0;
    } else {
      const auto i = static_cast<std::size_t>(upper - cdf.begin());
      const double weight = (u - cdf[i - 1]) / (cdf[i] - cdf[i - 1]);
      x = (static_cast<double>(i - 1) + weight) / CELLS;
    }
    table_[j] = d.a + (d.c - d.a) * x;
  }
}

// In the tails, a Beta(α, β) quantile x(u) is steep: u ≈ k x^α near 0.
// Read against t = (u / tail)^(1/α) instead, it is smooth (x ∝ t near 0,
// with a bounded second derivative since α, β ≥ 1 for PERT), so a short
// table of exact quantiles, interpolated linearly, holds it within 2e-7 of
// the range (measured; tests/ensemble_test.cpp); the upper tail likewise
// with 1 − u and β. 2 × 65 calls of Boost's quantile here, 0.4–2 ms,
// replace one per tail draw (microseconds each) in the hot path.
void Sampler::build_pert_tails() {
  const Distribution& d = distribution_;
  const BetaShape shape_of = pert_shape(d);
  const double alpha = shape_of.alpha, beta = shape_of.beta;
  const boost::math::beta_distribution<double> shape(alpha, beta);
  alpha_inverse_ = 1.0 / alpha;
  beta_inverse_ = 1.0 / beta;
  lower_tail_.resize(PERT_TAIL_SIZE);
  upper_tail_.resize(PERT_TAIL_SIZE);
  for (std::size_t j = 0; j < PERT_TAIL_SIZE; ++j) {
    const double t = static_cast<double>(j) / static_cast<double>(PERT_TAIL_SIZE - 1);
    const double x_low =
        j == 0 ? 0.0 : boost::math::quantile(shape, PERT_TAIL * std::pow(t, alpha));
    const double x_high =
        j == 0
            ? 1.0
            : boost::math::quantile(boost::math::complement(shape, PERT_TAIL * std::pow(t, beta)));
    lower_tail_[j] = d.a + (d.c - d.a) * x_low;
    upper_tail_[j] = d.a + (d.c - d.a) * x_high;
  }
}

namespace {
/// Linear interpolation in a table of nodes at equal steps over [0, 1].
inline double interpolate_table(const std::vector<double>& table, double at) {
  const double position = at * static_cast<double>(table.size() - 1);
  const auto index = std::min(static_cast<std::size_t>(position), table.size() - 2);
  const double weight = position - static_cast<double>(index);
  return table[index] + weight * (table[index + 1] - table[index]);
}
}  // namespace

double Sampler::pert(double u) const {
  if (u < PERT_TAIL) return interpolate_table(lower_tail_, std::pow(u / PERT_TAIL, alpha_inverse_));
  if (u > 1.0 - PERT_TAIL)
    return interpolate_table(upper_tail_, std::pow((1.0 - u) / PERT_TAIL, beta_inverse_));
  return interpolate_table(table_, u);
}

double Sampler::operator()(double u) const {
  using Family = Distribution::Family;
  const Distribution& d = distribution_;
  switch (d.family) {
    case Family::Fixed:
      return d.a;
    case Family::Uniform:
      return d.a + u * (d.b - d.a);
    case Family::Triangular: {
      if (d.c == d.a) return d.a;
      const double split = (d.b - d.a) / (d.c - d.a);
      if (u < split) return d.a + std::sqrt(u * (d.c - d.a) * (d.b - d.a));
      return d.c - std::sqrt((1.0 - u) * (d.c - d.a) * (d.c - d.b));
    }
    case Family::Normal: {
      if (d.b == 0.0) return d.a;
      const double p = p_low_ + u * (p_high_ - p_low_);
      return std::clamp(d.a + d.b * normal_quantile(p), d.lower, d.upper);
    }
    case Family::Lognormal:
      return d.b == 0.0 ? d.a : d.a * std::exp(d.b * normal_quantile(u));
    case Family::Pert:
      return table_.empty() ? d.a : pert(u);
  }
  return d.a;
}

TRAJ_LANE_CLONES void Sampler::transform(double* values, std::size_t count) const {
  using Family = Distribution::Family;
  const Distribution& d = distribution_;
  switch (d.family) {
    case Family::Uniform: {
      const double low = d.a, width = d.b - d.a;
      for (std::size_t i = 0; i < count; ++i) values[i] = low + values[i] * width;
      return;
    }
    case Family::Triangular: {
      if (d.c == d.a) break;
      // operator()'s formula four draws at a time, its branch on u (a coin
      // toss the processor mispredicts half the time) turned into
      // selections: the square root of the chosen side's argument, then
      // that side's sum. The same operations on the same numbers.
      const double split = (d.b - d.a) / (d.c - d.a);
      const Double4 low = Double4{} + d.a, high = Double4{} + d.c, one = Double4{} + 1.0;
      const Double4 width = Double4{} + (d.c - d.a), rise = Double4{} + (d.b - d.a),
                    fall = Double4{} + (d.c - d.b);
      std::size_t i = 0;
      for (; i + 4 <= count; i += 4) {
        const Double4 u = load4(values + i);
        const Mask4 left = u < split;
        Double4 root = left ? u * width * rise : (one - u) * width * fall;
        for (int k = 0; k < 4; ++k) root[k] = std::sqrt(root[k]);
        store4(values + i, left ? low + root : high - root);
      }
      for (; i < count; ++i) values[i] = (*this)(values[i]);
      return;
    }
    case Family::Pert:
      if (table_.empty()) break;
      for (std::size_t i = 0; i < count; ++i) values[i] = pert(values[i]);
      return;
    default:
      break;
  }
  for (std::size_t i = 0; i < count; ++i) values[i] = (*this)(values[i]);
}

}  // namespace traj
