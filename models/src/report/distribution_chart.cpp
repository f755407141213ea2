#include "distribution_chart.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "charts.hpp"
#include "distance_words.hpp"
#include "format.hpp"
#include "page.hpp"

namespace traj::territory::report {

namespace {
constexpr std::size_t BINS = 30;
constexpr double WIDTH = 640, HEIGHT = 260, LEFT = 48, RIGHT = 16, TOP = 34, BOTTOM = 36;
}  // namespace

std::string distribution_chart(const std::string& id, const std::string& title,
                               const std::vector<double>& sorted_values, double scale,
                               const std::string& unit, const DistributionMarks& marks,
                               Language language) {
  const double lowest = scale * sorted_values.front(), highest = scale * sorted_values.back();
  double low = lowest, high = highest;
  for (const double mark :
       {marks.committed * scale, marks.target.value_or(marks.committed) * scale}) {
    low = std::min(low, mark);
    high = std::max(high, mark);
  }
  if (!(high > low)) {  // every member alike: a band around the value
    const double half = std::max(std::abs(low) * 0.05, 1e-9);
    low -= half;
    high += half;
  }
  const std::vector<double> ticks = nice_ticks(low, high);
  low = std::min(low, ticks.front());
  high = std::max(high, ticks.back());
  const double bin_width = (high - low) / static_cast<double>(BINS);
  std::vector<std::size_t> counts(BINS, 0);
  for (const double value : sorted_values) {
    const auto bin = static_cast<std::size_t>(
        std::clamp((scale * value - low) / bin_width, 0.0, static_cast<double>(BINS) - 1.0));
    ++counts[bin];
  }
  const std::size_t tallest = *std::max_element(counts.begin(), counts.end());
  const double plot_width = WIDTH - LEFT - RIGHT, plot_height = HEIGHT - TOP - BOTTOM;
  const auto x_of = [&](double value) { return LEFT + plot_width * (value - low) / (high - low); };
  const int digits = decimals_for(std::max(std::abs(low), std::abs(high)));
  const auto shown = [&](double value) {
    return number(value, digits, language) + (unit.empty() ? "" : " " + unit);
  };
  const double median = scale * sorted_values[(sorted_values.size() - 1) / 2];
  std::string description =
      fill(label("distribution_desc", language),
           {std::to_string(sorted_values.size()), shown(lowest), shown(highest), shown(median)}) +
      "; " + marks.committed_label + colon(language) + shown(scale * marks.committed);
  if (marks.target)
    description += "; " + marks.target_label + colon(language) + shown(scale * *marks.target);
  std::ostringstream svg;
  svg << "<figure class=\"chart\"><svg class=\"distribution\" id=\"" << escape(id)
      << "\" role=\"img\" viewBox=\"0 0 " << WIDTH << ' ' << HEIGHT << "\"><title>" << escape(title)
      << "</title><desc>" << escape(description) << "</desc>";
  for (std::size_t b = 0; b < BINS; ++b) {
    if (counts[b] == 0) continue;
    const double bar = plot_height * static_cast<double>(counts[b]) / static_cast<double>(tallest);
    svg << "<rect x=\"" << x_of(low + bin_width * static_cast<double>(b)) + 0.5 << "\" y=\""
        << TOP + plot_height - bar << "\" width=\"" << plot_width / BINS - 1 << "\" height=\""
        << bar << "\" fill=\"#9ecae1\"/>";
  }
  for (const double tick : ticks) {
    svg << "<line x1=\"" << x_of(tick) << "\" x2=\"" << x_of(tick) << "\" y1=\""
        << TOP + plot_height << "\" y2=\"" << TOP + plot_height + 4
        << "\" stroke=\"#333\"/><text x=\"" << x_of(tick) << "\" y=\"" << TOP + plot_height + 18
        << "\" text-anchor=\"middle\" font-size=\"11\">" << escape(number(tick, digits, language))
        << "</text>";
  }
  svg << "<line x1=\"" << LEFT << "\" x2=\"" << WIDTH - RIGHT << "\" y1=\"" << TOP + plot_height
      << "\" y2=\"" << TOP + plot_height << "\" stroke=\"#333\"/><text x=\"" << WIDTH - RIGHT
      << "\" y=\"" << HEIGHT - 4 << "\" text-anchor=\"end\" font-size=\"11\">" << escape(unit)
      << "</text>";
  const auto mark = [&](double value, const std::string& name, const char* colour, const char* dash,
                        double label_y) {
    const double x = x_of(scale * value);
    const bool right_half = x > LEFT + plot_width / 2;
    svg << "<line x1=\"" << x << "\" x2=\"" << x << "\" y1=\"" << TOP - 6 << "\" y2=\""
        << TOP + plot_height << "\" stroke=\"" << colour << "\" stroke-width=\"2\""
        << (dash[0] != '\0' ? std::string(" stroke-dasharray=\"") + dash + "\"" : std::string())
        << "/><text x=\"" << (right_half ? x - 4 : x + 4) << "\" y=\"" << label_y
        << "\" text-anchor=\"" << (right_half ? "end" : "start") << "\" font-size=\"11\" fill=\""
        << colour << "\">" << escape(name + colon(language) + shown(scale * value)) << "</text>";
  };
  mark(marks.committed, marks.committed_label, "#222", "", 12);
  if (marks.target) mark(*marks.target, marks.target_label, "#b3261e", "6 3", 26);
  svg << "</svg></figure>\n";
  return svg.str();
}

}  // namespace traj::territory::report
