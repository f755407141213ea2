#pragma once
/// `traj diagnose`: the diagnostic of a territory, or of each territory of
/// a scenario — its profile against France's structure and per
/// inhabitant, its strengths and weaknesses with their numbers, its
/// objectives the most at risk first and what weighs most on each
/// (docs/model.md#15-the-diagnostic-traj-diagnose). Follows the contract of
/// commands.hpp.

#include <CLI/CLI.hpp>
#include <string>

#include "commands.hpp"

namespace traj::cli {

/// Its ensemble and sensitivity design are shared with the other ranks of
/// `cluster`; only rank 0 prints and writes the page.
CommandRunner add_diagnose_command(CLI::App& app, const Cluster& cluster);

}  // namespace traj::cli
