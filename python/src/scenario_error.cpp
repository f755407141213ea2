#include "scenario_error.hpp"

#include <exception>

#include "traj/error.hpp"

namespace traj::python {

namespace py = pybind11;

namespace {

/// The exception classes live in the pure-Python part (trajectoires/_errors.py),
/// where their attributes are documented.
py::object error_class(const char* name) {
  return py::module_::import("trajectoires._errors").attr(name);
}

void set_scenario_error(const InputError& error) {
  py::list problems;
  for (const Diagnostic& problem : error.diagnostics()) {
    problems.append(py::make_tuple(problem.where.file, problem.where.line, problem.where.column,
                                   problem.key_path, problem.message));
  }
  const py::object type = error_class("ScenarioError");
  const py::object raised = type(py::str(error.what()), problems, error.total());
  PyErr_SetObject(type.ptr(), raised.ptr());
}

}  // namespace

void register_error_translation() {
  py::register_exception_translator([](std::exception_ptr thrown) {
    try {
      if (thrown) std::rethrow_exception(thrown);
    } catch (const InputError& error) {
      set_scenario_error(error);
    } catch (const Error& error) {
      PyErr_SetString(PyExc_RuntimeError, error.what());
    }
  });
}

void raise_results_error(const std::string& message) {
  const py::object type = error_class("ResultsError");
  PyErr_SetObject(type.ptr(), type(message).ptr());
  throw py::error_already_set();
}

}  // namespace traj::python
