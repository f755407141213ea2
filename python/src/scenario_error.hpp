#pragma once
/// traj's errors as Python exceptions: an InputError (a scenario, an option)
/// becomes `trajectoires.ScenarioError` carrying each problem's file, line,
/// column and key path; any other traj::Error a RuntimeError.

#include <pybind11/pybind11.h>

#include <string>

namespace traj::python {

/// Registers the translation for every function of the module.
void register_error_translation();

/// Raises `trajectoires.ResultsError(message)`: the run gave values the
/// engine's guards refuse (the CLI's exit code 1), as a Python exception.
[[noreturn]] void raise_results_error(const std::string& message);

}  // namespace traj::python
