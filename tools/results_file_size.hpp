#pragma once
/// How large a results file (`traj run --output`) can grow, and the check
/// that the disk can hold it, made before the run.

#include <cstddef>
#include <string>

#include "scenario_choice.hpp"
#include "traj/territory/plan.hpp"
#include "traj/territory/results_file.hpp"

namespace traj::cli {

/// Upper bounds of a results file's size, before compression.
struct ResultsFileSize {
  double fixed = 0.0;       ///< bytes whatever the members: metadata, inputs, statistics
  double per_member = 0.0;  ///< bytes each member adds
};

ResultsFileSize results_file_size(const territory::Plan& plan, const ChosenScenario& chosen,
                                  std::size_t trajectory_rows,
                                  const territory::RunSettings& settings);

/// Resource guard: throws InputError (exit 2) when the file, at its largest for
/// `settings.members_requested` members, would not fit in the free space of the
/// directory of `temporary_path`.
void refuse_results_file_larger_than_disk(const territory::Plan& plan, const ChosenScenario& chosen,
                                          std::size_t trajectory_rows,
                                          const territory::RunSettings& settings,
                                          const std::string& temporary_path);

}  // namespace traj::cli
