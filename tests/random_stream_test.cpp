// The counter-based random stream: known values of its parts (FNV-1a,
// SplitMix64, Philox4x32-10), reproducibility, and independence of the
// streams of different parameters, seeds and draws.

#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "traj/random_stream.hpp"

using namespace traj;

TEST_CASE("random stream: FNV-1a and SplitMix64 give their published values") {
  // FNV-1a 64 test vectors (Fowler, Noll & Vo) and SplitMix64's first output from 0.
  static_assert(fnv1a("") == 0xcbf29ce484222325ULL);
  static_assert(fnv1a("a") == 0xaf63dc4c8601ec8cULL);
  static_assert(fnv1a("foobar") == 0x85944171f73967e8ULL);
  static_assert(splitmix64(0) == 0xe220a8397b1dcdafULL);
  CHECK(stream_key(1, "x") == splitmix64(1 ^ splitmix64(fnv1a("x"))));
}

TEST_CASE("random stream: key 0, member 0, draw 0 is Random123's known answer") {
  // Philox4x32-10, counter (0, 0, 0, 0) and key (0, 0): 6627e8d5 e169c58d …
  // (Random123's kat_vectors); the draw is the 53 high bits of the first two
  // words, centred in their interval.
  const std::uint64_t word = 0x6627e8d5e169c58dULL;
  const double expected = (static_cast<double>(word >> 11) + 0.5) * 0x1.0p-53;
  CHECK(uniform_draw(0, 0, 0) == expected);
  double block = 0;
  uniform_draws(0, 0, 1, &block);
  CHECK(block == expected);
}

TEST_CASE("random stream: the same seed, name and member give the same draw") {
  const std::uint64_t key = stream_key(42, "growth.residential");
  std::vector<double> first(1000), second(1000);
  uniform_draws(key, 5000, first.size(), first.data());
  uniform_draws(key, 5000, second.size(), second.data());
  CHECK(first == second);
  CHECK(uniform_draw(key, 5123) == first[123]);
}

TEST_CASE("random stream: streams of other names, seeds and draws are independent") {
  constexpr std::size_t N = 20000;
  const auto draws = [](std::uint64_t key, std::uint32_t draw) {
    std::vector<double> values(N);
    for (std::size_t m = 0; m < N; ++m) values[m] = uniform_draw(key, m, draw);
    return values;
  };
  const auto mean_of = [](const std::vector<double>& values) {
    double sum = 0;
    for (const double value : values) sum += value;
    return sum / static_cast<double>(values.size());
  };
  const auto correlation = [&](const std::vector<double>& a, const std::vector<double>& b) {
    const double mean_a = mean_of(a), mean_b = mean_of(b);
    double ab = 0, aa = 0, bb = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
      ab += (a[i] - mean_a) * (b[i] - mean_b);
      aa += (a[i] - mean_a) * (a[i] - mean_a);
      bb += (b[i] - mean_b) * (b[i] - mean_b);
    }
    return ab / std::sqrt(aa * bb);
  };
  const auto base = draws(stream_key(1, "alpha"), 0);
  // Uniform on (0, 1): mean 1/2 within 5 standard errors (σ = 1/√12).
  CHECK(std::abs(mean_of(base) - 0.5) < 5 * std::sqrt(1.0 / 12.0 / N));
  // Between streams, |r| stays within 5/√N of zero.
  const double bound = 5.0 / std::sqrt(static_cast<double>(N));
  for (const auto& other : {draws(stream_key(1, "beta"), 0), draws(stream_key(2, "alpha"), 0),
                            draws(stream_key(1, "alpha"), 1)}) {
    CHECK(other != base);
    CHECK(std::abs(correlation(base, other)) < bound);
  }
  // And within a stream, consecutive members are uncorrelated.
  const std::vector<double> head(base.begin(), base.end() - 1), tail(base.begin() + 1, base.end());
  CHECK(std::abs(correlation(head, tail)) < bound);
}
