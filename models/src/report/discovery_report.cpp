#include "traj/territory/discovery_page.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "distance_words.hpp"
#include "format.hpp"
#include "labels.hpp"
#include "page.hpp"
#include "traj/territory/parameter_words.hpp"
#include "traj/territory/report.hpp"
#include "traj/territory/scenario_text.hpp"

namespace traj::territory {

using namespace report;

namespace {

const Parameter& parameter_of(const DiscoveryPage& page, std::size_t factor) {
  return page.plan->scenario->parameters[page.discovery->parameters[factor]];
}

/// "a, b and c" in the language.
std::string listed(const std::vector<std::string>& items, Language language) {
  std::string text;
  std::string last_separator = " ";
  last_separator.append(label("discover_and", language)).append(" ");
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) text.append(i + 1 == items.size() ? last_separator : std::string(", "));
    text.append(items[i]);
  }
  return text;
}

std::string percent_of(double share, Language language) {
  return percent(share, language);
}

/// The answer in sentences: how often the objective is met overall, and
/// inside the box, with the box's conditions.
void answer_section(std::ostringstream& html, const DiscoveryPage& page, Language language) {
  const Discovery& discovery = *page.discovery;
  const Scenario& scenario = *page.plan->scenario;
  const bool failure = discovery.target == DiscoveryTarget::Failure;
  const std::string who = label(failure ? "discover_missing_it" : "discover_meeting_it", language);
  const double met_share =
      static_cast<double>(discovery.successes) / static_cast<double>(discovery.members);
  html << "<section><h2>" << escape(label("discover_answer", language)) << "</h2>\n<p>"
       << escape(
              fill(label(failure ? "discover_base_failure" : "discover_base_success", language),
                   {percent_of(failure ? 1.0 - met_share : met_share, language),
                    std::to_string(discovery.prim.of_interest), std::to_string(discovery.members)}))
       << "</p>\n";
  const PrimResult& prim = discovery.prim;
  if (prim.restrictions.empty()) {
    html << "<p class=\"statement\">" << escape(fill(label("discover_no_box", language), {who}))
         << "</p></section>\n";
    return;
  }
  std::vector<std::string> conditions;
  for (const PrimRestriction& restriction : prim.restrictions) {
    conditions.push_back(parameter_range_text(scenario, parameter_of(page, restriction.factor),
                                              restriction.lower, restriction.upper, language));
  }
  html << "<p class=\"statement\"><strong>"
       << escape(fill(
              label(failure ? "discover_box_failure" : "discover_box_success", language),
              {percent_of(prim.box.density, language), listed(conditions, language),
               percent_of(prim.box.mass, language), percent_of(prim.box.coverage, language), who}))
       << "</strong></p>\n</section>\n";
}

/// Where a parameter's values lie: its support when finite, else its 0.1 %
/// and 99.9 % quantiles.
std::pair<double, double> drawn_range(const Parameter& parameter) {
  const Distribution& distribution = parameter.distribution;
  double low = distribution.support_min(), high = distribution.support_max();
  if (!std::isfinite(low)) low = distribution.quantile(0.001);
  if (!std::isfinite(high)) high = distribution.quantile(0.999);
  return {low, high};
}

/// A value in words with a true minus sign ("−0.5 %/yr", not "-0.5 %/yr").
std::string value_words(double value, const Parameter& parameter, Language language) {
  std::string words = parameter_value_text(value, parameter, language);
  if (!words.empty() && words.front() == '-') words.replace(0, 1, "−");
  return words;
}

/// The box's range of one parameter drawn over the parameter's whole range.
void range_bar(std::ostringstream& html, const Parameter& parameter,
               const PrimRestriction& restriction, const std::string& words) {
  // Plain variables: clang 14 (the sanitized build) refuses structured bindings in a lambda.
  const std::pair<double, double> range = drawn_range(parameter);
  const double low = range.first, high = range.second;
  const double width = high > low ? high - low : 1.0;
  const auto x = [&](double value) {
    const double bounded = std::clamp(value, low, high);
    return 300.0 * (bounded - low) / width;
  };
  const double from = std::isfinite(restriction.lower) ? x(restriction.lower) : 0.0;
  const double to = std::isfinite(restriction.upper) ? x(restriction.upper) : 300.0;
  html << "<svg class=\"range\" role=\"img\" viewBox=\"0 0 300 16\" width=\"160\" "
          "aria-label=\""
       << escape(words)
       << "\"><rect x=\"0\" y=\"4\" width=\"300\" height=\"8\" fill=\"#ddd\"/><rect x=\"" << from
       << "\" y=\"1\" width=\"" << std::max(1.0, to - from)
       << "\" height=\"14\" fill=\"#1f5fa8\"/></svg>";
}

