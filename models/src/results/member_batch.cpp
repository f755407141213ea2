#include "member_batch.hpp"

#include <cmath>

#include "traj/error.hpp"

namespace traj::territory::results {

StoredBatch::StoredBatch(const MemberRecords& records, std::size_t parameter_columns,
                         std::size_t rows, std::size_t objectives)
    : first(records.first),
      count(records.count),
      parameter_count(parameter_columns),
      years(records.years),
      objective_count(objectives) {
  members.resize(count);
  for (std::size_t i = 0; i < count; ++i) members[i] = static_cast<std::int64_t>(first + i);
  if (records.parameters != nullptr)
    parameters.assign(records.parameters, records.parameters + count * parameter_count);
  else
    parameters.assign(count * parameter_count, 0.0);
  trajectories.resize(rows);
  for (std::size_t r = 0; r < rows; ++r) {
    const double* from = records.trajectories + r * records.capacity * years;
    std::vector<float>& to = trajectories[r];
    to.resize(count * years);
    for (std::size_t i = 0; i < to.size(); ++i) {
      to[i] = static_cast<float>(from[i]);
      if (static_cast<double>(to[i]) != from[i] && !std::isnan(from[i])) {
        throw Error("internal error: trajectory value " + std::to_string(from[i]) + " of member " +
                    std::to_string(first + i / years) +
                    " is not single precision; it cannot be stored as float32");
      }
    }
  }
  if (records.successes != nullptr)
    successes.assign(records.successes, records.successes + count * objective_count);
}

CompressedBatch StoredBatch::compress(std::uint64_t chunk_rows) const {
  using hdf5::Type;
  CompressedBatch batch;
  batch.first = first;
  batch.count = count;
  batch.members = hdf5::compress_rows(members.data(), Type::Int64, first, count, 1, chunk_rows);
  batch.parameters = hdf5::compress_rows(parameters.data(), Type::Float64, first, count,
                                         parameter_count, chunk_rows);
  for (const auto& row : trajectories) {
    batch.trajectories.push_back(
        hdf5::compress_rows(row.data(), Type::Float32, first, count, years, chunk_rows));
  }
  if (objective_count > 0) {
    batch.successes.push_back(hdf5::compress_rows(successes.data(), Type::UInt8, first, count,
                                                  objective_count, chunk_rows));
  }
  return batch;
}

}  // namespace traj::territory::results
