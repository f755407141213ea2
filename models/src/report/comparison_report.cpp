#include "traj/territory/report.hpp"

#include <algorithm>
#include <sstream>
#include <vector>

#include "charts.hpp"
#include "comparison_sections.hpp"
#include "distance_words.hpp"
#include "format.hpp"
#include "labels.hpp"
#include "page.hpp"
#include "traj/territory/scenario_text.hpp"

namespace traj::territory {

using namespace report;

namespace {

/// Per objective: whether any portfolio is likely to meet it, which gets
/// closest, and how far each one is.
std::string distance_section(const Scenario& scenario, const PortfolioComparison& comparison,
                             ReportLanguage language) {
  if (scenario.objectives.empty() || comparison.verdicts.size() != scenario.objectives.size())
    return "";
  const auto name = [&](const std::string& id) { return portfolio_label(scenario, id, language); };
  const IndicatorCatalogue catalogue(scenario);
  std::ostringstream html;
  html << "<section id=\"distances\"><h2>" << escape(label("distances", language)) << "</h2><p>"
       << escape(label("distances_note", language)) << "</p>\n";
  for (std::size_t o = 0; o < scenario.objectives.size(); ++o) {
    const Objective& objective = scenario.objectives[o];
    const ObjectiveVerdict& verdict = comparison.verdicts[o];
    const int row = catalogue.find(objective.indicator);
    const Dimension dimension =
        row < 0 ? Dimension::Ratio : catalogue[static_cast<std::size_t>(row)].dimension;
    const std::string unit =
        dimension == Dimension::Fraction ? "%" : std::string(canonical_symbol(dimension));
    html << "<h3>" << escape(objective_text(objective, language))
         << "</h3><p class=\"verdict\"><strong>";
    if (!verdict.within_reach) {
      const std::size_t closest =
          verdict.closest < comparison.portfolios.size() ? verdict.closest : verdict.most_likely;
      html << escape(
          fill(label("out_of_reach", language), {name(comparison.portfolios[closest].id)}));
    } else {
      html << escape(fill(label("within_reach", language),
                          {name(comparison.portfolios[verdict.most_likely].id)}));
    }
    html << "</strong></p><ul class=\"distances\">\n";
    for (const auto& portfolio : comparison.portfolios) {
      html << "<li><strong>" << escape(name(portfolio.id)) << "</strong>" << colon(language)
           << escape(distance_words(portfolio.distances[o], unit, language)) << "</li>\n";
    }
    html << "</ul>\n";
  }
  html << "</section>\n";
  return html.str();
}

}  // namespace

std::string comparison_report_html(const Scenario& scenario, const PortfolioComparison& comparison,
                                   ReportLanguage language,
                                   const std::vector<PortfolioShares>& shares) {
  std::ostringstream html;
  html << page_start(label("comparison_title", language) + " — " + scenario.name, language);
  html << "<header><h1>" << escape(scenario.name) << "</h1><p class=\"subtitle\">"
       << escape(label("comparison_title", language)) << " · " << escape(label("members", language))
       << colon(language) << number(static_cast<double>(comparison.members), 0, language) << " · "
       << escape(label("same_members", language)) << "</p></header>\n";
  const auto& portfolios = comparison.portfolios;
  const auto name = [&](const std::string& id) { return portfolio_label(scenario, id, language); };
  // Portfolio table.
  html << "<section id=\"portfolios\"><h2>" << escape(label("table", language))
       << "</h2><table class=\"portfolio-table\"><thead><tr><th>"
       << escape(label("portfolio", language)) << "</th>";
  for (const auto& objective : scenario.objectives)
    html << "<th>" << escape(objective_heading(scenario, objective, language)) << "</th>";
  html << "<th class=\"cost\">" << escape(label("cost", language)) << "</th><th>"
       << escape(label("avoided", language)) << "</th><th>" << escape(label("per_tonne", language))
       << "</th><th>" << escape(label("dominated", language)) << "</th></tr></thead><tbody>\n";
  for (const auto& portfolio : portfolios) {
    html << "<tr class=\"portfolio-row\"><td><strong>" << escape(name(portfolio.id))
         << "</strong></td>";
    for (const auto& outcome : portfolio.result.objectives) {
      const auto& estimate = outcome.estimate;
      html << "<td><svg class=\"bar\" role=\"img\" viewBox=\"0 0 100 14\" aria-label=\""
           << escape(percent(estimate.probability, language))
           << "\"><rect x=\"0\" y=\"2\" width=\"100\" height=\"10\" fill=\"#eee\"/>"
           << "<rect x=\"0\" y=\"2\" width=\"" << 100 * estimate.probability
           << "\" height=\"10\" fill=\"" << likelihood_colour(estimate.probability)
           << "\"/><line x1=\"" << 100 * estimate.ci_low << "\" x2=\"" << 100 * estimate.ci_high
           << "\" y1=\"7\" y2=\"7\" stroke=\"#000\" stroke-width=\"1.5\"/></svg><br>"
           << percent(estimate.probability, language) << "</td>";
    }
    std::string dominated;
    for (const auto& other : portfolio.dominated_by)
      dominated += (dominated.empty() ? "" : ", ") + name(other);
    html << "<td>" << number(portfolio.cost_discounted, 0, language) << "<br><small>["
         << number(portfolio.cost_p05, 0, language) << "–"
         << number(portfolio.cost_p95, 0, language) << "]</small></td><td>"
         << number(portfolio.ghg_avoided, 0, language) << "</td><td>"
         << number(portfolio.cost_per_tonne, 0, language) << "</td><td>" << escape(dominated)
         << "</td></tr>\n";
  }
  html << "</tbody></table><p class=\"note\">" << escape(label("dominated", language))
       << colon(language) << escape(label("dominated_note", language)) << "</p></section>\n";
  html << distance_section(scenario, comparison, language);
  html << trajectories_section(scenario, comparison, language);
  html << breakdown_section(scenario, comparison, language);
  html << differences_section(scenario, comparison, language);
  html << contributions_section(scenario, comparison, language);
  html << territories_section(scenario, comparison, language);
  html << shares_section(scenario, shares, language);
  html << "</body></html>\n";
  return html.str();
}

}  // namespace traj::territory
