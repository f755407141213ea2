#include "ensemble/rank_exchange.hpp"

#include "traj/cluster.hpp"
#include "traj/error.hpp"

namespace traj::ensemble {

namespace {

// The stop flag of a round, combined by maximum over the ranks.
constexpr std::int64_t GO_ON = 0;
constexpr std::int64_t CANCELLED = 1;
constexpr std::int64_t FAILED = 2;  ///< + the number of the rank that failed

/// Sketches of every rank summed bin by bin, over the union of their ranges.
void merge_sketches(const Cluster& cluster, std::vector<QuantileSketch>& sketches) {
  constexpr std::size_t RANGE = QuantileSketch::RANGE_WORDS;
  std::vector<std::int64_t> range(sketches.size() * RANGE, QuantileSketch::EMPTY_RANGE);
  for (std::size_t i = 0; i < sketches.size(); ++i)
    sketches[i].widen_range(range.data() + i * RANGE);
  cluster.max(range);
  std::vector<std::size_t> offsets;
  std::size_t words = 0;
  for (std::size_t i = 0; i < sketches.size(); ++i) {
    offsets.push_back(words);
    words += QuantileSketch::dense_size(range.data() + i * RANGE);
  }
  std::vector<std::int64_t> dense(words);
  for (std::size_t i = 0; i < sketches.size(); ++i)
    sketches[i].write_dense(range.data() + i * RANGE, dense.data() + offsets[i]);
  cluster.sum(dense);
  for (std::size_t i = 0; i < sketches.size(); ++i)
    sketches[i].read_dense(range.data() + i * RANGE, dense.data() + offsets[i]);
}

/// The MAX_EXAMPLES smallest examples of invalid members over every rank.
void merge_examples(const Cluster& cluster, std::vector<std::uint64_t>& examples) {
  const auto ranks = static_cast<std::size_t>(cluster.size());
  const auto rank = static_cast<std::size_t>(cluster.rank());
  std::vector<std::int64_t> all(ranks * MAX_EXAMPLES, -1);
  for (std::size_t e = 0; e < examples.size(); ++e)
    all[rank * MAX_EXAMPLES + e] = static_cast<std::int64_t>(examples[e]);
  cluster.max(all);
  examples.clear();
  for (const auto member : all) {
    if (member >= 0) examples.push_back(static_cast<std::uint64_t>(member));
  }
  keep_smallest(examples);
}

}  // namespace

bool exchange_round(const Cluster& cluster, std::uint64_t round, std::size_t objectives,
                    const RankReport& mine, std::vector<BatchCounts>& batches) {
  const auto ranks = static_cast<std::uint64_t>(cluster.size());
  const auto rank = static_cast<std::uint64_t>(cluster.rank());
  const std::size_t words = objectives + 3;  // successes, joint, members, invalid
  std::vector<std::int64_t> counts(round * words, 0);
  if (mine.ran) {
    std::int64_t* slot = counts.data() + rank * words;
    for (std::size_t o = 0; o < objectives; ++o)
      slot[o] = static_cast<std::int64_t>(mine.counts.successes[o]);
    slot[objectives] = static_cast<std::int64_t>(mine.counts.joint);
    slot[objectives + 1] = static_cast<std::int64_t>(mine.counts.members);
    slot[objectives + 2] = static_cast<std::int64_t>(mine.counts.invalid);
  }
  std::int64_t stop = mine.failed      ? FAILED + static_cast<std::int64_t>(rank)
                      : mine.cancelled ? CANCELLED
                                       : GO_ON;
  if (ranks > 1) {
    std::vector<std::int64_t> flag = {stop};
    cluster.max(flag);
    cluster.sum(counts);
    stop = flag.front();
  }
  if (stop >= FAILED) {
    const int failed = static_cast<int>(stop - FAILED);
    std::vector<unsigned char> message(mine.failure.begin(), mine.failure.end());
    cluster.broadcast(message, failed);
    throw Error("rank " + std::to_string(failed) + " of " + std::to_string(ranks) +
                " failed: " + std::string(message.begin(), message.end()));
  }
  if (stop == CANCELLED) return false;
  batches.assign(round, BatchCounts(objectives));
  for (std::uint64_t i = 0; i < round; ++i) {
    const std::int64_t* slot = counts.data() + i * words;
    BatchCounts& batch = batches[i];
    for (std::size_t o = 0; o < objectives; ++o)
      batch.successes[o] = static_cast<std::uint64_t>(slot[o]);
    batch.joint = static_cast<std::uint64_t>(slot[objectives]);
    batch.members = static_cast<std::uint64_t>(slot[objectives + 1]);
    batch.invalid = static_cast<std::uint64_t>(slot[objectives + 2]);
  }
  return true;
}

void merge_rank_totals(const Cluster& cluster, RankTotals& totals) {
  totals.sums.normalize();
  if (cluster.size() == 1) return;
  cluster.sum(totals.sums.words());
  merge_sketches(cluster, totals.sketches);
  merge_examples(cluster, totals.invalid_examples);
}

}  // namespace traj::ensemble
