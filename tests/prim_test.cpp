// PRIM (traj/prim.hpp): a box recovered from 10 000 uniform points, a
// peeling trajectory checked by hand on 20 points, pasting that widens a
// box cut too deep, and the refusals of bad data and options.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "traj/error.hpp"
#include "traj/prim.hpp"

using namespace traj;

namespace {

constexpr double INF = std::numeric_limits<double>::infinity();

/// A uniform number in [0, 1) from 53 bits of the generator: the same on
/// every standard library (std::uniform_real_distribution is not).
double uniform(std::mt19937_64& generator) {
  return static_cast<double>(generator() >> 11) * 0x1.0p-53;
}

struct Points {
  std::size_t members = 0, factors = 0;
  std::vector<double> values;  // [factor × members + member]
  std::vector<std::uint8_t> of_interest;
  PrimData data() const { return {members, factors, values, of_interest}; }
  double& at(std::size_t factor, std::size_t member) { return values[factor * members + member]; }
};

/// 10 000 points uniform in [0, 1]^5, of interest iff x1 > 0.6 and x2 < 0.3
/// (factors 0 and 1): 12 % of them.
Points two_factor_box() {
  Points points;
  points.members = 10000;
  points.factors = 5;
  points.values.resize(points.members * points.factors);
  std::mt19937_64 generator(20240528);
  for (std::size_t m = 0; m < points.members; ++m) {
    for (std::size_t f = 0; f < points.factors; ++f) points.at(f, m) = uniform(generator);
  }
  for (std::size_t m = 0; m < points.members; ++m)
    points.of_interest.push_back(points.at(0, m) > 0.6 && points.at(1, m) < 0.3 ? 1 : 0);
  return points;
}

/// 20 members: x = 1 … 20 (factor 0), of interest iff x ≥ 11; y (factor 1)
/// a permutation of 1 … 20 whose two lowest are x = 11 and 12 (of
/// interest) and two highest x = 3 (highest) and x = 15.
Points twenty_points() {
  Points points;
  points.members = 20;
  points.factors = 2;
  points.values.resize(40);
  int next_y = 3;
  for (std::size_t m = 0; m < 20; ++m) {
    const int x = static_cast<int>(m) + 1;
    points.at(0, m) = x;
    int y = 0;
    if (x == 11)
      y = 1;
    else if (x == 12)
      y = 2;
    else if (x == 3)
      y = 20;
    else if (x == 15)
      y = 19;
    else
      y = next_y++;
    points.at(1, m) = y;
    points.of_interest.push_back(x >= 11 ? 1 : 0);
  }
  return points;
}

}  // namespace

TEST_CASE("PRIM recovers x1 above 0.6 and x2 below 0.3 from 10 000 uniform points", "[prim]") {
  const Points points = two_factor_box();
  const PrimResult result = prim(points.data());
  REQUIRE(result.of_interest > 1100);
  REQUIRE(result.of_interest < 1300);
  const PrimBox& box = result.box;
  // Tolerance 0.01 on each bound, and why: between the last member not of
  // interest and the first of interest along x1 lie ~1/3 000 (3 000 members
  // in the strip x2 < 0.3), the sampling error of the bound; a paste adds 1 %
  // of the box's ~1 200 members, 12, i.e. 12 / 3 000 = 0.004 of x1 (and
  // 12 / 4 000 = 0.003 of x2), so pasting stops within 0.004 of the truth.
  // 0.01 is more than twice that resolution.
  CHECK(box.lower[0] == Approx(0.6).margin(0.01));
  CHECK(box.upper[1] == Approx(0.3).margin(0.01));
  CHECK(box.upper[0] == INF);
  CHECK(box.lower[1] == -INF);
  for (std::size_t f = 2; f < 5; ++f) {
    INFO("factor " << f);
    CHECK_FALSE(box.restricts(f));
  }
  CHECK(box.density > 0.98);
  CHECK(box.coverage > 0.97);
  CHECK(box.mass == Approx(0.12).margin(0.01));
  // Lifting x2's bound lets in 0.3 of every x1 > 0.6 (density 0.3); lifting
  // x1's, density 0.4: x2 matters more.
  REQUIRE(result.restrictions.size() == 2);
  CHECK(result.restrictions[0].factor == 1);
  CHECK(result.restrictions[0].density_without == Approx(0.3).margin(0.02));
  CHECK(result.restrictions[1].factor == 0);
  CHECK(result.restrictions[1].density_without == Approx(0.4).margin(0.02));
  CHECK(result.restrictions[0].density_drop == Approx(box.density - 0.3).margin(0.02));
  CHECK(result.restrictions[0].quasi_p < 1e-100);
  CHECK(result.restrictions[1].quasi_p < 1e-100);
  // The trajectory: coverage never rises, density always does.
  for (std::size_t b = 1; b < result.trajectory.size(); ++b) {
    CHECK(result.trajectory[b].coverage <= result.trajectory[b - 1].coverage);
    CHECK(result.trajectory[b].density > result.trajectory[b - 1].density);
    CHECK(result.trajectory[b].mass >= 0.05);
  }
}

