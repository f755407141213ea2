#pragma once
/// Per-member records (EnsembleOptions::on_members): the buffers one batch
/// fills while it runs, their packing into bytes for another rank, and
/// their hand-over, batch by batch in member order, on the ranks that want
/// them.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "ensemble/batch_plan.hpp"
#include "traj/ensemble.hpp"

namespace traj {
class Cluster;
}

namespace traj::ensemble {

/// The records of the batch being run. Members of a batch write to
/// disjoint places: no lock is needed.
struct BatchRecords {
  std::uint64_t first = 0;     ///< number of the batch's first member
  std::size_t capacity = 0;    ///< members of a batch at most (member stride)
  std::size_t parameters = 0;  ///< per member (0 without record_parameters)
  std::size_t recorded_rows = 0;
  std::size_t objectives = 0;
  std::size_t years = 0;
  std::vector<double> parameter_values;  ///< [member × parameter]
  std::vector<double> trajectories;      ///< [(recorded row × capacity + member) × years + year]
  std::vector<std::uint8_t> successes;   ///< [member × objective]

  BatchRecords(const EnsembleOptions& options, std::size_t parameters, std::size_t objectives,
               std::size_t years);
  /// The records of `batch` (the one just run) as handed over.
  MemberRecords view(MemberRange batch, bool with_parameters) const;
};

/// Per-member records of a batch, as bytes (to another rank).
std::vector<unsigned char> pack_records(const MemberRecords& records, std::size_t parameters,
                                        std::size_t recorded_rows, std::size_t objectives);

/// Records unpacked from bytes, with the storage they point into.
struct UnpackedRecords {
  std::vector<double> parameters, trajectories;
  std::vector<std::uint8_t> successes;
  MemberRecords records;
};

UnpackedRecords unpack_records(const std::vector<unsigned char>& bytes, std::size_t parameters,
                               std::size_t recorded_rows, std::size_t objectives,
                               std::size_t years);

/// Hands the records of the accepted batches `next` … `next + accepted − 1`
/// of a round to options.on_members, in member order: on every rank, or on
/// rank 0 only with records_on_root_only. Batch `next + i` was run by rank
/// i, which holds its records in `records`. Collective.
void hand_over_records(const Cluster& cluster, const EnsembleOptions& options,
                       const BatchRecords& records, const BatchPlan& plan, std::uint64_t next,
                       std::uint64_t accepted);

}  // namespace traj::ensemble
