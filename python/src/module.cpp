// trajectoires._core: the engine for Python (docs/python.md). Each part binds
// one concept; the pure-Python package (python/trajectoires) builds xarray
// Datasets over the arrays returned here.
#include <pybind11/pybind11.h>

#include "compare_binding.hpp"
#include "run_binding.hpp"
#include "scenario_binding.hpp"
#include "scenario_error.hpp"
#include "sensitivity_binding.hpp"
#include "target_binding.hpp"

PYBIND11_MODULE(_core, module) {
  module.doc() = "The Trajectoires engine (C++); use the package trajectoires, not this module.";
  module.attr("__version__") = TRAJ_VERSION;
  traj::python::register_error_translation();
  traj::python::bind_scenario(module);
  traj::python::bind_run(module);
  traj::python::bind_compare(module);
  traj::python::bind_target(module);
  traj::python::bind_sensitivity(module);
}
