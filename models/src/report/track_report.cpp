// The page of `traj track --report` (docs/report.md#the-annual-review-traj-track).

#include <algorithm>
#include <cmath>
#include <sstream>

#include "charts.hpp"
#include "distance_words.hpp"
#include "format.hpp"
#include "labels.hpp"
#include "page.hpp"
#include "traj/territory/report.hpp"
#include "traj/territory/scenario_text.hpp"
#include "traj/territory/track_page.hpp"
#include "vocabulary.hpp"

namespace traj::territory {

using namespace report;

namespace {

/// Parameters listed in the page's table.
constexpr std::size_t PARAMETERS_SHOWN = 8;

bool is_share(Dimension dimension) {
  return dimension == Dimension::Fraction;
}

std::string unit_words(Dimension dimension) {
  return is_share(dimension) ? "%" : std::string(canonical_symbol(dimension));
}

double shown_scale(Dimension dimension) {
  return is_share(dimension) ? 100.0 : 1.0;
}

/// A value of an indicator in its unit, to about three digits.
std::string value_words(double value, Dimension dimension, Language language) {
  const double shown = shown_scale(dimension) * value;
  const std::string unit = unit_words(dimension);
  return number(shown, decimals_for(std::abs(shown)), language) +
         (unit.empty() ? std::string() : std::string("\u00a0") + unit);
}

/// The same with its sign: "+45 GWh", "−12 ktCO2e".
std::string gap_words(double value, Dimension dimension, Language language) {
  return std::string(value > 0 ? "+" : "") + value_words(value, dimension, language);
}

/// Two bounds in the indicator's unit: "4,030–4,190 GWh".
std::string range_words(double low, double high, Dimension dimension, Language language) {
  const double scale = shown_scale(dimension);
  const int decimals = decimals_for(std::max(std::abs(scale * low), std::abs(scale * high)));
  const std::string unit = unit_words(dimension);
  return number(scale * low, decimals, language) + "–" + number(scale * high, decimals, language) +
         (unit.empty() ? std::string() : std::string("\u00a0") + unit);
}

/// A parameter's value with three significant digits.
std::string significant(double value, Language language) {
  if (value == 0.0 || !std::isfinite(value)) return number(value, 0, language);
  const int magnitude = static_cast<int>(std::floor(std::log10(std::abs(value))));
  return number(value, std::clamp(2 - magnitude, 0, 8), language);
}

std::string estimate_words(const ProportionEstimate& estimate, Language language) {
  return percent(estimate.ci_low, language) + "–" + percent(estimate.ci_high, language);
}

/// "2019–2023" (or "2022"): the years observed.
std::string observed_years(const ObservationSet& observations) {
  if (observations.observations.empty()) return "";
  int first = observations.observations.front().year, last = first;
  for (const auto& observation : observations.observations) {
    first = std::min(first, observation.year);
    last = std::max(last, observation.year);
  }
  return first == last ? std::to_string(first) : std::to_string(first) + "–" + std::to_string(last);
}

std::string method_words(const std::string& method, Language language) {
  if (method == "importance sampling") return label("method_importance", language);
  if (method == "sequential Monte Carlo") return label("method_smc", language);
  return method;
}

std::string verdict_words(Verdict verdict, Language language) {
  switch (verdict) {
    case Verdict::Ahead:
      return label("verdict_ahead", language);
    case Verdict::Behind:
      return label("verdict_behind", language);
    case Verdict::OnTrack:
      break;
  }
  return label("verdict_on_track", language);
}

/// An indicator in words: the headline ones and the blocks by sector,
/// carrier, source and pollutant in the page's language, any other by its
/// description.
std::string indicator_words(const Plan& plan, std::size_t row, Language language) {
  const IndicatorInfo& info = plan.catalogue[row];
  const std::string& id = info.id;
  if (id == "local_production") return label("local_production", language);
  const auto dot = id.find('.');
  if (dot != std::string::npos) {
    const std::string block = id.substr(0, dot), item = id.substr(dot + 1);
    const auto& pollutants = plan.scenario->pollutants;
    if (block == "final_energy" || block == "ghg")
      return label(block, language) + " — " + term(item, language);
    if (block == "local_production")
      return label("local_production", language) + " — " + term(item, language);
    if (std::find(pollutants.begin(), pollutants.end(), block) != pollutants.end())
      return term(block, language) + " — " + term(item, language);
  }
  const auto& pollutants = plan.scenario->pollutants;
  if (std::find(pollutants.begin(), pollutants.end(), id) != pollutants.end())
    return term(id, language);
  return indicator_name(id, info.description, language);
}

/// The observation's 90 % interval from its error's standard deviation.
std::pair<double, double> error_bar(const Observation& observation) {
  if (observation.on_log) {
    return {observation.value * std::exp(-INTERVAL_Z * observation.sd),
            observation.value * std::exp(INTERVAL_Z * observation.sd)};
  }
  return {observation.value - INTERVAL_Z * observation.sd,
          observation.value + INTERVAL_Z * observation.sd};
}

void illustrative_note(std::ostringstream& html, const TrackPage& page, Language language) {
  if (page.observations->illustrative)
    html << "<p class=\"illustrative-short\">" << escape(label("illustrative_short", language))
         << "</p>\n";
}

void header(std::ostringstream& html, const TrackPage& page, Language language) {
  const Tracking& tracking = *page.tracking;
  const std::string portfolio =
      page.portfolio.empty() ? label("baseline", language) : page.portfolio;
  html << "<header><h1>" << escape(page.territory) << "</h1><p class=\"subtitle\">"
       << escape(label("track_title", language)) << " · " << escape(label("portfolio", language))
       << colon(language) << "<strong>" << escape(portfolio) << "</strong>";
  for (const std::string& edit : page.edits)
    html << " · " << escape(label("what_if", language)) << colon(language) << escape(edit);
  html << "<br>"
       << escape(fill(label("track_members", language),
                      {number(static_cast<double>(tracking.members), 0, language),
                       std::to_string(tracking.seed),
                       std::to_string(page.observations->observations.size()),
                       observed_years(*page.observations)}))
       << "</p>\n";
  if (page.observations->illustrative)
    html << "<p class=\"illustrative\" role=\"note\"><strong>"
         << escape(label("illustrative_warning", language)) << "</strong></p>\n";
  if (!page.observations->source.empty())
    html << "<p class=\"note\">" << escape(label("observations_source", language))
         << colon(language) << escape(page.observations->source) << "</p>\n";
  html << "</header>\n";
}

void method_section(std::ostringstream& html, const TrackPage& page, Language language) {
  const Tracking& tracking = *page.tracking;
  const double threshold = effective_size_threshold(tracking.members);
  html << "<section id=\"method\"><h2>" << escape(label("method_heading", language)) << "</h2>\n";
  illustrative_note(html, page, language);
  html << "<p><strong>"
       << escape(fill(label("method_sentence", language),
                      {method_words(tracking.method, language),
                       number(tracking.effective_size, 0, language),
                       number(static_cast<double>(tracking.members), 0, language)}))
       << "</strong></p>\n";
  if (!tracking.stages.empty()) {
    html << "<p>"
         << escape(fill(label("method_importance_size", language),
                        {number(tracking.importance_effective_size, 0, language)}))
         << " "
         << escape(fill(label("method_stages", language),
                        {std::to_string(tracking.stages.size()),
                         number(static_cast<double>(tracking.distinct_members), 0, language)}))
         << "</p>\n<table class=\"stages\"><thead><tr><th>"
         << escape(label("stage_header", language)) << "</th><th>"
         << escape(label("temperature_header", language)) << "</th><th>"
         << escape(label("effective_size_header", language)) << "</th><th>"
         << escape(label("acceptance_header", language)) << "</th><th>"
         << escape(label("step_header", language)) << "</th></tr></thead><tbody>\n";
    for (std::size_t s = 0; s < tracking.stages.size(); ++s) {
      const SmcStage& stage = tracking.stages[s];
      html << "<tr><td>" << s + 1 << "</td><td>" << escape(significant(stage.temperature, language))
           << "</td><td>" << escape(number(stage.effective_size, 0, language)) << "</td><td>"
           << escape(percent(stage.acceptance, language)) << "</td><td>"
           << escape(significant(stage.step, language)) << "</td></tr>\n";
    }
    html << "</tbody></table>\n";
  } else if (tracking.effective_size < threshold) {
    html << "<p class=\"warning\">"
         << escape(fill(label("method_low", language), {number(threshold, 0, language)}))
         << "</p>\n";
  }
  html << "<p class=\"note\">" << escape(label("method_note", language)) << "</p>\n</section>\n";
}

/// The probability after the observations as a bar with its interval, and
/// where it was before as a grey mark.
void update_bar(std::ostringstream& html, const ObjectiveUpdate& update, Language language) {
  const std::string words =
      fill(label("bar_after_before", language),
           {percent(update.after.probability, language), estimate_words(update.after, language),
            percent(update.before.probability, language)});
  html << "<svg class=\"bar\" role=\"img\" viewBox=\"0 0 200 20\" width=\"400\" aria-label=\""
       << escape(words)
       << "\"><rect x=\"0\" y=\"3\" width=\"200\" height=\"14\" fill=\"#eee\"/><rect x=\"0\" "
          "y=\"3\" width=\""
       << 200 * update.after.probability << "\" height=\"14\" fill=\""
       << likelihood_colour(update.after.probability) << "\"/><line x1=\""
       << 200 * update.after.ci_low << "\" x2=\"" << 200 * update.after.ci_high
       << "\" y1=\"10\" y2=\"10\" stroke=\"#000\" stroke-width=\"2\"/><line class=\"before\" x1=\""
       << 200 * update.before.probability << "\" x2=\"" << 200 * update.before.probability
       << "\" y1=\"0\" y2=\"20\" stroke=\"#616161\" stroke-width=\"2\" "
          "stroke-dasharray=\"3 2\"/></svg>\n";
}

void objectives_section(std::ostringstream& html, const TrackPage& page, Language language) {
  const Tracking& tracking = *page.tracking;
  if (tracking.objectives.empty()) return;
  const Scenario& scenario = *page.plan->scenario;
  const std::string years = observed_years(*page.observations);
  html << "<section id=\"objectives\"><h2>" << escape(label("track_objectives", language))
       << "</h2>\n";
  illustrative_note(html, page, language);
  for (std::size_t o = 0; o < tracking.objectives.size(); ++o) {
    const ObjectiveUpdate& update = tracking.objectives[o];
    html << "<div class=\"outcome track-objective\"><p class=\"statement\"><strong>"
         << escape(fill(label("track_objective", language),
                        {objective_text(scenario.objectives[o], language),
                         percent(update.after.probability, language),
                         percent(update.before.probability, language), years}))
         << "</strong></p>\n";
    update_bar(html, update, language);
    html << "<p class=\"note\">"
         << escape(fill(
                label("track_intervals", language),
                {estimate_words(update.after, language), estimate_words(update.before, language)}))
         << "</p></div>\n";
  }
  if (tracking.objectives.size() > 1) {
    html << "<p>"
         << escape(fill(label("track_all", language),
                        {percent(tracking.joint_after.probability, language),
                         percent(tracking.joint_before.probability, language)}))
         << "</p>\n";
  }
  html << "</section>\n";
}

void observations_section(std::ostringstream& html, const TrackPage& page, Language language) {
  const auto& observations = page.observations->observations;
  const Plan& plan = *page.plan;
  html << "<section id=\"observations\"><h2>" << escape(label("observations_heading", language))
       << "</h2>\n";
  illustrative_note(html, page, language);
  html << "<table class=\"observations\"><thead><tr><th>"
       << escape(label("indicator_header", language)) << "</th><th>"
       << escape(label("year_header", language)) << "</th><th>"
       << escape(label("observed_header", language)) << "</th><th>"
       << escape(label("plan_header", language)) << "</th><th>"
       << escape(label("percentile_header", language)) << "</th><th>"
       << escape(label("verdict_header", language)) << "</th><th>"
       << escape(label("gap_header", language)) << "</th></tr></thead><tbody>\n";
  for (std::size_t i = 0; i < observations.size(); ++i) {
    const Observation& observation = observations[i];
    const ObservationCheck& check = page.tracking->checks[i];
    const Dimension dimension = plan.catalogue[observation.row].dimension;
    const auto [low, high] = error_bar(observation);
    const char* verdict_class = check.verdict == Verdict::Ahead    ? "ahead"
                                : check.verdict == Verdict::Behind ? "behind"
                                                                   : "on-track";
    html << "<tr><td class=\"indicator\">"
         << escape(indicator_words(plan, observation.row, language)) << "<br><small><code>"
         << escape(observation.indicator) << "</code></small></td><td>" << observation.year
         << "</td><td class=\"value\">"
         << escape(value_words(observation.value, dimension, language)) << "<br><small>"
         << escape(range_words(low, high, dimension, language))
         << (observation.estimated ? std::string("<br>") + escape(label("estimated", language))
                                   : std::string())
         << "</small></td><td class=\"value\">"
         << escape(value_words(check.plan_median, dimension, language)) << "<br><small>"
         << escape(range_words(check.plan_low, check.plan_high, dimension, language))
         << "</small></td><td>" << escape(number(100 * check.percentile, 0, language))
         << "</td><td class=\"verdict " << verdict_class << "\">"
         << escape(verdict_words(check.verdict, language)) << "</td><td class=\"value\">"
         << escape(gap_words(check.gap, dimension, language)) << "</td></tr>\n";
  }
  html << "</tbody></table>\n<p class=\"note\">" << escape(label("observations_note", language))
       << "</p>\n</section>\n";
}

void parameters_section(std::ostringstream& html, const TrackPage& page, Language language) {
  const auto& shifts = page.tracking->parameters;
  const Scenario& scenario = *page.plan->scenario;
  html << "<section id=\"parameters\"><h2>" << escape(label("parameters_heading", language))
       << "</h2>\n";
  illustrative_note(html, page, language);
  std::size_t moved = 0;
  for (const auto& shift : shifts) moved += shift.shift > 0.0 ? 1 : 0;
  if (moved == 0) {
    html << "<p>" << escape(label("no_parameter_moved", language)) << "</p>\n</section>\n";
    return;
  }
  const std::size_t shown = std::min(moved, PARAMETERS_SHOWN);
  html << "<table class=\"track-parameters\"><thead><tr><th>"
       << escape(label("factor_header", language)) << "</th><th>"
       << escape(label("before_header", language)) << "</th><th>"
       << escape(label("after_header", language)) << "</th><th>"
       << escape(label("moved_header", language)) << "</th></tr></thead><tbody>\n";
  const auto band = [&](double median, double low, double high) {
    return escape(significant(median, language)) + "<br><small>[" +
           escape(significant(low, language)) + "–" + escape(significant(high, language)) +
           "]</small>";
  };
  for (std::size_t p = 0; p < shown; ++p) {
    const ParameterShift& shift = shifts[p];
    const std::string name = sensitivity_factor_name(scenario, shift.name, language);
    html << "<tr><td class=\"factor-cell\"><strong>" << escape(name) << "</strong>";
    if (name != shift.name) html << "<br><code>" << escape(shift.name) << "</code>";
    html << "</td><td class=\"value\">"
         << band(shift.prior_median, shift.prior_low, shift.prior_high)
         << "</td><td class=\"value\">"
         << band(shift.posterior_median, shift.posterior_low, shift.posterior_high)
         << "</td><td class=\"value\">" << escape(percent(shift.shift, language)) << "</td></tr>\n";
  }
  html << "</tbody></table>\n";
  if (moved > shown)
    html << "<p class=\"note\">"
         << escape(fill(label("parameters_rest", language), {std::to_string(moved - shown)}))
         << "</p>\n";
  html << "<p class=\"note\">" << escape(label("parameters_note", language))
       << "</p>\n</section>\n";
}

/// Quantile `level` (index into SERIES_LEVELS) of a [year × level] table, every year.
std::vector<double> level_of(const std::vector<double>& table, std::size_t years,
                             std::size_t level) {
  constexpr std::size_t LEVELS = std::size(SERIES_LEVELS);
  std::vector<double> series(years);
  for (std::size_t y = 0; y < years; ++y) series[y] = table[y * LEVELS + level];
  return series;
}

void trajectories_section(std::ostringstream& html, const TrackPage& page, Language language) {
  const Tracking& tracking = *page.tracking;
  if (tracking.series.empty()) return;
  const Plan& plan = *page.plan;
  const Scenario& scenario = *plan.scenario;
  html << "<section id=\"trajectories\"><h2>" << escape(label("track_trajectories", language))
       << "</h2>\n";
  illustrative_note(html, page, language);
  html << "<p class=\"note\">" << escape(label("track_trajectories_note", language)) << "</p>\n";
  for (const TrackedSeries& series : tracking.series) {
    const IndicatorInfo& info = plan.catalogue[series.row];
    const std::size_t years = series.years.size();
    const std::vector<double> median = level_of(series.after, years, 2);
    BackdropBand before{level_of(series.before, years, 0), level_of(series.before, years, 4),
                        label("before_observations", language), level_of(series.before, years, 2)};
    ObservedPoints observed;
    observed.label = label("observed_points", language);
    for (const Observation& observation : page.observations->observations) {
      if (observation.row != series.row) continue;
      const auto [low, high] = error_bar(observation);
      observed.points.push_back({observation.year, observation.value, low, high});
    }
    std::vector<Threshold> thresholds;
    for (const Objective& objective : scenario.objectives) {
      if (objective.indicator != info.id) continue;
      double value = objective.threshold;
      if (objective.relative_to) {
        const int reference_year = *objective.relative_to;
        const double reference =
            objective.reference_value ? *objective.reference_value
            : (reference_year >= series.years.front() && reference_year <= series.years.back())
                ? median[static_cast<std::size_t>(reference_year - series.years.front())]
                : std::nan("");
        value = objective.threshold * reference;
      }
      if (std::isfinite(value)) thresholds.push_back({value, objective.year, objective.id});
    }
    const std::string title = indicator_words(plan, series.row, language);
    html << fan_chart(info.id, title, unit_words(info.dimension), series.years,
                      level_of(series.after, years, 0), level_of(series.after, years, 1), median,
                      level_of(series.after, years, 3), level_of(series.after, years, 4),
                      shown_scale(info.dimension), thresholds, language, &before, &observed);
  }
  html << "</section>\n";
}

}  // namespace

std::vector<std::size_t> track_series_rows(const Plan& plan, const ObservationSet& observations) {
  std::vector<std::size_t> rows;
  const auto add = [&rows](std::size_t row) {
    if (std::find(rows.begin(), rows.end(), row) == rows.end()) rows.push_back(row);
  };
  for (const Observation& observation : observations.observations) add(observation.row);
  for (const Objective& objective : plan.scenario->objectives) {
    const int row = plan.catalogue.find(objective.indicator);
    if (row >= 0) add(static_cast<std::size_t>(row));
  }
  return rows;
}

std::string track_report_html(const TrackPage& page, ReportLanguage language) {
  std::ostringstream html;
  html << page_start(label("track_title", language) + " — " + page.territory, language);
  header(html, page, language);
  method_section(html, page, language);
  objectives_section(html, page, language);
  observations_section(html, page, language);
  parameters_section(html, page, language);
  trajectories_section(html, page, language);
  if (page.observations->illustrative)
    html << "<footer><p class=\"illustrative\" role=\"note\"><strong>"
         << escape(label("illustrative_warning", language)) << "</strong></p></footer>\n";
  html << "</body></html>\n";
  return html.str();
}

}  // namespace traj::territory
