#include "charts.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "format.hpp"
#include "page.hpp"

namespace traj::territory::report {

std::vector<double> nice_ticks(double low, double high) {
  const double span = std::max(high - low, 1e-12);
  const double raw = span / 4.0;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  const double step = raw / power < 1.5 ? power : raw / power < 3.5 ? 2 * power : 5 * power;
  std::vector<double> ticks;
  for (double tick = std::ceil(low / step) * step; tick <= high + 1e-9 * span; tick += step)
    ticks.push_back(tick);
  return ticks;
}

std::string likelihood_colour(double probability) {
  return probability < 1.0 / 3.0 ? "#b3261e" : probability < 2.0 / 3.0 ? "#8a5a00" : "#1b6e2d";
}

std::string fan_chart(const std::string& id, const std::string& title, const std::string& unit,
                      const std::vector<int>& years, const std::vector<double>& q05,
                      const std::vector<double>& q25, const std::vector<double>& q50,
                      const std::vector<double>& q75, const std::vector<double>& q95, double scale,
                      const std::vector<Threshold>& thresholds, Language language,
                      const BackdropBand* backdrop, const ObservedPoints* observed) {
  constexpr double WIDTH = 640, HEIGHT = 260, LEFT = 64, RIGHT = 16, TOP = 16, BOTTOM = 32;
  double low = 0.0, high = 0.0;
  for (std::size_t i = 0; i < years.size(); ++i) high = std::max(high, q95[i] * scale);
  for (const auto& threshold : thresholds) high = std::max(high, threshold.value * scale);
  if (backdrop != nullptr) {
    for (std::size_t i = 0; i < years.size(); ++i) high = std::max(high, backdrop->q95[i] * scale);
  }
  if (observed != nullptr) {
    for (const auto& point : observed->points) high = std::max(high, point.high * scale);
  }
  high = high > 0 ? high * 1.05 : 1.0;
  const auto x = [&](double year) {
    return LEFT + (year - years.front()) / std::max(1, years.back() - years.front()) *
                      (WIDTH - LEFT - RIGHT);
  };
  const auto y = [&](double value) {
    return TOP + (1.0 - (value * scale - low) / (high - low)) * (HEIGHT - TOP - BOTTOM);
  };
  const auto band = [&](const std::vector<double>& lower, const std::vector<double>& upper) {
    std::ostringstream points;
    for (std::size_t i = 0; i < years.size(); ++i)
      points << x(years[i]) << ',' << y(upper[i]) << ' ';
    for (std::size_t i = years.size(); i-- > 0;) points << x(years[i]) << ',' << y(lower[i]) << ' ';
    return points.str();
  };
  const int digits = decimals_for(high);
  std::ostringstream svg;
  std::string description =
      title + ", " + unit + ": " + label("median", language) + " " +
      number(q50.front() * scale, digits, language) + " " + label("in", language) + " " +
      std::to_string(years.front()) + ", " + number(q50.back() * scale, digits, language) + " " +
      label("in", language) + " " + std::to_string(years.back()) + " (" +
      label("band90", language) + " " + number(q05.back() * scale, digits, language) + "–" +
      number(q95.back() * scale, digits, language) + ").";
  if (backdrop != nullptr) {
    description.append(" ")
        .append(backdrop->label)
        .append(", ")
        .append(label("band90", language))
        .append(colon(language))
        .append(number(backdrop->q05.back() * scale, digits, language))
        .append("–")
        .append(number(backdrop->q95.back() * scale, digits, language))
        .append(" ")
        .append(label("in", language))
        .append(" ")
        .append(std::to_string(years.back()))
        .append(".");
  }
  if (observed != nullptr && !observed->points.empty()) {
    description.append(" ").append(observed->label).append(colon(language));
    for (std::size_t i = 0; i < observed->points.size(); ++i) {
      const ObservedPoint& point = observed->points[i];
      description.append(i == 0 ? "" : ", ")
          .append(number(point.value * scale, digits, language))
          .append(" ")
          .append(label("in", language))
          .append(" ")
          .append(std::to_string(point.year))
          .append(" (")
          .append(number(point.low * scale, digits, language))
          .append("–")
          .append(number(point.high * scale, digits, language))
          .append(")");
    }
    description.append(".");
  }
  svg << "<figure class=\"chart\"><svg class=\"fan\" id=\"fan-" << escape(id)
      << "\" role=\"img\" viewBox=\"0 0 " << WIDTH << ' ' << HEIGHT << "\" aria-labelledby=\"fan-"
      << escape(id) << "-title fan-" << escape(id) << "-desc\"><title id=\"fan-" << escape(id)
      << "-title\">" << escape(title) << "</title><desc id=\"fan-" << escape(id) << "-desc\">"
      << escape(description) << "</desc>";
  for (const double tick : nice_ticks(low, high)) {
    svg << "<line class=\"grid\" x1=\"" << LEFT << "\" x2=\"" << WIDTH - RIGHT << "\" y1=\""
        << y(tick / scale) << "\" y2=\"" << y(tick / scale) << "\"/><text class=\"tick\" x=\""
        << LEFT - 6 << "\" y=\"" << y(tick / scale) + 4 << "\" text-anchor=\"end\">"
        << number(tick, decimals_for(high / 4), language) << "</text>";
  }
  for (int year = (years.front() + 4) / 5 * 5; year <= years.back(); year += 5) {
    svg << "<text class=\"tick\" x=\"" << x(year) << "\" y=\"" << HEIGHT - 10
        << "\" text-anchor=\"middle\">" << year << "</text>";
  }
  // Behind the fan, and its edges over it: seen where the two bands overlap.
  if (backdrop != nullptr) {
    svg << "<polygon class=\"backdrop90\" fill=\"#9e9e9e\" fill-opacity=\"0.35\" points=\""
        << band(backdrop->q05, backdrop->q95) << "\"/>";
  }
  svg << "<polygon class=\"band90\" points=\"" << band(q05, q95) << "\"/>";
  svg << "<polygon class=\"band50\" points=\"" << band(q25, q75) << "\"/>";
  if (backdrop != nullptr) {
    for (const auto* edge : {&backdrop->q05, &backdrop->q95}) {
      svg << "<polyline class=\"backdrop-edge\" fill=\"none\" stroke=\"#616161\" "
             "stroke-dasharray=\"3 3\" points=\"";
      for (std::size_t i = 0; i < years.size(); ++i)
        svg << x(years[i]) << ',' << y((*edge)[i]) << ' ';
      svg << "\"/>";
    }
    svg << "<rect class=\"backdrop90\" fill=\"#9e9e9e\" fill-opacity=\"0.35\" stroke=\"#616161\" "
           "stroke-dasharray=\"3 3\" x=\""
        << WIDTH - RIGHT - 14
        << "\" y=\"3\" width=\"14\" height=\"10\"/><text class=\"legend\" font-size=\"11\" x=\""
        << WIDTH - RIGHT - 18 << "\" y=\"12\" text-anchor=\"end\">" << escape(backdrop->label)
        << ", " << escape(label("band90", language)) << "</text>";
  }
  if (backdrop != nullptr && backdrop->median.size() == years.size()) {
    svg << "<polyline class=\"backdrop-median\" fill=\"none\" stroke=\"#616161\" "
           "stroke-width=\"1.5\" stroke-dasharray=\"6 3\" points=\"";
    for (std::size_t i = 0; i < years.size(); ++i)
      svg << x(years[i]) << ',' << y(backdrop->median[i]) << ' ';
    svg << "\"/>";
  }
  svg << "<polyline class=\"median\" points=\"";
  for (std::size_t i = 0; i < years.size(); ++i) svg << x(years[i]) << ',' << y(q50[i]) << ' ';
  svg << "\"/>";
  for (const auto& threshold : thresholds) {
    svg << "<line class=\"threshold\" x1=\"" << LEFT << "\" x2=\"" << WIDTH - RIGHT << "\" y1=\""
        << y(threshold.value) << "\" y2=\"" << y(threshold.value)
        << "\"/><line class=\"year-mark\" x1=\"" << x(threshold.year) << "\" x2=\""
        << x(threshold.year) << "\" y1=\"" << TOP << "\" y2=\"" << HEIGHT - BOTTOM
        << "\"/><text class=\"threshold-label\" x=\"" << x(threshold.year) - 4 << "\" y=\""
        << y(threshold.value) - 6 << "\" text-anchor=\"end\">" << escape(threshold.label)
        << "</text>";
  }
  if (observed != nullptr && !observed->points.empty()) {
    for (const auto& point : observed->points) {
      const double at = x(point.year);
      svg << "<g class=\"observed\"><line x1=\"" << at << "\" x2=\"" << at << "\" y1=\""
          << y(point.high) << "\" y2=\"" << y(point.low)
          << "\" stroke=\"#000\" stroke-width=\"1.5\"/><line x1=\"" << at - 3 << "\" x2=\""
          << at + 3 << "\" y1=\"" << y(point.high) << "\" y2=\"" << y(point.high)
          << "\" stroke=\"#000\" stroke-width=\"1.5\"/><line x1=\"" << at - 3 << "\" x2=\""
          << at + 3 << "\" y1=\"" << y(point.low) << "\" y2=\"" << y(point.low)
          << "\" stroke=\"#000\" stroke-width=\"1.5\"/><circle cx=\"" << at << "\" cy=\""
          << y(point.value) << "\" r=\"3.5\" fill=\"#000\" stroke=\"#fff\" "
          << "stroke-width=\"1\"/></g>";
    }
    const double legend_y = backdrop != nullptr ? 28 : 12;
    svg << "<circle cx=\"" << WIDTH - RIGHT - 7 << "\" cy=\"" << legend_y - 4
        << "\" r=\"3.5\" fill=\"#000\"/><text class=\"legend\" font-size=\"11\" x=\""
        << WIDTH - RIGHT - 18 << "\" y=\"" << legend_y << "\" text-anchor=\"end\">"
        << escape(observed->label) << "</text>";
  }
  svg << "<text class=\"unit\" x=\"" << LEFT << "\" y=\"11\">" << escape(unit)
      << "</text></svg><figcaption>" << escape(title) << " — " << label("median", language) << ", "
      << label("band50", language) << ", " << label("band90", language);
  if (backdrop != nullptr)
    svg << ". " << escape(backdrop->label) << ", " << label("band90", language) << " ("
        << label("backdrop_look", language) << ")";
  if (observed != nullptr && !observed->points.empty()) svg << ". " << escape(observed->label);
  svg << "</figcaption></figure>\n";
  return svg.str();
}

std::string ranked_bars(const std::string& id,
                        const std::vector<std::pair<std::string, double>>& items,
                        const std::string& unit, Language language, bool signed_colours) {
  double largest = 0.0;
  for (const auto& item : items) largest = std::max(largest, std::abs(item.second));
  if (largest == 0.0) largest = 1.0;
  constexpr double WIDTH = 640, ROW = 22, LABEL = 240;
  const double height = ROW * static_cast<double>(items.size()) + 8;
  std::ostringstream svg;
  std::string description;
  for (const auto& item : items)
    description +=
        item.first + " " + number(item.second, decimals_for(largest), language) + " " + unit + "; ";
  svg << "<figure class=\"chart\"><svg class=\"ranked\" id=\"" << escape(id)
      << "\" role=\"img\" viewBox=\"0 0 " << WIDTH << ' ' << height << "\"><title>" << escape(id)
      << "</title><desc>" << escape(description) << "</desc>";
  const double zero = LABEL + (WIDTH - LABEL - 80) / 2;
  const double half = (WIDTH - LABEL - 80) / 2;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const double y = 4 + ROW * static_cast<double>(i);
    const double length = half * items[i].second / largest;
    svg << "<text x=\"" << LABEL - 6 << "\" y=\"" << y + 14
        << "\" text-anchor=\"end\" font-size=\"12\">" << escape(items[i].first)
        << "</text><rect x=\"" << std::min(zero, zero + length) << "\" y=\"" << y + 3
        << "\" width=\"" << std::abs(length) << "\" height=\"" << ROW - 8 << "\" fill=\""
        << (!signed_colours        ? "#1f4e79"
            : items[i].second <= 0 ? "#1b6e2d"
                                   : "#b3261e")
        << "\"/><text x=\"" << WIDTH - 4 << "\" y=\"" << y + 14
        << "\" text-anchor=\"end\" font-size=\"12\">"
        << number(items[i].second, decimals_for(largest), language) << "</text>";
  }
  svg << "<line x1=\"" << zero << "\" x2=\"" << zero << "\" y1=\"0\" y2=\"" << height
      << "\" stroke=\"#333\"/></svg></figure>\n";
  return svg.str();
}

}  // namespace traj::territory::report
