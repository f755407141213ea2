#include "traj/territory/workspace_charts.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include "charts.hpp"
#include "labels.hpp"
#include "result_series.hpp"

namespace traj::territory {

namespace {

using report::level_index;
using report::Threshold;

/// The objectives on `indicator`, as values of the indicator: a relative
/// threshold times its reference (the stated one, or the median that year).
std::vector<Threshold> thresholds_of(const Scenario& scenario, const std::string& indicator,
                                     const std::vector<double>& median) {
  std::vector<Threshold> marks;
  for (const Objective& objective : scenario.objectives) {
    if (objective.indicator != indicator) continue;
    double value = objective.threshold;
    if (objective.relative_to) {
      const int year = *objective.relative_to;
      const double reference = objective.reference_value ? *objective.reference_value
                               : (year >= scenario.base_year && year <= scenario.horizon)
                                   ? median[static_cast<std::size_t>(year - scenario.base_year)]
                                   : std::nan("");
      value = objective.threshold * reference;
    }
    if (std::isfinite(value)) marks.push_back({value, objective.year, objective.id});
  }
  return marks;
}

/// The row of the indicator `id` in `plan`, when `result` has its quantiles.
std::optional<std::size_t> row_with_quantiles(const Plan& plan, const EnsembleResult& result,
                                              const std::string& id) {
  const int row = plan.catalogue.find(id);
  if (row < 0) return std::nullopt;
  const auto r = static_cast<std::size_t>(row);
  if (!report::has_quantiles(result, r)) return std::nullopt;
  return r;
}

/// The starting ensemble's 5–95 % of the indicator `id`, or nothing when it
/// has no quantiles of it (an edit that added the indicator).
std::optional<report::BackdropBand> starting_band(const StartingEnsemble& starting,
                                                  const std::string& id, std::size_t years,
                                                  ReportLanguage language) {
  const EnsembleResult& result = starting.result;
  const std::optional<std::size_t> row = row_with_quantiles(starting.plan, result, id);
  const int i05 = level_index(result, 0.05), i95 = level_index(result, 0.95);
  if (!row || i05 < 0 || i95 < 0 || result.years != years) return std::nullopt;
  return report::BackdropBand{report::quantile_series(result, *row, i05),
                              report::quantile_series(result, *row, i95),
                              report::label("starting_portfolio", language),
                              {}};
}

}  // namespace

std::vector<WorkspaceChart> workspace_charts(const Plan& plan, const EnsembleResult& result,
                                             ReportLanguage language,
                                             const StartingEnsemble* starting) {
  const Scenario& scenario = *plan.scenario;
  struct Shown {
    std::string id, title, unit;
    double scale;
  };
  std::vector<Shown> shown = {
      {"final_energy", report::label("final_energy", language), "GWh", 1.0},
      {"renewable_share", report::label("renewable_share", language), "%", 100.0},
      {"ghg", report::label("ghg", language), "ktCO2e", 1.0}};
  for (const auto& pollutant : scenario.pollutants)
    shown.push_back({pollutant, pollutant, "t", 1.0});
  std::vector<int> years;
  for (int year = scenario.base_year; year <= scenario.horizon; ++year) years.push_back(year);
  const int i05 = level_index(result, 0.05), i25 = level_index(result, 0.25),
            i50 = level_index(result, 0.5), i75 = level_index(result, 0.75),
            i95 = level_index(result, 0.95);
  std::vector<WorkspaceChart> charts;
  if (i05 < 0 || i50 < 0 || i95 < 0) return charts;
  for (const auto& chart : shown) {
    const std::optional<std::size_t> row = row_with_quantiles(plan, result, chart.id);
    if (!row) continue;
    const std::size_t r = *row;
    const auto median = report::quantile_series(result, r, i50);
    const std::optional<report::BackdropBand> backdrop =
        starting ? starting_band(*starting, chart.id, result.years, language) : std::nullopt;
    charts.push_back({chart.id, report::fan_chart(
                                    "chart-" + chart.id, chart.title, chart.unit, years,
                                    report::quantile_series(result, r, i05),
                                    report::quantile_series(result, r, i25 < 0 ? i50 : i25), median,
                                    report::quantile_series(result, r, i75 < 0 ? i50 : i75),
                                    report::quantile_series(result, r, i95), chart.scale,
                                    thresholds_of(scenario, chart.id, median), language,
                                    backdrop ? &*backdrop : nullptr)});
  }
  return charts;
}

}  // namespace traj::territory
