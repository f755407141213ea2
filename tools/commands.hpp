#pragma once
/// The subcommands of `traj`: each registers its options on the application
/// and runs when chosen. Run functions return the process exit code.

#include <CLI/CLI.hpp>
#include <functional>
#include <string>

#include "traj/cluster.hpp"

namespace traj::cli {

/// Exit codes of `traj`.
inline constexpr int EXIT_OK = 0;
inline constexpr int EXIT_DIFFERENT = 1;  ///< rerun: the results differ; or a write failed
inline constexpr int EXIT_INPUT = 2;      ///< the scenario or the command line is wrong
inline constexpr int EXIT_INTERNAL = 3;   ///< a bug or an unexpected system failure

using CommandRunner = std::function<int()>;

CommandRunner add_validate_command(CLI::App& app);
CommandRunner add_graph_command(CLI::App& app);
// Commands that run ensembles share their work with the other ranks of
// `cluster` (a single process unless started by mpirun); only rank 0
// prints and writes files.
CommandRunner add_run_command(CLI::App& app, const std::string& command_line,
                              const Cluster& cluster);
CommandRunner add_rerun_command(CLI::App& app, const Cluster& cluster);
CommandRunner add_target_command(CLI::App& app, const Cluster& cluster);
CommandRunner add_track_command(CLI::App& app, const std::string& command_line,
                                const Cluster& cluster);
/// `traj discover`: scenario discovery (PRIM) over a plan's ensemble.
CommandRunner add_discover_command(CLI::App& app, const std::string& command_line,
                                   const Cluster& cluster);
CommandRunner add_report_command(CLI::App& app);
/// `traj export`: a results file as flat CSV tables.
CommandRunner add_export_command(CLI::App& app);
CommandRunner add_scenario_command(CLI::App& app);
CommandRunner add_compare_command(CLI::App& app, const std::string& command_line,
                                  const Cluster& cluster);
CommandRunner add_sensitivity_command(CLI::App& app, const std::string& command_line,
                                      const Cluster& cluster);
/// The planner's workspace (a local web server); one process only.
CommandRunner add_serve_command(CLI::App& app, const Cluster& cluster);

}  // namespace traj::cli
