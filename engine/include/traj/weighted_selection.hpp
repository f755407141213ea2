#pragma once
/// Weighted quantiles by selection instead of a full sort (traj track's
/// parameters and fans): the very values that sorting the members and
/// summing their weights in that order gives (weighted_quantiles in
/// importance_weights.hpp), found in expected linear time.

#include <cstdint>
#include <optional>
#include <span>
#include <utility>
#include <vector>

namespace traj {

/// Selects quantiles of values given as sorted_members' keys (ordered_key),
/// for any number of weightings. A deterministic sample of the members
/// brackets each quantile, so that one pass over the members leaves only
/// those inside the brackets to select among. Keeps a view of `keys`.
class QuantileSelector {
 public:
  explicit QuantileSelector(std::span<const std::uint64_t> keys);

  /// The quantiles at `levels` when every member weighs `weight` (≥ 0, not
  /// NaN). Exact: a running sum of one weight does not depend on the order.
  std::vector<double> equal_weights(double weight, std::span<const double> levels) const;

  /// The quantiles at `levels` when members weigh max(0, `weights`), or
  /// nothing when the sorted running sum's rounding could decide one (a
  /// level within a bound of that rounding from the boundary between two
  /// values, a level of 1, a total out of the normal range): the caller
  /// then sorts. Whatever it returns is exact.
  std::optional<std::vector<double>> weighted(std::span<const double> weights,
                                              std::span<const double> levels) const;

 private:
  /// Each fraction's bracket of keys [low, high] from the sample's weighted
  /// distribution (everything when the sample cannot tell).
  std::vector<std::pair<std::uint64_t, std::uint64_t>> sample_brackets(
      std::span<const double> weights, std::span<const double> fractions) const;

  std::span<const std::uint64_t> keys_;
  /// (key, member) of members at an even stride, by key; empty if few.
  std::vector<std::pair<std::uint64_t, std::uint32_t>> sample_;
};

}  // namespace traj
