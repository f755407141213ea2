#pragma once
/// The charts that put portfolios side by side (the comparison report):
/// every portfolio's median and band on one set of axes, and stacked bars of
/// a breakdown (by sector, carrier, source) per portfolio and year.

#include <string>
#include <vector>

#include "charts.hpp"
#include "labels.hpp"

namespace traj::territory::report {

/// One portfolio's line on an overlay chart: its median and 5–95 % band per year.
struct PortfolioLine {
  std::string label;
  std::vector<double> q05, q50, q95;
};

/// The colour of the `index`-th portfolio (the baseline first, in grey):
/// the Okabe–Ito palette, distinguishable with the common colour-vision deficiencies.
std::string portfolio_colour(std::size_t index);

/// Every portfolio's median (a line, with a marker at the last year) and
/// 5–95 % band (faint) over the years, with the objectives' thresholds and
/// a legend; the text alternative gives each median and band at the last year.
std::string overlay_chart(const std::string& id, const std::string& title, const std::string& unit,
                          const std::vector<int>& years, const std::vector<PortfolioLine>& lines,
                          double scale, const std::vector<Threshold>& thresholds,
                          Language language);

/// One bar of a stacked chart: e.g. "2050 · plan", its layers' values.
struct StackedBar {
  std::string label;
  std::vector<double> values;  ///< per layer, ≥ 0
};

/// Horizontal stacked bars with a legend of the layers and each bar's total.
std::string stacked_bars(const std::string& id, const std::string& title, const std::string& unit,
                         const std::vector<std::string>& layers,
                         const std::vector<StackedBar>& bars, Language language);

}  // namespace traj::territory::report
