#pragma once
/// `trajectoires._core.run`: what `traj run` computes, as numpy arrays and
/// the CLI's own `--json` document.

#include <pybind11/pybind11.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scenario_binding.hpp"

namespace traj::python {

/// The options of `traj run`, by their Python names; empty: not given (the
/// CLI's default).
struct RunRequest {
  std::optional<std::string> portfolio;  ///< "baseline": no action
  bool deterministic = false;
  std::optional<std::int64_t> members, seed, threads, block, max_members;
  std::optional<double> precision;
  std::optional<std::vector<double>> quantiles;
  std::optional<std::string> trajectories;  ///< per-member rows: headline, all, or ids
};

/// Defines `run` in `module`.
void bind_run(pybind11::module_& module);

}  // namespace traj::python
