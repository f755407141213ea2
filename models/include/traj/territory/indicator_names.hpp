#pragma once
/// An indicator as a person reads it, in French or English.

#include <string>

#include "traj/territory/indicators.hpp"
#include "traj/territory/language.hpp"

namespace traj::territory {

/// The headline indicators (final energy, renewable share, GHG) by their
/// name in `language`; any other by the catalogue's description.
std::string indicator_title(const IndicatorInfo& info, ReportLanguage language);

}  // namespace traj::territory
