#pragma once
/// A self-contained HTML report of a results file, for a steering committee
/// (docs/report.md): no network access, no external asset, inline SVG charts
/// drawn here, a print stylesheet, text alternatives for every chart.

#include <string>
#include <vector>

#include "traj/sensitivity.hpp"
#include "traj/territory/coalition_shares.hpp"
#include "traj/territory/comparison.hpp"
#include "traj/territory/language.hpp"
#include "traj/territory/objective_distance.hpp"
#include "traj/territory/scenario.hpp"

namespace traj::territory {

/// The report of results file `path` (written by `traj run --output`).
/// Throws InputError for a file that is not a results file.
std::string results_report_html(const std::string& path, ReportLanguage language);

/// One outcome of a sensitivity analysis, as its page names it.
struct SensitivityOutcome {
  std::string indicator;
  int year = 0;
  int objective = -1;  ///< index in the scenario's objectives when the outcome is whether it is met
};

/// Sensitivity indices (`traj sensitivity --report`): per outcome (`outcomes`,
/// one per output of `result`), the factors ranked in a table with their names
/// from the scenario; an outcome that never varies is said to be always met,
/// always missed or constant instead.
std::string sensitivity_report_html(const Scenario& scenario, const std::string& portfolio,
                                    const SensitivityResult& result,
                                    const std::vector<SensitivityOutcome>& outcomes,
                                    const std::string& method, ReportLanguage language);

/// A sensitivity factor in words: an action's parameter as the action's name
/// and the parameter's place in it ("Deep renovation: adoption ceiling"), a
/// whole action (`--group action`) as its name, a named parameter as its name.
std::string sensitivity_factor_name(const Scenario& scenario, const std::string& factor,
                                    ReportLanguage language);

/// The report of a portfolio comparison (`traj compare --report`), with
/// what each coalition brings when `shares` are given (`--shares`).
std::string comparison_report_html(const Scenario& scenario, const PortfolioComparison& comparison,
                                   ReportLanguage language,
                                   const std::vector<PortfolioShares>& shares = {});

}  // namespace traj::territory
