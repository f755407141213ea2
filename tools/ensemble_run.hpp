#pragma once
/// Running an ensemble from a scenario and its settings, optionally
/// streaming the results to an HDF5 file: shared by `run` and `rerun`.

#include <string>

#include "scenario_choice.hpp"
#include "traj/ensemble.hpp"
#include "traj/territory/plan.hpp"
#include "traj/territory/results_file.hpp"

namespace traj::cli {

struct EnsembleRun {
  EnsembleResult result;
  double seconds = 0.0;
};

/// Runs the ensemble `settings` describe. With a non-empty `results_path`,
/// streams every batch to that file and finishes it (unless interrupted:
/// then `result.cancelled` is set and the file is incomplete).
EnsembleRun run_ensemble_of(const ChosenScenario& chosen, const territory::Plan& plan,
                            const territory::RunSettings& settings, const std::string& results_path,
                            bool show_progress);

}  // namespace traj::cli
