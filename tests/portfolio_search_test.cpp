// The portfolio search of traj optimize on a knapsack small enough to
// enumerate (scenarios/tests/knapsack.toml: six independent actions whose
// costs and GHG avoided add up, known by hand): the best portfolio under the
// budget found exactly, the whole Pareto front equal to the enumerated one,
// the budget respected, levels scaling costs and GHG, the fresh members on
// another seed, the same result at 1 and 2 threads, and settings refused.
#include <catch2/catch.hpp>
#include <cmath>

#include "test_support.hpp"
#include "traj/error.hpp"
#include "traj/territory/portfolio_search.hpp"

using namespace traj;
using namespace traj::territory;

namespace {

// The fixture's actions: GWh of gas each removes (w) and its cost (c, M€).
constexpr double W[] = {10.2, 7, 6, 4.5, 3, 2.5};
constexpr double C[] = {12, 8, 7, 5, 3, 4};
constexpr std::size_t N = 6;
/// GHG avoided to the horizon per GWh removed: 0.2 ktCO2e/GWh for 10 years.
constexpr double GHG_PER_W = 2.0;
/// The objective: GHG 2030 at most 117.16 kt, i.e. Σw ≥ 14.2.
constexpr double W_NEEDED = 14.2;

const Scenario& knapsack() {
  static const Scenario scenario = testing::scenario_from_file("scenarios/tests/knapsack.toml");
  return scenario;
}

SearchSettings settings_for(double budget, int threads) {
  SearchSettings settings;
  settings.candidates = "everything";
  settings.budget = budget;
  settings.generations = 30;
  settings.population = 16;
  settings.ensemble.members = 20;
  settings.ensemble.seed = 7;
  settings.ensemble.threads = threads;
  settings.ensemble.block = 16;
  return settings;
}

struct Hand {
  double cost = 0, w = 0;
  double probability() const { return w >= W_NEEDED ? 1.0 : 0.0; }
};

Hand by_hand(const std::vector<std::uint8_t>& level, const std::vector<double>& levels) {
  Hand hand;
  for (std::size_t i = 0; i < N; ++i) {
    hand.cost += levels[level[i]] * C[i];
    hand.w += levels[level[i]] * W[i];
  }
  return hand;
}

/// The Pareto front under `budget` of every subset, by enumeration.
std::vector<unsigned> enumerated_front(double budget) {
  std::vector<unsigned> front;
  const auto hand_of = [](unsigned mask) {
    Hand hand;
    for (std::size_t i = 0; i < N; ++i) {
      if (mask >> i & 1) {
        hand.cost += C[i];
        hand.w += W[i];
      }
    }
    return hand;
  };
  for (unsigned a = 0; a < (1u << N); ++a) {
    const Hand x = hand_of(a);
    if (x.cost > budget) continue;
    bool dominated = false;
    for (unsigned b = 0; b < (1u << N) && !dominated; ++b) {
      const Hand y = hand_of(b);
      if (y.cost > budget) continue;
      const bool no_worse =
          y.cost <= x.cost && y.probability() >= x.probability() && y.w >= x.w - 1e-9;
      const bool better = y.cost < x.cost || y.probability() > x.probability() || y.w > x.w + 1e-9;
      dominated = no_worse && better;
    }
    if (!dominated) front.push_back(a);
  }
  return front;
}

unsigned mask_of(const SearchedPortfolio& portfolio) {
  unsigned mask = 0;
  for (std::size_t i = 0; i < N; ++i) mask |= (portfolio.level[i] > 0 ? 1u : 0u) << i;
  return mask;
}

}  // namespace

TEST_CASE("optimize finds the knapsack's best portfolio under the budget exactly", "[optimize]") {
  const PortfolioSearch search = search_portfolios(knapsack(), settings_for(20.0, 2));
  REQUIRE(search.candidates.size() == N);
  REQUIRE(search.chosen.has_value());
  const SearchedPortfolio& chosen = search.front[*search.chosen];
  // a1 + a4 + a5: Σw = 17.7 for 20 M€, the most under 20 M€ (enumerated in the fixture).
  CHECK(mask_of(chosen) == 0b011001u);
  CHECK(chosen.common.cost == Approx(20.0).epsilon(1e-9));
  CHECK(chosen.common.ghg_avoided == Approx(GHG_PER_W * 17.7).epsilon(2e-5));
  CHECK(chosen.common.probability.probability == 1.0);
  // The greedy order (a5, a4, a2, then a6) stops at Σw = 17: below the optimum.
  CHECK(search.greedy_result.common.cost <= 20.0 + 1e-9);
  CHECK(search.greedy_result.common.ghg_avoided < chosen.common.ghg_avoided);
  CHECK(search.baseline.probability.probability == 0.0);
  CHECK(search.baseline.cost == 0.0);
}

TEST_CASE("optimize's front under the budget is the enumerated Pareto front, all within budget",
          "[optimize]") {
  for (const double budget : {20.0, 11.0}) {
    const PortfolioSearch search = search_portfolios(knapsack(), settings_for(budget, 2));
    const std::vector<unsigned> expected = enumerated_front(budget);
    std::vector<unsigned> found;
    for (const SearchedPortfolio& point : search.front) {
      const Hand hand = by_hand(point.level, search.levels);
      CHECK(point.common.cost <= budget + 1e-9);
      CHECK(point.common.cost == Approx(hand.cost).epsilon(1e-9));
      CHECK(point.common.ghg_avoided == Approx(GHG_PER_W * hand.w).epsilon(2e-5).margin(1e-6));
      CHECK(point.common.probability.probability == hand.probability());
      found.push_back(mask_of(point));
    }
    std::sort(found.begin(), found.end());
    CHECK(found == expected);
    CHECK(search.front_found == expected.size());
    for (std::size_t i = 1; i < search.front.size(); ++i)
      CHECK(search.front[i - 1].common.cost <= search.front[i].common.cost);
  }
}

