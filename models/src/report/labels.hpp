#pragma once
/// The words of every report, in English and French, and the French
/// typography they need.

#include <string>

#include "traj/territory/report.hpp"

namespace traj::territory::report {

using Language = ReportLanguage;

/// The label `key` in `language`; throws std::out_of_range for an unknown key.
std::string label(const std::string& key, Language language);

/// The name of indicator `id` in `language`: the headline indicators'
/// (final energy, renewable share, GHG) from the labels, any other's
/// `description` as the scenario or the catalogue states it.
std::string indicator_name(const std::string& id, const std::string& description,
                           Language language);

/// French typography puts a space before a colon.
const char* colon(Language language);

}  // namespace traj::territory::report
