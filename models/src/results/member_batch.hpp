#pragma once
/// One batch of member records on its way to the file (members.cpp): copied
/// out of the ensemble's buffers in the types the file stores, then
/// compressed chunk by chunk, off the thread that calls HDF5. Both kinds of
/// batch are reused from one batch to the next (write_pipeline.hpp): fresh
/// pages for every batch cost more than compressing the planes that look
/// random.

#include <cstdint>
#include <vector>

#include "traj/ensemble.hpp"
#include "traj/hdf5_file.hpp"

namespace traj::territory::results {

/// What a batch adds to the groups written member by member, compressed
/// (hdf5::compress_rows) as each dataset's chunks are stored.
struct CompressedBatch {
  std::uint64_t first = 0;
  std::uint64_t count = 0;
  hdf5::CompressedRows members;                    ///< the member numbers (one scale per group)
  hdf5::CompressedRows parameters;                 ///< [member × parameter], double
  std::vector<hdf5::CompressedRows> trajectories;  ///< per recorded row: [member × year], float32
  std::vector<hdf5::CompressedRows> successes;     ///< zero or one: [member × objective]
};

/// A batch as the file stores it: parameters in double (as drawn), the
/// kernel's single-precision trajectories as float32, each row's members
/// contiguous.
struct StoredBatch {
  std::uint64_t first = 0;
  std::size_t count = 0;
  std::size_t parameter_count = 0, years = 0, objective_count = 0;
  std::vector<std::int64_t> members;
  std::vector<double> parameters;
  std::vector<std::vector<float>> trajectories;
  std::vector<std::uint8_t> successes;

  /// Copies `records` (`rows` recorded rows) into this batch's buffers:
  /// each trajectory value must be a float widened, as the kernel hands
  /// them over (else Error: storing it as float32 would lose digits).
  void fill(const MemberRecords& records, std::size_t parameters, std::size_t rows,
            std::size_t objectives);
  /// Its datasets' rows compressed in chunks of `chunk_rows` members, into
  /// `into` (its buffers reused).
  void compress(hdf5::RowsCompressor& compressor, std::uint64_t chunk_rows,
                CompressedBatch& into) const;
};

}  // namespace traj::territory::results
