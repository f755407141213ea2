#pragma once
/// Handing the engine's arrays to numpy without copying them: the vector is
/// moved into a capsule that the array owns, so that its buffer lives as
/// long as any view of it (docs/python.md).

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <cstdint>
#include <vector>

namespace traj::python {

/// A C-ordered array of `shape` over `values` (whose size must be the
/// product of `shape`), which it now owns: no copy.
pybind11::array owned_array(std::vector<double>&& values,
                            const std::vector<pybind11::ssize_t>& shape);
pybind11::array owned_array(std::vector<std::uint8_t>&& values,
                            const std::vector<pybind11::ssize_t>& shape);

}  // namespace traj::python
