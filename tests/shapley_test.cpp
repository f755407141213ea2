// Shapley values on member-by-member games: the properties that define them
// (efficiency, symmetry, null player, additivity), closed forms, and the
// sampled values against the exact ones.
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "traj/shapley.hpp"

using namespace traj;

namespace {

constexpr std::size_t MEMBERS = 400;

/// Member m's own number in [0, 1): a spread for standard errors to measure.
double spread(std::size_t m) {
  return static_cast<double>((m * 7919) % MEMBERS) / MEMBERS;
}

/// v_m(S) = Σ_{i ∈ S} (i + 1) · spread(m) + [both 0 and 1 in S] · 2 (an
/// interaction the two share), one outcome; player 3 adds nothing.
void interacting(const std::vector<bool>& in, std::vector<double>& values) {
  for (std::size_t m = 0; m < MEMBERS; ++m) {
    double v = 0.0;
    for (std::size_t i = 0; i < 3; ++i) v += in[i] ? static_cast<double>(i + 1) * spread(m) : 0.0;
    values[m] = v + (in[0] && in[1] ? 2.0 : 0.0);
  }
}

double mean_spread() {
  double sum = 0.0;
  for (std::size_t m = 0; m < MEMBERS; ++m) sum += spread(m);
  return sum / MEMBERS;
}

}  // namespace

TEST_CASE("exact Shapley values: additive parts, a shared interaction, a null player",
          "[shapley]") {
  const ShapleyResult result = shapley_values(4, MEMBERS, 1, interacting, ShapleyOptions{});
  REQUIRE(result.exact);
  CHECK(result.evaluations == 16);
  const double s = mean_spread();
  // Additivity: each player's own part, and half the interaction each for
  // the two players it needs (symmetry); player 3 gets nothing (null player).
  CHECK(result.share[0] == Approx(s + 1.0).epsilon(1e-12));
  CHECK(result.share[1] == Approx(2 * s + 1.0).epsilon(1e-12));
  CHECK(result.share[2] == Approx(3 * s).epsilon(1e-12));
  // (to rounding: the exact sum weighs each v(S) once, with ± signs)
  CHECK(result.share[3] == Approx(0.0).margin(1e-12));
  CHECK(result.standard_error[3] == Approx(0.0).margin(1e-12));
  // Efficiency: the shares add up to everyone minus nobody.
  CHECK(result.share[0] + result.share[1] + result.share[2] + result.share[3] ==
        Approx(result.everyone[0] - result.nobody[0]).epsilon(1e-12));
  CHECK(result.nobody[0] == 0.0);
  // Player 2's share per member is 3 · spread(m): its standard error is
  // 3 × the spread's.
  double squares = 0.0;
  for (std::size_t m = 0; m < MEMBERS; ++m) squares += (spread(m) - s) * (spread(m) - s);
  const double error = std::sqrt(squares / (MEMBERS - 1) / MEMBERS);
  CHECK(result.standard_error[2] == Approx(3 * error).epsilon(1e-9));
}

TEST_CASE("the majority game of three players gives a third to each", "[shapley]") {
  const auto majority = [](const std::vector<bool>& in, std::vector<double>& values) {
    const int size = static_cast<int>(in[0]) + static_cast<int>(in[1]) + static_cast<int>(in[2]);
    std::fill(values.begin(), values.end(), size >= 2 ? 1.0 : 0.0);
  };
  const ShapleyResult result = shapley_values(3, 10, 1, majority, ShapleyOptions{});
  for (std::size_t i = 0; i < 3; ++i) CHECK(result.share[i] == Approx(1.0 / 3).epsilon(1e-12));
}

TEST_CASE("sampled orders: each adds up exactly, and they agree with the exact values",
          "[shapley]") {
  ShapleyOptions options;
  options.exact_up_to = 2;  // four players: sampled
  options.permutations = 400;
  options.seed = 7;
  const ShapleyResult sampled = shapley_values(4, MEMBERS, 1, interacting, options);
  const ShapleyResult exact = shapley_values(4, MEMBERS, 1, interacting, ShapleyOptions{});
  REQUIRE(!sampled.exact);
  CHECK(sampled.permutations == 400);
  CHECK(sampled.evaluations == 1 + 400 * 4);
  double total = 0.0;
  for (std::size_t i = 0; i < 4; ++i) {
    total += sampled.share[i];
    CHECK(std::abs(sampled.share[i] - exact.share[i]) <= 4 * sampled.standard_error[i] + 1e-12);
  }
  CHECK(total == Approx(sampled.everyone[0] - sampled.nobody[0]).epsilon(1e-12));
  // The null player is credited nothing in every order.
  CHECK(sampled.share[3] == 0.0);
  // Only the interaction depends on the order: player 2's credit does not.
  CHECK(sampled.share[2] == Approx(exact.share[2]).epsilon(1e-12));
  // The same seed, the same orders.
  const ShapleyResult again = shapley_values(4, MEMBERS, 1, interacting, options);
  CHECK(again.share == sampled.share);
}

TEST_CASE("Shapley refuses games it cannot value", "[shapley]") {
  CHECK_THROWS_AS(shapley_values(0, 10, 1, interacting, ShapleyOptions{}), std::invalid_argument);
  ShapleyOptions options;
  options.exact_up_to = 1;
  options.permutations = 1;
  CHECK_THROWS_AS(shapley_values(4, 10, 1, interacting, options), std::invalid_argument);
}

TEST_CASE("sampled orders value more than 63 players, as an additive game's own effects",
          "[shapley]") {
  // 100 players, v(S) = Σ_{i ∈ S} (i + 1) · spread(m): additive, so every
  // order credits each player exactly its own effect.
  constexpr std::size_t PLAYERS = 100;
  const auto additive = [](const std::vector<bool>& in, std::vector<double>& values) {
    for (std::size_t m = 0; m < MEMBERS; ++m) {
      double v = 0.0;
      for (std::size_t i = 0; i < PLAYERS; ++i)
        v += in[i] ? static_cast<double>(i + 1) * spread(m) : 0.0;
      values[m] = v;
    }
  };
  ShapleyOptions options;
  options.permutations = 2;
  const ShapleyResult result = shapley_values(PLAYERS, MEMBERS, 1, additive, options);
  REQUIRE(!result.exact);
  CHECK(result.evaluations == 1 + 2 * PLAYERS);
  for (std::size_t i = 0; i < PLAYERS; ++i)
    CHECK(result.share[i] == Approx(static_cast<double>(i + 1) * mean_spread()).epsilon(1e-9));
  // Exact values of so many players (2^100 coalitions) are refused.
  options.exact_up_to = PLAYERS;
  CHECK_THROWS_AS(shapley_values(PLAYERS, MEMBERS, 1, additive, options), std::invalid_argument);
}
