#pragma once
/// `trajectoires._core.Scenario`: a loaded scenario (a file, or one bundled
/// in the module) with its what-if edits, exactly as `traj` loads it
/// (tools/scenario_choice.hpp), and what Python needs to label its results.

#include <pybind11/pybind11.h>

#include <map>
#include <memory>
#include <string>

#include "scenario_choice.hpp"

namespace traj::python {

/// What a Python Scenario holds: immutable once loaded, so that results
/// computed from it can keep referring to it.
struct LoadedScenario {
  std::shared_ptr<const cli::ChosenScenario> chosen;
};

/// The scenarios embedded in the module (generated: bundled_files.cpp), by
/// path as the loader names them ("<bundled>/clermont-alliance.toml").
std::map<std::string, std::string> module_bundled_files();

/// Defines `Scenario`, `load` and `bundled_scenarios` in `module`.
void bind_scenario(pybind11::module_& module);

}  // namespace traj::python
