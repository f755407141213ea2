#pragma once
/// The fan charts of the planner's workspace (`traj serve`): the reports'
/// own SVG charts (one chart code for reports and workspace) drawn from an
/// ensemble held in memory instead of a results file.

#include <string>
#include <vector>

#include "traj/ensemble.hpp"
#include "traj/territory/plan.hpp"
#include "traj/territory/report.hpp"

namespace traj::territory {

struct WorkspaceChart {
  std::string indicator;  ///< catalogue id: final_energy, renewable_share, ghg, a pollutant
  std::string svg;        ///< inline SVG with its text alternative
};

/// Final energy, renewable share, GHG and each pollutant of `result` (an
/// ensemble of `plan` with the 0.05, 0.5 and 0.95 quantiles of its headline
/// rows), each with the objectives on it marked, titled in `language`.
std::vector<WorkspaceChart> workspace_charts(const Plan& plan, const EnsembleResult& result,
                                             ReportLanguage language);

}  // namespace traj::territory
