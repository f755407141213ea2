// The group `shares` of a comparison file (`traj compare --shares
// --output`): what each coalition (or action) brings to each portfolio,
// docs/hdf5-layout.md#comparison-files-traj-compare---output-compareh5.
#include <cmath>

#include "scales.hpp"
#include "traj/hdf5_file.hpp"
#include "traj/territory/comparison_file.hpp"
#include "variables.hpp"

namespace traj::territory {
namespace {

using hdf5::Dataset;
using hdf5::Group;

/// 1.96: the shares' intervals are normal, from their Monte Carlo standard error.
constexpr double Z95 = 1.959963984540054;

using results::name_scale;
using results::write_numbers;
using results::write_texts;

void write_portfolio(Group& parent, const PortfolioShares& portfolio) {
  Group group = parent.create_group(portfolio.portfolio);
  group.set_attribute(
      "players",
      std::string(portfolio.players == SharePlayers::Coalitions ? "coalitions" : "actions"));
  group.set_attribute("method", std::string(portfolio.exact ? "exact" : "sampled orders"));
  group.set_attribute("permutations", static_cast<std::int64_t>(portfolio.permutations));
  group.set_attribute("evaluations", static_cast<std::int64_t>(portfolio.evaluations));
  group.set_attribute("members", static_cast<std::int64_t>(portfolio.members));
  std::vector<std::string> labels, units, players, actions;
  std::vector<double> years;
  for (const ShareOutcome& outcome : portfolio.outcomes) {
    labels.push_back(outcome.label);
    units.push_back(results::unit_of(outcome.dimension));
    years.push_back(outcome.year);
  }
  for (const PlayerShare& player : portfolio.shares) {
    players.push_back(player.player);
    std::string carried;
    for (const auto& action : player.actions) carried += (carried.empty() ? "" : ",") + action;
    actions.push_back(carried);
  }
  const Dataset outcome = name_scale(group, "outcome", labels,
                                     "an objective (probability of meeting it) or an indicator "
                                     "at the horizon");
  write_texts(group, "outcome_units", units, outcome,
              "unit of each outcome's values (1: a probability)");
  write_numbers(group, "outcome_year", years, {&outcome}, "the outcome's year");
  const Dataset player = name_scale(group, "player", players,
                                    portfolio.players == SharePlayers::Coalitions
                                        ? "coalition (empty: the actions that state none)"
                                        : "action id");
  write_texts(group, "player_actions", actions, player,
              "ids of the actions the player carries, comma-separated");
  std::vector<double> share, error, low, high;
  for (const PlayerShare& one : portfolio.shares) {
    for (std::size_t o = 0; o < portfolio.outcomes.size(); ++o) {
      share.push_back(one.share[o]);
      error.push_back(one.standard_error[o]);
      low.push_back(one.share[o] - Z95 * one.standard_error[o]);
      high.push_back(one.share[o] + Z95 * one.standard_error[o]);
    }
  }
  const std::string in_units = ", in the outcome's unit (outcome_units)";
  write_numbers(group, "share", share, {&player, &outcome},
                "Shapley value of the player" + in_units);
  write_numbers(group, "standard_error", error, {&player, &outcome},
                "Monte Carlo standard error of the Shapley value: the members' spread, and the "
                "sampled orders' too" +
                    in_units);
  write_numbers(group, "share_ci_low", low, {&player, &outcome},
                "share - 1.96 standard errors (95 % interval)" + in_units);
  write_numbers(group, "share_ci_high", high, {&player, &outcome},
                "share + 1.96 standard errors (95 % interval)" + in_units);
  write_numbers(group, "portfolio_value", portfolio.everyone, {&outcome},
                "the outcome with every action of the portfolio" + in_units);
  write_numbers(group, "no_action_value", portfolio.nobody, {&outcome},
                "the outcome with none of its actions, same members" + in_units);
}

}  // namespace

void write_shares_group(Group& root, const std::vector<PortfolioShares>& shares) {
  Group group = root.create_group("shares");
  group.set_attribute("long_name",
                      std::string("what each player brings to each portfolio: Shapley values on "
                                  "common random numbers, adding up to portfolio_value - "
                                  "no_action_value"));
  for (const PortfolioShares& portfolio : shares) write_portfolio(group, portfolio);
}

}  // namespace traj::territory
