#include "member_batch.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>

#include "traj/error.hpp"
#include "traj/lane_clones.hpp"

namespace traj::territory::results {

namespace {

/// `from` as floats into `to`; whether each was a float widened (or NaN).
/// A reduction without branches, which the compiler vectorizes.
TRAJ_LANE_CLONES bool narrow_exactly(const double* from, std::size_t count, float* to) {
  unsigned inexact = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const float value = static_cast<float>(from[i]);
    to[i] = value;
    inexact |= static_cast<unsigned>(static_cast<double>(value) != from[i]) &
               static_cast<unsigned>(from[i] == from[i]);
  }
  return inexact == 0;
}

/// `from` as floats into `to`; throws naming the first value that is no
/// float widened (NaN excepted), searched for only then.
void narrow(const double* from, std::size_t count, float* to, std::uint64_t first_member,
            std::size_t years) {
  if (narrow_exactly(from, count, to)) return;
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
  parameters.resize(count * parameter_count);
  trajectories.resize(rows);
  for (auto& row : trajectories) row.resize(count * years);
  // On the ensemble's thread, its other threads idle until the next batch:
  // the rows side by side.
  tbb::parallel_for(std::size_t{0}, rows + 1, [&](std::size_t r) {
    if (r == rows) {
      if (records.parameters != nullptr)
        std::copy_n(records.parameters, parameters.size(), parameters.begin());
      else
        std::fill(parameters.begin(), parameters.end(), 0.0);
    } else {
      narrow(records.trajectories + r * records.capacity * years, count * years,
             trajectories[r].data(), first, years);
    }
  });
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
