#pragma once
/// What the ranks of an MPI job tell each other: after each round every
/// batch's counts and whether to stop; at the end the sums, sketches and
/// examples of invalid members of every rank. Integers only (exact sums,
/// sketch counts), so every rank ends with what a single process would
/// have. Every call is collective; with one process nothing is sent.

#include <cstdint>
#include <string>
#include <vector>

#include "ensemble/accumulator.hpp"

namespace traj {
class Cluster;
}

namespace traj::ensemble {

/// This rank's part of a round.
struct RankReport {
  bool ran = false;  ///< it ran its batch; `counts` are that batch's
  BatchCounts counts;
  bool cancelled = false;
  bool failed = false;  ///< its batch threw `failure`
  std::string failure;
};

/// Every rank learns the counts of the round's `round` batches (batch i
/// from rank i), in batch order, and whether to stop. Returns false when
/// some rank was cancelled; throws Error naming the rank when one failed.
bool exchange_round(const Cluster& cluster, std::uint64_t round, std::size_t objectives,
                    const RankReport& mine, std::vector<BatchCounts>& batches);

/// Merges every rank's `totals` into every rank's (normalizing the sums
/// first, which their value needs with one process too).
void merge_rank_totals(const Cluster& cluster, RankTotals& totals);

}  // namespace traj::ensemble
