#include "traj/territory/report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <tuple>
#include <vector>

#include "charts.hpp"
#include "distance_words.hpp"
#include "format.hpp"
#include "labels.hpp"
#include "page.hpp"
#include "territory_sections.hpp"
#include "traj/error.hpp"
#include "traj/hdf5_file.hpp"
#include "traj/setting_ranges.hpp"
#include "traj/territory/results_file.hpp"
#include "traj/territory/results_layout.hpp"

namespace traj::territory {

// What the report reads of a results file is named in one place with its writer.
using namespace results_layout;
using namespace report;

namespace {

/// The unit a page shows: `display_units` (files since 2026-12-03, whose
/// `units` are UDUNITS spellings such as "Gg"), else `units` (older files).
std::string shown_units(const hdf5::Dataset& dataset) {
  return dataset.string_attribute(dataset.has_attribute("display_units") ? "display_units"
                                                                         : "units");
}

/// Refuses a dataset whose shape is not the one the report indexes by.
void expect_dims(const std::string& path, const hdf5::Dataset& dataset, const std::string& name,
                 const std::vector<std::uint64_t>& expected) {
  const auto found = dataset.dims();
  if (found == expected) return;
  const auto shown = [](const std::vector<std::uint64_t>& dims) {
    std::string text;
    for (std::size_t i = 0; i < dims.size(); ++i)
      text += (i ? " × " : "") + std::to_string(dims[i]);
    return dims.empty() ? std::string("a scalar") : text;
  };
  throw InputError(path + ": dataset " + name + ": expected the shape " + shown(expected) +
                   ", found " + shown(found));
}

/// The years of /statistics/year: consecutive, as the scenario's.
std::vector<int> statistics_years(const std::string& path, const hdf5::Group& statistics) {
  const hdf5::Dataset dataset = statistics.open(statistics_dataset::YEAR);
  const auto values = dataset.read_ints();
  if (values.empty()) expect_dims(path, dataset, "/statistics/year", {1});
  std::vector<int> years;
  for (std::size_t i = 0; i < values.size(); ++i) {
    check_setting(path + ": dataset /statistics/year: a year", values[i], YEAR_RANGE);
    if (i > 0 && values[i] != values[i - 1] + 1) {
      throw InputError(path + ": dataset /statistics/year: expected consecutive years, found " +
                       std::to_string(values[i - 1]) + " then " + std::to_string(values[i]));
    }
    years.push_back(static_cast<int>(values[i]));
  }
  return years;
}

/// An objective's distance in words, from /statistics' quantiles of its
/// indicator (`<id>_quantiles`, or a pollutant's total in
/// `pollutants_quantiles`); "–" when the file has none.
std::string distance_in_words(const std::string& path, const hdf5::Group& root,
                              const hdf5::Group& statistics, const std::vector<int>& years,
                              const std::vector<double>& levels, const std::string& indicator,
                              bool at_most, int year, int relative_to, double threshold,
                              double reference, ReportLanguage language) {
  std::size_t low = levels.size(), median = levels.size(), high = levels.size();
  for (std::size_t i = 0; i < levels.size(); ++i) {
    if (std::abs(levels[i] - 0.05) < 1e-9) low = i;
    if (std::abs(levels[i] - 0.5) < 1e-9) median = i;
    if (std::abs(levels[i] - 0.95) < 1e-9) high = i;
  }
  const auto in_years = [&](int y) { return y >= years.front() && y <= years.back(); };
  if (median == levels.size() || low == levels.size() || high == levels.size() || !in_years(year))
    return "–";
  std::vector<double> values;  // [year × levels + level]
  std::string units;
  const std::string own = statistics_dataset::of(indicator, statistics_dataset::QUANTILES);
  if (auto territory = territory_quantiles(path, root, indicator, years.size(), levels.size())) {
    values = std::move(territory->values);
    units = territory->units;
  } else if (statistics.has(own)) {
    const hdf5::Dataset dataset = statistics.open(own);
    expect_dims(path, dataset, "/statistics/" + own, {years.size(), levels.size()});
    values = dataset.read_doubles();
    units = shown_units(dataset);
  } else if (const std::string block = statistics_dataset::of(statistics_dataset::POLLUTANTS,
                                                              statistics_dataset::QUANTILES);
             statistics.has(block) && statistics.has(statistics_dataset::POLLUTANT)) {
    const auto names = statistics.open(statistics_dataset::POLLUTANT).read_strings();
    const auto found = std::find(names.begin(), names.end(), indicator);
    if (found == names.end()) return "–";
    const hdf5::Dataset dataset = statistics.open(block);
    expect_dims(path, dataset, "/statistics/" + block, {years.size(), names.size(), levels.size()});
    const auto all = dataset.read_doubles();
    const auto p = static_cast<std::size_t>(found - names.begin());
    for (std::size_t y = 0; y < years.size(); ++y) {
      for (std::size_t l = 0; l < levels.size(); ++l)
        values.push_back(all[(y * names.size() + p) * levels.size() + l]);
    }
    units = shown_units(dataset);
  } else {
    return "–";
  }
  const auto at = [&](int y, std::size_t level) {
    return values[static_cast<std::size_t>(y - years.front()) * levels.size() + level];
  };
  // As distance_to_objective: from the reference year when the run has it.
  const bool own_reference = relative_to >= 0 && !std::isfinite(reference) && in_years(relative_to);
  const int start_year = own_reference ? relative_to : years.front();
  const double start = at(start_year, median);
  const double target = relative_to < 0                ? threshold
                        : std::isfinite(reference)     ? threshold * reference
                        : own_reference && start > 0.0 ? threshold * start
                                                       : std::nan("");
  const ObjectiveDistance distance = distance_from_values(
      at_most, target, at(year, median), at(year, low), at(year, high), start_year, start);
  // The renewable share is the one share of the file's scalar indicators (unit "1").
  // Other fractions (display_units "%", or "1" in older files) as plain numbers.
  const std::string unit = indicator.substr(0, indicator.find('@')) == "renewable_share" ? "%"
                           : units == "1" || units == "%"                                ? ""
                                                                                         : units;
  return distance_words(distance, unit, language);
}

/// One row of the objectives' table, as the results file stores it.
struct ObjectiveRow {
  std::string id, description, indicator, comparison;
  int year, relative_to;
  double threshold, reference, probability, low, high;
  std::string distance;  ///< in words, "–" when the file has no quantiles of the indicator
};

/// The quantile levels of /statistics and where the fan chart's are.
struct StatisticsLevels {
  std::vector<int> years;
  std::vector<double> levels;
  int i05 = -1, i25 = -1, i50 = -1, i75 = -1, i95 = -1;
};

StatisticsLevels read_levels(const std::string& path, const hdf5::Group& statistics) {
  StatisticsLevels read;
  read.years = statistics_years(path, statistics);
  read.levels = statistics.open(statistics_dataset::QUANTILE).read_doubles();
  expect_dims(path, statistics.open(statistics_dataset::QUANTILE), "/statistics/quantile",
              {read.levels.size()});
  for (const double level : read.levels)
    check_setting(path + ": dataset /statistics/quantile: a level", level, QUANTILE_LEVEL_RANGE);
  const auto level_index = [&](double level) {
    for (std::size_t i = 0; i < read.levels.size(); ++i) {
      if (std::abs(read.levels[i] - level) < 1e-9) return static_cast<int>(i);
    }
    return -1;
  };
  read.i05 = level_index(0.05);
  read.i25 = level_index(0.25);
  read.i50 = level_index(0.5);
  read.i75 = level_index(0.75);
  read.i95 = level_index(0.95);
  return read;
}

/// Every objective of the file with its distance in words (none: empty).
std::vector<ObjectiveRow> read_objective_rows(const std::string& path, const hdf5::Group& root,
                                              const hdf5::Group& objectives,
                                              const hdf5::Group& statistics,
                                              const StatisticsLevels& levels,
                                              ReportLanguage language) {
  std::vector<ObjectiveRow> rows;
  if (!objectives.has(objective_dataset::ID)) return rows;
  const auto ids = objectives.open(objective_dataset::ID).read_strings();
  auto descriptions = objectives.open(objective_dataset::DESCRIPTION).read_strings();
  // Files written before French texts have no description_fr.
  if (language == ReportLanguage::French && objectives.has(objective_dataset::DESCRIPTION_FR)) {
    const auto french = objectives.open(objective_dataset::DESCRIPTION_FR).read_strings();
    expect_dims(path, objectives.open(objective_dataset::DESCRIPTION_FR),
                "/objectives/description_fr", {ids.size()});
    for (std::size_t o = 0; o < ids.size(); ++o)
      if (!french[o].empty()) descriptions[o] = french[o];
  }
  const auto indicators = objectives.open(objective_dataset::INDICATOR).read_strings();
  const auto comparisons = objectives.open(objective_dataset::COMPARISON).read_strings();
  const auto objective_years = objectives.open(objective_dataset::YEAR).read_ints();
  const auto relative = objectives.open(objective_dataset::RELATIVE_TO).read_ints();
  const auto thresholds = objectives.open(objective_dataset::THRESHOLD).read_doubles();
  const auto references = objectives.open(objective_dataset::REFERENCE_VALUE).read_doubles();
  const auto probability = objectives.open(objective_dataset::PROBABILITY).read_doubles();
  const auto low = objectives.open(objective_dataset::CI_LOW).read_doubles();
  const auto high = objectives.open(objective_dataset::CI_HIGH).read_doubles();
  for (const char* name :
       {objective_dataset::DESCRIPTION, objective_dataset::INDICATOR, objective_dataset::COMPARISON,
        objective_dataset::YEAR, objective_dataset::RELATIVE_TO, objective_dataset::THRESHOLD,
        objective_dataset::REFERENCE_VALUE, objective_dataset::PROBABILITY,
        objective_dataset::CI_LOW, objective_dataset::CI_HIGH}) {
    expect_dims(path, objectives.open(name), std::string("/objectives/") + name, {ids.size()});
  }
  for (std::size_t o = 0; o < ids.size(); ++o) {
    rows.push_back({ids[o], descriptions[o], indicators[o], comparisons[o],
                    static_cast<int>(objective_years[o]), static_cast<int>(relative[o]),
                    thresholds[o], references[o], probability[o], low[o], high[o], ""});
  }
  // How far from each objective: from the quantiles of its indicator, where
  // the file has them (the headline indicators, custom ones, pollutants).
  for (auto& row : rows)
    row.distance = distance_in_words(path, root, statistics, levels.years, levels.levels,
                                     row.indicator, row.comparison == "<=", row.year,
                                     row.relative_to, row.threshold, row.reference, language);
  return rows;
}

/// Objectives: a bar per objective with its interval, and its distance.
void write_objectives_section(std::ostringstream& html, const std::vector<ObjectiveRow>& rows,
                              const hdf5::Group& objectives, ReportLanguage language) {
  html << "<section id=\"objectives\"><h2>" << escape(label("objectives", language))
       << "</h2><table><thead><tr><th class=\"objective-cell\">"
       << escape(label("objective_header", language)) << "</th><th class=\"bar-cell\">"
       << escape(label("chart", language)) << "</th><th>"
       << escape(label("probability_header", language)) << "</th>"
       << "<th>" << escape(label("distance", language)) << "</th>"
       << "</tr></thead><tbody>\n";
  for (const auto& row : rows) {
    const std::string text = (row.description.empty() ? row.id : row.description);
    const std::string words = percent(row.probability, language) + " " + label("likely", language) +
                              " (" + label("interval", language) + " " +
                              percent(row.low, language) + "–" + percent(row.high, language) + ")";
    html << "<tr class=\"objective-row\"><td>" << escape(text)
         << "</td><td class=\"bar-cell\"><svg class=\"bar\" role=\"img\" "
         << "viewBox=\"0 0 200 20\" aria-label=\"" << escape(text + ": " + words)
         << "\"><rect x=\"0\" y=\"3\" width=\"200\" "
         << "height=\"14\" fill=\"#eee\"/><rect x=\"0\" y=\"3\" width=\"" << 200 * row.probability
         << "\" height=\"14\" fill=\"" << likelihood_colour(row.probability) << "\"/><line x1=\""
         << 200 * row.low << "\" x2=\"" << 200 * row.high
         << "\" y1=\"10\" y2=\"10\" stroke=\"#000\" stroke-width=\"2\"/></svg></td>"
         // The probability first, its interval below it: the distance keeps room.
         << "<td class=\"probability stacked\">"
         << escape(percent(row.probability, language) + " " + label("likely", language))
         << "<span class=\"interval\">"
         << escape(std::string("(") + label("interval", language) + " " +
                   percent(row.low, language) + "–" + percent(row.high, language) + ")")
         << "</span></td>"
         << "<td class=\"distance\">" << escape(row.distance) << "</td>"
         << "</tr>\n";
  }
  if (objectives.has_attribute(objective_dataset::ALL_PROBABILITY)) {
    html << "<tr><td><strong>" << escape(label("all", language))
         << "</strong></td><td></td><td class=\"probability\">"
         << percent(objectives.double_attribute(objective_dataset::ALL_PROBABILITY), language)
         << " " << escape(label("likely", language)) << "</td></tr>\n";
  }
  html << "</tbody></table></section>\n";
}

/// Fan charts: final energy, renewable share, GHG and the six pollutants,
/// each objective on its indicator marked.
void write_trajectories_section(std::ostringstream& html, const std::string& path,
                                const hdf5::Group& statistics, const StatisticsLevels& levels,
                                const std::vector<ObjectiveRow>& rows, ReportLanguage language) {
  const auto& years = levels.years;
  html << "<section id=\"trajectories\"><h2>" << escape(label("trajectories", language))
       << "</h2>\n";
  const auto quantiles_of = [&](const std::vector<double>& values, std::size_t items,
                                std::size_t item, int level) {
    std::vector<double> series;
    for (std::size_t y = 0; y < years.size(); ++y) {
      series.push_back(level < 0 ? std::nan("")
                                 : values[(y * items + item) * levels.levels.size() +
                                          static_cast<std::size_t>(level)]);
    }
    return series;
  };
  const auto thresholds_for = [&](const std::string& indicator, const std::vector<double>& median) {
    std::vector<Threshold> marks;
    for (const auto& row : rows) {
      if (row.indicator != indicator) continue;
      double value = row.threshold;
      // Named by what a reader looks for on the chart: the target and its year.
      std::string note = label("target_line", language) + " " + std::to_string(row.year);
      if (row.relative_to >= 0) {
        const double reference =
            std::isfinite(row.reference) ? row.reference
            : (row.relative_to >= years.front() && row.relative_to <= years.back())
                ? median[static_cast<std::size_t>(row.relative_to - years.front())]
                : std::nan("");
        value = row.threshold * reference;
      }
      if (std::isfinite(value)) marks.push_back({value, row.year, note});
    }
    return marks;
  };
  const auto chart = [&](const std::string& id, const std::string& title, const std::string& unit,
                         const std::vector<double>& values, std::size_t items, std::size_t item,
                         double scale, const std::string& indicator) {
    const auto median = quantiles_of(values, items, item, levels.i50);
    if (levels.i05 < 0 || levels.i50 < 0 || levels.i95 < 0) return;
    const auto q25 = levels.i25 >= 0 ? quantiles_of(values, items, item, levels.i25) : median;
    const auto q75 = levels.i75 >= 0 ? quantiles_of(values, items, item, levels.i75) : median;
    html << fan_chart(id, title, unit, years, quantiles_of(values, items, item, levels.i05), q25,
                      median, q75, quantiles_of(values, items, item, levels.i95), scale,
                      thresholds_for(indicator, median), language);
  };
  for (const auto& [id, unit, scale] :
       {std::tuple{std::string("final_energy"), std::string("GWh"), 1.0},
        std::tuple{std::string("renewable_share"), std::string("%"), 100.0},
        std::tuple{std::string("ghg"), std::string("ktCO2e"), 1.0}}) {
    const std::string quantiles = statistics_dataset::of(id, statistics_dataset::QUANTILES);
    if (!statistics.has(quantiles)) continue;
    expect_dims(path, statistics.open(quantiles), "/statistics/" + quantiles,
                {years.size(), levels.levels.size()});
    chart(id, label(id, language), unit, statistics.open(quantiles).read_doubles(), 1, 0, scale,
          id);
  }
  if (const std::string pollutants =
          statistics_dataset::of(statistics_dataset::POLLUTANTS, statistics_dataset::QUANTILES);
      statistics.has(pollutants)) {
    const auto names = statistics.open(statistics_dataset::POLLUTANT).read_strings();
    const auto values = statistics.open(pollutants).read_doubles();
    expect_dims(path, statistics.open(pollutants), "/statistics/" + pollutants,
                {years.size(), names.size(), levels.levels.size()});
    for (std::size_t p = 0; p < names.size(); ++p) {
      chart(names[p], names[p], "t", values, names.size(), p, 1.0, names[p]);
    }
  }
  html << "</section>\n";
}

/// Reproducibility: seed, members, version, command, inputs and the rerun.
void write_reproducibility_section(std::ostringstream& html, const std::string& path,
                                   const hdf5::Group& root, ReportLanguage language) {
  html << "<section id=\"reproducibility\"><h2>" << escape(label("reproduce", language))
       << "</h2><table class=\"reproduce\"><tbody>"
       << "<tr><td>" << escape(label("seed", language)) << "</td><td>"
       << root.int_attribute(run_attribute::SEED) << "</td></tr>"
       << "<tr><td>" << escape(label("members", language)) << "</td><td>"
       << root.int_attribute(run_attribute::MEMBERS) << "</td></tr>"
       << "<tr><td>" << escape(label("version", language)) << "</td><td>traj "
       << escape(root.string_attribute(run_attribute::TRAJ_VERSION))
       << " (git <span class=\"hash\">" << escape(root.string_attribute(run_attribute::GIT_HASH))
       << "</span>)</td></tr>"
       << "<tr><td>" << escape(label("created", language)) << "</td><td>"
       << escape(localised_date(root.string_attribute(run_attribute::CREATED), language))
       << "</td></tr>"
       << "<tr><td>" << escape(label("command", language)) << "</td><td><code>"
       << escape(root.string_attribute(run_attribute::COMMAND_LINE)) << "</code></td></tr><tr><td>"
       << escape(label("inputs", language)) << "</td><td>";
  const hdf5::Group inputs = root.open_group(INPUTS);
  for (std::size_t i = 0;; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, input_file::NAME_FORMAT, i);
    if (!inputs.has(name)) break;
    const auto stored = inputs.open(name);
    html << escape(stored.string_attribute(input_file::PATH)) << " <span class=\"hash\">"
         << escape(stored.string_attribute(input_file::SHA256)) << "</span><br>";
  }
  html << "</td></tr><tr><td>" << escape(label("rerun", language)) << "</td><td><code>traj rerun "
       << escape(path.substr(
              path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1))
       << "</code></td></tr></tbody></table></section>\n";
}

std::string results_report_html_unchecked(const std::string& path, ReportLanguage language) {
  read_run_record(path);  // refuses other files, unknown versions, forged settings, damage
  const hdf5::File file = hdf5::File::open_read_only(path);
  const hdf5::Group& root = file.root();
  const std::string territory = root.string_attribute(run_attribute::TERRITORY);
  const std::string portfolio = root.string_attribute(run_attribute::PORTFOLIO);
  std::string portfolio_shown = portfolio == "baseline" ? label("baseline", language) : portfolio;
  if (root.has_attribute(run_attribute::PORTFOLIO_NAME)) {
    const std::string french = root.has_attribute(run_attribute::PORTFOLIO_NAME_FR)
                                   ? root.string_attribute(run_attribute::PORTFOLIO_NAME_FR)
                                   : std::string();
    portfolio_shown = language == ReportLanguage::French && !french.empty()
                          ? french
                          : root.string_attribute(run_attribute::PORTFOLIO_NAME);
  }
  check_setting(path + ": attribute members", root.int_attribute(run_attribute::MEMBERS),
                MEMBERS_RANGE);
  const hdf5::Group statistics = root.open_group(STATISTICS);
  const StatisticsLevels levels = read_levels(path, statistics);

  std::ostringstream html;
  html << page_start(label("title", language) + " — " + territory, language);
  html << "<header><h1>" << escape(territory) << "</h1><p class=\"subtitle\">"
       << escape(label("title", language)) << " · " << escape(label("portfolio", language))
       << colon(language) << "<strong>" << escape(portfolio_shown) << "</strong> · "
       << escape(label("members", language)) << colon(language)
       << number(static_cast<double>(root.int_attribute(run_attribute::MEMBERS)), 0, language)
       << "</p></header>\n";
  const hdf5::Group objectives = root.open_group(OBJECTIVES);
  const std::vector<ObjectiveRow> rows =
      read_objective_rows(path, root, objectives, statistics, levels, language);
  if (objectives.has(objective_dataset::ID))
    write_objectives_section(html, rows, objectives, language);
  std::vector<TerritoryCommitment> commitments;
  for (const auto& row : rows) {
    commitments.push_back({row.indicator, row.description.empty() ? row.id : row.description,
                           row.probability, row.low, row.high, row.distance});
  }
  write_commitments_section(html, root, commitments, language);
  write_trajectories_section(html, path, statistics, levels, rows, language);
  write_small_multiples_section(html, path, root, levels.years, levels.levels, language);
  write_reproducibility_section(html, path, root, language);
  html << "</body></html>\n";
  return html.str();
}

}  // namespace

std::string results_report_html(const std::string& path, ReportLanguage language) {
  return as_input_error(path, [&] { return results_report_html_unchecked(path, language); });
}

}  // namespace traj::territory
