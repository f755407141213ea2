// Weighted quantiles by selection against the definition computed the
// straightforward way: sort, sum the weights in that order, take the first
// value whose running sum reaches level × total.
#include <algorithm>
#include <bit>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <random>
#include <vector>

#include "traj/importance_weights.hpp"
#include "traj/sorted_members.hpp"
#include "traj/weighted_selection.hpp"

using namespace traj;

namespace {

/// Sorted as numbers, −0 before +0, ties in member order (a stable sort).
double reference_quantile(const std::vector<double>& values, const std::vector<double>& weights,
                          double level) {
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&values](std::size_t a, std::size_t b) {
    const double x = values[a], y = values[b];
    return x < y || (x == y && std::signbit(x) && !std::signbit(y));
  });
  double running = 0.0;
  std::vector<double> cumulative;
  for (const std::size_t m : order) {
    running += std::max(0.0, weights[m]);
    cumulative.push_back(running);
  }
  const double wanted = std::clamp(level, 0.0, 1.0) * running;
  std::size_t last_positive = 0;
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (!(weights[order[i]] > 0.0)) continue;
    if (!(cumulative[i] < wanted)) return values[order[i]];
    last_positive = i;
  }
  return values[order[last_positive]];
}

std::uint64_t bits(double value) {
  return std::bit_cast<std::uint64_t>(value);
}

void keys_of(const std::vector<double>& values, std::vector<std::uint64_t>& keys) {
  keys.resize(values.size());
  std::transform(values.begin(), values.end(), keys.begin(), ordered_key);
}

const std::vector<double> LEVELS = {0.0, 0.05, 0.25, 0.5, 0.75, 0.95, 1.0};

}  // namespace

TEST_CASE("ordered keys sort doubles as numbers and give them back", "[selection]") {
  const std::vector<double> ascending = {-INFINITY, -1e300, -1.0, -1e-310, -0.0,    0.0,
                                         1e-310,    0.5,    2.0,  1e300,   INFINITY};
  for (std::size_t i = 0; i < ascending.size(); ++i) {
    CHECK(bits(value_of_ordered_key(ordered_key(ascending[i]))) == bits(ascending[i]));
    if (i > 0) CHECK(ordered_key(ascending[i - 1]) < ordered_key(ascending[i]));
  }
}

TEST_CASE("weighted quantiles by selection equal the sorted definition, ties included",
          "[selection]") {
  std::mt19937_64 random(25);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  const std::vector<double> tied_values = {-1.0, -0.0, 0.0, 0.5, 2.0};
  const std::vector<double> tied_weights = {0.0, 0.5, 1.0, 1.0, 2.0, -1.0};
  std::size_t continuous_cases = 0, continuous_decided = 0;
  for (const std::size_t members : {1u, 2u, 7u, 50u, 1000u, 20000u, 50000u}) {
    for (int trial = 0; trial < 12; ++trial) {
      // Trials 0–3: values mostly tied (signed zeros among them); 4–7:
      // weights from a few (0 and negative among them); 8–11: neither.
      std::vector<double> values(members), weights(members);
      for (std::size_t m = 0; m < members; ++m) {
        values[m] = trial < 4 && uniform(random) < 0.8 ? tied_values[random() % 5]
                                                       : std::exp(normal(random));
        weights[m] =
            trial >= 4 && trial < 8 ? tied_weights[random() % 6] : std::exp(3.0 * normal(random));
      }
      if (trial % 4 == 3) weights[random() % members] = 0.0;  // one member of no weight
      INFO("members " << members << ", trial " << trial);
      const auto public_result = weighted_quantiles(values, {weights}, LEVELS)[0];
      std::vector<std::uint64_t> keys;
      keys_of(values, keys);
      const auto selected = QuantileSelector(keys).weighted(
          weights, std::span<const double>(LEVELS).subspan(0, LEVELS.size() - 1));
      for (std::size_t l = 0; l < LEVELS.size(); ++l) {
        INFO("level " << LEVELS[l]);
        const double expected = reference_quantile(values, weights, LEVELS[l]);
        CHECK(bits(public_result[l]) == bits(expected));
        if (selected && l + 1 < LEVELS.size()) CHECK(bits((*selected)[l]) == bits(expected));
      }
      if (trial >= 8 && members >= 1000) {
        ++continuous_cases;
        continuous_decided += selected ? 1 : 0;
      }
    }
  }
  // Continuous weights almost never put a level within rounding of a
  // boundary: selection decides (the sort is the exception).
  CHECK(continuous_cases == 12);
  CHECK(continuous_decided >= 11);
}

