// The comparison report's section of `traj compare --shares`: what each
// coalition (or action) brings to each portfolio, one table per portfolio.

#include <cmath>
#include <cstdio>
#include <sstream>

#include "comparison_sections.hpp"
#include "format.hpp"
#include "page.hpp"
#include "traj/territory/indicator_names.hpp"
#include "traj/territory/scenario_text.hpp"

namespace traj::territory::report {
namespace {

std::string player_name(const Scenario& scenario, const PortfolioShares& shares,
                        const PlayerShare& player, Language language) {
  if (shares.players == SharePlayers::Coalitions && player.player.empty())
    return label("no_coalition", language);
  const int action = scenario.find_action(
      shares.players == SharePlayers::Actions ? player.player : player.actions.front());
  if (action < 0) return player.player;
  const Action& found = scenario.actions[static_cast<std::size_t>(action)];
  return shares.players == SharePlayers::Actions ? action_name(found, language)
                                                 : action_coalition(found, language);
}

/// "+12,3 ± 0,4": a share and its 95 % half-width, in points for
/// probabilities and fractions; the rounding left of a share of nothing is 0.
std::string shown(double share, double error, double scale, bool points, Language language) {
  if (std::abs(share) <= 1e-9 * scale) share = 0.0;
  if (error <= 1e-9 * scale) error = 0.0;
  const double factor = points ? 100.0 : 1.0;
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%+.3g ± %.2g", factor * share, 1.96 * factor * error);
  std::string text = buffer;
  if (language == Language::French) {
    for (std::size_t i = 1; i + 1 < text.size(); ++i) {
      if (text[i] == '.' && std::isdigit(static_cast<unsigned char>(text[i - 1])) != 0)
        text[i] = ',';
    }
  }
  return text;
}

}  // namespace

std::string shares_section(const Scenario& scenario, const std::vector<PortfolioShares>& shares,
                           Language language) {
  if (shares.empty()) return "";
  const IndicatorCatalogue catalogue(scenario);
  std::ostringstream html;
  html << "<section id=\"shares\"><h2>"
       << escape(label(shares.front().players == SharePlayers::Coalitions ? "shares_coalitions"
                                                                          : "shares_actions",
                       language))
       << "</h2><p class=\"note\">" << escape(label("shares_note", language)) << "</p>\n";
  for (const PortfolioShares& portfolio : shares) {
    html << "<h3>" << escape(portfolio_label(scenario, portfolio.portfolio, language)) << "</h3>"
         << "<table class=\"shares\"><thead><tr><th></th>";
    std::vector<bool> points;
    for (const ShareOutcome& outcome : portfolio.outcomes) {
      std::string heading = outcome.label;
      bool as_points = outcome.objective;
      if (outcome.objective) {
        heading = objective_heading(scenario, scenario.objectives[outcome.index], language);
      } else {
        const IndicatorInfo& info = catalogue[outcome.index];
        as_points = info.dimension == Dimension::Fraction;
        heading = (static_cast<int>(outcome.index) == catalogue.cost_discounted
                       ? label("shares_cost", language) + " " + std::to_string(outcome.year)
                       : indicator_title(info, language) + " " + std::to_string(outcome.year)) +
                  " (" +
                  (as_points ? std::string("pts") : std::string(canonical_symbol(info.dimension))) +
                  ")";
      }
      if (outcome.objective) heading += " (pts)";
      points.push_back(as_points);
      html << "<th>" << escape(heading) << "</th>";
    }
    html << "</tr></thead><tbody>\n";
    const auto scale = [&](std::size_t o) {
      return std::abs(portfolio.everyone[o]) + std::abs(portfolio.nobody[o]);
    };
    for (const PlayerShare& player : portfolio.shares) {
      html << "<tr><td>" << escape(player_name(scenario, portfolio, player, language)) << "</td>";
      for (std::size_t o = 0; o < portfolio.outcomes.size(); ++o) {
        html << "<td class=\"change\">"
             << escape(
                    shown(player.share[o], player.standard_error[o], scale(o), points[o], language))
             << "</td>";
      }
      html << "</tr>\n";
    }
    html << "<tr class=\"total\"><td><strong>" << escape(label("shares_total", language))
         << "</strong></td>";
    for (std::size_t o = 0; o < portfolio.outcomes.size(); ++o) {
      const double whole = portfolio.everyone[o] - portfolio.nobody[o];
      html << "<td class=\"change\"><strong>"
           << number((points[o] ? 100.0 : 1.0) * (std::abs(whole) <= 1e-9 * scale(o) ? 0.0 : whole),
                     1, language)
           << "</strong></td>";
    }
    html << "</tr></tbody></table>\n";
  }
  html << "</section>\n";
  return html.str();
}

}  // namespace traj::territory::report
