#include "portfolio_charts.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "format.hpp"
#include "page.hpp"
#include "traj/display_width.hpp"

namespace traj::territory::report {
namespace {

/// Okabe & Ito (2008), "Color universal design": grey for the baseline, then
/// blue, vermillion, bluish green, reddish purple, orange, sky blue, yellow.
constexpr const char* PORTFOLIO_COLOURS[] = {"#6b6b6b", "#0072b2", "#d55e00", "#009e73",
                                             "#cc79a7", "#e69f00", "#56b4e9", "#b8a000"};
/// The layers of a stacked bar: the same palette, then darker tones.
constexpr const char* LAYER_COLOURS[] = {"#0072b2", "#e69f00", "#009e73", "#cc79a7",
                                         "#56b4e9", "#d55e00", "#b8a000", "#6b6b6b",
                                         "#1f3a5f", "#7a3b00", "#00553f", "#6d2f59"};

std::string layer_colour(std::size_t index) {
  return LAYER_COLOURS[index % std::size(LAYER_COLOURS)];
}

}  // namespace

std::string portfolio_colour(std::size_t index) {
  return PORTFOLIO_COLOURS[index % std::size(PORTFOLIO_COLOURS)];
}

std::string overlay_chart(const std::string& id, const std::string& title, const std::string& unit,
                          const std::vector<int>& years, const std::vector<PortfolioLine>& lines,
                          double scale, const std::vector<Threshold>& thresholds,
                          Language language) {
  constexpr double WIDTH = 640, LEFT = 64, RIGHT = 16, TOP = 16, PLOT = 212, BOTTOM = 28;
  constexpr double LEGEND_ROW = 16;
  const double legend_top = TOP + PLOT + BOTTOM;
  // Three legend columns for short names, fewer for the long ones (about
  // 6.5 px a character at 11 px, after the 28 px of the swatch).
  std::size_t longest = 0;
  for (const auto& line : lines) longest = std::max(longest, display_width(line.label));
  const std::size_t columns = longest <= 25 ? 3 : longest <= 40 ? 2 : 1;
  const double height =
      legend_top + LEGEND_ROW * static_cast<double>((lines.size() + columns - 1) / columns) + 4;
  double high = 0.0;
  for (const auto& line : lines) {
    for (const double value : line.q95) {
      if (std::isfinite(value)) high = std::max(high, value * scale);
    }
  }
  for (const auto& threshold : thresholds) high = std::max(high, threshold.value * scale);
  high = high > 0 ? high * 1.05 : 1.0;
  const auto x = [&](double year) {
    return LEFT + (year - years.front()) / std::max(1, years.back() - years.front()) *
                      (WIDTH - LEFT - RIGHT);
  };
  const auto y = [&](double value) { return TOP + (1.0 - value * scale / high) * PLOT; };
  const int digits = decimals_for(high);
  std::string description = title + ", " + unit + ", " + label("median", language) + " [" +
                            label("band90", language) + "] " + label("in", language) + " " +
                            std::to_string(years.back()) + colon(language);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& line = lines[i];
    description += std::string(i == 0 ? "" : "; ") + line.label + " " +
                   number(line.q50.back() * scale, digits, language) + " [" +
                   number(line.q05.back() * scale, digits, language) + "–" +
                   number(line.q95.back() * scale, digits, language) + "]";
  }
  description += ".";
  std::ostringstream svg;
  svg << "<figure class=\"chart\"><svg class=\"fan overlay\" id=\"overlay-" << escape(id)
      << "\" role=\"img\" viewBox=\"0 0 " << WIDTH << ' ' << height
      << "\" aria-labelledby=\"overlay-" << escape(id) << "-title overlay-" << escape(id)
      << "-desc\"><title id=\"overlay-" << escape(id) << "-title\">" << escape(title)
      << "</title><desc id=\"overlay-" << escape(id) << "-desc\">" << escape(description)
      << "</desc>";
  for (const double tick : nice_ticks(0.0, high)) {
    svg << "<line class=\"grid\" x1=\"" << LEFT << "\" x2=\"" << WIDTH - RIGHT << "\" y1=\""
        << y(tick / scale) << "\" y2=\"" << y(tick / scale) << "\"/><text class=\"tick\" x=\""
        << LEFT - 6 << "\" y=\"" << y(tick / scale) + 4 << "\" text-anchor=\"end\">"
        << number(tick, decimals_for(high / 4), language) << "</text>";
  }
  for (int year = (years.front() + 4) / 5 * 5; year <= years.back(); year += 5) {
    svg << "<text class=\"tick\" x=\"" << x(year) << "\" y=\"" << TOP + PLOT + 18
        << "\" text-anchor=\"middle\">" << year << "</text>";
  }
  // Bands first, all of them, so that no band hides another's median.
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& line = lines[i];
    svg << "<polygon class=\"portfolio-band\" fill=\"" << portfolio_colour(i)
        << "\" fill-opacity=\"0.16\" points=\"";
    for (std::size_t k = 0; k < years.size(); ++k)
      svg << x(years[k]) << ',' << y(line.q95[k]) << ' ';
    for (std::size_t k = years.size(); k-- > 0;) svg << x(years[k]) << ',' << y(line.q05[k]) << ' ';
    svg << "\"/>";
  }
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& line = lines[i];
    svg << "<polyline class=\"portfolio-median\" fill=\"none\" stroke=\"" << portfolio_colour(i)
        << "\" stroke-width=\"2.5\"" << (i == 0 ? " stroke-dasharray=\"6 3\"" : "") << " points=\"";
    for (std::size_t k = 0; k < years.size(); ++k)
      svg << x(years[k]) << ',' << y(line.q50[k]) << ' ';
    svg << "\"/><circle cx=\"" << x(years.back()) << "\" cy=\"" << y(line.q50.back())
        << "\" r=\"3.5\" fill=\"" << portfolio_colour(i) << "\"/>";
  }
  for (const auto& threshold : thresholds) {
    svg << "<line class=\"threshold\" x1=\"" << LEFT << "\" x2=\"" << WIDTH - RIGHT << "\" y1=\""
        << y(threshold.value) << "\" y2=\"" << y(threshold.value)
        << "\"/><line class=\"year-mark\" x1=\"" << x(threshold.year) << "\" x2=\""
        << x(threshold.year) << "\" y1=\"" << TOP << "\" y2=\"" << TOP + PLOT
        << "\"/><text class=\"threshold-label\" x=\"" << x(threshold.year) - 4 << "\" y=\""
        << y(threshold.value) - 6 << "\" text-anchor=\"end\">" << escape(threshold.label)
        << "</text>";
  }
  const double column = (WIDTH - LEFT) / static_cast<double>(columns);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const double left = LEFT + column * static_cast<double>(i % columns);
    const double top = legend_top + LEGEND_ROW * static_cast<double>(i / columns);
    svg << "<line x1=\"" << left << "\" x2=\"" << left + 22 << "\" y1=\"" << top + 6 << "\" y2=\""
        << top + 6 << "\" stroke=\"" << portfolio_colour(i) << "\" stroke-width=\"2.5\""
        << (i == 0 ? " stroke-dasharray=\"6 3\"" : "") << "/><text class=\"legend\" x=\""
        << left + 28 << "\" y=\"" << top + 10 << "\" font-size=\"11\">" << escape(lines[i].label)
        << "</text>";
  }
  svg << "<text class=\"unit\" x=\"" << LEFT << "\" y=\"11\">" << escape(unit)
      << "</text></svg><figcaption>" << escape(title) << " — " << label("median", language) << ", "
      << label("band90", language) << "</figcaption></figure>\n";
  return svg.str();
}

