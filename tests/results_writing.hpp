#pragma once
// Writing a small results file as `traj run --output` does, for the tests of
// the results file and of the reports read from it.

#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <string>

#include "traj/territory/results_file.hpp"
#include "traj/territory/territorial_model.hpp"

namespace traj::testing {

/// A path in the temporary directory, one per process and test module
/// (CTest runs test cases in parallel).
inline std::string scratch_file(const std::string& module, const std::string& name) {
  return (std::filesystem::temp_directory_path() /
          ("traj_" + module + "_test_" + std::to_string(::getpid()) + "_" + name))
      .string();
}

/// `members` members of `plan` at `threads` threads, with the quantiles 5, 50
/// and 95 % of the headline indicators and the trajectories `trajectories`;
/// one stored input, `scenario_path`.
inline EnsembleResult write_results_file(const std::string& path, const territory::Plan& plan,
                                         int threads, std::uint64_t members,
                                         const std::string& trajectories = "headline",
                                         const std::string& scenario_path = "memory") {
  const territory::TerritorialModel model(plan);
  territory::RunSettings settings;
  settings.scenario_path = scenario_path;
  settings.portfolio = plan.portfolio;
  settings.members_requested = members;
  settings.max_members = members;
  settings.quantiles = {0.05, 0.5, 0.95};
  settings.trajectories = trajectories;
  settings.threads = threads;
  EnsembleOptions options;
  options.members = members;
  options.threads = threads;
  options.quantiles = settings.quantiles;
  options.quantile_rows = model.headline_rows();
  options.recorded_rows = territory::trajectory_rows(plan, trajectories);
  territory::ResultsWriter writer(path, plan, settings, {{scenario_path, "text of the scenario"}},
                                  options.recorded_rows);
  options.on_members = [&](const MemberRecords& records) { writer.append(records); };
  EnsembleResult result = run_ensemble(model, model.objective_specs(), options);
  writer.finish(result);
  return result;
}

}  // namespace traj::testing
