#include "numpy_arrays.hpp"

#include <stdexcept>
#include <string>

namespace traj::python {

namespace py = pybind11;

namespace {

template <typename T>
py::array owned(std::vector<T>&& values, const std::vector<py::ssize_t>& shape) {
  py::ssize_t count = 1;
  for (const py::ssize_t extent : shape) count *= extent;
  if (count != static_cast<py::ssize_t>(values.size())) {
    throw std::logic_error("owned_array: expected " + std::to_string(count) +
                           " values for the shape, found " + std::to_string(values.size()));
  }
  auto* held = new std::vector<T>(std::move(values));
  py::capsule owner(held, [](void* pointer) { delete static_cast<std::vector<T>*>(pointer); });
  return py::array_t<T>(shape, held->data(), owner);
}

}  // namespace

py::array owned_array(std::vector<double>&& values, const std::vector<py::ssize_t>& shape) {
  return owned(std::move(values), shape);
}

py::array owned_array(std::vector<std::uint8_t>&& values, const std::vector<py::ssize_t>& shape) {
  return owned(std::move(values), shape);
}

}  // namespace traj::python
