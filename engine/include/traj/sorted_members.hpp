#pragma once
/// Members sorted by a value: for weighted quantiles (traj track) and
/// PRIM's factors (traj discover).

#include <bit>
#include <cstdint>
#include <span>
#include <vector>

namespace traj {

/// A double's bits mapped so that their unsigned order is the numbers'
/// order, −0 before +0; its inverse.
inline std::uint64_t ordered_key(double value) {
  const auto bits = std::bit_cast<std::uint64_t>(value);
  return (bits >> 63) != 0 ? ~bits : bits | (std::uint64_t{1} << 63);
}
inline double value_of_ordered_key(std::uint64_t key) {
  return std::bit_cast<double>((key >> 63) != 0 ? key & ~(std::uint64_t{1} << 63) : ~key);
}

/// Member numbers in increasing order of `values` (NaN excluded by the
/// caller), ties (equal bits) in member order, −0 before +0. At most
/// 2^32 − 1 values. Thread safe.
std::vector<std::uint32_t> sorted_members(std::span<const double> values);

}  // namespace traj
