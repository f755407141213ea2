// The comparison report's section for a scenario of several territories:
// per portfolio, what each territory contributes to the whole's change.

#include <cmath>
#include <sstream>

#include "comparison_sections.hpp"
#include "format.hpp"
#include "page.hpp"
#include "traj/territory/scenario_text.hpp"
#include "traj/territory/territory_contributions.hpp"

namespace traj::territory::report {

std::string territories_section(const Scenario& scenario, const PortfolioComparison& comparison,
                                Language language) {
  if (scenario.territories.empty() || comparison.portfolios.size() < 2) return "";
  const IndicatorCatalogue catalogue(scenario);
  const EnsembleResult& baseline = comparison.portfolios.front().result;
  std::ostringstream html;
  html << "<section id=\"territory-contributions\"><h2>"
       << escape(label("territory_contributions", language)) << "</h2><p>"
       << escape(label("territory_contributions_note", language)) << "</p>\n";
  for (std::size_t p = 1; p < comparison.portfolios.size(); ++p) {
    const auto& portfolio = comparison.portfolios[p];
    html << "<h3>" << escape(portfolio_label(scenario, portfolio.id, language))
         << "</h3><table class=\"contributions\"><thead><tr><th>"
         << escape(label("territory", language)) << "</th><th>"
         << escape(label("ghg_avoided_header", language)) << "</th><th>"
         << escape(label("share_of_whole_header", language)) << "</th><th>"
         << escape(label("energy_saved_header", language)) << "</th><th>"
         << escape(label("production_added_header", language)) << "</th></tr></thead><tbody>\n";
    for (const auto& contribution :
         territory_contributions(catalogue, baseline, portfolio.result)) {
      const Territory& territory = scenario.territories[contribution.territory];
      const std::string& name = territory_name(territory, language);
      const double share = contribution.share_of_ghg_avoided;
      html << "<tr><td>" << escape(name) << "</td><td class=\"number\">"
           << number(contribution.ghg_avoided, 1, language) << " kt</td><td class=\"number\">"
           << (std::isfinite(share) ? number(100.0 * share, 1, language) + " %" : "–")
           << "</td><td class=\"number\">" << number(contribution.energy_saved, 1, language)
           << " GWh</td><td class=\"number\">" << number(contribution.production_added, 1, language)
           << " GWh</td></tr>\n";
    }
    html << "</tbody></table>\n";
  }
  html << "</section>\n";
  return html.str();
}

}  // namespace traj::territory::report
