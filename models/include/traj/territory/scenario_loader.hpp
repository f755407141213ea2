#pragma once
/// Reading and validating a scenario file (docs/scenario-format.md).

#include <string>

#include "traj/source_provider.hpp"
#include "traj/territory/scenario.hpp"
#include "traj/territory/scenario_edits.hpp"

namespace traj::territory {

/// The current version of the scenario format (`format = 1`).
inline constexpr int SCENARIO_FORMAT = 1;

/// Loads `path` and its includes from `sources`, applies `edits`, checks
/// every rule of the format and returns the validated scenario.
/// Throws InputError listing every problem found (up to a cap).
Scenario load_scenario(const std::string& path, const SourceProvider& sources,
                       const ScenarioEdits& edits = {});

}  // namespace traj::territory
