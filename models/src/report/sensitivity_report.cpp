#include "traj/territory/report.hpp"

#include <algorithm>
#include <sstream>
#include <vector>

#include "charts.hpp"
#include "labels.hpp"
#include "page.hpp"

namespace traj::territory {

using namespace report;

std::string sensitivity_report_html(const std::string& territory, const std::string& portfolio,
                                    const SensitivityResult& result, const std::string& method,
                                    ReportLanguage language) {
  std::ostringstream html;
  html << page_start(label("sensitivity_title", language) + " — " + territory, language);
  html << "<header><h1>" << escape(territory) << "</h1><p class=\"subtitle\">"
       << escape(label("sensitivity_title", language)) << " · "
       << escape(label("portfolio", language)) << colon(language) << "<strong>" << escape(portfolio)
       << "</strong></p></header>\n<section id=\"sensitivity\"><h2>"
       << escape(label("sensitivity_title", language)) << "</h2><p>"
       << escape(label(method == "sobol" ? "sobol_note" : "morris_note", language)) << "</p>\n";
  const std::size_t factors = result.factors.size();
  for (std::size_t o = 0; o < result.outputs.size(); ++o) {
    std::vector<std::pair<std::string, double>> items;
    for (std::size_t f = 0; f < factors; ++f) {
      const double value = method == "sobol"
                               ? -std::max(0.0, result.sobol[o * factors + f].total) * 100.0
                               : -result.morris[o * factors + f].mu_star;
      items.emplace_back(result.factors[f], value);
    }
    std::stable_sort(items.begin(), items.end(),
                     [](const auto& x, const auto& y) { return x.second < y.second; });
    if (items.size() > 12) items.resize(12);
    for (auto& item : items) item.second = -item.second;  // drawn to the right
    html << "<h3>" << escape(result.outputs[o]) << "</h3>"
         << ranked_bars("sensitivity-" + std::to_string(o), items, method == "sobol" ? "%" : "",
                        language, false);
  }
  html << "</section>\n</body></html>\n";
  return html.str();
}

}  // namespace traj::territory
