#pragma once
/// The inline SVG charts of the reports, each with a text alternative.

#include <string>
#include <utility>
#include <vector>

#include "labels.hpp"

namespace traj::territory::report {

/// Ticks at 1, 2 or 5 × 10^k covering [low, high].
std::vector<double> nice_ticks(double low, double high);

/// Colour by how likely: red below 1/3, amber below 2/3, green above (all
/// with a contrast ratio ≥ 4.5 against white text).
std::string likelihood_colour(double probability);

struct Threshold {
  double value = 0.0;
  int year = 0;
  std::string label;
};

/// Another ensemble's 5–95 % band, drawn faintly behind a fan chart: the
/// starting portfolio's behind a what-if's (the workspace, `traj serve`).
struct BackdropBand {
  std::vector<double> q05, q95;  ///< per year, as the chart's own
  std::string label;             ///< its legend and text alternative, e.g. "Starting portfolio"
  std::vector<double> median;    ///< per year, drawn dashed when given (none: not drawn)
};

/// A measured value with its 90 % interval, drawn over a fan chart as a
/// point with an error bar (`traj track`'s observations).
struct ObservedPoint {
  int year = 0;
  double value = 0.0, low = 0.0, high = 0.0;
};
struct ObservedPoints {
  std::vector<ObservedPoint> points;
  std::string label;  ///< its legend and text alternative, e.g. "Observed (90 % interval)"
};

/// A fan chart: 5–95 % and 25–75 % bands and the median over the years;
/// with `backdrop`, that band behind them, in its legend and text
/// alternative (without, the reports' charts, unchanged); with `observed`,
/// those points and their error bars over the fan, in the legend and the
/// text alternative.
std::string fan_chart(const std::string& id, const std::string& title, const std::string& unit,
                      const std::vector<int>& years, const std::vector<double>& q05,
                      const std::vector<double>& q25, const std::vector<double>& q50,
                      const std::vector<double>& q75, const std::vector<double>& q95, double scale,
                      const std::vector<Threshold>& thresholds, Language language,
                      const BackdropBand* backdrop = nullptr,
                      const ObservedPoints* observed = nullptr);

/// Horizontal bars with labels, for ranked values (may be negative).
/// `signed_colours`: green for decreases, red for increases; else one blue.
std::string ranked_bars(const std::string& id,
                        const std::vector<std::pair<std::string, double>>& items,
                        const std::string& unit, Language language, bool signed_colours = true);

}  // namespace traj::territory::report
