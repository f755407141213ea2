#pragma once
/// Which scenario a command runs on: a file, or the one bundled in `traj`.

#include <memory>
#include <string>
#include <vector>

#include "traj/source_provider.hpp"
#include "traj/territory/results_file.hpp"
#include "traj/territory/scenario.hpp"
#include "traj/territory/scenario_edits.hpp"

namespace traj::cli {

/// A loaded scenario with the text of every file it was read from.
struct ChosenScenario {
  territory::Scenario scenario;
  std::vector<territory::InputFile> inputs;
  std::string name;                ///< for display, e.g. "<bundled>/brest-metropole.toml"
  territory::ScenarioEdits edits;  ///< applied on top of the files
};

/// Loads `path`, or the bundled default scenario when `path` is empty, with
/// `edits` on top. Throws InputError on any problem.
ChosenScenario load_chosen(const std::string& path, const territory::ScenarioEdits& edits = {});

/// Loads a scenario from files held in memory (a rerun's stored inputs).
ChosenScenario load_from_inputs(const std::string& main_path,
                                const std::vector<territory::InputFile>& inputs,
                                const territory::ScenarioEdits& edits = {});

/// The paths of the files the scenario was read from: what its outputs are
/// made from (the bundled scenario's are not on disk).
inline std::vector<std::string> input_paths(const ChosenScenario& chosen) {
  std::vector<std::string> paths;
  for (const auto& input : chosen.inputs) paths.push_back(input.path);
  return paths;
}

/// Shorthand when the inputs are not needed.
inline territory::Scenario load_chosen_scenario(const std::string& path) {
  return load_chosen(path).scenario;
}

/// The portfolio id `--portfolio` names in `scenario`: "" (no action) for
/// "baseline" unless the scenario has a portfolio of that name.
std::string plan_portfolio_id(const territory::Scenario& scenario, const std::string& asked);

/// Display name of the scenario a command will run, e.g. "<bundled>/brest-metropole.toml".
std::string chosen_scenario_name(const std::string& path);

}  // namespace traj::cli
