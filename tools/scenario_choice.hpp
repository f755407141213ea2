#pragma once
/// Which scenario a command runs on: a file, or the one bundled in `traj`.

#include <string>

#include "traj/territory/scenario.hpp"

namespace traj::cli {

/// Loads `path`, or the bundled default scenario when `path` is empty.
/// Throws InputError on any problem.
territory::Scenario load_chosen_scenario(const std::string& path);

/// Display name of the scenario a command will run, e.g. "<bundled>/brest-metropole.toml".
std::string chosen_scenario_name(const std::string& path);

}  // namespace traj::cli
