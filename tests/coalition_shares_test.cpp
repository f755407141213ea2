// What each coalition brings (traj compare --shares): Shapley values of the
// bundled Brest commitments' coalitions on common members — efficiency on
// every outcome, additivity where the game is additive (costs), the whole
// equal to the portfolio's own run, and the same shares at any thread count.
#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>

#include "test_support.hpp"
#include "traj/territory/coalition_shares.hpp"
#include "traj/territory/comparison.hpp"

using namespace traj;
using namespace traj::territory;

namespace {

const Scenario& brest() {
  static const Scenario scenario = testing::scenario_from_file("scenarios/brest-metropole.toml");
  return scenario;
}

EnsembleOptions small_ensemble(int threads) {
  EnsembleOptions options;
  options.members = 100;
  options.threads = threads;
  options.block = 64;
  return options;
}

/// The mean of `row` in `year` over the members of `plan` with only the
/// actions whose coalition is `coalition` (every action when empty).
double mean_with_only(const Plan& plan, const std::string* coalition, std::size_t row, int year,
                      const EnsembleOptions& options) {
  Plan only = plan;
  for (auto& slot : only.actions) {
    const Action& action = plan.scenario->actions[static_cast<std::size_t>(slot.action)];
    if (coalition != nullptr && action.coalition != *coalition)
      slot.adoption.ceiling = Quantity::fixed(0.0);
  }
  MemberOutcomes outcomes;
  run_recording(only, {{row, year, "", false}}, options, &outcomes);
  const auto& values = outcomes.values[0];
  return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

}  // namespace

TEST_CASE("coalition shares add up, are additive on costs and equal the portfolio's run",
          "[shares]") {
  const Plan plan = compile_plan(brest(), "commitments");
  const EnsembleOptions options = small_ensemble(2);
  const PortfolioShares shares =
      portfolio_shares(plan, "commitments", SharePlayers::Coalitions, options, ShapleyOptions{});
  REQUIRE(shares.exact);
  REQUIRE(shares.shares.size() == 9);  // the commitments' nine coalitions
  CHECK(shares.evaluations == 512);
  CHECK(shares.members == 100);
  std::size_t actions = 0;
  for (const auto& player : shares.shares) actions += player.actions.size();
  CHECK(actions == plan.actions.size());
  // Efficiency: on every outcome, the shares add up to the portfolio minus
  // no action.
  for (std::size_t o = 0; o < shares.outcomes.size(); ++o) {
    double total = 0.0;
    for (const auto& player : shares.shares) total += player.share[o];
    const double whole = shares.everyone[o] - shares.nobody[o];
    CHECK(total == Approx(whole).margin(1e-9 * (std::abs(shares.everyone[o]) + 1.0)));
  }
  const IndicatorCatalogue& catalogue = plan.catalogue;
  const auto outcome_of = [&](int row) {
    for (std::size_t o = 0; o < shares.outcomes.size(); ++o) {
      if (!shares.outcomes[o].objective &&
          shares.outcomes[o].index == static_cast<std::size_t>(row))
        return o;
    }
    FAIL("no outcome for row " << row);
    return std::size_t{0};
  };
  const std::size_t cost = outcome_of(catalogue.cost_discounted);
  const std::size_t ghg = outcome_of(catalogue.ghg);
  const int horizon = brest().horizon;
  // The whole is the portfolio's own run on the same members.
  CHECK(shares.everyone[ghg] ==
        Approx(mean_with_only(plan, nullptr, static_cast<std::size_t>(catalogue.ghg), horizon,
                              options))
            .epsilon(1e-12));
  // Costs add up action by action: each coalition's share is its own cost
  // (to the kernel's single precision: sums of floats, 1e-7 relative).
  const double no_cost = shares.nobody[cost];
  for (const auto& player : shares.shares) {
    const double own =
        mean_with_only(plan, &player.player, static_cast<std::size_t>(catalogue.cost_discounted),
                       horizon, options) -
        no_cost;
    CHECK(player.share[cost] == Approx(own).epsilon(1e-5));
  }
  // Every coalition cuts GHG at the horizon; none raises it.
  for (const auto& player : shares.shares) CHECK(player.share[ghg] < 0.0);
}

TEST_CASE("sampled orders of the actions add up too and are the same at 1 and 2 threads",
          "[shares]") {
  const Plan plan = compile_plan(brest(), "commitments");
  ShapleyOptions shapley;
  shapley.exact_up_to = 4;  // thirteen actions: sampled
  shapley.permutations = 3;
  const PortfolioShares one =
      portfolio_shares(plan, "commitments", SharePlayers::Actions, small_ensemble(1), shapley);
  const PortfolioShares two =
      portfolio_shares(plan, "commitments", SharePlayers::Actions, small_ensemble(2), shapley);
  REQUIRE(!one.exact);
  CHECK(one.permutations == 3);
  CHECK(one.evaluations == 1 + 3 * 13);
  REQUIRE(one.shares.size() == 13);
  for (std::size_t i = 0; i < one.shares.size(); ++i) {
    CHECK(one.shares[i].share == two.shares[i].share);
    CHECK(one.shares[i].standard_error == two.shares[i].standard_error);
  }
  for (std::size_t o = 0; o < one.outcomes.size(); ++o) {
    double total = 0.0;
    for (const auto& player : one.shares) total += player.share[o];
    CHECK(total ==
          Approx(one.everyone[o] - one.nobody[o]).margin(1e-9 * (std::abs(one.everyone[o]) + 1.0)));
  }
}
