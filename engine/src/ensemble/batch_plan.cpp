#include "ensemble/batch_plan.hpp"

#include <algorithm>
#include <string>

#include "traj/error.hpp"
#include "traj/quantile_sketch.hpp"

namespace traj::ensemble {

MemberRange BatchPlan::batch(std::uint64_t k) const {
  const std::uint64_t requested = requested_batches();
  if (k < requested) return {k * BATCH_MEMBERS, std::min(members, (k + 1) * BATCH_MEMBERS)};
  const std::uint64_t start = members + (k - requested) * BATCH_MEMBERS;
  if (start >= max_members) return {start, start};
  return {start, std::min(max_members, start + BATCH_MEMBERS)};
}

std::uint64_t BatchPlan::round_size(std::uint64_t next, std::uint64_t ranks, bool extending) const {
  const std::uint64_t requested = requested_batches();
  std::uint64_t round = 0;
  while (round < ranks) {
    const std::uint64_t k = next + round;
    if (!extending && k >= requested) break;
    if (batch(k).size() == 0) break;
    ++round;
  }
  return round;
}

BatchPlan plan_batches(const EnsembleOptions& options) {
  const std::uint64_t most =
      options.precision > 0.0 ? std::max(options.members, options.max_members) : options.members;
  if (most > QuantileSketch::MAX_COUNT) {
    throw InputError("an ensemble holds at most " + std::to_string(QuantileSketch::MAX_COUNT) +
                     " members (the quantile sketches count in 32 bits), found " +
                     std::to_string(most));
  }
  return {options.members, options.max_members, options.precision};
}

}  // namespace traj::ensemble
