#pragma once
/// `trajectoires._core.compare`: what `traj compare` computes (portfolios on
/// the same members, paired differences, contributions, optionally Shapley
/// shares), as the CLI's own `--json` document.

#include <pybind11/pybind11.h>

namespace traj::python {

/// Defines `compare` in `module`.
void bind_compare(pybind11::module_& module);

}  // namespace traj::python
