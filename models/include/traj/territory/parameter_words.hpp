#pragma once
/// An uncertain parameter's values and ranges in words, as the text of
/// `traj discover` and its page write them: shares and rates in percent,
/// the parameter by its name in the scenario's words.

#include <string>

#include "traj/parameter.hpp"
#include "traj/territory/language.hpp"
#include "traj/territory/scenario.hpp"

namespace traj::territory {

/// `value` (in the model's canonical unit) as people read it: "35 %",
/// "0,4 %/an", "2031.5", "3.1 GWh".
std::string parameter_value_text(double value, const Parameter& parameter, ReportLanguage language);

/// The range [lower, upper] of `parameter` (±∞ on an open side) in words:
/// "Heat-pump COP ≥ 3.1", "20 % ≤ Deep renovation: adoption ceiling ≤ 40 %";
/// empty when both sides are open.
std::string parameter_range_text(const Scenario& scenario, const Parameter& parameter, double lower,
                                 double upper, ReportLanguage language);

}  // namespace traj::territory
