#include <cctype>
#include <string_view>
#include <vector>

#include "labels.hpp"
#include "traj/territory/report.hpp"
#include "traj/territory/scenario_text.hpp"
#include "vocabulary.hpp"

namespace traj::territory {
namespace {

using report::label;

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

/// The parts of a key path: "actions.a.effects[2].fraction" → actions, a, effects[2], fraction.
std::vector<std::string> parts_of(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t begin = 0;
  while (begin <= path.size()) {
    const std::size_t dot = path.find('.', begin);
    parts.push_back(path.substr(begin, dot == std::string::npos ? std::string::npos : dot - begin));
    if (dot == std::string::npos) break;
    begin = dot + 1;
  }
  return parts;
}

/// A key of the scenario format in words; an unknown key as it is written.
std::string key_words(const std::string& key, ReportLanguage language) {
  static const char* const KNOWN[] = {"ceiling",   "start",      "full_year",  "midpoint",
                                      "steepness", "investment", "operating",  "fraction",
                                      "savings",   "share",      "efficiency", "value"};
  for (const char* known : KNOWN) {
    if (key == known) return label("factor_key_" + key, language);
  }
  return key;
}

/// `pattern` with its "%s" replaced by `word`.
std::string filled(std::string pattern, const std::string& word) {
  const auto at = pattern.find("%s");
  if (at != std::string::npos) pattern.replace(at, 2, word);
  return pattern;
}

/// "adoption.ceiling", "effects[2].fraction", "costs.investment" in words.
std::string action_part(const std::vector<std::string>& parts, ReportLanguage language) {
  if (parts.size() == 4 && parts[2] == "adoption")
    return filled(label("factor_adoption", language), key_words(parts[3], language));
  if (parts.size() == 4 && parts[2] == "costs")
    return filled(label("factor_cost", language), key_words(parts[3], language));
  if (parts.size() == 4 && starts_with(parts[2], "effects[")) {
    const std::string number = parts[2].substr(8, parts[2].size() - 9);
    std::string shown = number;
    try {
      shown = std::to_string(std::stoi(number) + 1);
    } catch (const std::exception&) {
    }
    return label("factor_effect", language) + " " + shown + ", " + key_words(parts[3], language);
  }
  std::string rest;
  for (std::size_t i = 2; i < parts.size(); ++i) rest += (rest.empty() ? "" : ".") + parts[i];
  return rest;
}

/// A sector, carrier or pollutant id of a factor's key path: French names
/// it in words after a colon ("industrie", "transport routier", "NOx");
/// English keeps the id as written.
std::string member_words(const std::string& id, ReportLanguage language) {
  if (language != ReportLanguage::French) return id;
  std::string shown = report::term(id, language);
  // Lower case after a colon, but not an acronym (NOx, GPL, PM10).
  const bool acronym = shown.size() > 1 && std::isupper(static_cast<unsigned char>(shown[1]));
  if (!acronym && !shown.empty() && std::isupper(static_cast<unsigned char>(shown[0])))
    shown[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(shown[0])));
  else if (!acronym && shown.rfind("\u00c9", 0) == 0)  // É
    shown.replace(0, 2, "\u00e9");
  return shown;
}

}  // namespace

std::string sensitivity_factor_name(const Scenario& scenario, const std::string& factor,
                                    ReportLanguage language) {
  const auto parts = parts_of(factor);
  const std::string separator = std::string(report::colon(language));
  if (parts.size() >= 2 && parts[0] == "actions") {
    const int action = scenario.find_action(parts[1]);
    if (action == NONE) return factor;
    const std::string& shown =
        action_name(scenario.actions[static_cast<std::size_t>(action)], language);
    if (parts.size() == 2) return shown;
    return shown + separator + action_part(parts, language);
  }
  if (parts.size() == 3 && parts[0] == "trends" &&
      (parts[1] == "activity_growth" || parts[1] == "autonomous_efficiency"))
    return label("factor_" + parts[1], language) + separator + member_words(parts[2], language);
  if (parts.size() == 4 && parts[0] == "emission_factors") {
    const std::string pollutant =
        language == ReportLanguage::French ? report::term(parts[1], language) : parts[1];
    return label("factor_emission", language) + " " + pollutant + separator +
           member_words(parts[2], language) + " × " + member_words(parts[3], language);
  }
  return factor;
}

}  // namespace traj::territory
