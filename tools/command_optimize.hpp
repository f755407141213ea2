#pragma once
/// `traj optimize`: portfolio search under a budget. Declared apart from
/// commands.hpp (whose every change rebuilds every command) while the
/// command is young; it follows the same contract.

#include <CLI/CLI.hpp>
#include <string>

#include "commands.hpp"

namespace traj::cli {

/// Runs in one process: its evaluations one after the other, each on every
/// core (`--threads`). `command_line` is stored in the --output file.
CommandRunner add_optimize_command(CLI::App& app, const std::string& command_line);

}  // namespace traj::cli
