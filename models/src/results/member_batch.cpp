#include "member_batch.hpp"

#include <cmath>

#include "traj/error.hpp"

namespace traj::territory::results {

namespace {

/// `from` as floats into `to`; throws naming the first value that is no
/// float widened (NaN excepted). The check is a reduction the compiler
/// vectorizes; the search for the culprit runs only when it fails.
void narrow(const double* from, std::size_t count, float* to, std::uint64_t first_member,
            std::size_t years) {
  bool exact = true;
  for (std::size_t i = 0; i < count; ++i) {
    const float value = static_cast<float>(from[i]);
    to[i] = value;
    exact &= static_cast<double>(value) == from[i] || from[i] != from[i];
  }
  if (exact) return;
  for (std::size_t i = 0; i < count; ++i) {
    if (static_cast<double>(to[i]) != from[i] && !std::isnan(from[i])) {
      throw Error("internal error: trajectory value " + std::to_string(from[i]) + " of member " +
                  std::to_string(first_member + i / years) +
                  " is not single precision; it cannot be stored as float32");
    }
  }
}

}  // namespace

void StoredBatch::fill(const MemberRecords& records, std::size_t parameter_columns,
                       std::size_t rows, std::size_t objectives) {
  first = records.first;
  count = records.count;
  parameter_count = parameter_columns;
  years = records.years;
  objective_count = objectives;
  members.resize(count);
  for (std::size_t i = 0; i < count; ++i) members[i] = static_cast<std::int64_t>(first + i);
  if (records.parameters != nullptr)
    parameters.assign(records.parameters, records.parameters + count * parameter_count);
  else
    parameters.assign(count * parameter_count, 0.0);
  trajectories.resize(rows);
  for (std::size_t r = 0; r < rows; ++r) {
    trajectories[r].resize(count * years);
    narrow(records.trajectories + r * records.capacity * years, count * years,
           trajectories[r].data(), first, years);
  }
  if (records.successes != nullptr)
    successes.assign(records.successes, records.successes + count * objective_count);
  else
    successes.clear();
}

void StoredBatch::compress(hdf5::RowsCompressor& compressor, std::uint64_t chunk_rows,
                           CompressedBatch& batch) const {
  using hdf5::Type;
  batch.first = first;
  batch.count = count;
  compressor.compress(members.data(), Type::Int64, first, count, 1, chunk_rows, batch.members);
  compressor.compress(parameters.data(), Type::Float64, first, count, parameter_count, chunk_rows,
                      batch.parameters);
  batch.trajectories.resize(trajectories.size());
  for (std::size_t r = 0; r < trajectories.size(); ++r) {
    compressor.compress(trajectories[r].data(), Type::Float32, first, count, years, chunk_rows,
                        batch.trajectories[r]);
  }
  batch.successes.resize(objective_count > 0 ? 1 : 0);
  if (objective_count > 0) {
    compressor.compress(successes.data(), Type::UInt8, first, count, objective_count, chunk_rows,
                        batch.successes[0]);
  }
}

}  // namespace traj::territory::results
