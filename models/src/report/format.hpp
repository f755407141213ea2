#pragma once
/// Numbers, percentages and dates as each language writes them.

#include <string>

#include "labels.hpp"

namespace traj::territory::report {

/// A number with `decimals` decimals, grouped by thousands; French uses a
/// decimal comma and a narrow no-break space between thousands.
std::string number(double value, int decimals, Language language);

/// How many decimals a value of this magnitude is shown with.
int decimals_for(double magnitude);

std::string percent(double probability, Language language);

/// The date of an ISO 8601 time stamp: 2026-03-14 or 14 mars 2026.
std::string localised_date(const std::string& iso, Language language);

}  // namespace traj::territory::report
