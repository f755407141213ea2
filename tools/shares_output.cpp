#include "shares_output.hpp"

#include <cmath>
#include <cstdio>
#include <iostream>
#include <string>

#include "available_memory.hpp"
#include "traj/error.hpp"
#include "traj/territory/indicator_names.hpp"
#include "traj/territory/indicators.hpp"
#include "traj/territory/scenario_text.hpp"

namespace traj::cli {
namespace {

using namespace traj::territory;

/// A share and its 95 % half-width, in the outcome's unit: points of
/// probability for objectives and fractions, else the indicator's unit.
std::string shown_share(double share, double error, bool with_error, bool as_points,
                        const std::string& unit, Language language) {
  const double scale = as_points ? 100.0 : 1.0;
  // A spread below rounding of the sums (an action of certain cost) is none.
  if (error <= 1e-9 * std::abs(share)) error = 0.0;
  char buffer[96];
  if (with_error) {
    std::snprintf(buffer, sizeof buffer, "%+.4g ± %.2g", scale * share, 1.96 * scale * error);
  } else {
    std::snprintf(buffer, sizeof buffer, "%+.4g", scale * share);
  }
  return decimal(buffer, language) + " " + (as_points ? say("points_unit", language) : unit);
}

std::string player_name(const Scenario& scenario, const PortfolioShares& shares,
                        const PlayerShare& player, Language language) {
  if (shares.players == SharePlayers::Actions) {
    const int action = scenario.find_action(player.player);
    return action < 0 ? player.player
                      : action_name(scenario.actions[static_cast<std::size_t>(action)], language);
  }
  if (player.player.empty()) return say("no_coalition", language);
  // A coalition's French name is its first action's coalition_fr.
  const int first = scenario.find_action(player.actions.front());
  return first < 0 ? player.player
                   : action_coalition(scenario.actions[static_cast<std::size_t>(first)], language);
}

/// The portfolio's name in `language`, its id without one.
std::string portfolio_title(const Scenario& scenario, const std::string& id, Language language) {
  const int found = scenario.find_portfolio(id);
  return found < 0 ? id
                   : portfolio_name(scenario.portfolios[static_cast<std::size_t>(found)], language);
}

}  // namespace

void refuse_shares_beyond_memory(const Scenario& scenario,
                                 const std::vector<std::string>& portfolio_ids,
                                 const std::string& players, std::uint64_t members) {
  const auto available = available_memory_bytes();
  if (!available) return;
  const SharePlayers chosen =
      players == "actions" ? SharePlayers::Actions : SharePlayers::Coalitions;
  std::vector<std::string> ids = portfolio_ids;
  if (ids.empty()) {
    for (const Portfolio& portfolio : scenario.portfolios) ids.push_back(portfolio.id);
  }
  for (const std::string& id : ids) {
    if (id == "baseline") continue;
    const Plan plan = compile_plan(scenario, id);
    const std::uint64_t per_member = share_bytes_per_member(plan, chosen);
    if (plan.actions.empty() || per_member * members <= *available) continue;
    char message[512];
    std::snprintf(
        message, sizeof message,
        "--shares: the shares of %s's %zu players over %llu members would hold about "
        "%.1f GB in memory (%llu bytes per member) but %.1f GB are available; use "
        "--members %llu or fewer%s",
        id.c_str(), share_player_count(plan, chosen), static_cast<unsigned long long>(members),
        static_cast<double>(per_member * members) / 1e9,
        static_cast<unsigned long long>(per_member), static_cast<double>(*available) / 1e9,
        static_cast<unsigned long long>(*available / per_member),
        chosen == SharePlayers::Actions ? ", or --shares coalitions (fewer players)" : "");
    throw InputError(message);
  }
}

std::vector<PortfolioShares> shares_of_portfolios(const Scenario& scenario,
                                                  const PortfolioComparison& comparison,
                                                  const EnsembleOptions& ensemble,
                                                  const std::string& players,
                                                  std::uint64_t permutations,
                                                  const std::function<bool()>& cancelled) {
  ShapleyOptions shapley;
  shapley.permutations = permutations;
  shapley.seed = ensemble.seed;
  shapley.cancelled = cancelled;
  const SharePlayers chosen =
      players == "actions" ? SharePlayers::Actions : SharePlayers::Coalitions;
  std::vector<PortfolioShares> shares;
  for (const PortfolioOutcome& portfolio : comparison.portfolios) {
    if (portfolio.id == "baseline") continue;
    const Plan plan = compile_plan(scenario, portfolio.id);
    if (plan.actions.empty()) continue;
    shares.push_back(portfolio_shares(plan, portfolio.id, chosen, ensemble, shapley));
    if (shares.back().cancelled) break;
  }
  return shares;
}

void print_shares_text(const Scenario& scenario, const std::vector<PortfolioShares>& shares,
                       Language language) {
  const IndicatorCatalogue catalogue(scenario);
  for (const PortfolioShares& portfolio : shares) {
    const std::string method =
        portfolio.exact
            ? say("shares_exact", language,
                  {std::to_string(portfolio.shares.size()), std::to_string(portfolio.evaluations)})
            : say("shares_sampled", language,
                  {std::to_string(portfolio.permutations), std::to_string(portfolio.evaluations)});
    std::cout << "\n"
              << say(portfolio.players == SharePlayers::Coalitions ? "shares_heading_coalitions"
                                                                   : "shares_heading_actions",
                     language,
                     {portfolio_title(scenario, portfolio.portfolio, language),
                      std::to_string(portfolio.members), method})
              << "\n";
    const auto outcome_text = [&](std::size_t o, double share, double error, bool with_error) {
      const ShareOutcome& outcome = portfolio.outcomes[o];
      // The exact sums weigh every set once with ± signs: what is left of a
      // share of nothing is rounding, shown as nothing.
      const double scale = std::abs(portfolio.everyone[o]) + std::abs(portfolio.nobody[o]);
      if (std::abs(share) <= 1e-9 * scale) share = 0.0;
      if (error <= 1e-9 * scale) error = 0.0;
      bool points = outcome.objective;
      std::string unit, label = outcome.label;
      if (!outcome.objective) {
        const IndicatorInfo& info = catalogue[outcome.index];
        points = info.dimension == Dimension::Fraction;
        unit = std::string(canonical_symbol(info.dimension));
        label = static_cast<int>(outcome.index) == catalogue.cost_discounted
                    ? say("shares_cost", language, {std::to_string(outcome.year)})
                    : indicator_title(info, language) + " " + std::to_string(outcome.year);
      }
      return label + " " + shown_share(share, error, with_error, points, unit, language);
    };
    for (const PlayerShare& player : portfolio.shares) {
      std::cout << "  " << player_name(scenario, portfolio, player, language) << " ("
                << say("actions_count", language, {std::to_string(player.actions.size())}) << ")"
                << colon(language);
      for (std::size_t o = 0; o < portfolio.outcomes.size(); ++o) {
        std::cout << (o == 0 ? "" : "; ")
                  << outcome_text(o, player.share[o], player.standard_error[o], true);
      }
      std::cout << "\n";
    }
    std::cout << "  " << say("shares_total", language) << colon(language);
    for (std::size_t o = 0; o < portfolio.outcomes.size(); ++o) {
      std::cout << (o == 0 ? "" : "; ")
                << outcome_text(o, portfolio.everyone[o] - portfolio.nobody[o], 0.0, false);
    }
    std::cout << "\n";
  }
}

void write_shares_json(JsonWriter& json, const std::vector<PortfolioShares>& shares) {
  json.key("shares").begin_array();
  for (const PortfolioShares& portfolio : shares) {
    json.begin_object();
    json.key("portfolio").value(portfolio.portfolio);
    json.key("players").value(portfolio.players == SharePlayers::Coalitions ? "coalitions"
                                                                            : "actions");
    json.key("method").value(portfolio.exact ? "exact" : "sampled orders");
    json.key("permutations").value(static_cast<long long>(portfolio.permutations));
    json.key("evaluations").value(static_cast<long long>(portfolio.evaluations));
    json.key("members").value(static_cast<long long>(portfolio.members));
    json.key("outcomes").begin_array();
    for (const ShareOutcome& outcome : portfolio.outcomes) {
      json.begin_object();
      json.key("label").value(outcome.label);
      json.key("objective").value(outcome.objective);
      json.key("year").value(outcome.year);
      json.end_object();
    }
    json.end_array();
    json.key("portfolio_value").begin_array();
    for (const double v : portfolio.everyone) json.value(v);
    json.end_array();
    json.key("no_action_value").begin_array();
    for (const double v : portfolio.nobody) json.value(v);
    json.end_array();
    json.key("shares").begin_array();
    for (const PlayerShare& player : portfolio.shares) {
      json.begin_object();
      json.key("player").value(player.player);
      json.key("actions").begin_array();
      for (const auto& action : player.actions) json.value(action);
      json.end_array();
      json.key("share").begin_array();
      for (const double v : player.share) json.value(v);
      json.end_array();
      json.key("standard_error").begin_array();
      for (const double v : player.standard_error) json.value(v);
      json.end_array();
      json.end_object();
    }
    json.end_array();
    json.end_object();
  }
  json.end_array();
}

}  // namespace traj::cli
