#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>
#include <vector>

#include "comparison_sections.hpp"
#include "format.hpp"
#include "labels.hpp"
#include "page.hpp"
#include "traj/territory/report.hpp"
#include "traj/territory/scenario_text.hpp"

namespace traj::territory {
namespace {

using namespace report;

/// Rows of each outcome's table: the most important factors.
constexpr std::size_t SHOWN_FACTORS = 12;

std::string outcome_title(const Scenario& scenario, const SensitivityOutcome& outcome,
                          Language language) {
  if (outcome.objective >= 0 &&
      static_cast<std::size_t>(outcome.objective) < scenario.objectives.size()) {
    const Objective& objective = scenario.objectives[static_cast<std::size_t>(outcome.objective)];
    return label("whether_met", language) + colon(language) + objective_text(objective, language);
  }
  const bool known = outcome.indicator == "final_energy" || outcome.indicator == "ghg" ||
                     outcome.indicator == "renewable_share";
  return (known ? label(outcome.indicator, language) : outcome.indicator) + " " +
         label("in", language) + " " + std::to_string(outcome.year);
}

/// Why an outcome that does not vary has no ranking: met or missed for every
/// member, or a number no uncertainty reaches.
std::string constant_outcome(const SensitivityOutcome& outcome, double mean, Language language) {
  if (outcome.objective < 0) return label("never_varies", language);
  return label(mean >= 0.5 ? "always_met" : "always_missed", language);
}

std::string factor_cell(const Scenario& scenario, const std::string& factor, Language language) {
  std::string cell = "<td class=\"factor-cell\"><strong>" +
                     escape(sensitivity_factor_name(scenario, factor, language)) + "</strong>";
  const int parameter = scenario.parameters.find(factor);
  if (sensitivity_factor_name(scenario, factor, language) != factor)
    cell += "<br><code>" + escape(factor) + "</code>";
  if (parameter >= 0 && !scenario.parameters[static_cast<std::size_t>(parameter)].source.empty())
    cell += "<br><small>" +
            escape(scenario.parameters[static_cast<std::size_t>(parameter)].source) + "</small>";
  return cell + "</td>";
}

std::string bar_cell(double share) {
  std::ostringstream cell;
  cell << "<td class=\"bar-cell\"><div class=\"index-bar\" style=\"width:"
       << std::clamp(share, 0.0, 1.0) * 100.0 << "%\"></div></td>";
  return cell.str();
}

/// Sobol: a total below the first-order index whose intervals overlap it is
/// estimation noise, flagged with a star and explained under the table.
bool is_noise(const SobolIndex& index) {
  return index.total < index.first && index.total_high >= index.first_low;
}

std::string sobol_table(const Scenario& scenario, const SensitivityResult& result, std::size_t o,
                        Language language) {
  const std::size_t factors = result.factors.size();
  const auto at = [&](std::size_t f) { return result.sobol[o * factors + f]; };
  std::vector<std::size_t> ranked(factors);
  std::iota(ranked.begin(), ranked.end(), 0);
  std::stable_sort(ranked.begin(), ranked.end(), [&](std::size_t x, std::size_t y) {
    return std::max(0.0, at(x).total) > std::max(0.0, at(y).total);
  });
  if (ranked.size() > SHOWN_FACTORS) ranked.resize(SHOWN_FACTORS);
  const auto shown = [&](double value) { return percent(std::clamp(value, 0.0, 1.0), language); };
  std::ostringstream table;
  table << "<table class=\"sensitivity-factors\"><thead><tr><th>"
        << escape(label("factor_header", language)) << "</th><th></th><th>"
        << escape(label("first_order_header", language)) << "</th><th>"
        << escape(label("total_header", language)) << "</th></tr></thead><tbody>";
  bool noisy = false;
  for (const std::size_t f : ranked) {
    const SobolIndex index = at(f);
    noisy = noisy || is_noise(index);
    table << "<tr>" << factor_cell(scenario, result.factors[f], language)
          << bar_cell(std::max(0.0, index.total)) << "<td class=\"index\">" << shown(index.first)
          << " <small>(" << shown(index.first_low) << "–" << shown(index.first_high)
          << ")</small></td><td class=\"index\">" << shown(index.total) << " <small>("
          << shown(index.total_low) << "–" << shown(index.total_high) << ")</small>"
          << (is_noise(index) ? " *" : "") << "</td></tr>";
  }
  table << "</tbody></table>\n";
  if (noisy) table << "<p class=\"note\">" << escape(label("noise_note", language)) << "</p>\n";
  return table.str();
}

std::string morris_table(const Scenario& scenario, const SensitivityResult& result, std::size_t o,
                         Language language) {
  const std::size_t factors = result.factors.size();
  const auto at = [&](std::size_t f) { return result.morris[o * factors + f]; };
  std::vector<std::size_t> ranked(factors);
  std::iota(ranked.begin(), ranked.end(), 0);
  std::stable_sort(ranked.begin(), ranked.end(),
                   [&](std::size_t x, std::size_t y) { return at(x).mu_star > at(y).mu_star; });
  if (ranked.size() > SHOWN_FACTORS) ranked.resize(SHOWN_FACTORS);
  const double largest = ranked.empty() ? 0.0 : at(ranked.front()).mu_star;
  const int digits = decimals_for(largest);
  std::ostringstream table;
  table << "<table class=\"sensitivity-factors\"><thead><tr><th>"
        << escape(label("factor_header", language)) << "</th><th></th><th>"
        << escape(label("mu_star_header", language)) << "</th><th>"
        << escape(label("sigma_header", language)) << "</th></tr></thead><tbody>";
  for (const std::size_t f : ranked) {
    table << "<tr>" << factor_cell(scenario, result.factors[f], language)
          << bar_cell(largest > 0.0 ? at(f).mu_star / largest : 0.0) << "<td class=\"index\">"
          << number(at(f).mu_star, digits, language) << "</td><td class=\"index\">"
          << number(at(f).sigma, digits, language) << "</td></tr>";
  }
  table << "</tbody></table>\n";
  return table.str();
}

}  // namespace

std::string sensitivity_report_html(const Scenario& scenario, const std::string& portfolio,
                                    const SensitivityResult& result,
                                    const std::vector<SensitivityOutcome>& outcomes,
                                    const std::string& method, ReportLanguage language) {
  std::ostringstream html;
  html << page_start(label("sensitivity_title", language) + " — " + scenario.name, language);
  html << "<header><h1>" << escape(scenario.name) << "</h1><p class=\"subtitle\">"
       << escape(label("sensitivity_title", language)) << " · "
       << escape(label("portfolio", language)) << colon(language) << "<strong>"
       << escape(portfolio_label(scenario, portfolio.empty() ? "baseline" : portfolio, language))
       << "</strong></p></header>\n<section id=\"sensitivity\"><h2>"
       << escape(label("sensitivity_title", language)) << "</h2><p>"
       << escape(label(method == "sobol" ? "sobol_note" : "morris_note", language)) << "</p>\n";
  for (std::size_t o = 0; o < result.outputs.size(); ++o) {
    const SensitivityOutcome outcome =
        o < outcomes.size() ? outcomes[o] : SensitivityOutcome{result.outputs[o], 0, -1};
    html << "<div class=\"outcome\"><h3>"
         << escape(o < outcomes.size() ? outcome_title(scenario, outcome, language)
                                       : result.outputs[o])
         << "</h3>";
    if (result.variance[o] == 0.0) {
      const double mean = o < result.mean.size() ? result.mean[o] : 0.0;
      html << "<p class=\"constant\">" << escape(constant_outcome(outcome, mean, language))
           << "</p></div>\n";
      continue;
    }
    html << (method == "sobol" ? sobol_table(scenario, result, o, language)
                               : morris_table(scenario, result, o, language))
         << "</div>\n";
  }
  html << "</section>\n</body></html>\n";
  return html.str();
}

}  // namespace traj::territory
