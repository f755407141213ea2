#pragma once
/// `trajectoires._core.target`: what `traj target` computes — the value an
/// indicator reaches with a confidence, or the adoption scale an objective
/// needs — as the CLI's own `--json` document and every member's value.

#include <pybind11/pybind11.h>

namespace traj::python {

/// Defines `target` in `module`.
void bind_target(pybind11::module_& module);

}  // namespace traj::python
