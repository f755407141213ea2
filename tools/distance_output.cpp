#include "distance_output.hpp"

#include <cmath>
#include <cstdio>

namespace traj::cli {

using territory::ObjectiveDistance;

namespace {

/// A number to about three digits, as the tables print them.
std::string rounded(double value) {
  char buffer[48];
  const double magnitude = std::abs(value);
  const int decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value == 0.0 ? 0.0 : value);
  return buffer;
}

}  // namespace

std::string distance_text(const ObjectiveDistance& distance, Dimension dimension) {
  if (!distance.known) return "";
  const bool share = dimension == Dimension::Fraction;
  const double scale = share ? 100.0 : 1.0;
  const std::string unit = share ? "%" : std::string(canonical_symbol(dimension));
  const std::string gap_unit = share ? "pts" : unit;
  const auto with = [](const std::string& number, const std::string& symbol) {
    return symbol.empty() ? number : number + " " + symbol;
  };
  std::string text = with(rounded(scale * distance.median), unit) + " [" +
                     rounded(scale * distance.low) + "–" + rounded(scale * distance.high) +
                     "] for a target of " + with(rounded(scale * distance.target), unit) + " — ";
  if (distance.met()) {
    text += "met by a margin of " + with(rounded(-scale * distance.shortfall), gap_unit);
  } else {
    text += with(rounded(scale * distance.shortfall), gap_unit) + " short";
  }
  if (std::isfinite(distance.progress)) {
    char way[64];
    std::snprintf(way, sizeof way, ", %.0f %% of the way from %d", 100.0 * distance.progress,
                  distance.start_year);
    text += way;
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
