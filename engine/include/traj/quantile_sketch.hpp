#pragma once
/// A mergeable quantile sketch with bounded relative error (DDSketch:
/// Masson, Rim & Lee, "DDSketch: a fast and fully-mergeable quantile sketch
/// with relative-error guarantees", PVLDB 12(12), 2019).
///
/// Values fall into logarithmic bins spanning a ratio of at most γ = (1+α)/(1−α)
/// (bin edges from DDSketch's linearly interpolated logarithm, no log call);
/// every quantile it returns is within a relative error α of the exact
/// quantile of the values added (ranks are exact up to the bin). Memory is a
/// few hundred counters per decade of values, independent of their number.
/// Counts are integers, so merging is exact and order-independent.

#include <climits>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace traj {

class QuantileSketch {
 public:
  /// α: relative accuracy of every quantile (default 0.5 %).
  explicit QuantileSketch(double relative_accuracy = 0.005);

  /// Values one sketch holds at most: bins count in 32 bits (half the bytes
  /// of 64, and the sketches are most of what an ensemble streams through
  /// the caches besides the kernel). Adding or merging beyond it throws
  /// std::length_error; ensembles check their member count against it first.
  static constexpr std::uint64_t MAX_COUNT = UINT32_MAX;

  void add(double value);
  /// Adds `count` values at once (same result as adding them one by one).
  void add(const double* values, std::size_t count);
  /// The same from floats, each widened to double exactly.
  void add(const float* values, std::size_t count);
  void merge(const QuantileSketch& other);
  std::uint64_t count() const { return count_; }
  /// The q-quantile (q in [0, 1]); NaN when empty.
  double quantile(double q) const;
  double relative_accuracy() const { return alpha_; }

  /// Merging over processes, as fixed-size arrays of integers summed word by
  /// word (e.g. by MPI_Allreduce): the bins in use, as RANGE_WORDS numbers
  /// combined by element-wise maximum (start from EMPTY_RANGE); then each
  /// sketch as dense_size(range) counts, summed.
  static constexpr std::size_t RANGE_WORDS = 4;
  static constexpr std::int64_t EMPTY_RANGE = INT64_MIN;
  void widen_range(std::int64_t* range) const;
  static std::size_t dense_size(const std::int64_t* range);
  void write_dense(const std::int64_t* range, std::int64_t* out) const;
  /// Replaces the contents by dense counts (of the same accuracy).
  void read_dense(const std::int64_t* range, const std::int64_t* in);

 private:
  struct Store {
    std::int32_t offset = 0;            ///< bin index of counts[0]
    std::vector<std::uint32_t> counts;  ///< never above MAX_COUNT: count_ is not
    void add(std::int32_t index);
    /// Makes room for indices [low, high].
    void reserve(std::int32_t low, std::int32_t high);
    void merge(const Store& other);
  };
  /// Throws std::length_error when `held` + `added` values exceed MAX_COUNT.
  static void check_room(std::uint64_t held, std::uint64_t added);
  template <typename Value>
  void add_values(const Value* values, std::size_t count);
  std::int32_t index_of(double magnitude) const;
  double value_of(std::int32_t index) const;

  double alpha_;
  double gamma_;
  double inverse_log_gamma_;
  std::uint64_t count_ = 0;
  std::uint64_t zeros_ = 0;  ///< |value| below the smallest tracked magnitude
  Store positive_;
  Store negative_;
};

}  // namespace traj
