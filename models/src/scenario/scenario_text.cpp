#include "traj/territory/scenario_text.hpp"

namespace traj::territory {

const std::string& in_language(const std::string& text, const std::string& french,
                               ReportLanguage language) {
  return language == ReportLanguage::French && !french.empty() ? french : text;
}

const std::string& action_name(const Action& action, ReportLanguage language) {
  const std::string& name = in_language(action.name, action.name_fr, language);
  return name.empty() ? action.id : name;
}

const std::string& action_coalition(const Action& action, ReportLanguage language) {
  return in_language(action.coalition, action.coalition_fr, language);
}

const std::string& portfolio_name(const Portfolio& portfolio, ReportLanguage language) {
  const std::string& name = in_language(portfolio.name, portfolio.name_fr, language);
  return name.empty() ? portfolio.id : name;
}

const std::string& objective_text(const Objective& objective, ReportLanguage language) {
  const std::string& text = in_language(objective.description, objective.description_fr, language);
  return text.empty() ? objective.id : text;
}

const std::string& territory_name(const Territory& territory, ReportLanguage language) {
  const std::string& name = in_language(territory.name, territory.name_fr, language);
  return name.empty() ? territory.id : name;
}

}  // namespace traj::territory
