#pragma once
/// The options of every command that runs ensembles (run, rerun, compare,
/// target, sensitivity), declared once: the same names, help, ranges
/// (traj/setting_ranges.hpp) and defaults (EnsembleOptions), bound straight
/// to the engine's settings.

#include <CLI/CLI.hpp>
#include <string>

#include "traj/ensemble.hpp"
#include "traj/setting_ranges.hpp"

namespace traj::cli {

/// Which of the ensemble options a command offers. `--seed` and
/// `--threads` are always offered, `--seed` unless the members come from a
/// results file.
struct EnsembleOptionChoice {
  bool members = true;
  IntegerRange members_range = MEMBERS_RANGE;
  std::string members_help = "Members of the ensemble";
  bool seed = true;
  std::string threads_help = "Threads (0: every core)";
  bool precision = false;  ///< --precision and --max-members
  bool block = false;
  bool quantiles = false;
};

void add_ensemble_options(CLI::App& command, EnsembleOptions& ensemble,
                          const EnsembleOptionChoice& choice);

}  // namespace traj::cli