void restrictions_section(std::ostringstream& html, const DiscoveryPage& page, Language language) {
  const PrimResult& prim = page.discovery->prim;
  if (prim.restrictions.empty()) return;
  const Scenario& scenario = *page.plan->scenario;
  html << "<section><h2>" << escape(label("discover_restrictions", language)) << "</h2>\n<p>"
       << escape(label("discover_restrictions_note", language)) << "</p>\n"
       << "<table class=\"discovery\"><thead><tr><th>#</th><th>"
       << escape(label("discover_condition", language)) << "</th><th>"
       << escape(label("discover_where_in_range", language)) << "</th><th>"
       << escape(label("discover_density_without", language)) << "</th><th>"
       << escape(label("discover_coverage_without", language)) << "</th><th>quasi-p</th></tr>"
       << "</thead><tbody>\n";
  for (std::size_t r = 0; r < prim.restrictions.size(); ++r) {
    const PrimRestriction& restriction = prim.restrictions[r];
    const Parameter& parameter = parameter_of(page, restriction.factor);
    const std::string condition =
        parameter_range_text(scenario, parameter, restriction.lower, restriction.upper, language);
    const auto [low, high] = drawn_range(parameter);
    const std::string range_words = fill(
        label("discover_range_words", language),
        {condition, value_words(low, parameter, language), value_words(high, parameter, language)});
    html << "<tr><td>" << r + 1 << "</td><td>" << escape(condition);
    if (sensitivity_factor_name(scenario, parameter.name, language) != parameter.name)
      html << "<br><small>" << escape(parameter.name) << "</small>";
    html << "</td><td>";
    range_bar(html, parameter, restriction, range_words);
    html << "<br><small>" << escape(value_words(low, parameter, language)) << " – "
         << escape(value_words(high, parameter, language)) << "</small></td><td>"
         << escape(percent_of(restriction.density_without, language)) << " ("
         << (restriction.density_drop > 0 ? "−" : "+")
         << escape(number(100.0 * std::abs(restriction.density_drop), 1, language)) << " "
         << escape(label("points", language)) << ")</td><td>"
         << escape(percent_of(restriction.coverage_without, language)) << "</td><td>"
         << escape(restriction.quasi_p < 0.001
                       ? "< " + number(0.001, 3, language)
                       : number(restriction.quasi_p, restriction.quasi_p < 0.01 ? 3 : 2, language));
    if (restriction.quasi_p > QUASI_P_LEVEL)
      html << "<br><small>" << escape(label("discover_may_be_chance", language)) << "</small>";
    html << "</td></tr>\n";
  }
  html << "</tbody></table>\n</section>\n";
}

