#include "distance_output.hpp"

#include <cmath>
#include <cstdio>

namespace traj::cli {

using territory::ObjectiveDistance;

namespace {

/// A number to about three digits, as the tables print them.
std::string rounded(double value, Language language) {
  char buffer[48];
  const double magnitude = std::abs(value);
  const int decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value == 0.0 ? 0.0 : value);
  return decimal(buffer, language);
}

}  // namespace

std::string distance_text(const ObjectiveDistance& distance, Dimension dimension,
                          Language language) {
  if (!distance.known) return "";
  const bool share = dimension == Dimension::Fraction;
  const double scale = share ? 100.0 : 1.0;
  const std::string unit = share ? "%" : std::string(canonical_symbol(dimension));
  const std::string gap_unit = share ? "pts" : unit;
  const auto with = [](const std::string& number, const std::string& symbol) {
    return symbol.empty() ? number : number + " " + symbol;
  };
  const auto shown = [&](double value) { return rounded(value, language); };
  std::string text = with(shown(scale * distance.median), unit) + " [" +
                     shown(scale * distance.low) + "–" + shown(scale * distance.high) + "] " +
                     say("for_a_target", language) + " " +
                     with(shown(scale * distance.target), unit) + " — ";
  if (distance.met()) {
    text += say("met_by", language, {with(shown(-scale * distance.shortfall), gap_unit)});
  } else {
    text += say("short_by", language, {with(shown(scale * distance.shortfall), gap_unit)});
  }
  if (std::isfinite(distance.progress)) {
    char way[32];
    std::snprintf(way, sizeof way, "%.0f %%", 100.0 * distance.progress);
    text +=
        std::string(", ") + say("way_from", language, {way, std::to_string(distance.start_year)});
  }
  return text;
}

void write_distance_json(JsonWriter& json, const ObjectiveDistance& distance) {
  json.key("distance");
  if (!distance.known) {
    json.null();
    return;
  }
  json.begin_object();
  json.key("median").value(distance.median);
  json.key("p05").value(distance.low);
  json.key("p95").value(distance.high);
  json.key("target").value(distance.target);
  json.key("met").value(distance.met());
  json.key("shortfall").value(distance.shortfall);
  json.key("shortfall_p05").value(distance.shortfall_low);
  json.key("shortfall_p95").value(distance.shortfall_high);
  json.key("start_year").value(distance.start_year);
  json.key("start").value(distance.start);
  json.key("progress").value(distance.progress);  // null when the start already meets it
  json.end_object();
}

}  // namespace traj::cli
