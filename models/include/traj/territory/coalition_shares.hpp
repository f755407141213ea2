#pragma once
/// What each coalition (or action) brings to a portfolio (`traj compare
/// --shares`): Shapley values (traj/shapley.hpp) of the players — the
/// coalitions carrying the portfolio's actions, or its actions — in a game
/// whose worth of a set of players is the portfolio with only their actions,
/// run on the same members (common random numbers). Outcomes: each
/// objective's probability, final energy, GHG and renewable share at the
/// horizon, and the discounted cost to the horizon; a player's shares add up,
/// with the others', to the portfolio minus no action at all.
/// docs/model.md#13-what-each-coalition-brings-traj-compare---shares.

#include <cstdint>
#include <string>
#include <vector>

#include "traj/ensemble.hpp"
#include "traj/shapley.hpp"
#include "traj/territory/plan.hpp"

namespace traj::territory {

enum class SharePlayers { Coalitions, Actions };

/// What the shares are of: an objective's success, or an indicator in a year.
struct ShareOutcome {
  std::string label;  ///< "energy-2050", "ghg 2050"
  bool objective = false;
  std::size_t index = 0;  ///< the objective's, or the indicator's row
  int year = 0;
  Dimension dimension = Dimension::Fraction;  ///< of its values (a probability: a fraction)
};

struct PlayerShare {
  /// The coalition as the scenario writes it (empty for actions that state
  /// none: one player), or the action's id.
  std::string player;
  std::vector<std::string> actions;           ///< ids of the actions it carries
  std::vector<double> share, standard_error;  ///< per outcome (probabilities as fractions)
};

struct PortfolioShares {
  std::string portfolio;
  SharePlayers players = SharePlayers::Coalitions;
  bool exact = true;
  std::uint64_t permutations = 0, evaluations = 0, members = 0;
  std::vector<ShareOutcome> outcomes;
  std::vector<double> everyone, nobody;  ///< per outcome: the portfolio, no action
  std::vector<PlayerShare> shares;       ///< in the order the portfolio first names them
  bool cancelled = false;
};

/// The players of `plan`: its distinct coalitions, or its actions.
std::size_t share_player_count(const Plan& plan, SharePlayers players);

/// Bytes per member portfolio_shares holds for `plan`: each player's share
/// of each outcome member by member, and the worths being compared (the
/// ensemble's own buffers aside).
std::uint64_t share_bytes_per_member(const Plan& plan, SharePlayers players);

/// The shares of `plan`'s players (the plan of a portfolio, not the baseline).
PortfolioShares portfolio_shares(const Plan& plan, const std::string& portfolio,
                                 SharePlayers players, const EnsembleOptions& options,
                                 const ShapleyOptions& shapley);

}  // namespace traj::territory
