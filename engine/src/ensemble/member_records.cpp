#include "ensemble/member_records.hpp"

#include <cstring>

#include "traj/cluster.hpp"

namespace traj::ensemble {

BatchRecords::BatchRecords(const EnsembleOptions& options, std::size_t parameter_count,
                           std::size_t objective_count, std::size_t year_count)
    : capacity(BATCH_MEMBERS),
      parameters(options.record_parameters ? parameter_count : 0),
      recorded_rows(options.recorded_rows.size()),
      objectives(objective_count),
      years(year_count),
      parameter_values(capacity * parameters, 0.0),
      trajectories(recorded_rows * capacity * years, 0.0),
      successes(capacity * objectives, 0) {}

MemberRecords BatchRecords::view(MemberRange batch, bool with_parameters) const {
  MemberRecords records;
  records.first = batch.first;
  records.count = static_cast<std::size_t>(batch.size());
  records.capacity = capacity;
  records.years = years;
  records.parameters = with_parameters ? parameter_values.data() : nullptr;
  records.trajectories = trajectories.data();
  records.successes = successes.data();
  return records;
}

std::vector<unsigned char> pack_records(const MemberRecords& records, std::size_t parameters,
                                        std::size_t recorded_rows, std::size_t objectives) {
  const std::size_t count = records.count, years = records.years;
  std::vector<double> numbers;
  numbers.reserve(2 + count * parameters + recorded_rows * count * years);
  numbers.push_back(static_cast<double>(records.first));
  numbers.push_back(static_cast<double>(count));
  numbers.insert(numbers.end(), records.parameters, records.parameters + count * parameters);
  for (std::size_t r = 0; r < recorded_rows; ++r) {
    const double* row = records.trajectories + r * records.capacity * years;
    numbers.insert(numbers.end(), row, row + count * years);
  }
  std::vector<unsigned char> bytes(numbers.size() * sizeof(double) + count * objectives);
  std::memcpy(bytes.data(), numbers.data(), numbers.size() * sizeof(double));
  std::memcpy(bytes.data() + numbers.size() * sizeof(double), records.successes,
              count * objectives);
  return bytes;
}

UnpackedRecords unpack_records(const std::vector<unsigned char>& bytes, std::size_t parameters,
                               std::size_t recorded_rows, std::size_t objectives,
                               std::size_t years) {
  UnpackedRecords unpacked;
  double header[2];
  std::memcpy(header, bytes.data(), sizeof header);
  const auto count = static_cast<std::size_t>(header[1]);
  const unsigned char* at = bytes.data() + sizeof header;
  unpacked.parameters.resize(count * parameters);
  std::memcpy(unpacked.parameters.data(), at, unpacked.parameters.size() * sizeof(double));
  at += unpacked.parameters.size() * sizeof(double);
  unpacked.trajectories.resize(recorded_rows * count * years);
  std::memcpy(unpacked.trajectories.data(), at, unpacked.trajectories.size() * sizeof(double));
  at += unpacked.trajectories.size() * sizeof(double);
  unpacked.successes.assign(at, at + count * objectives);
  MemberRecords& records = unpacked.records;
  records.first = static_cast<std::uint64_t>(header[0]);
  records.count = count;
  records.capacity = count;
  records.years = years;
  records.parameters = parameters > 0 ? unpacked.parameters.data() : nullptr;
  records.trajectories = unpacked.trajectories.data();
  records.successes = unpacked.successes.data();
  return unpacked;
}

void hand_over_records(const Cluster& cluster, const EnsembleOptions& options,
                       const BatchRecords& records, const BatchPlan& plan, std::uint64_t next,
                       std::uint64_t accepted) {
  const auto ranks = static_cast<std::uint64_t>(cluster.size());
  const auto rank = static_cast<std::uint64_t>(cluster.rank());
  const auto unpack = [&](const std::vector<unsigned char>& bytes) {
    return unpack_records(bytes, records.parameters, records.recorded_rows, records.objectives,
                          records.years);
  };
  for (std::uint64_t i = 0; i < accepted; ++i) {
    const auto owner = static_cast<int>(i);
    MemberRecords local;
    if (rank == i) local = records.view(plan.batch(next + i), options.record_parameters);
    if (ranks == 1) {
      options.on_members(local);
    } else if (options.records_on_root_only) {
      if (owner == 0 && rank == 0) {
        options.on_members(local);
      } else if (rank == i) {
        cluster.send(
            pack_records(local, records.parameters, records.recorded_rows, records.objectives), 0);
      } else if (rank == 0) {
        options.on_members(unpack(cluster.receive(owner)).records);
      }
    } else {
      std::vector<unsigned char> bytes;
      if (rank == i)
        bytes = pack_records(local, records.parameters, records.recorded_rows, records.objectives);
      cluster.broadcast(bytes, owner);
      options.on_members(unpack(bytes).records);
    }
  }
}

}  // namespace traj::ensemble
