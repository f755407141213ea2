#include "traj/sorted_members.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace traj {

// A stable LSD radix sort on keys that order doubles as numbers: several
// times faster than a comparison sort on the 10⁵–10⁷ members of an ensemble.
std::vector<std::uint32_t> sorted_members(std::span<const double> values) {
  const std::size_t n = values.size();
  std::vector<std::uint64_t> keys(n), keys_next(n);
  std::vector<std::uint32_t> order(n), order_next(n);
  for (std::size_t m = 0; m < n; ++m) {
    keys[m] = ordered_key(values[m]);
    order[m] = static_cast<std::uint32_t>(m);
  }
  constexpr int RADIX_BITS = 8;
  constexpr std::size_t BUCKETS = std::size_t{1} << RADIX_BITS;
  for (int shift = 0; shift < 64; shift += RADIX_BITS) {
    std::array<std::size_t, BUCKETS> counts{};
    for (const std::uint64_t key : keys) ++counts[(key >> shift) & (BUCKETS - 1)];
    if (std::find(counts.begin(), counts.end(), n) != counts.end()) continue;  // one bucket
    std::size_t start = 0;
    for (auto& count : counts) start += std::exchange(count, start);
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t slot = counts[(keys[i] >> shift) & (BUCKETS - 1)]++;
      keys_next[slot] = keys[i];
      order_next[slot] = order[i];
    }
    keys.swap(keys_next);
    order.swap(order_next);
  }
  return order;
}

}  // namespace traj