TEST_CASE("PRIM peels 20 points as worked out by hand", "[prim]") {
  const Points points = twenty_points();
  PrimOptions options;
  options.peel_alpha = 0.1;  // 2 of 20 members, then 1 of 18
  const PrimResult result = prim(points.data(), options);
  REQUIRE(result.trajectory.size() == 10);
  const PrimBox& all = result.trajectory[0];
  CHECK(all.members == 20);
  CHECK(all.density == 0.5);
  CHECK_FALSE(all.restricts(0));
  // Step 1, 2 members off each end: x ≤ 2 removes 0 of interest (10/18),
  // x ≥ 19 removes 2 (8/18), y ≤ 2 removes 2 (8/18), y ≥ 19 removes 1
  // (9/18): x's low end goes, the bound halfway between 2 and 3.
  const PrimBox& first = result.trajectory[1];
  CHECK(first.lower[0] == 2.5);
  CHECK(first.upper[0] == INF);
  CHECK_FALSE(first.restricts(1));
  CHECK(first.members == 18);
  CHECK(first.of_interest == 10);
  CHECK(first.density == Approx(10.0 / 18.0));
  CHECK(first.coverage == 1.0);
  CHECK(first.mass == 0.9);
  // Step 2, floor(0.1 × 18) = 1 member: x's low end and y's high end both
  // remove x = 3 (10/17). The tie goes to x, already restricted: no new
  // restricted factor for the same box.
  const PrimBox& second = result.trajectory[2];
  CHECK(second.lower[0] == 3.5);
  CHECK_FALSE(second.restricts(1));
  CHECK(second.members == 17);
  // Then x = 4 … 10 one by one, to x ≥ 10.5: density 1, where no peel can
  // raise it.
  const PrimBox& last = result.trajectory.back();
  CHECK(last.lower[0] == 10.5);
  CHECK(last.density == 1.0);
  CHECK(last.coverage == 1.0);
  CHECK(result.chosen == 9);
  // Pasting x = 10 (not of interest) would lower the density: refused.
  CHECK(result.pastes == 0);
  CHECK(result.box.lower[0] == 10.5);
  CHECK_FALSE(result.box.restricts(1));
  REQUIRE(result.restrictions.size() == 1);
  CHECK(result.restrictions[0].factor == 0);
  CHECK(result.restrictions[0].lower == 10.5);
  CHECK(result.restrictions[0].upper == INF);
  CHECK(result.restrictions[0].density_without == 0.5);
  CHECK(result.restrictions[0].density_drop == 0.5);
  CHECK(result.restrictions[0].mass_without == 1.0);
  // 10 of 10 members of interest where half would be expected: 2^-10.
  CHECK(result.restrictions[0].quasi_p == Approx(1.0 / 1024.0));
}

TEST_CASE("PRIM pasting widens a box that peeling cut too deep", "[prim]") {
  // x = 0 … 99, of interest iff x ≥ 50. Peels of 30 %: x ≤ 29 goes (50/70),
  // then 21 members, x = 30 … 50 (49/49): x = 50, of interest, is lost.
  Points points;
  points.members = 100;
  points.factors = 1;
  for (int x = 0; x < 100; ++x) {
    points.values.push_back(x);
    points.of_interest.push_back(x >= 50 ? 1 : 0);
  }
  PrimOptions options;
  options.peel_alpha = 0.3;
  const PrimResult result = prim(points.data(), options);
  REQUIRE(result.trajectory.size() == 3);
  CHECK(result.trajectory[1].lower[0] == 29.5);
  CHECK(result.trajectory[2].lower[0] == 50.5);
  CHECK(result.trajectory[2].coverage == 0.98);
  CHECK(result.chosen == 2);
  // Pasting one member at a time (1 % of 49, at least 1): x = 50 keeps the
  // density at 1 and comes back; x = 49 would lower it.
  CHECK(result.pastes == 1);
  CHECK(result.box.lower[0] == 49.5);
  CHECK(result.box.members == 50);
  CHECK(result.box.coverage == 1.0);
  CHECK(result.box.density == 1.0);
}

TEST_CASE("PRIM chooses the densest box with the minimum coverage", "[prim]") {
  const Points points = twenty_points();
  PrimOptions options;
  options.peel_alpha = 0.1;
  options.minimum_coverage = 1.0;
  // Every box of the trajectory above keeps all 10 members of interest: the last.
  CHECK(prim(points.data(), options).chosen == 9);
  // A minimum mass of 60 % stops peeling at 12 members, x ≥ 8.5 (10/12):
  // every next peel would leave 11.
  options.minimum_mass = 0.6;
  const PrimResult stopped = prim(points.data(), options);
  CHECK(stopped.trajectory.back().members == 12);
  CHECK(stopped.trajectory.back().lower[0] == 8.5);
}

TEST_CASE("PRIM gives the same box on 1 and 3 threads", "[prim]") {
  const Points points = two_factor_box();
  PrimOptions one, three;
  one.threads = 1;
  three.threads = 3;
  const PrimResult a = prim(points.data(), one), b = prim(points.data(), three);
  CHECK(a.box.lower == b.box.lower);
  CHECK(a.box.upper == b.box.upper);
  CHECK(a.trajectory.size() == b.trajectory.size());
}

TEST_CASE("PRIM refuses bad options and data", "[prim]") {
  Points points = twenty_points();
  PrimOptions options;
  options.peel_alpha = 0.7;
  CHECK_THROWS_WITH(prim(points.data(), options),
                    Catch::Contains("peel_alpha") && Catch::Contains("0.7"));
  options = {};
  options.minimum_coverage = -0.1;
  CHECK_THROWS_AS(prim(points.data(), options), InputError);
  Points none = points;
  for (auto& outcome : none.of_interest) outcome = 0;
  CHECK_THROWS_WITH(prim(none.data()), Catch::Contains("no member is of interest"));
  Points nan = points;
  nan.at(1, 4) = std::nan("");
  CHECK_THROWS_WITH(prim(nan.data()), Catch::Contains("factor 1 of member 4"));
  Points short_values = points;
  short_values.values.pop_back();
  CHECK_THROWS_WITH(prim(short_values.data()), Catch::Contains("the two should be equal"));
}
