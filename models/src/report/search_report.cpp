// The page of traj optimize: the front as an SVG chart (cost across,
// probability up, the chosen point ringed) with its text alternative, and a
// table of every point with its actions.

#include "traj/territory/search_report.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

#include "charts.hpp"
#include "format.hpp"
#include "page.hpp"

namespace traj::territory {
namespace {

using namespace report;

/// The page's own sentences, English then French.
const std::string& word(const std::string& key, Language language) {
  static const std::map<std::string, std::pair<std::string, std::string>> WORDS = {
      {"title", {"Portfolio search", "Recherche de portefeuille"}},
      {"candidates", {"{} candidate actions", "{} actions candidates"}},
      {"budget", {"budget {} M€", "budget {}\u00a0M€"}},
      {"no_budget", {"no budget", "sans budget"}},
      {"members",
       {"Searched on {} common members (seed {}); every figure below is on {} fresh members "
        "(seed {}), against the optimiser's curse; \"seen\" is the probability the search saw.",
        "Recherche sur {} membres communs (graine {})\u00a0; chaque chiffre ci-dessous est sur {} "
        "nouveaux membres (graine {}), contre la malédiction de l'optimiseur\u00a0; "
        "«\u00a0vu\u00a0» "
        "est la probabilité que la recherche a vue."}},
      {"front", {"The Pareto front under the budget", "Le front de Pareto dans le budget"}},
      {"front_note",
       {"{} portfolios that no other beats on cost, probability and GHG avoided at once ({} "
        "found).",
        "{} portefeuilles qu'aucun autre ne bat à la fois sur le coût, la probabilité et les GES "
        "évités ({} trouvés)."}},
      {"chart", {"Cost and probability of the front", "Coût et probabilité du front"}},
      {"cost", {"Discounted cost (M€)", "Coût actualisé (M€)"}},
      {"probability",
       {"Probability that the objectives are met", "Probabilité d'atteindre les objectifs"}},
      {"ghg", {"GHG avoided (kt)", "GES évités (kt)"}},
      {"actions", {"Actions", "Actions"}},
      {"seen", {"seen", "vu"}},
      {"chosen", {"Chosen portfolio", "Portefeuille choisi"}},
      {"none_chosen",
       {"No portfolio under the budget reaches the confidence asked.",
        "Aucun portefeuille dans le budget n'atteint la confiance demandée."}},
      {"no_action", {"(no action)", "(aucune action)"}},
      {"nothing_fits",
       {"No portfolio fits the budget.", "Aucun portefeuille ne tient dans le budget."}},
      {"point", {"point {}: {} M€, {}", "point {}\u00a0: {}\u00a0M€, {}"}},
  };
  const auto& entry = WORDS.at(key);
  return language == Language::French ? entry.second : entry.first;
}

std::string fill(std::string pattern, const std::vector<std::string>& values) {
  for (const std::string& value : values) {
    const std::size_t at = pattern.find("{}");
    if (at == std::string::npos) break;
    pattern.replace(at, 2, value);
  }
  return pattern;
}

std::string actions_of(const Scenario& scenario, const PortfolioSearch& search,
                       const SearchedPortfolio& point, Language language) {
  std::string text;
  for (std::size_t c = 0; c < point.level.size(); ++c) {
    const double level = search.levels[point.level[c]];
    if (level == 0.0) continue;
    const Action& action = scenario.actions[static_cast<std::size_t>(search.candidates[c])];
    // The French version where the scenario gives one (docs/scenario-format.md#french-texts).
    const std::string& name =
        language == Language::French && !action.name_fr.empty() ? action.name_fr : action.name;
    text += (text.empty() ? "" : ", ") + name;
    if (level != 1.0) text += std::string(" (") + number(level, 2, language) + ")";
  }
  return text.empty() ? word("no_action", language) : text;
}

std::string probability_text(const PortfolioFigures& figures, Language language) {
  return percent(figures.probability.probability, language) + " [" +
         percent(figures.probability.ci_low, language) + "–" +
         percent(figures.probability.ci_high, language) + "]";
}

/// Cost across, probability up, each point with its 95 % interval; the chosen one ringed.
std::string front_chart(const PortfolioSearch& search, Language language) {
  constexpr double WIDTH = 640, HEIGHT = 320, LEFT = 56, RIGHT = 16, TOP = 16, BOTTOM = 40;
  double high_cost = 0.0;
  for (const SearchedPortfolio& point : search.front)
    high_cost = std::max(high_cost, point.fresh.cost);
  if (!(high_cost > 0.0)) high_cost = 1.0;
  const std::vector<double> ticks = nice_ticks(0.0, high_cost);
  const double top_cost = std::max(high_cost, ticks.empty() ? high_cost : ticks.back());
  const auto x = [&](double cost) {
    return LEFT + (WIDTH - LEFT - RIGHT) * std::max(0.0, cost) / top_cost;
  };
  const auto y = [&](double p) { return TOP + (HEIGHT - TOP - BOTTOM) * (1.0 - p); };
  std::string description = word("chart", language) + colon(language);
  for (std::size_t i = 0; i < search.front.size(); ++i) {
    const SearchedPortfolio& point = search.front[i];
    description +=
        (i ? "; " : "") +
        fill(word("point", language), {std::to_string(i + 1), number(point.fresh.cost, 1, language),
                                       probability_text(point.fresh, language)});
  }
  std::ostringstream svg;
  svg << "<figure class=\"chart\"><svg class=\"front\" role=\"img\" viewBox=\"0 0 " << WIDTH << ' '
      << HEIGHT << "\" aria-labelledby=\"front-title front-desc\"><title id=\"front-title\">"
      << escape(word("chart", language)) << "</title><desc id=\"front-desc\">"
      << escape(description) << "</desc>";
  for (const double p : {0.0, 0.25, 0.5, 0.75, 1.0}) {
    svg << "<line class=\"grid\" x1=\"" << LEFT << "\" x2=\"" << WIDTH - RIGHT << "\" y1=\"" << y(p)
        << "\" y2=\"" << y(p) << "\"/><text class=\"tick\" x=\"" << LEFT - 6 << "\" y=\""
        << y(p) + 4 << "\" text-anchor=\"end\">" << percent(p, language) << "</text>";
  }
  for (const double tick : ticks) {
    svg << "<text class=\"tick\" x=\"" << x(tick) << "\" y=\"" << HEIGHT - BOTTOM + 16
        << "\" text-anchor=\"middle\">" << number(tick, decimals_for(top_cost / 4), language)
        << "</text>";
  }
  svg << "<text class=\"tick\" x=\"" << (LEFT + WIDTH - RIGHT) / 2 << "\" y=\"" << HEIGHT - 4
      << "\" text-anchor=\"middle\">" << escape(word("cost", language)) << "</text>";
  for (std::size_t i = 0; i < search.front.size(); ++i) {
    const PortfolioFigures& f = search.front[i].fresh;
    svg << "<line stroke=\"#0072B2\" x1=\"" << x(f.cost) << "\" x2=\"" << x(f.cost) << "\" y1=\""
        << y(f.probability.ci_low) << "\" y2=\"" << y(f.probability.ci_high) << "\"/>"
        << "<circle fill=\"#0072B2\" r=\"4\" cx=\"" << x(f.cost) << "\" cy=\""
        << y(f.probability.probability) << "\"/>";
    if (search.chosen && *search.chosen == i) {
      svg << "<circle fill=\"none\" stroke=\"#D55E00\" stroke-width=\"2\" r=\"9\" cx=\""
          << x(f.cost) << "\" cy=\"" << y(f.probability.probability) << "\"/>";
    }
  }
  svg << "</svg><figcaption>" << escape(word("chart", language)) << "</figcaption></figure>\n";
  return svg.str();
}

}  // namespace

std::string search_report_html(const Scenario& scenario, const PortfolioSearch& search,
                               Language language) {
  std::ostringstream html;
  html << page_start(word("title", language) + " — " + scenario.name, language);
  html << "<header><h1>" << escape(scenario.name) << "</h1><p class=\"subtitle\">"
       << escape(word("title", language)) << " · "
       << escape(fill(word("candidates", language), {std::to_string(search.candidates.size())}))
       << " · "
       << escape(std::isfinite(search.budget)
                     ? fill(word("budget", language), {number(search.budget, 1, language)})
                     : word("no_budget", language))
       << "</p></header>\n<section id=\"front\"><h2>" << escape(word("front", language))
       << "</h2><p>"
       << escape(fill(word("members", language),
                      {std::to_string(search.members), std::to_string(search.seed),
                       std::to_string(search.members), std::to_string(search.fresh_seed)}))
       << "</p>\n";
  if (search.front.empty()) {
    html << "<p>" << escape(word("nothing_fits", language)) << "</p></section>\n</body></html>\n";
    return html.str();
  }
  html << "<p>"
       << escape(fill(word("front_note", language),
                      {std::to_string(search.front.size()), std::to_string(search.front_found)}))
       << "</p>\n"
       << front_chart(search, language);
  html << "<table class=\"front\"><thead><tr><th>#</th><th>" << escape(word("cost", language))
       << "</th><th>" << escape(word("probability", language)) << "</th><th>"
       << escape(word("seen", language)) << "</th><th>" << escape(word("ghg", language))
       << "</th><th>" << escape(word("actions", language)) << "</th></tr></thead><tbody>";
  for (std::size_t i = 0; i < search.front.size(); ++i) {
    const SearchedPortfolio& point = search.front[i];
    const bool chosen = search.chosen && *search.chosen == i;
    html << "<tr" << (chosen ? " class=\"chosen\"" : "") << "><td>" << i + 1 << (chosen ? " ★" : "")
         << "</td><td>" << number(point.fresh.cost, 1, language) << "</td><td>"
         << escape(probability_text(point.fresh, language)) << "</td><td>"
         << percent(point.common.probability.probability, language) << "</td><td>"
         << number(point.fresh.ghg_avoided, 1, language) << "</td><td>"
         << escape(actions_of(scenario, search, point, language)) << "</td></tr>";
  }
  html << "</tbody></table>\n</section>\n<section id=\"chosen\"><h2>"
       << escape(word("chosen", language)) << "</h2>";
  if (search.chosen) {
    const SearchedPortfolio& point = search.front[*search.chosen];
    html << "<p><strong>" << number(point.fresh.cost, 1, language) << " M€ · "
         << escape(probability_text(point.fresh, language)) << " · "
         << number(point.fresh.ghg_avoided, 1, language) << " kt</strong></p><p>"
         << escape(actions_of(scenario, search, point, language)) << "</p>";
  } else {
    html << "<p>" << escape(word("none_chosen", language)) << "</p>";
  }
  html << "</section>\n</body></html>\n";
  return html.str();
}

}  // namespace traj::territory
