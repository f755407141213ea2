// Exact sums and mergeable sketches: what makes statistics independent of
// how members were split over threads, batches and MPI ranks.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>
#include <vector>

#include "traj/exact_sum.hpp"
#include "traj/quantile_sketch.hpp"

using traj::ExactSums;
using traj::QuantileSketch;

TEST_CASE("exact sums keep every bit, whatever the order") {
  ExactSums sums(1);
  // In doubles, (1e16 + 1) − 1e16 is 0 or 2; exactly, it is 1.
  sums.add(0, 1e16);
  sums.add(0, 1.0);
  sums.add(0, -1e16);
  CHECK(sums.value(0) == 1.0);
  // The smallest subnormal and the largest finite double, and back.
  ExactSums extremes(1);
  const double tiny = std::numeric_limits<double>::denorm_min();
  const double huge = std::numeric_limits<double>::max();
  extremes.add(0, huge);
  extremes.add(0, tiny);
  extremes.add(0, -huge);
  CHECK(extremes.value(0) == tiny);
  ExactSums negative(1);
  negative.add(0, -2.5);
  negative.add(0, 0.25);
  CHECK(negative.value(0) == -2.25);
}

TEST_CASE("exact sums do not depend on how values are split and merged") {
  std::mt19937_64 random(7);
  std::lognormal_distribution<double> magnitude(3.0, 4.0);
  std::vector<double> values(20000);
  for (auto& value : values) value = (random() % 3 == 0 ? -1.0 : 1.0) * magnitude(random);
  ExactSums forward(1), parts[3] = {ExactSums(1), ExactSums(1), ExactSums(1)};
  for (const double value : values) forward.add(0, value);
  std::vector<double> shuffled = values;
  std::shuffle(shuffled.begin(), shuffled.end(), random);
  for (std::size_t i = 0; i < shuffled.size(); ++i) parts[i % 3].add(0, shuffled[i]);
  // Normalized parts added word by word, as MPI_Allreduce(SUM) does.
  ExactSums merged(1);
  for (auto& part : parts) {
    part.normalize();
    for (std::size_t w = 0; w < ExactSums::WORDS; ++w) merged.words()[w] += part.words()[w];
  }
  CHECK(merged.value(0) == forward.value(0));
  // And the result is the correctly rounded sum up to an ulp or so
  // (long double sum as a reference).
  long double reference = 0;
  for (const double value : values) reference += value;
  CHECK(forward.value(0) == Approx(static_cast<double>(reference)).epsilon(1e-12));
}

TEST_CASE("an exact sum reads the same double before and after normalize") {
  // value() reads normalized, non-negative words in place and normalizes a
  // copy otherwise: both must give the same double, for positive and
  // negative sums, sums of zero, and carries across every digit.
  std::mt19937_64 random(11);
  std::lognormal_distribution<double> magnitude(0.0, 30.0);
  const std::size_t count = 400;
  ExactSums sums(count);
  for (std::size_t i = 0; i + 1 < count; ++i) {
    const int terms = 1 + static_cast<int>(i % 17);
    for (int t = 0; t < terms; ++t) {
      const double sign = (i % 3 == 0 || (i % 5 == 0 && t % 2 == 0)) ? -1.0 : 1.0;
      sums.add(i, sign * magnitude(random));
    }
  }
  sums.add(count - 1, 1.5);  // the last one a sum of zero: x − x
  sums.add(count - 1, -1.5);
  std::vector<double> before(count);
  for (std::size_t i = 0; i < count; ++i) before[i] = sums.value(i);
  sums.normalize();
  std::size_t negative = 0;
  for (std::size_t i = 0; i < count; ++i) {
    CHECK(sums.value(i) == before[i]);
    negative += before[i] < 0 ? 1 : 0;
  }
  CHECK(negative > 100);  // both paths were taken
  CHECK(negative < count - 100);
  CHECK(sums.value(count - 1) == 0.0);
  // Normalized sums of several parts, added word by word, are not
  // normalized any more: read through the copy, the same value again.
  ExactSums twice(1);
  twice.add(0, 3.0e300);
  twice.add(0, 2.0e-300);
  twice.normalize();
  const double once = twice.value(0);
  for (std::size_t w = 0; w < ExactSums::WORDS; ++w) twice.words()[w] *= 2;
  CHECK(twice.value(0) == 2 * once);
}

