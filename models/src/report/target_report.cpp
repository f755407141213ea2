#include "traj/territory/target_page.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "charts.hpp"
#include "distance_words.hpp"
#include "distribution_chart.hpp"
#include "format.hpp"
#include "labels.hpp"
#include "page.hpp"
#include "traj/territory/scenario_text.hpp"

namespace traj::territory {

using namespace report;

namespace {

bool is_share(const TargetPage& page) {
  return page.dimension == Dimension::Fraction;
}

std::string unit_of(const TargetPage& page) {
  return is_share(page) ? "%" : std::string(canonical_symbol(page.dimension));
}

/// A value of the indicator in its unit, to about three digits.
std::string value_words(const TargetPage& page, double value, Language language) {
  const double shown = is_share(page) ? 100.0 * value : value;
  const std::string unit = unit_of(page);
  return number(shown, decimals_for(std::abs(shown)), language) + (unit.empty() ? "" : " " + unit);
}

/// Two bounds with as many decimals as it takes for them to differ when they
/// do ("16.8 %–16.9 %", not "16.8 %–16.8 %").
std::string interval_words(const TargetPage& page, double low, double high, Language language) {
  const double scale = is_share(page) ? 100.0 : 1.0;
  const std::string unit = unit_of(page);
  int decimals = decimals_for(std::max(std::abs(scale * low), std::abs(scale * high)));
  while (decimals < 6 && low != high &&
         number(scale * low, decimals, language) == number(scale * high, decimals, language))
    ++decimals;
  const std::string suffix = unit.empty() ? "" : " " + unit;
  return number(scale * low, decimals, language) + suffix + "–" +
         number(scale * high, decimals, language) + suffix;
}

std::string money(double value, Language language) {
  std::string words = number(value, decimals_for(std::abs(value)), language) + "\u00a0M€";
  if (value > 0.0) words.insert(0, 1, '+');
  return words;
}

std::string probability_words(const ProportionEstimate& estimate, Language language) {
  return percent(estimate.probability, language) + " (" + percent(estimate.ci_low, language) + "–" +
         percent(estimate.ci_high, language) + ")";
}

void probability_bar(std::ostringstream& html, const ProportionEstimate& probability,
                     Language language) {
  const std::string words = percent(probability.probability, language) + " " +
                            label("likely", language) + " (" + label("interval", language) + " " +
                            percent(probability.ci_low, language) + "–" +
                            percent(probability.ci_high, language) + ")";
  html << "<svg class=\"bar\" role=\"img\" viewBox=\"0 0 200 20\" width=\"400\" aria-label=\""
       << escape(words)
       << "\"><rect x=\"0\" y=\"3\" width=\"200\" height=\"14\" fill=\"#eee\"/><rect x=\"0\" "
          "y=\"3\" width=\""
       << 200 * probability.probability << "\" height=\"14\" fill=\""
       << likelihood_colour(probability.probability) << "\"/><line x1=\""
       << 200 * probability.ci_low << "\" x2=\"" << 200 * probability.ci_high
       << "\" y1=\"10\" y2=\"10\" stroke=\"#000\" stroke-width=\"2\"/></svg><p>" << escape(words)
       << "</p>\n";
}

/// The page's main sentences, in its language.
void statement_section(std::ostringstream& html, const TargetPage& page, Language language) {
  const std::string confidence = percent(page.confidence, language);
  const std::string indicator =
      indicator_name(page.indicator, page.indicator_name, language) + " (" + page.indicator + ")";
  html << "<section id=\"target\"><h2>" << escape(label("target_title", language)) << "</h2>\n";
  if (page.objective.empty()) {
    html << "<p class=\"statement\"><strong>"
         << escape(fill(
                label("target_statement", language),
                {indicator, label(page.at_most ? "at_most_words" : "at_least_words", language),
                 value_words(page, page.committed, language), std::to_string(page.year), confidence,
                 interval_words(page, page.committed_low, page.committed_high, language),
                 std::to_string(page.members)}))
         << "</strong></p>\n<p>"
         << escape(fill(label("target_commit", language),
                        {std::string(page.at_most ? "≤ " : "≥ ") +
                             value_words(page, page.committed, language),
                         std::to_string(page.year), confidence}))
         << "</p>\n";
  } else {
    html << "<p class=\"statement\"><strong>"
         << escape(fill(label("objective_statement", language), {page.objective}))
         << "</strong></p>\n";
    if (page.probability) probability_bar(html, *page.probability, language);
    if (page.distance.known) {
      html << "<p class=\"distance\">" << escape(label("as_planned", language)) << " — "
           << escape(page.indicator + " " + std::to_string(page.year)) << colon(language)
           << escape(distance_words(page.distance, unit_of(page), language)) << "</p>\n";
    }
  }
  html << "</section>\n";
}

void distribution_section(std::ostringstream& html, const TargetPage& page, Language language) {
  if (page.values.empty()) return;
  const std::string title = fill(
      label("distribution_title", language),
      {indicator_name(page.indicator, page.indicator_name, language), std::to_string(page.year)});
  DistributionMarks marks;
  marks.committed = page.committed;
  marks.committed_label =
      fill(label("committed_with", language), {percent(page.confidence, language)});
  marks.target = page.target;
  marks.target_label = label("target_line", language);
  html << "<section id=\"distribution\"><h2>" << escape(title) << "</h2>\n"
       << distribution_chart("distribution-chart", title, page.values, is_share(page) ? 100.0 : 1.0,
                             unit_of(page), marks, language)
       << "</section>\n";
}

/// "ceiling 45 % → 78 %", "full adoption, 4 years earlier", joined by " + ".
std::string change_words(const TargetPage& page, const std::vector<ActionChange>& changes,
                         Language language, bool with_action) {
  std::string words;
  for (const ActionChange& change : changes) {
    if (!words.empty()) words += " + ";
    if (with_action) words += page.actions[change.slot].id + colon(language);
    words +=
        change.ceiling == change.planned_ceiling
            ? fill(label("ceiling_kept", language), {percent(change.ceiling, language)})
            : fill(label("ceiling_change", language),
                   {percent(change.planned_ceiling, language), percent(change.ceiling, language)});
    if (change.years_earlier > 0)
      words +=
          ", " + fill(label(change.years_earlier == 1 ? "year_earlier" : "years_earlier", language),
                      {std::to_string(change.years_earlier)});
  }
  return words;
}

/// The action's name, then its id and coalition in small print.
std::string action_cell(const NamedAction& action) {
  return "<strong>" + escape(action.name.empty() ? action.id : action.name) +
         "</strong><br><small>" + escape(action.id) +
         (action.coalition.empty() ? "" : " · " + escape(action.coalition)) + "</small>";
}

/// `action` is HTML (action_cell), the rest text.
void change_row(std::ostringstream& html, const std::string& action, const std::string& change,
                const char* short_key, bool reaches, const PlanEvaluation& at, double extra_cost,
                const TargetPage& page, Language language) {
  html << "<tr" << (reaches ? "" : " class=\"short\"") << "><td>" << action << "</td><td>"
       << escape(change) << (reaches ? "" : " — " + escape(label(short_key, language)))
       << "</td><td>" << escape(value_words(page, at.committed, language)) << "</td><td>"
       << escape(probability_words(at.probability, language)) << "</td><td>"
       << escape(money(extra_cost, language)) << "</td></tr>\n";
}

void what_it_takes_section(std::ostringstream& html, const TargetPage& page, Language language) {
  if (page.takes == nullptr) return;
  const WhatItTakes& takes = *page.takes;
  const std::string confidence = percent(takes.confidence, language);
  html << "<section id=\"what-it-takes\"><h2>"
       << escape(fill(label("wit_title", language), {confidence})) << "</h2>\n";
  if (takes.single.empty()) {
    html << "<p>" << escape(fill(label("wit_already", language), {confidence})) << "</p>\n";
  } else {
    html << "<p>"
         << escape(fill(label("wit_intro", language),
                        {std::to_string(page.horizon), std::to_string(page.base_year),
                         money(takes.as_planned.cost, language).substr(1)}))
         << "</p>\n<table class=\"what-it-takes\"><thead><tr><th>"
         << escape(label("action_header", language)) << "</th><th>"
         << escape(label("change_header", language)) << "</th><th>"
         << escape(fill(label("reached_header", language), {confidence})) << "</th><th>"
         << escape(label("probability_header", language)) << "</th><th>"
         << escape(label("extra_cost_header", language)) << "</th></tr></thead><tbody>\n";
    // Every action that reaches it alone, and the few that come closest of
    // the others; the rest in one sentence.
    constexpr int CLOSEST_SHOWN = 5;
    std::string unchangeable, others;
    int shown_short = 0, other_count = 0;
    double others_best = 0.0;
    for (const SingleChange& single : takes.single) {
      if (!single.changeable) {
        unchangeable += (unchangeable.empty() ? "" : ", ") + page.actions[single.change.slot].id;
        continue;
      }
      if (!single.reaches && shown_short++ >= CLOSEST_SHOWN) {
        others += (others.empty() ? "" : ", ") + page.actions[single.change.slot].id;
        others_best = std::max(others_best, single.at.probability.probability);
        ++other_count;
        continue;
      }
      change_row(html, action_cell(page.actions[single.change.slot]),
                 change_words(page, {single.change}, language, false), "not_enough", single.reaches,
                 single.at, single.extra_cost, page, language);
    }
    const CombinedChange& combined = takes.combined;
    change_row(html, "<strong>" + escape(label("combination", language)) + "</strong>",
               combined.changes.empty() ? label("no_change", language)
                                        : change_words(page, combined.changes, language, true),
               "not_enough_together", combined.reaches, combined.at, combined.extra_cost, page,
               language);
    html << "</tbody></table>\n";
    if (other_count > 0)
      html << "<p class=\"others\">"
           << escape(fill(label("wit_others", language),
                          {std::to_string(other_count), percent(others_best, language), others}))
           << "</p>\n";
    if (!unchangeable.empty())
      html << "<p class=\"unchangeable\">"
           << escape(fill(label("wit_unchangeable", language), {unchangeable})) << "</p>\n";
  }
  const UniformChange& uniform = takes.uniform;
  html << "<p class=\"uniform\">"
       << escape(fill(label(uniform.search.reachable ? "wit_uniform" : "wit_unreachable", language),
                      {number(uniform.search.scale, 2, language),
                       probability_words(uniform.at.probability, language),
                       money(uniform.extra_cost, language)}))
       << "</p>\n</section>\n";
}

}  // namespace

std::vector<NamedAction> named_actions(const Plan& plan, ReportLanguage language) {
  std::vector<NamedAction> named;
  for (const PlannedAction& planned : plan.actions) {
    const Action& action = plan.scenario->actions[static_cast<std::size_t>(planned.action)];
    named.push_back({action_name(action, language), action.id, action_coalition(action, language)});
  }
  return named;
}

std::string target_report_html(const TargetPage& page, ReportLanguage language) {
  std::ostringstream html;
  const std::string portfolio =
      page.portfolio.empty() ? label("baseline", language) : page.portfolio;
  html << page_start(label("target_title", language) + " — " + page.territory, language);
  html << "<header><h1>" << escape(page.territory) << "</h1><p class=\"subtitle\">"
       << escape(label("target_title", language)) << " · " << escape(label("portfolio", language))
       << colon(language) << "<strong>" << escape(portfolio) << "</strong>";
  for (const std::string& edit : page.edits)
    html << " · " << escape(label("what_if", language)) << colon(language) << escape(edit);
  html << "</p></header>\n";
  statement_section(html, page, language);
  distribution_section(html, page, language);
  what_it_takes_section(html, page, language);
  html << "</body></html>\n";
  return html.str();
}

}  // namespace traj::territory
