#include "traj/territory/coalition_shares.hpp"

#include <algorithm>

#include "traj/territory/comparison.hpp"

namespace traj::territory {
namespace {

/// Each action slot's player, and the players' names in order of first appearance.
std::vector<std::size_t> players_of(const Plan& plan, SharePlayers players,
                                    std::vector<PlayerShare>& named) {
  std::vector<std::size_t> player_of_slot;
  for (const PlannedAction& slot : plan.actions) {
    const Action& action = plan.scenario->actions[static_cast<std::size_t>(slot.action)];
    const std::string name = players == SharePlayers::Coalitions ? action.coalition : action.id;
    auto found = std::find_if(named.begin(), named.end(),
                              [&](const PlayerShare& share) { return share.player == name; });
    if (found == named.end()) {
      named.push_back({name, {}, {}, {}});
      found = named.end() - 1;
    }
    found->actions.push_back(action.id);
    player_of_slot.push_back(static_cast<std::size_t>(found - named.begin()));
  }
  return player_of_slot;
}

std::vector<ShareOutcome> share_outcomes(const Plan& plan) {
  std::vector<ShareOutcome> outcomes;
  for (std::size_t o = 0; o < plan.scenario->objectives.size(); ++o) {
    outcomes.push_back(
        {plan.scenario->objectives[o].id, true, o, plan.scenario->objectives[o].year});
  }
  const IndicatorCatalogue& catalogue = plan.catalogue;
  const int horizon = plan.scenario->horizon;
  for (const int row : {catalogue.final_energy, catalogue.ghg, catalogue.renewable_share,
                        catalogue.cost_discounted}) {
    const IndicatorInfo& indicator = catalogue[static_cast<std::size_t>(row)];
    outcomes.push_back({indicator.id + " " + std::to_string(horizon), false,
                        static_cast<std::size_t>(row), horizon, indicator.dimension});
  }
  return outcomes;
}

}  // namespace

std::size_t share_player_count(const Plan& plan, SharePlayers players) {
  std::vector<PlayerShare> named;
  players_of(plan, players, named);
  return named.size();
}

std::uint64_t share_bytes_per_member(const Plan& plan, SharePlayers players) {
  const std::uint64_t outcomes = share_outcomes(plan).size();
  // shapley.cpp: [player × outcome] per member, and up to four worths
  // (before, after, no action, the one evaluated) of every outcome.
  return sizeof(double) * outcomes * (share_player_count(plan, players) + 4);
}

PortfolioShares portfolio_shares(const Plan& plan, const std::string& portfolio,
                                 SharePlayers players, const EnsembleOptions& options,
                                 const ShapleyOptions& shapley) {
  PortfolioShares shares;
  shares.portfolio = portfolio;
  shares.players = players;
  shares.outcomes = share_outcomes(plan);
  const std::vector<std::size_t> player_of_slot = players_of(plan, players, shares.shares);
  std::vector<ComparedQuantity> quantities;
  for (const ShareOutcome& outcome : shares.outcomes) {
    if (!outcome.objective)
      quantities.push_back({outcome.index, outcome.year, outcome.label, false});
  }
  const std::size_t objectives = plan.scenario->objectives.size();
  std::uint64_t members = 0;
  bool cancelled = false;
  const CoalitionWorth worth = [&](const std::vector<bool>& in, std::vector<double>& values) {
    Plan only = plan;
    for (std::size_t slot = 0; slot < only.actions.size(); ++slot) {
      if (!in[player_of_slot[slot]]) only.actions[slot].adoption.ceiling = Quantity::fixed(0.0);
    }
    MemberOutcomes outcomes;
    const EnsembleResult result = run_recording(only, quantities, options, &outcomes);
    cancelled = cancelled || result.cancelled;
    members = result.members;
    const auto n = static_cast<std::size_t>(result.members);
    for (std::size_t o = 0; o < objectives; ++o) {
      std::copy(outcomes.successes[o].begin(), outcomes.successes[o].end(),
                values.begin() + static_cast<std::ptrdiff_t>(o * n));
    }
    for (std::size_t q = 0; q < quantities.size(); ++q) {
      std::copy(outcomes.values[q].begin(), outcomes.values[q].end(),
                values.begin() + static_cast<std::ptrdiff_t>((objectives + q) * n));
    }
  };
  ShapleyOptions shapley_options = shapley;
  const auto caller_cancelled = shapley.cancelled;
  shapley_options.cancelled = [&] { return cancelled || (caller_cancelled && caller_cancelled()); };
  const ShapleyResult result =
      shapley_values(shares.shares.size(), static_cast<std::size_t>(options.members),
                     shares.outcomes.size(), worth, shapley_options);
  shares.cancelled = cancelled || result.cancelled;
  if (shares.cancelled) return shares;
  shares.exact = result.exact;
  shares.permutations = result.permutations;
  shares.evaluations = result.evaluations;
  shares.members = members;
  shares.everyone = result.everyone;
  shares.nobody = result.nobody;
  const std::size_t count = shares.outcomes.size();
  for (std::size_t i = 0; i < shares.shares.size(); ++i) {
    shares.shares[i].share.assign(
        result.share.begin() + static_cast<std::ptrdiff_t>(i * count),
        result.share.begin() + static_cast<std::ptrdiff_t>((i + 1) * count));
    shares.shares[i].standard_error.assign(
        result.standard_error.begin() + static_cast<std::ptrdiff_t>(i * count),
        result.standard_error.begin() + static_cast<std::ptrdiff_t>((i + 1) * count));
  }
  return shares;
}

}  // namespace traj::territory