TEST_CASE("exact sums carry infinities and NaN") {
  ExactSums sums(3);
  sums.add(0, std::numeric_limits<double>::infinity());
  sums.add(0, 5.0);
  sums.add(1, std::numeric_limits<double>::infinity());
  sums.add(1, -std::numeric_limits<double>::infinity());
  sums.add(2, std::numeric_limits<double>::quiet_NaN());
  CHECK(sums.value(0) == std::numeric_limits<double>::infinity());
  CHECK(std::isnan(sums.value(1)));
  CHECK(std::isnan(sums.value(2)));
}

TEST_CASE("sketches merged as dense integer arrays equal sketches merged directly") {
  std::mt19937_64 random(3);
  std::normal_distribution<double> normal(0.0, 50.0);
  QuantileSketch parts[3] = {QuantileSketch(0.001), QuantileSketch(0.001), QuantileSketch(0.001)};
  QuantileSketch direct(0.001);
  for (int i = 0; i < 30000; ++i) {
    const double value = i % 5 == 0 ? 0.0 : normal(random);
    parts[i % 3].add(value);
    direct.add(value);
  }
  std::vector<std::int64_t> range(QuantileSketch::RANGE_WORDS, QuantileSketch::EMPTY_RANGE);
  for (const auto& part : parts) part.widen_range(range.data());
  const std::size_t size = QuantileSketch::dense_size(range.data());
  std::vector<std::int64_t> sum(size, 0), one(size);
  for (const auto& part : parts) {
    part.write_dense(range.data(), one.data());
    for (std::size_t i = 0; i < size; ++i) sum[i] += one[i];
  }
  QuantileSketch merged(0.001);
  merged.read_dense(range.data(), sum.data());
  CHECK(merged.count() == direct.count());
  for (const double q : {0.0, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 1.0}) {
    CHECK(merged.quantile(q) == direct.quantile(q));
  }
}

TEST_CASE("a sketch refuses more values than its 32-bit bins can count") {
  // A full sketch, made as an MPI merge would: dense counts read back.
  std::vector<std::int64_t> range(QuantileSketch::RANGE_WORDS, QuantileSketch::EMPTY_RANGE);
  QuantileSketch one_value(0.001);
  one_value.add(2.0);
  one_value.widen_range(range.data());
  std::vector<std::int64_t> dense(QuantileSketch::dense_size(range.data()));
  one_value.write_dense(range.data(), dense.data());
  const auto bin = std::find(dense.begin() + 2, dense.end(), 1);
  REQUIRE(bin != dense.end());
  dense[0] = static_cast<std::int64_t>(QuantileSketch::MAX_COUNT);
  *bin = dense[0];
  QuantileSketch full(0.001);
  full.read_dense(range.data(), dense.data());
  CHECK(full.count() == QuantileSketch::MAX_COUNT);
  CHECK(full.quantile(0.5) == Approx(2.0).epsilon(0.001));
  CHECK_THROWS_AS(full.add(2.0), std::length_error);
  const double values[2] = {2.0, 3.0};
  CHECK_THROWS_AS(full.add(values, 2), std::length_error);
  CHECK_THROWS_AS(full.merge(one_value), std::length_error);
  CHECK(full.count() == QuantileSketch::MAX_COUNT);
  dense[0] += 1;
  *bin = dense[0];
  QuantileSketch too_full(0.001);
  CHECK_THROWS_AS(too_full.read_dense(range.data(), dense.data()), std::length_error);
}
