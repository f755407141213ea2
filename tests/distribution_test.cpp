#include <catch2/catch.hpp>
#include <cmath>

#include "traj/distribution.hpp"

using traj::Distribution;
using Family = traj::Distribution::Family;

TEST_CASE("central values are medians") {
  CHECK(Distribution::fixed(3.0).central() == 3.0);
  CHECK(Distribution{Family::Uniform, 2.0, 4.0, 0.0}.central() == Approx(3.0));
  // Symmetric triangular: the median is the mode.
  CHECK(Distribution{Family::Triangular, 0.0, 0.5, 1.0}.central() == Approx(0.5));
  // Skewed triangular (0, 0, 1): F(x) = 1 - (1 - x)^2 = 0.5 at x = 1 - 1/sqrt(2).
  CHECK(Distribution{Family::Triangular, 0.0, 0.0, 1.0}.central() ==
        Approx(1.0 - 1.0 / std::sqrt(2.0)));
  CHECK(Distribution{Family::Lognormal, 740.0, 0.35, 0.0}.central() == Approx(740.0));
  CHECK(Distribution{Family::Normal, 10.0, 2.0, 0.0}.central() == Approx(10.0));
  // Symmetric PERT: the median is the mode.
  CHECK(Distribution{Family::Pert, 0.2, 0.4, 0.6}.central() == Approx(0.4));
}

TEST_CASE("quantiles invert the CDF") {
  const Distribution uniform{Family::Uniform, 2.0, 4.0, 0.0};
  CHECK(uniform.quantile(0.25) == Approx(2.5));
  const Distribution normal{Family::Normal, 0.0, 1.0, 0.0};
  CHECK(normal.quantile(0.975) == Approx(1.959964).epsilon(1e-6));
  const Distribution triangular{Family::Triangular, 0.0, 1.0, 2.0};
  CHECK(triangular.quantile(0.125) == Approx(0.5));  // F(0.5) = 0.5^2 / 2
  const Distribution lognormal{Family::Lognormal, 2.0, 0.5, 0.0};
  CHECK(lognormal.quantile(0.8413447) == Approx(2.0 * std::exp(0.5)).epsilon(1e-5));
}

TEST_CASE("truncated normals stay inside their bounds") {
  Distribution normal{Family::Normal, 0.08, 0.05, 0.0};
  normal.lower = 0.0;
  normal.upper = 0.2;
  for (const double u : {1e-9, 0.01, 0.5, 0.99, 1.0 - 1e-9}) {
    const double x = normal.quantile(u);
    CHECK(x >= 0.0);
    CHECK(x <= 0.2);
  }
  CHECK(normal.support_min() == 0.0);
  CHECK(normal.support_max() == 0.2);
  // Median of N(0.08, 0.05) truncated to [0, 0.2]: Φ⁻¹ of the midpoint of the
  // truncated mass: Φ⁻¹(Φ(−1.6) + (Φ(2.4) − Φ(−1.6)) / 2) ≈ 0.0584, so 0.08 + 0.05 × 0.0584.
  CHECK(normal.central() == Approx(0.082922).epsilon(1e-5));
}

TEST_CASE("scaling converts every location parameter") {
  const auto scaled = Distribution{Family::Triangular, 1.0, 2.0, 3.0}.scaled(1e-3);
  CHECK(scaled.a == Approx(1e-3));
  CHECK(scaled.c == Approx(3e-3));
  const auto lognormal = Distribution{Family::Lognormal, 1000.0, 0.3, 0.0}.scaled(1e-3);
  CHECK(lognormal.a == Approx(1.0));
  CHECK(lognormal.b == Approx(0.3));  // sigma is unitless
}
