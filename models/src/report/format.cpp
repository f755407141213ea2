#include "format.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace traj::territory::report {

std::string number(double value, int decimals, Language language) {
  if (!std::isfinite(value)) return "–";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, std::abs(value));
  std::string digits = buffer;
  const auto point = digits.find('.');
  std::string whole = digits.substr(0, point);
  const std::string fraction = point == std::string::npos ? "" : digits.substr(point + 1);
  const std::string group = language == Language::French ? "\u202f" : ",";
  std::string grouped;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) grouped += group;
    grouped += whole[i];
  }
  std::string out = (value < 0 ? "−" : "") + grouped;
  if (!fraction.empty()) out += (language == Language::French ? "," : ".") + fraction;
  return out;
}

int decimals_for(double magnitude) {
  return magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : 2;
}

std::string percent(double probability, Language language) {
  return number(100.0 * probability, probability > 0.0 && probability < 0.01 ? 2 : 1, language) +
         " %";
}

std::string localised_date(const std::string& iso, Language language) {
  if (iso.size() < 10 || language == Language::English) return iso.substr(0, 10);
  static const char* months[] = {"janvier",   "février", "mars",     "avril",
                                 "mai",       "juin",    "juillet",  "août",
                                 "septembre", "octobre", "novembre", "décembre"};
  const int month = std::stoi(iso.substr(5, 2));
  return std::to_string(std::stoi(iso.substr(8, 2))) + " " + months[std::clamp(month, 1, 12) - 1] +
         " " + iso.substr(0, 4);
}

}  // namespace traj::territory::report
