#pragma once
/// A scenario's texts in the reader's language: each `name`, `coalition` and
/// `description` may have a French version (`name_fr`, …,
/// docs/scenario-format.md#french-texts); without it the one text serves both.

#include <string>

#include "traj/territory/language.hpp"
#include "traj/territory/scenario.hpp"

namespace traj::territory {

/// `french` in French when it is given, else `text`.
const std::string& in_language(const std::string& text, const std::string& french,
                               ReportLanguage language);

/// The action's name (its id when it has none).
const std::string& action_name(const Action& action, ReportLanguage language);
const std::string& action_coalition(const Action& action, ReportLanguage language);
const std::string& portfolio_name(const Portfolio& portfolio, ReportLanguage language);
/// The objective's description (its id when it has none).
const std::string& objective_text(const Objective& objective, ReportLanguage language);
/// A territory of a scenario with [[territories]] (its id when it has no name).
const std::string& territory_name(const Territory& territory, ReportLanguage language);

}  // namespace traj::territory
