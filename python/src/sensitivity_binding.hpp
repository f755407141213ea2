#pragma once
/// `trajectoires._core.sensitivity`: what `traj sensitivity` computes (Sobol
/// indices or Morris screening of the objectives or of one indicator-year),
/// as the CLI's own `--json` document.

#include <pybind11/pybind11.h>

namespace traj::python {

/// Defines `sensitivity` in `module`.
void bind_sensitivity(pybind11::module_& module);

}  // namespace traj::python
