#pragma once
/// Which members each batch holds: the batches a single process runs in
/// turn, numbered k = 0, 1, …, first the requested members, then (with a
/// precision target) one more batch at a time up to the cap. Pure: no
/// model, no threads, no ranks; batch k of a round goes to rank k mod R.

#include <cstdint>

#include "traj/ensemble.hpp"

namespace traj::ensemble {

// Members are reduced in chunks of a fixed size, whatever the block size or
// the thread count, so that the order of every floating-point sum is fixed.
inline constexpr std::uint64_t CHUNK = 1024;
inline constexpr std::uint64_t CHUNKS_PER_BATCH = 16;
inline constexpr std::uint64_t BATCH_MEMBERS = CHUNK * CHUNKS_PER_BATCH;

/// Members first … end−1 (none when first == end).
struct MemberRange {
  std::uint64_t first = 0, end = 0;
  std::uint64_t size() const { return end - first; }
  std::uint64_t chunks() const { return (size() + CHUNK - 1) / CHUNK; }
  bool operator==(const MemberRange&) const = default;
};

struct BatchPlan {
  std::uint64_t members = 0;      ///< requested
  std::uint64_t max_members = 0;  ///< cap of the batches past the requested ones
  double precision = 0.0;         ///< > 0: the stopping rule may add batches

  /// Batches of the requested members (the last one may be partial).
  std::uint64_t requested_batches() const { return (members + BATCH_MEMBERS - 1) / BATCH_MEMBERS; }
  /// The members of batch k; empty past the cap.
  MemberRange batch(std::uint64_t k) const;
  /// How many batches from `next` on make the next round over `ranks`: at
  /// most one per rank, none past the requested ones unless `extending`,
  /// none empty.
  std::uint64_t round_size(std::uint64_t next, std::uint64_t ranks, bool extending) const;
};

/// The plan of `options`. Throws InputError when it could hold more members
/// than the quantile sketches can count (QuantileSketch::MAX_COUNT).
BatchPlan plan_batches(const EnsembleOptions& options);

}  // namespace traj::ensemble
