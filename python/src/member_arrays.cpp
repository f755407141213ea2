#include "member_arrays.hpp"

#include "numpy_arrays.hpp"

namespace traj::python {

namespace py = pybind11;

MemberArrays::MemberArrays(std::size_t rows, std::size_t years, std::size_t parameters,
                           std::size_t objectives, std::uint64_t expected_members)
    : years_(years), parameters_(parameters), objectives_(objectives), trajectories_(rows) {
  parameter_values_.reserve(expected_members * parameters);
  for (auto& row : trajectories_) row.reserve(expected_members * years);
  successes_.reserve(expected_members * objectives);
}

void MemberArrays::append(const MemberRecords& records) {
  const std::size_t count = records.count;
  parameter_values_.insert(parameter_values_.end(), records.parameters,
                           records.parameters + count * parameters_);
  for (std::size_t row = 0; row < trajectories_.size(); ++row) {
    const double* first = records.trajectories + row * records.capacity * records.years;
    trajectories_[row].insert(trajectories_[row].end(), first, first + count * records.years);
  }
  successes_.insert(successes_.end(), records.successes, records.successes + count * objectives_);
  members_ += count;
}

py::dict MemberArrays::release() {
  const auto members = static_cast<py::ssize_t>(members_);
  py::dict arrays;
  arrays["parameters"] =
      owned_array(std::move(parameter_values_), {members, static_cast<py::ssize_t>(parameters_)});
  py::list trajectories;
  for (auto& row : trajectories_)
    trajectories.append(owned_array(std::move(row), {members, static_cast<py::ssize_t>(years_)}));
  arrays["trajectories"] = trajectories;
  arrays["success"] =
      owned_array(std::move(successes_), {members, static_cast<py::ssize_t>(objectives_)});
  return arrays;
}

}  // namespace traj::python
