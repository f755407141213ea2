#pragma once
/// Running an ensemble from a scenario and its settings, optionally
/// streaming the results to an HDF5 file: shared by `run` and `rerun`.

#include <string>

#include "scenario_choice.hpp"
#include "traj/cluster.hpp"
#include "traj/ensemble.hpp"
#include "traj/territory/plan.hpp"
#include "traj/territory/results_file.hpp"
#include "traj/territory/territorial_model.hpp"

namespace traj::cli {

/// What `traj run` records of its ensemble options (the results file's
/// attributes): the quantile levels with 0.05, 0.5 and 0.95 added and
/// sorted, this traj's version and git hash. Throws InputError for too many
/// levels. Shared with `traj serve`'s downloads, so that both record the same.
territory::RunSettings run_settings_of(const ChosenScenario& chosen, const std::string& portfolio,
                                       const EnsembleOptions& ensemble,
                                       const std::string& trajectories,
                                       const std::string& command_line);

/// The engine's options for `settings` on `model` (members, seed, threads,
/// block, precision, quantile levels and rows), without callbacks: what
/// run_ensemble_of runs, for a caller that watches the run itself (the
/// Python module, docs/python.md), so that both run the same ensemble.
EnsembleOptions ensemble_options_of(const territory::TerritorialModel& model,
                                    const territory::RunSettings& settings);

struct EnsembleRun {
  EnsembleResult result;
  double seconds = 0.0;
};

/// Runs the ensemble `settings` describe, over the ranks of `cluster`. With
/// `writing`, streams every batch to `results_path` (on rank 0, the only one
/// that writes) and finishes it (unless interrupted: then `result.cancelled`
/// is set and the file is incomplete).
EnsembleRun run_ensemble_of(const ChosenScenario& chosen, const territory::Plan& plan,
                            const territory::RunSettings& settings, bool writing,
                            const std::string& results_path, bool show_progress,
                            const Cluster& cluster);

}  // namespace traj::cli
