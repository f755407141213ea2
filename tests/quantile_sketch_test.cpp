// The quantile sketch against exact quantiles of known data, within its
// documented relative accuracy; merging in any grouping and order equals
// one pass over all values, bit for bit.

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <random>
#include <vector>

#include "traj/quantile_sketch.hpp"

using namespace traj;

namespace {

/// Values over six orders of magnitude, both signs, and a few zeros.
std::vector<double> known_values() {
  std::mt19937_64 random(2024);
  std::lognormal_distribution<double> magnitude(0.0, 3.0);
  std::vector<double> values;
  for (int i = 0; i < 30000; ++i) {
    const double value = magnitude(random);
    values.push_back(i % 7 == 0 ? -value : i % 1000 == 0 ? 0.0 : value);
  }
  return values;
}

/// The exact q-quantile the sketch estimates: the value of rank ⌊q (n − 1)⌋.
double exact_quantile(std::vector<double> values, double q) {
  std::sort(values.begin(), values.end());
  return values[static_cast<std::size_t>(std::floor(q * static_cast<double>(values.size() - 1)))];
}

}  // namespace

TEST_CASE("quantile sketch: every percentile within its relative accuracy of the exact one") {
  const std::vector<double> values = known_values();
  for (const double alpha : {0.001, 0.005, 0.02}) {
    QuantileSketch sketch(alpha);
    for (const double value : values) sketch.add(value);
    CHECK(sketch.count() == values.size());
    CHECK(sketch.relative_accuracy() == alpha);
    for (int percent = 0; percent <= 100; ++percent) {
      const double q = percent / 100.0;
      const double exact = exact_quantile(values, q);
      INFO("alpha " << alpha << ", q " << q << ", exact " << exact);
      CHECK(std::abs(sketch.quantile(q) - exact) <= alpha * std::abs(exact) * (1 + 1e-12));
    }
  }
}

TEST_CASE("quantile sketch: merging parts in any grouping equals one pass") {
  const std::vector<double> values = known_values();
  QuantileSketch one_pass;
  for (const double value : values) one_pass.add(value);
  // Seven parts of uneven sizes, merged forwards and backwards and as a tree.
  std::vector<QuantileSketch> parts(7);
  for (std::size_t i = 0; i < values.size(); ++i) parts[(i * i + 3 * i) % 7].add(values[i]);
  QuantileSketch forwards, backwards, tree_left, tree_right;
  for (std::size_t p = 0; p < parts.size(); ++p) {
    forwards.merge(parts[p]);
    backwards.merge(parts[parts.size() - 1 - p]);
    (p < 3 ? tree_left : tree_right).merge(parts[p]);
  }
  tree_left.merge(tree_right);
  for (const QuantileSketch* merged : {&forwards, &backwards, &tree_left}) {
    CHECK(merged->count() == one_pass.count());
    for (int k = 0; k <= 1000; ++k) {
      const double q = k / 1000.0;
      REQUIRE(merged->quantile(q) == one_pass.quantile(q));
    }
  }
}

TEST_CASE("quantile sketch: an empty sketch has no quantile, one value is every quantile") {
  QuantileSketch empty;
  CHECK(empty.count() == 0);
  CHECK(std::isnan(empty.quantile(0.5)));
  QuantileSketch single;
  single.add(42.0);
  for (const double q : {0.0, 0.5, 1.0}) CHECK(std::abs(single.quantile(q) - 42.0) <= 0.005 * 42.0);
  QuantileSketch zeros;
  for (int i = 0; i < 10; ++i) zeros.add(0.0);
  CHECK(zeros.quantile(0.5) == 0.0);
}
