#include "run_cancellation.hpp"

#include <pybind11/pybind11.h>

namespace traj::python {

namespace py = pybind11;

std::function<bool()> RunCancellation::poll() {
  return [this] {
    if (cancelled_.load()) return true;
    const py::gil_scoped_acquire gil;
    // Runs handlers on the main thread only; elsewhere it returns 0 at once.
    if (PyErr_CheckSignals() != 0) cancelled_.store(true);
    return cancelled_.load();
  };
}

void RunCancellation::raise_if_cancelled() const {
  if (!cancelled_.load()) return;
  if (PyErr_Occurred() == nullptr) PyErr_SetNone(PyExc_KeyboardInterrupt);
  throw py::error_already_set();
}

}  // namespace traj::python
