#pragma once
/// What the ensemble keeps of its members: per chunk, batch and thread the
/// integer counts and the partial sums (Accumulator), per rank the exact
/// sums of every batch it ran (RankTotals). Counts are integers and
/// ExactSums are exact, so merging them in any order changes nothing; the
/// partial sums of an Accumulator are merged in the fixed order of the
/// chunks (tbb::parallel_deterministic_reduce).

#include <cstddef>
#include <cstdint>
#include <vector>

#include "traj/exact_sum.hpp"
#include "traj/quantile_sketch.hpp"

namespace traj::ensemble {

// Sums are kept in PARTIALS interleaved accumulators, member m adding to
// partial m mod PARTIALS: each partial still sums its members in order
// (so results do not depend on the block size), and the loop vectorises.
inline constexpr std::size_t PARTIALS = 8;

// Members with impossible results are named by their smallest numbers.
inline constexpr std::size_t MAX_EXAMPLES = 5;

/// Keeps the MAX_EXAMPLES smallest distinct member numbers of `examples`.
void keep_smallest(std::vector<std::uint64_t>& examples);

/// Integers a batch contributes to the counts every rank keeps.
struct BatchCounts {
  std::vector<std::uint64_t> successes;  ///< per objective
  std::uint64_t joint = 0;               ///< members meeting every objective
  std::uint64_t members = 0;
  std::uint64_t invalid = 0;  ///< members with non-finite or impossible results

  explicit BatchCounts(std::size_t objectives = 0) : successes(objectives, 0) {}
  void add(const BatchCounts& other);
};

/// Sums, sketches and success counts of a set of members.
struct Accumulator {
  BatchCounts counts;
  /// [(year × rows + row) × PARTIALS + partial]: a year's rows side by side,
  /// as a block's sink adds them year by year (with many rows, as in a
  /// scenario of several territories, rows far apart missed the cache).
  std::vector<double> sum, sum_squares;
  std::vector<QuantileSketch> sketches;         ///< [quantile row × years + year]
  std::vector<std::uint64_t> invalid_examples;  ///< smallest member numbers (keep_smallest)

  /// Sums and counts at zero for `cells` (row × year) and `objectives`;
  /// no sketches (they are kept per thread, see BatchRunner).
  Accumulator(std::size_t cells, std::size_t objectives);

  void note_invalid(std::uint64_t member);
  /// Adds `other`'s members: exact for counts and sketches; sums in the
  /// order of the calls.
  void merge(const Accumulator& other);
};

/// What a rank keeps of the batches it ran, merged exactly: sums and sums of
/// squares (exact, so their order does not matter), sketches (integers).
struct RankTotals {
  ExactSums sums;  ///< [cell] sums, then [cells + cell] sums of squares
  std::vector<QuantileSketch> sketches;
  std::vector<std::uint64_t> invalid_examples;

  RankTotals(std::size_t rows, std::size_t years, std::vector<QuantileSketch> empty_sketches);
  /// Adds a batch's sums, its sketches (if any) and its examples of invalid members.
  void add(const Accumulator& batch);

 private:
  std::size_t rows_, years_;
};

}  // namespace traj::ensemble
