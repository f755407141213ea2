#pragma once
/// Weighted quantiles by selection instead of a full sort (traj track's
/// parameters and fans): the very values that sorting the members and
/// summing their weights in that order gives (weighted_quantiles in
/// importance_weights.hpp), found in expected linear time.

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace traj {

/// Quantiles at `levels` of values (as sorted_members' keys) that all weigh
/// `weight` (≥ 0, not NaN). Exact: a running sum of one weight does not
/// depend on the order of the members. Reorders `keys`.
std::vector<double> equal_weight_quantiles(std::span<std::uint64_t> keys, double weight,
                                           std::span<const double> levels);

/// Quantiles at `levels` of values (as sorted_members' keys) weighing
/// max(0, `weights`), or nothing when the sorted running sum's rounding
/// could decide one of them (a level within a rounding error bound of the
/// boundary between two values, a level of 1, a total out of the normal
/// range): the caller then sorts. Whatever it returns is exact.
std::optional<std::vector<double>> weighted_quantiles_by_selection(
    std::span<const std::uint64_t> keys, std::span<const double> weights,
    std::span<const double> levels);

}  // namespace traj
