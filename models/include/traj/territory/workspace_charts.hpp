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

/// The starting portfolio of a what-if: its plan and its ensemble on the
/// same members (`traj run --against`), whose 5–95 % band is drawn faintly
/// behind the what-if's fan.
struct StartingEnsemble {
  const Plan& plan;
  const EnsembleResult& result;
};

/// Final energy, renewable share, GHG and each pollutant of `result` (an
/// ensemble of `plan` with the 0.05, 0.5 and 0.95 quantiles of its headline
/// rows), each with the objectives on it marked, titled in `language`; with
/// `starting`, its band behind each chart that it has the quantiles of.
std::vector<WorkspaceChart> workspace_charts(const Plan& plan, const EnsembleResult& result,
                                             ReportLanguage language,
                                             const StartingEnsemble* starting = nullptr);

}  // namespace traj::territory
