#include "traj/territory/parameter_words.hpp"

#include <cmath>
#include <cstdio>

#include "labels.hpp"
#include "traj/territory/report.hpp"
#include "traj/units.hpp"

namespace traj::territory {
namespace {

/// French writes a decimal comma: only the points between digits change.
std::string with_decimal_comma(std::string printed, ReportLanguage language) {
  if (language != ReportLanguage::French) return printed;
  for (std::size_t i = 1; i + 1 < printed.size(); ++i) {
    const auto digit = [](char c) { return c >= '0' && c <= '9'; };
    if (printed[i] == '.' && digit(printed[i - 1]) && digit(printed[i + 1])) printed[i] = ',';
  }
  return printed;
}

}  // namespace

std::string parameter_value_text(double value, const Parameter& parameter,
                                 ReportLanguage language) {
  char buffer[64];
  switch (parameter.dimension) {
    case Dimension::Fraction:
      std::snprintf(buffer, sizeof buffer, "%.3g %%", 100.0 * value);
      break;
    case Dimension::Rate:
      std::snprintf(buffer, sizeof buffer, "%.3g %s", 100.0 * value,
                    report::label("percent_per_year", language).c_str());
      break;
    case Dimension::Year:
      std::snprintf(buffer, sizeof buffer, "%.1f", value);
      break;
    default: {
      const std::string symbol(canonical_symbol(parameter.dimension));
      std::snprintf(buffer, sizeof buffer, "%.3g%s%s", value, symbol.empty() ? "" : " ",
                    symbol.c_str());
    }
  }
  return with_decimal_comma(buffer, language);
}

std::string parameter_range_text(const Scenario& scenario, const Parameter& parameter, double lower,
                                 double upper, ReportLanguage language) {
  const std::string name = sensitivity_factor_name(scenario, parameter.name, language);
  const bool has_lower = std::isfinite(lower), has_upper = std::isfinite(upper);
  if (has_lower && !has_upper)
    return name + " ≥ " + parameter_value_text(lower, parameter, language);
  if (!has_lower && has_upper)
    return name + " ≤ " + parameter_value_text(upper, parameter, language);
  if (has_lower && has_upper) {
    return parameter_value_text(lower, parameter, language) + " ≤ " + name + " ≤ " +
           parameter_value_text(upper, parameter, language);
  }
  return {};
}

}  // namespace traj::territory