TEST_CASE("a sample that misleads the brackets still gives the sorted definition", "[selection]") {
  // The members the selector samples (an even stride) all hold the largest
  // values: every bracket misses, and selection starts again among all.
  std::mt19937_64 random(42);
  std::normal_distribution<double> normal(0.0, 1.0);
  const std::size_t members = 40000;
  std::vector<double> values(members), weights(members);
  for (std::size_t m = 0; m < members; ++m) {
    values[m] = normal(random);
    weights[m] = std::exp(normal(random));
  }
  for (std::size_t i = 0; i < 2048; ++i) values[i * members / 2048] = 1e6 + static_cast<double>(i);
  std::vector<std::uint64_t> keys;
  keys_of(values, keys);
  const QuantileSelector selector(keys);
  const std::vector<double> levels = {0.05, 0.5, 0.95};
  const auto weighted = selector.weighted(weights, levels);
  const auto equal = selector.equal_weights(1.0, levels);
  const std::vector<double> ones(members, 1.0);
  for (std::size_t l = 0; l < levels.size(); ++l) {
    INFO("level " << levels[l]);
    CHECK(bits(equal[l]) == bits(reference_quantile(values, ones, levels[l])));
    if (weighted)
      CHECK(bits((*weighted)[l]) == bits(reference_quantile(values, weights, levels[l])));
  }
  CHECK(weighted.has_value());
  CHECK(equal[1] < 1e6);  // a real median, not a sampled member's
}

TEST_CASE("equal weights select by rank exactly as the sorted running sum", "[selection]") {
  std::mt19937_64 random(2025);
  std::normal_distribution<double> normal(0.0, 1.0);
  // 0.1 is not a binary number: the running sum's rounding decides the
  // ranks; 1e305 overflows it; 0 leaves only the smallest value.
  for (const double weight : {1.0, 0.1, 1e305, 0.0}) {
    for (const std::size_t members : {1u, 3u, 1000u, 12345u}) {
      std::vector<double> values(members);
      for (double& value : values) value = std::round(4.0 * normal(random)) / 4.0;  // ties
      const std::vector<double> weights(members, weight);
      std::vector<std::uint64_t> keys;
      keys_of(values, keys);
      const auto selected = QuantileSelector(keys).equal_weights(weight, LEVELS);
      const auto public_result = weighted_quantiles(values, {weights}, LEVELS)[0];
      for (std::size_t l = 0; l < LEVELS.size(); ++l) {
        INFO("weight " << weight << ", members " << members << ", level " << LEVELS[l]);
        const double expected = reference_quantile(values, weights, LEVELS[l]);
        CHECK(bits(selected[l]) == bits(expected));
        CHECK(bits(public_result[l]) == bits(expected));
      }
    }
  }
}

TEST_CASE("a level on a boundary between two values goes back to the sort", "[selection]") {
  // Cumulative 1, 2, 4: half of 4 is exactly the second member's sum,
  // which the rounding of a different order could move.
  const std::vector<double> values = {3.0, 1.0, 2.0}, weights = {2.0, 1.0, 1.0};
  std::vector<std::uint64_t> keys;
  keys_of(values, keys);
  const std::vector<double> half = {0.5}, near_half = {0.4};
  const QuantileSelector selector(keys);
  CHECK_FALSE(selector.weighted(weights, half).has_value());
  CHECK(weighted_quantile(values, weights, 0.5) == 2.0);
  const auto clear = selector.weighted(weights, near_half);
  REQUIRE(clear.has_value());
  CHECK((*clear)[0] == 2.0);
  // Level 1: trailing weights too small to change the sum only show sorted.
  const std::vector<double> one = {1.0};
  CHECK_FALSE(selector.weighted(weights, one).has_value());
  CHECK(weighted_quantile(values, std::vector<double>{1e-20, 1.0, 0.0}, 1.0) == 1.0);
}
