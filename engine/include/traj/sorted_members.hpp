#pragma once
/// Members sorted by a value: for weighted quantiles (traj track) and
/// PRIM's factors (traj discover).

#include <cstdint>
#include <span>
#include <vector>

namespace traj {

/// Member numbers in increasing order of `values` (NaN excluded by the
/// caller), ties (equal bits) in member order, −0 before +0. At most
/// 2^32 − 1 values. Thread safe.
std::vector<std::uint32_t> sorted_members(std::span<const double> values);

}  // namespace traj