std::string stacked_bars(const std::string& id, const std::string& title, const std::string& unit,
                         const std::vector<std::string>& layers,
                         const std::vector<StackedBar>& bars, Language language) {
  constexpr double WIDTH = 640, LABEL = 150, TOTAL = 64, ROW = 20, LEGEND_ROW = 16;
  constexpr std::size_t LEGEND_COLUMNS = 3;
  const double legend_height =
      LEGEND_ROW * static_cast<double>((layers.size() + LEGEND_COLUMNS - 1) / LEGEND_COLUMNS);
  const double bars_top = legend_height + 6;
  const double height = bars_top + ROW * static_cast<double>(bars.size()) + 4;
  double largest = 0.0;
  for (const auto& bar : bars) {
    double total = 0.0;
    for (const double value : bar.values) total += std::max(0.0, value);
    largest = std::max(largest, total);
  }
  if (!(largest > 0.0)) largest = 1.0;
  const double span = WIDTH - LABEL - TOTAL;
  const int digits = decimals_for(largest);
  std::string description = title + ", " + unit + colon(language);
  for (std::size_t b = 0; b < bars.size(); ++b) {
    double total = 0.0;
    for (const double value : bars[b].values) total += std::max(0.0, value);
    description += std::string(b == 0 ? "" : "; ") + bars[b].label + " " +
                   number(total, digits, language) + " (";
    for (std::size_t l = 0; l < layers.size(); ++l) {
      description += std::string(l == 0 ? "" : ", ") + layers[l] + " " +
                     number(std::max(0.0, bars[b].values[l]), digits, language);
    }
    description += ")";
  }
  description += ".";
  std::ostringstream svg;
  svg << "<figure class=\"chart\"><svg class=\"stacked\" id=\"stacked-" << escape(id)
      << "\" role=\"img\" viewBox=\"0 0 " << WIDTH << ' ' << height
      << "\" aria-labelledby=\"stacked-" << escape(id) << "-title stacked-" << escape(id)
      << "-desc\"><title id=\"stacked-" << escape(id) << "-title\">" << escape(title)
      << "</title><desc id=\"stacked-" << escape(id) << "-desc\">" << escape(description)
      << "</desc>";
  const double column = WIDTH / static_cast<double>(LEGEND_COLUMNS);
  for (std::size_t l = 0; l < layers.size(); ++l) {
    const double left = column * static_cast<double>(l % LEGEND_COLUMNS);
    const double top = LEGEND_ROW * static_cast<double>(l / LEGEND_COLUMNS);
    svg << "<rect x=\"" << left << "\" y=\"" << top + 2 << "\" width=\"12\" height=\"10\" fill=\""
        << layer_colour(l) << "\"/><text class=\"legend\" x=\"" << left + 16 << "\" y=\""
        << top + 11 << "\" font-size=\"11\">" << escape(layers[l]) << "</text>";
  }
  for (std::size_t b = 0; b < bars.size(); ++b) {
    const double top = bars_top + ROW * static_cast<double>(b);
    svg << "<text x=\"" << LABEL - 6 << "\" y=\"" << top + 14
        << "\" text-anchor=\"end\" font-size=\"11\">" << escape(bars[b].label) << "</text>";
    double left = LABEL, total = 0.0;
    for (std::size_t l = 0; l < layers.size(); ++l) {
      const double value = std::max(0.0, bars[b].values[l]);
      const double width = span * value / largest;
      if (width > 0.0) {
        svg << "<rect x=\"" << left << "\" y=\"" << top + 3 << "\" width=\"" << width
            << "\" height=\"" << ROW - 6 << "\" fill=\"" << layer_colour(l) << "\"/>";
      }
      left += width;
      total += value;
    }
    svg << "<text x=\"" << left + 4 << "\" y=\"" << top + 14 << "\" font-size=\"11\">"
        << number(total, digits, language) << "</text>";
  }
  svg << "</svg><figcaption>" << escape(title) << " (" << escape(unit)
      << ")</figcaption></figure>\n";
  return svg.str();
}

}  // namespace traj::territory::report