TEST_CASE("optimize with a confidence chooses the cheapest portfolio reaching it", "[optimize]") {
  SearchSettings settings = settings_for(30.0, 2);
  settings.confidence = 0.5;
  const PortfolioSearch search = search_portfolios(knapsack(), settings);
  REQUIRE(search.chosen.has_value());
  // a2 + a4 + a5: Σw = 14.5 ≥ 14.2 for 16 M€, the cheapest reaching the objective.
  CHECK(mask_of(search.front[*search.chosen]) == 0b011010u);
  CHECK(search.front[*search.chosen].common.cost == Approx(16.0).epsilon(1e-9));

  settings.budget = 15.0;  // nothing under 15 M€ reaches it
  const PortfolioSearch none = search_portfolios(knapsack(), settings);
  CHECK_FALSE(none.chosen.has_value());
  CHECK_FALSE(none.front.empty());
}

TEST_CASE("optimize's levels scale each action's cost and GHG avoided", "[optimize]") {
  SearchSettings settings = settings_for(10.0, 2);
  settings.levels = {0.0, 0.5, 1.0};
  const PortfolioSearch search = search_portfolios(knapsack(), settings);
  REQUIRE_FALSE(search.front.empty());
  bool half = false;
  for (const SearchedPortfolio& point : search.front) {
    const Hand hand = by_hand(point.level, search.levels);
    CHECK(point.common.cost <= 10.0 + 1e-9);
    CHECK(point.common.cost == Approx(hand.cost).epsilon(1e-6));
    CHECK(point.common.ghg_avoided == Approx(GHG_PER_W * hand.w).epsilon(2e-5).margin(1e-6));
    for (const auto level : point.level) half = half || level == 1;
  }
  CHECK(half);  // half levels are on the front: half a5 is the best GHG per M€ but one
}

TEST_CASE("optimize re-evaluates on fresh members with another seed", "[optimize]") {
  // Brest's uncertain numbers: the fresh members differ from the common ones.
  static const Scenario brest = testing::scenario_from_file("scenarios/brest-metropole.toml");
  SearchSettings settings;
  settings.generations = 2;
  settings.population = 8;
  settings.ensemble.members = 200;
  settings.ensemble.seed = 11;
  settings.ensemble.threads = 2;
  const PortfolioSearch search = search_portfolios(brest, settings);
  CHECK(search.fresh_seed == fresh_seed(11));
  CHECK(search.fresh_seed != 11);
  REQUIRE_FALSE(search.front.empty());
  bool differs = false;
  for (const SearchedPortfolio& point : search.front) {
    CHECK(point.fresh.members == 200);
    const double n = 200.0, p = point.fresh.probability.probability;
    CHECK(p == static_cast<double>(point.fresh.successes) / n);
    CHECK(point.fresh.probability.ci_low <= p);
    CHECK(point.fresh.probability.ci_high >= p);
    differs = differs || point.fresh.cost != point.common.cost;
  }
  CHECK(differs);
}

TEST_CASE("optimize gives the same front at 1 and 2 threads", "[optimize]") {
  // Brest's uncertain numbers and half levels: every figure depends on the members.
  static const Scenario brest = testing::scenario_from_file("scenarios/brest-metropole.toml");
  SearchSettings settings;
  settings.levels = {0.0, 0.5, 1.0};
  settings.budget = 300.0;
  settings.generations = 3;
  settings.population = 8;
  settings.ensemble.members = 150;
  settings.ensemble.seed = 5;
  settings.ensemble.block = 64;
  SearchSettings one = settings, two = settings;
  one.ensemble.threads = 1;
  two.ensemble.threads = 2;
  const PortfolioSearch a = search_portfolios(brest, one);
  const PortfolioSearch b = search_portfolios(brest, two);
  REQUIRE(a.front.size() == b.front.size());
  REQUIRE(a.front.size() > 1);
  CHECK(a.evaluations == b.evaluations);
  CHECK(a.chosen == b.chosen);
  for (std::size_t i = 0; i < a.front.size(); ++i) {
    CHECK(a.front[i].level == b.front[i].level);
    CHECK(a.front[i].common.cost == b.front[i].common.cost);
    CHECK(a.front[i].common.probability.probability == b.front[i].common.probability.probability);
    CHECK(a.front[i].fresh.ghg_avoided == b.front[i].fresh.ghg_avoided);
    CHECK(a.front[i].fresh.cost == b.front[i].fresh.cost);
  }
}

TEST_CASE("optimize refuses settings out of range", "[optimize]") {
  const auto refused = [](const std::function<void(SearchSettings&)>& change) {
    SearchSettings settings = settings_for(20.0, 1);
    change(settings);
    CHECK_THROWS_AS(search_portfolios(knapsack(), settings), InputError);
  };
  refused([](SearchSettings& s) { s.budget = 0.0; });
  refused([](SearchSettings& s) { s.budget = -3.0; });
  refused([](SearchSettings& s) { s.levels = {0.0}; });
  refused([](SearchSettings& s) { s.levels = {0.0, 1.5}; });
  refused([](SearchSettings& s) { s.levels = {0.0, 1.0, 0.5}; });
  refused([](SearchSettings& s) { s.confidence = 1.0; });
  refused([](SearchSettings& s) { s.population = 10; });
  refused([](SearchSettings& s) { s.objectives = {3}; });
  refused([](SearchSettings& s) { s.candidates = "no-such-portfolio"; });
}
