#pragma once
/// The diagnostic's sentences and names in French or English, shared by
/// `traj diagnose`'s text and its page so that both say the same: every
/// strength and weakness with the numbers behind it ("Transport: 46.2 % of
/// final energy against 30.8 % in France (2021), +15.4 points").

#include <string>

#include "traj/territory/diagnosis.hpp"
#include "traj/territory/language.hpp"

namespace traj::territory {

/// The label `key` of the diagnostic's words (models/src/report/diagnosis_words.cpp)
/// filled with `values` at its "{}"; throws std::out_of_range for an unknown key.
std::string diagnosis_words(const std::string& key, ReportLanguage language,
                            const std::vector<std::string>& values = {});

/// A figure with three significant digits, as the language writes it: 19.6, 5,95, 0.0512.
std::string diagnosis_number(double value, ReportLanguage language);

/// A share as the diagnostic writes it: "46.2 %", "0.45 %".
std::string diagnosis_percent(double share, ReportLanguage language);

/// A difference of two shares in points: "+15.4 points", "−11.6 points".
std::string points_difference(double difference, ReportLanguage language);

/// The territory's name in `language`.
std::string territory_name(const TerritoryDiagnosis& territory, ReportLanguage language);

/// "212 000 inhabitants", or why figures per inhabitant are left out.
std::string population_words(const TerritoryProfile& profile, ReportLanguage language);

/// What a table of shares divides: "Final energy by sector", "NOx emissions by sector".
std::string share_table_title(ShareBasis basis, const std::string& pollutant,
                              ReportLanguage language);

/// A group's name: "Transport (road transport, other transport)", "Oil products (diesel)".
std::string share_name(const ShareComparison& share, ReportLanguage language);

/// A figure per inhabitant's name: "Final energy", "NOx emissions".
std::string per_inhabitant_name(const PerInhabitant& figure, ReportLanguage language);

/// The finding in one sentence with its numbers.
std::string finding_text(const TerritoryProfile& profile, const Finding& finding,
                         ReportLanguage language);

/// "Cover 30 % … (renewables-2030): 12.0 % likely (95 % interval 11.4–12.7 %)".
std::string objective_risk_text(const Plan& plan, const ObjectiveDiagnosis& objective,
                                ReportLanguage language);

/// "renewable_share 2030: 12.1 % [10.3–13.9] for a target of 30 % — 17.9 pts short, …".
std::string objective_distance_text(const Plan& plan, const ObjectiveDiagnosis& objective,
                                    ReportLanguage language);

/// "Heat-pump performance (heat_pump_cop): μ* 41.2 GWh, 38.0 % of the sum of μ*", or
/// for Sobol "…: 38.0 % of the variance with its interactions".
std::string driver_text(const Plan& plan, const ObjectiveDiagnosis& objective,
                        const ObjectiveDriver& driver, bool sobol, ReportLanguage language);

}  // namespace traj::territory
