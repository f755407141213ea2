#include "traj/territory/report.hpp"

#include <sstream>

#include "charts.hpp"
#include "distance_words.hpp"
#include "format.hpp"
#include "labels.hpp"
#include "page.hpp"

namespace traj::territory {

using namespace report;

std::string target_report_html(const std::string& territory, const std::string& portfolio,
                               const std::string& statement, const ProportionEstimate* probability,
                               ReportLanguage language, const ObjectiveDistance* distance,
                               const std::string& what, const std::string& unit) {
  std::ostringstream html;
  html << page_start(label("target_title", language) + " — " + territory, language);
  html << "<header><h1>" << escape(territory) << "</h1><p class=\"subtitle\">"
       << escape(label("target_title", language)) << " · " << escape(label("portfolio", language))
       << colon(language) << "<strong>" << escape(portfolio)
       << "</strong></p></header>\n<section id=\"target\"><h2>"
       << escape(label("target_title", language)) << "</h2><p class=\"statement\"><strong>"
       << escape(statement) << "</strong></p>\n";
  if (probability != nullptr) {
    const std::string words = percent(probability->probability, language) + " " +
                              label("likely", language) + " (" + label("interval", language) + " " +
                              percent(probability->ci_low, language) + "–" +
                              percent(probability->ci_high, language) + ")";
    html << "<svg class=\"bar\" role=\"img\" viewBox=\"0 0 200 20\" width=\"400\" aria-label=\""
         << escape(words)
         << "\"><rect x=\"0\" y=\"3\" width=\"200\" height=\"14\" fill=\"#eee\"/><rect x=\"0\" "
            "y=\"3\" width=\""
         << 200 * probability->probability << "\" height=\"14\" fill=\""
         << likelihood_colour(probability->probability) << "\"/><line x1=\""
         << 200 * probability->ci_low << "\" x2=\"" << 200 * probability->ci_high
         << "\" y1=\"10\" y2=\"10\" stroke=\"#000\" stroke-width=\"2\"/></svg><p>" << escape(words)
         << "</p>\n";
  }
  if (distance != nullptr && distance->known) {
    html << "<p class=\"distance\">" << escape(label("as_planned", language)) << " — "
         << escape(what) << colon(language) << escape(distance_words(*distance, unit, language))
         << "</p>\n";
  }
  html << "</section>\n</body></html>\n";
  return html.str();
}

}  // namespace traj::territory
