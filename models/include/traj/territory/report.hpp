#pragma once
/// A self-contained HTML report of a results file, for a steering committee
/// (docs/report.md): no network access, no external asset, inline SVG charts
/// drawn here, a print stylesheet, text alternatives for every chart.

#include <string>

#include "traj/sensitivity.hpp"
#include "traj/territory/comparison.hpp"
#include "traj/territory/objective_distance.hpp"

namespace traj::territory {

enum class ReportLanguage { English, French };

/// The report of results file `path` (written by `traj run --output`).
/// Throws InputError for a file that is not a results file.
std::string results_report_html(const std::string& path, ReportLanguage language);

/// A target statement (`traj target --report`): `statement` in words, and
/// optionally a probability with its interval drawn as a bar, and how far
/// the portfolio as planned is from the objective (`what`, e.g. "ghg 2050",
/// in `unit`, "%" for a share).
std::string target_report_html(const std::string& territory, const std::string& portfolio,
                               const std::string& statement, const ProportionEstimate* probability,
                               ReportLanguage language, const ObjectiveDistance* distance = nullptr,
                               const std::string& what = "", const std::string& unit = "");

/// Sensitivity indices (`traj sensitivity --report`): ranked bars per outcome.
std::string sensitivity_report_html(const std::string& territory, const std::string& portfolio,
                                    const SensitivityResult& result, const std::string& method,
                                    ReportLanguage language);

/// The report of a portfolio comparison (`traj compare --report`).
std::string comparison_report_html(const Scenario& scenario, const PortfolioComparison& comparison,
                                   ReportLanguage language);

}  // namespace traj::territory
