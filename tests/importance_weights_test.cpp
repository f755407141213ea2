// Importance weights, Kish's effective size and weighted statistics on
// hand-made weights.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

#include "traj/importance_weights.hpp"
#include "traj/proportion.hpp"

using namespace traj;

TEST_CASE("Kish effective size of hand weights", "[importance]") {
  // (1 + 1 + 2)² / (1 + 1 + 4) = 16 / 6.
  const std::vector<double> weights = {1.0, 1.0, 2.0};
  CHECK(effective_sample_size(weights) == Approx(16.0 / 6.0).epsilon(1e-15));
  // Equal weights: every member counts; one weight: one member.
  CHECK(effective_sample_size(std::vector<double>(1000, 0.25)) == Approx(1000.0).epsilon(1e-15));
  CHECK(effective_sample_size(std::vector<double>{0.0, 3.0, 0.0}) == Approx(1.0).epsilon(1e-15));
  CHECK(effective_sample_size(std::vector<double>{0.0, 0.0}) == 0.0);
}

TEST_CASE("importance weights are normalised exp of the log-likelihoods", "[importance]") {
  // Likelihoods 1, e^-1, 0: weights 1/(1+e^-1), e^-1/(1+e^-1), 0.
  const double minus_infinity = -std::numeric_limits<double>::infinity();
  const std::vector<double> log_likelihoods = {-1000.0, -1001.0, minus_infinity};
  const ImportanceWeights weights = importance_weights(log_likelihoods);
  const double e = std::exp(-1.0);
  CHECK(weights.weights[0] == Approx(1.0 / (1.0 + e)).epsilon(1e-15));
  CHECK(weights.weights[1] == Approx(e / (1.0 + e)).epsilon(1e-15));
  CHECK(weights.weights[2] == 0.0);
  CHECK(weights.effective_size == Approx((1 + e) * (1 + e) / (1 + e * e)).epsilon(1e-14));
  CHECK_THROWS_AS(importance_weights(std::vector<double>{minus_infinity}), std::invalid_argument);
}

TEST_CASE("weighted proportion and its interval at the effective size", "[importance]") {
  const std::vector<double> weights = {1.0, 1.0, 2.0};
  const std::vector<std::uint8_t> outcomes = {1, 0, 1};
  const ProportionEstimate estimate = weighted_proportion(weights, outcomes);
  CHECK(estimate.probability == Approx(0.75).epsilon(1e-15));
  // Equal weights give the ordinary Wilson interval of 30 in 100.
  const std::vector<double> equal(100, 0.01);
  std::vector<std::uint8_t> thirty(100, 0);
  for (std::size_t m = 0; m < 30; ++m) thirty[m] = 1;
  const ProportionEstimate wilson = estimate_proportion(30, 100);
  const ProportionEstimate weighted = weighted_proportion(equal, thirty);
  CHECK(weighted.probability == Approx(0.3).epsilon(1e-14));
  CHECK(weighted.ci_low == Approx(wilson.ci_low).epsilon(1e-12));
  CHECK(weighted.ci_high == Approx(wilson.ci_high).epsilon(1e-12));
}

TEST_CASE("weighted quantiles follow the cumulative weight", "[importance]") {
  const std::vector<double> values = {3.0, 1.0, 2.0, 4.0};
  const std::vector<double> weights = {0.1, 0.2, 0.3, 0.4};
  // Sorted: 1 (0.2), 2 (0.5), 3 (0.6), 4 (1.0).
  CHECK(weighted_quantile(values, weights, 0.2) == 1.0);
  CHECK(weighted_quantile(values, weights, 0.5) == 2.0);
  CHECK(weighted_quantile(values, weights, 0.55) == 3.0);
  CHECK(weighted_quantile(values, weights, 0.9) == 4.0);
  // Negative numbers, zeros and ties: sorted as numbers, ties in member order.
  const std::vector<double> mixed = {2.5, -1.0, 0.0, -7.25, 2.5, 1e300, -1e-300};
  const std::vector<double> equal(mixed.size(), 1.0);
  const std::vector<double> levels = {0.0, 0.2, 0.3, 0.5, 0.8, 1.0};
  const auto quantiles = weighted_quantiles(mixed, {equal}, levels)[0];
  CHECK(quantiles == std::vector<double>{-7.25, -1.0, -1e-300, 0.0, 2.5, 1e300});
  // A member of weight 0 is never a quantile.
  CHECK(weighted_quantile(values, std::vector<double>{0.0, 0.0, 1.0, 0.0}, 0.01) == 2.0);
}

TEST_CASE("a proportion of none or all has an interval bound of exactly 0 or 1", "[importance]") {
  // Rounding in Wilson's formula used to leave ci_low ≈ 8.7e-19 for 0 successes.
  for (const std::uint64_t members : {1u, 300u, 700u, 1000000u}) {
    CHECK(traj::estimate_proportion(0, members).ci_low == 0.0);
    CHECK(traj::estimate_proportion(0, members).ci_high > 0.0);
    CHECK(traj::estimate_proportion(members, members).ci_high == 1.0);
    CHECK(traj::estimate_proportion(members, members).ci_low < 1.0);
  }
  const std::vector<double> weights = {0.1, 0.2, 0.3, 0.4};
  const std::vector<std::uint8_t> none = {0, 0, 0, 0}, all = {1, 1, 1, 1};
  CHECK(traj::weighted_proportion(weights, none).ci_low == 0.0);
  CHECK(traj::weighted_proportion(weights, all).ci_high == 1.0);
}
