#pragma once
/// Every member's parameters, recorded trajectories and outcomes gathered
/// batch by batch as the ensemble hands them over (EnsembleOptions::on_members),
/// then moved into numpy arrays: the Python mirror of a results file's
/// `parameters`, `trajectories` and `objectives/success` (docs/hdf5-layout.md).

#include <pybind11/pybind11.h>

#include <cstdint>
#include <vector>

#include "traj/ensemble.hpp"

namespace traj::python {

class MemberArrays {
 public:
  /// For `rows` recorded rows over `years`, `parameters` and `objectives`;
  /// room for `expected_members` reserved.
  MemberArrays(std::size_t rows, std::size_t years, std::size_t parameters, std::size_t objectives,
               std::uint64_t expected_members);

  /// Appends one batch (called in member order, never two at once).
  void append(const MemberRecords& records);

  /// {"parameters": (member, parameter), "trajectories": [(member, year) per
  /// recorded row], "success": (member, objective)}, owning the buffers.
  pybind11::dict release();

 private:
  std::size_t years_, parameters_, objectives_;
  std::uint64_t members_ = 0;
  std::vector<double> parameter_values_;
  std::vector<std::vector<double>> trajectories_;  ///< per recorded row: [member × years + year]
  std::vector<std::uint8_t> successes_;
};

}  // namespace traj::python
