#include "comparison_sections.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include "distance_words.hpp"
#include "format.hpp"
#include "page.hpp"
#include "portfolio_charts.hpp"
#include "result_series.hpp"
#include "traj/territory/scenario_text.hpp"
#include "vocabulary.hpp"

namespace traj::territory::report {
namespace {

/// Actions listed per portfolio in "what carries it"; the rest in one line.
constexpr std::size_t CONTRIBUTIONS_SHOWN = 12;

/// The portfolio's median and 5–95 % band of `row` over the years.
PortfolioLine line_of(const Scenario& scenario, const PortfolioOutcome& portfolio, std::size_t row,
                      Language language) {
  const EnsembleResult& result = portfolio.result;
  const int i05 = level_index(result, 0.05), i50 = level_index(result, 0.5),
            i95 = level_index(result, 0.95);
  return {portfolio_label(scenario, portfolio.id, language), quantile_series(result, row, i05),
          quantile_series(result, row, i50), quantile_series(result, row, i95)};
}

/// The years a breakdown is shown in: each objective's, then the horizon.
std::vector<int> shown_years(const Scenario& scenario) {
  std::set<int> years;
  for (const Objective& objective : scenario.objectives) {
    if (objective.year > scenario.base_year && objective.year <= scenario.horizon)
      years.insert(objective.year);
  }
  years.insert(scenario.horizon);
  return {years.begin(), years.end()};
}

/// Stacked bars of the rows `first`, `first + 1`… (one per layer): the
/// base year once, then every portfolio in each shown year.
std::string breakdown_chart(const std::string& id, const std::string& title,
                            const std::vector<std::string>& layers, int first,
                            const Scenario& scenario, const PortfolioComparison& comparison,
                            Language language) {
  const auto means = [&](const EnsembleResult& result, int year) {
    std::vector<double> values;
    for (std::size_t l = 0; l < layers.size(); ++l) {
      values.push_back(result.mean_at(static_cast<std::size_t>(first) + l,
                                      static_cast<std::size_t>(year - scenario.base_year)));
    }
    return values;
  };
  std::vector<StackedBar> bars;
  bars.push_back({std::to_string(scenario.base_year),
                  means(comparison.portfolios.front().result, scenario.base_year)});
  for (const int year : shown_years(scenario)) {
    for (const auto& portfolio : comparison.portfolios) {
      // The short name: the bar's label has room for a word.
      const std::string name =
          portfolio.id == "baseline" ? label("baseline_short", language) : portfolio.id;
      bars.push_back({std::to_string(year) + " · " + name, means(portfolio.result, year)});
    }
  }
  return stacked_bars(id, title, "GWh", layers, bars, language);
}

}  // namespace

std::string objective_heading(const Scenario& scenario, const Objective& objective,
                              Language language) {
  if (objective.territory != NONE) {
    // A territory's objective: its indicator's name, then the territory's.
    const Territory& territory =
        scenario.territories[static_cast<std::size_t>(objective.territory)];
    Objective of_whole = objective;
    of_whole.indicator = objective.indicator.substr(0, objective.indicator.find('@'));
    of_whole.territory = NONE;
    std::string heading = objective_heading(scenario, of_whole, language);
    heading.append(" — ").append(territory_name(territory, language));
    return heading;
  }
  const std::string& id = objective.indicator;
  if (id == "final_energy" || id == "renewable_share" || id == "ghg")
    return label("short_" + id, language) + " " + std::to_string(objective.year);
  const IndicatorCatalogue catalogue(scenario);
  const int row = catalogue.find(id);
  const std::string description =
      row < 0 ? id : catalogue[static_cast<std::size_t>(row)].description;
  return indicator_name(id, description, language) + " " + std::to_string(objective.year);
}

std::string portfolio_label(const Scenario& scenario, const std::string& id, Language language) {
  const int index = scenario.find_portfolio(id);
  if (index == NONE) return id == "baseline" ? label("baseline", language) : id;
  return portfolio_name(scenario.portfolios[static_cast<std::size_t>(index)], language);
}

std::string trajectories_section(const Scenario& scenario, const PortfolioComparison& comparison,
                                 Language language) {
  if (comparison.portfolios.empty()) return "";
  const EnsembleResult& first = comparison.portfolios.front().result;
  if (level_index(first, 0.05) < 0 || level_index(first, 0.5) < 0 || level_index(first, 0.95) < 0)
    return "";
  const IndicatorCatalogue catalogue(scenario);
  struct Shown {
    std::string id, unit;
    double scale;
  };
  const Shown shown[] = {{"ghg", "ktCO2e", 1.0},
                         {"final_energy", "GWh", 1.0},
                         {"renewable_share", "%", 100.0},
                         {"local_production", "GWh", 1.0},
                         {"cost_cumulative", "M€", 1.0}};
  std::vector<int> years;
  for (int year = scenario.base_year; year <= scenario.horizon; ++year) years.push_back(year);
  std::ostringstream html;
  html << "<section id=\"trajectories\"><h2>" << escape(label("together", language)) << "</h2><p>"
       << escape(label("together_note", language)) << "</p>\n";
  for (const Shown& chart : shown) {
    const int row = catalogue.find(chart.id);
    if (row < 0 || !has_quantiles(first, static_cast<std::size_t>(row))) continue;
    std::vector<PortfolioLine> lines;
    for (const auto& portfolio : comparison.portfolios)
      lines.push_back(line_of(scenario, portfolio, static_cast<std::size_t>(row), language));
    std::vector<Threshold> thresholds;
    for (std::size_t o = 0; o < scenario.objectives.size(); ++o) {
      const Objective& objective = scenario.objectives[o];
      const ObjectiveDistance& distance = comparison.portfolios.front().distances[o];
      if (objective.indicator == chart.id && distance.known)
        thresholds.push_back(
            {distance.target, objective.year,
             label("target_line", language) + " " + std::to_string(objective.year)});
    }
    html << overlay_chart(chart.id, label(chart.id, language), chart.unit, years, lines,
                          chart.scale, thresholds, language);
  }
  html << "</section>\n";
  return html.str();
}

std::string breakdown_section(const Scenario& scenario, const PortfolioComparison& comparison,
                              Language language) {
  if (comparison.portfolios.empty()) return "";
  const IndicatorCatalogue catalogue(scenario);
  std::vector<std::string> sectors, carriers, sources;
  for (const auto& sector : scenario.sectors) sectors.push_back(term(sector, language));
  for (const auto& carrier : scenario.carriers) carriers.push_back(term(carrier, language));
  for (const auto& source : scenario.sources) sources.push_back(term(source.id, language));
  std::ostringstream html;
  html << "<section id=\"breakdowns\"><h2>" << escape(label("breakdowns", language)) << "</h2><p>"
       << escape(label("breakdowns_note", language)) << "</p>\n";
  html << breakdown_chart("by-sector", label("energy_by_sector", language), sectors,
                          catalogue.final_energy_by_sector, scenario, comparison, language);
  html << breakdown_chart("by-carrier", label("energy_by_carrier", language), carriers,
                          catalogue.final_energy_by_carrier, scenario, comparison, language);
  if (!sources.empty()) {
    html << breakdown_chart("by-source", label("production_by_source", language), sources,
                            catalogue.local_production_by_source, scenario, comparison, language);
  }
  html << "</section>\n";
  return html.str();
}

std::string differences_section(const Scenario& scenario, const PortfolioComparison& comparison,
                                Language language) {
  const auto& portfolios = comparison.portfolios;
  std::size_t identical = 0;
  std::ostringstream rows;
  for (const auto& difference : comparison.differences) {
    // No member differs: the pair meets, or misses, the objective on the same members.
    if (difference.difference == 0.0 && difference.ci_low == difference.ci_high) {
      ++identical;
      continue;
    }
    rows << "<tr><td>" << escape(portfolio_label(scenario, portfolios[difference.a].id, language))
         << " − " << escape(portfolio_label(scenario, portfolios[difference.b].id, language))
         << "</td><td>"
         << escape(objective_heading(scenario, scenario.objectives[difference.objective], language))
         << "</td><td>" << number(100 * difference.difference, 1, language) << " ["
         << number(100 * difference.ci_low, 1, language) << " ; "
         << number(100 * difference.ci_high, 1, language) << "]</td></tr>\n";
  }
  std::ostringstream html;
  html << "<section id=\"differences\"><h2>" << escape(label("differences", language)) << "</h2>";
  if (identical < comparison.differences.size()) {
    html << "<table><thead><tr><th>" << escape(label("pair", language)) << "</th><th>"
         << escape(label("objective_header", language)) << "</th><th>"
         << escape(label("difference_header", language)) << "</th></tr></thead><tbody>\n"
         << rows.str() << "</tbody></table>\n";
  }
  if (identical > 0) {
    const bool all = identical == comparison.differences.size();
    const char* key = all ? (portfolios.size() == 2 ? "identical_only" : "identical_all")
                          : (identical == 1 ? "identical_one" : "identical_rest");
    html << "<p class=\"identical-pairs\">"
         << escape(
                fill(label(key, language), {number(static_cast<double>(identical), 0, language)}))
         << "</p>\n";
  }
  html << "</section>\n";
  return html.str();
}

std::string contributions_section(const Scenario& scenario, const PortfolioComparison& comparison,
                                  Language language) {
  std::size_t ghg = comparison.quantities.size();
  for (std::size_t q = 0; q < comparison.quantities.size(); ++q) {
    if (comparison.quantities[q].label == "ghg " + std::to_string(scenario.horizon)) ghg = q;
  }
  if (ghg == comparison.quantities.size()) return "";
  std::ostringstream html;
  html << "<section id=\"contributions\"><h2>" << escape(label("contributions", language))
       << "</h2><p>" << escape(label("contribution_note", language)) << "</p>\n";
  for (const auto& portfolio : comparison.portfolios) {
    if (portfolio.contributions.empty()) continue;
    std::vector<std::pair<const ActionContribution*, double>> items;
    for (const auto& contribution : portfolio.contributions)
      items.emplace_back(&contribution, contribution.mean[ghg]);
    std::stable_sort(items.begin(), items.end(),
                     [](const auto& x, const auto& y) { return x.second < y.second; });
    double largest = 0.0;
    for (const auto& item : items) largest = std::max(largest, std::abs(item.second));
    if (!(largest > 0.0)) largest = 1.0;
    html << "<h3>" << escape(portfolio_label(scenario, portfolio.id, language))
         << "</h3><table class=\"contributions\"><thead><tr><th>"
         << escape(label("action_header", language)) << "</th><th>"
         << escape(label("carried_by", language)) << "</th><th colspan=\"2\">"
         << escape(label("ghg_change_header", language)) << "</th></tr></thead><tbody>\n";
    const std::size_t shown = std::min(items.size(), CONTRIBUTIONS_SHOWN);
    for (std::size_t i = 0; i < shown; ++i) {
      const ActionContribution& contribution = *items[i].first;
      const int index = scenario.find_action(contribution.action);
      const Action* action =
          index == NONE ? nullptr : &scenario.actions[static_cast<std::size_t>(index)];
      const double value = items[i].second;
      html
          << "<tr><td>"
          << escape(action != nullptr ? action_name(*action, language) : contribution.action)
          << "<br><code>" << escape(contribution.action) << "</code></td><td>"
          << escape(action != nullptr ? action_coalition(*action, language) : "")
          << "</td><td class=\"change-bar\"><svg class=\"bar\" role=\"img\" viewBox=\"0 0 100 12\" "
             "aria-label=\""
          << number(value, 1, language) << " kt\"><rect x=\""
          << (value < 0 ? 50 + 50 * value / largest : 50) << "\" y=\"1\" width=\""
          << 50 * std::abs(value) / largest << "\" height=\"10\" fill=\""
          << (value <= 0 ? "#1b6e2d" : "#b3261e")
          << "\"/><line x1=\"50\" x2=\"50\" y1=\"0\" y2=\"12\" stroke=\"#333\"/></svg></td>"
          << "<td class=\"change\">" << number(value, 1, language) << "</td></tr>\n";
    }
    html << "</tbody></table>\n";
    if (shown < items.size()) {
      double rest = 0.0;
      for (std::size_t i = shown; i < items.size(); ++i) rest += items[i].second;
      html << "<p class=\"note\">"
           << escape(fill(label("contributions_rest", language),
                          {number(static_cast<double>(items.size() - shown), 0, language),
                           number(rest, 1, language)}))
           << "</p>\n";
    }
  }
  html << "</section>\n";
  return html.str();
}

}  // namespace traj::territory::report