/// The peeling trajectory: density against coverage, box by box, the chosen
/// one marked; its text alternative says where the chosen box lies.
void trajectory_section(std::ostringstream& html, const DiscoveryPage& page, Language language) {
  const PrimResult& prim = page.discovery->prim;
  constexpr double WIDTH = 500, HEIGHT = 260, LEFT = 72, BOTTOM = 36, TOP = 10, RIGHT = 24;
  const double plot_width = WIDTH - LEFT - RIGHT, plot_height = HEIGHT - TOP - BOTTOM;
  double top_density = 0.0;
  for (const PrimBox& box : prim.trajectory) top_density = std::max(top_density, box.density);
  top_density = std::max({top_density, prim.box.density, 0.05});
  const double density_axis = std::min(1.0, std::ceil(top_density * 10.0) / 10.0);
  const auto x = [&](double coverage) { return LEFT + plot_width * (1.0 - coverage); };
  const auto y = [&](double density) { return TOP + plot_height * (1.0 - density / density_axis); };
  const std::string alternative =
      fill(label("discover_trajectory_alt", language),
           {std::to_string(prim.trajectory.size()), std::to_string(prim.chosen),
            percent_of(prim.box.coverage, language), percent_of(prim.box.density, language)});
  html << "<section><h2>" << escape(label("discover_trajectory", language)) << "</h2>\n<p>"
       << escape(label("discover_trajectory_note", language)) << "</p>\n"
       << "<figure><svg role=\"img\" viewBox=\"0 0 " << WIDTH << " " << HEIGHT << "\" width=\""
       << WIDTH << "\" aria-label=\"" << escape(alternative) << "\">";
  for (int tick = 0; tick <= 4; ++tick) {
    const double share = tick / 4.0;
    html << "<line x1=\"" << x(share) << "\" x2=\"" << x(share) << "\" y1=\"" << TOP << "\" y2=\""
         << TOP + plot_height << "\" stroke=\"#eee\"/><text x=\"" << x(share) << "\" y=\""
         << HEIGHT - BOTTOM + 14 << "\" text-anchor=\"middle\" font-size=\"11\">"
         << escape(percent_of(share, language)) << "</text>";
    const double density = density_axis * share;
    html << "<line x1=\"" << LEFT << "\" x2=\"" << LEFT + plot_width << "\" y1=\"" << y(density)
         << "\" y2=\"" << y(density) << "\" stroke=\"#eee\"/><text x=\"" << LEFT - 4 << "\" y=\""
         << y(density) + 4 << "\" text-anchor=\"end\" font-size=\"11\">"
         << escape(percent_of(density, language)) << "</text>";
  }
  html << "<text x=\"" << LEFT + plot_width / 2 << "\" y=\"" << HEIGHT - 4
       << "\" text-anchor=\"middle\" font-size=\"12\">"
       << escape(label("discover_coverage_axis", language)) << "</text><text x=\"12\" y=\""
       << TOP + plot_height / 2 << "\" font-size=\"12\" text-anchor=\"middle\" "
       << "transform=\"rotate(-90 12 " << TOP + plot_height / 2 << ")\">"
       << escape(label("discover_density_axis", language)) << "</text><polyline fill=\"none\" "
       << "stroke=\"#1f5fa8\" stroke-width=\"1.5\" points=\"";
  for (const PrimBox& box : prim.trajectory)
    html << x(box.coverage) << "," << y(box.density) << " ";
  html << "\"/><circle cx=\"" << x(prim.box.coverage) << "\" cy=\"" << y(prim.box.density)
       << "\" r=\"5\" fill=\"#b3261e\"/></svg><figcaption>" << escape(alternative)
       << "</figcaption></figure>\n</section>\n";
}

void method_section(std::ostringstream& html, const DiscoveryPage& page, Language language) {
  const auto share = [&](double value) {
    return number(100.0 * value, value < 0.01 ? 1 : 0, language) + " %";
  };
  html << "<section><h2>" << escape(label("discover_method_title", language)) << "</h2>\n<p>"
       << escape(
              fill(label("discover_method", language),
                   {share(page.prim.peel_alpha), share(page.prim.paste_alpha),
                    share(page.prim.minimum_mass), share(page.prim.minimum_coverage),
                    std::to_string(page.discovery->parameters.size()),
                    std::to_string(page.discovery->members), std::to_string(page.discovery->seed)}))
       << "</p>\n</section>\n";
}

}  // namespace

std::string discovery_report_html(const DiscoveryPage& page, ReportLanguage language) {
  std::ostringstream html;
  const Discovery& discovery = *page.discovery;
  const Scenario& scenario = *page.plan->scenario;
  const std::string portfolio =
      page.portfolio.empty() ? label("baseline", language) : page.portfolio;
  std::string objective_words = discovery.objective;
  for (const Objective& objective : scenario.objectives) {
    if (objective.id == discovery.objective) objective_words = objective_text(objective, language);
  }
  html << page_start(label("discover_title", language) + " — " + page.territory, language);
  html << "<header><h1>" << escape(page.territory) << "</h1><p class=\"subtitle\">"
       << escape(label("discover_title", language)) << " · " << escape(label("portfolio", language))
       << colon(language) << "<strong>" << escape(portfolio) << "</strong> · "
       << escape(label("discover_objective", language)) << colon(language)
       << escape(objective_words);
  for (const std::string& edit : page.edits)
    html << " · " << escape(label("what_if", language)) << colon(language) << escape(edit);
  html << "</p></header>\n";
  answer_section(html, page, language);
  restrictions_section(html, page, language);
  trajectory_section(html, page, language);
  method_section(html, page, language);
  html << "</body></html>\n";
  return html.str();
}

}  // namespace traj::territory
