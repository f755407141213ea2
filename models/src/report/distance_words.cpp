#include "distance_words.hpp"

#include <cmath>

#include "format.hpp"

namespace traj::territory::report {

std::string fill(const std::string& pattern, const std::vector<std::string>& values) {
  std::string text;
  std::size_t next = 0, from = 0;
  for (std::size_t at = pattern.find("{}"); at != std::string::npos;
       at = pattern.find("{}", from)) {
    text += pattern.substr(from, at - from) + (next < values.size() ? values[next++] : "");
    from = at + 2;
  }
  return text + pattern.substr(from);
}

std::string distance_words(const ObjectiveDistance& distance, const std::string& unit,
                           Language language) {
  if (!distance.known) return "–";
  const bool share = unit == "%";
  const double scale = share ? 100.0 : 1.0;
  const std::string gap_unit = share ? label("points", language) : unit;
  const auto shown = [&](double value) {
    return number(scale * value, decimals_for(std::abs(scale * value)), language);
  };
  const auto with = [](const std::string& figure, const std::string& symbol) {
    return symbol.empty() ? figure : figure + "\u00a0" + symbol;
  };
  std::string words = with(shown(distance.median), unit) + " [" + shown(distance.low) + "–" +
                      shown(distance.high) + "] " + label("distance_target", language) + " " +
                      with(shown(distance.target), unit) + " — ";
  words +=
      distance.met()
          ? fill(label("distance_margin", language), {with(shown(-distance.shortfall), gap_unit)})
          : fill(label("distance_short", language), {with(shown(distance.shortfall), gap_unit)});
  if (std::isfinite(distance.progress)) {
    words += ", " + fill(label("distance_way", language),
                         {number(100.0 * distance.progress, 0, language) + "\u00a0%",
                          std::to_string(distance.start_year)});
  }
  return words;
}

}  // namespace traj::territory::report
