#include "traj/weighted_selection.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <numeric>

#include "traj/sorted_members.hpp"

namespace traj {
namespace {

/// The sorted path (importance_weights.cpp) returns, for a level λ, the
/// value of the first member of positive weight whose running sum c, in
/// sorted order, reaches fl(λ · T), T the running sum of all. Rounding makes
/// c and T depend on that order. Without it we only know the exact sums S,
/// and |c − S| ≤ γ_{n−1} · S_total for sums of n non-negative terms in any
/// order (Higham, Accuracy and Stability of Numerical Algorithms, 2002,
/// §4.2), likewise our own sums: a value whose weights start below λ·T −
/// SLACK and end above λ·T + SLACK is the sorted path's answer. SLACK is
/// ~30 times that bound (our sums add up to 2n terms deep, and λ·T rounds
/// once more); levels nearer a boundary go back to the sort.
double slack_of(std::size_t members, double total) {
  return static_cast<double>(2 * members + 64) * 0x1p-48 * total;
}

struct Item {
  std::uint64_t key;
  double weight;  ///< max(0, w)
};

struct Target {
  double wanted;      ///< λ · Σw
  std::size_t level;  ///< its index in the caller's levels
};

struct Selection {
  std::vector<double>& result;
  double slack;
};

constexpr std::ptrdiff_t SMALL_RANGE = 48;

/// The items [first, last) sorted, their values' groups walked: each target
/// goes to the group whose weights clearly straddle it. False if one is too
/// near a boundary.
bool select_small(Item* first, Item* last, double below, const Target* target,
                  const Target* targets_end, const Selection& selection) {
  std::sort(first, last, [](const Item& a, const Item& b) { return a.key < b.key; });
  for (Item* group = first; group != last && target != targets_end;) {
    Item* group_end = group;
    double through = below;
    while (group_end != last && group_end->key == group->key) through += (group_end++)->weight;
    for (; target != targets_end && target->wanted + selection.slack < through; ++target) {
      if (!(below < target->wanted - selection.slack)) return false;
      selection.result[target->level] = value_of_ordered_key(group->key);
    }
    below = through;
    group = group_end;
  }
  return target == targets_end;
}

std::uint64_t median_of_three(std::uint64_t a, std::uint64_t b, std::uint64_t c) {
  return std::max(std::min(a, b), std::min(std::max(a, b), c));
}

/// Places the targets (ascending) among the items [first, last), whose
/// values all lie above those of weight `below` already passed: a
/// three-way partition around a pivot value (a deterministic median of
/// three, so the result never depends on threads), then the sides holding
/// targets, as quickselect does. False if a target is too near a boundary
/// or the partitions degenerate (`depth_left`): the caller then sorts.
bool select_range(Item* first, Item* last, double below, const Target* targets,
                  const Target* targets_end, const Selection& selection, int depth_left) {
  if (targets == targets_end) return true;
  if (last - first <= SMALL_RANGE) {
    return select_small(first, last, below, targets, targets_end, selection);
  }
  if (depth_left == 0) return false;
  const std::ptrdiff_t size = last - first;
  const std::uint64_t pivot = median_of_three(first->key, first[size / 2].key, first[size - 1].key);
  // Dijkstra's three-way partition: [first, less) < pivot, [less, next) ==
  // pivot, [greater, last) > pivot.
  Item *less = first, *next = first, *greater = last;
  double less_weight = 0.0, pivot_weight = 0.0;
  while (next != greater) {
    if (next->key < pivot) {
      less_weight += next->weight;
      std::swap(*less++, *next++);
    } else if (next->key > pivot) {
      std::swap(*next, *--greater);
    } else {
      pivot_weight += (next++)->weight;
    }
  }
  const double before_pivot = below + less_weight, after_pivot = before_pivot + pivot_weight;
  const double slack = selection.slack;
  const Target* target = targets;
  const Target* left_end = targets;
  while (left_end != targets_end && left_end->wanted + slack < before_pivot) ++left_end;
  for (target = left_end; target != targets_end && target->wanted + slack < after_pivot; ++target) {
    if (!(before_pivot < target->wanted - slack)) return false;
    selection.result[target->level] = value_of_ordered_key(pivot);
  }
  const Target* right_begin = target;
  if (right_begin != targets_end && !(after_pivot < right_begin->wanted - slack)) return false;
  return select_range(first, less, below, targets, left_end, selection, depth_left - 1) &&
         select_range(greater, last, after_pivot, right_begin, targets_end, selection,
                      depth_left - 1);
}

}  // namespace

std::vector<double> equal_weight_quantiles(std::span<std::uint64_t> keys, double weight,
                                           std::span<const double> levels) {
  std::vector<double> result(levels.size());
  if (keys.empty()) return result;
  double running = 0.0;  // what the sorted path sums, whatever the order
  for (std::size_t m = 0; m < keys.size(); ++m) running += weight;
  if (!(running > 0.0)) {  // no positive weight: the sorted path gives the smallest value
    std::fill(result.begin(), result.end(),
              value_of_ordered_key(*std::min_element(keys.begin(), keys.end())));
    return result;
  }
  // The rank of each level: the first whose running sum is not below
  // fl(λ · T), as std::lower_bound finds it in the sorted path.
  std::vector<double> wanted(levels.size());
  std::vector<std::size_t> by_wanted(levels.size()), ranks(levels.size(), 0);
  for (std::size_t l = 0; l < levels.size(); ++l) {
    wanted[l] = std::clamp(levels[l], 0.0, 1.0) * running;
    by_wanted[l] = l;
  }
  std::sort(by_wanted.begin(), by_wanted.end(), [&wanted](std::size_t a, std::size_t b) {
    return std::isnan(wanted[b]) ? false : std::isnan(wanted[a]) || wanted[a] < wanted[b];
  });
  std::size_t rank = 0;
  double cumulative = weight;
  for (const std::size_t l : by_wanted) {
    if (std::isnan(wanted[l])) continue;  // rank 0: nothing is below NaN
    while (rank + 1 < keys.size() && cumulative < wanted[l]) {
      ++rank;
      cumulative += weight;
    }
    ranks[l] = rank;
  }
  // Each rank's value, the ranks in increasing order, each selection
  // narrowing the range of the next.
  std::vector<std::size_t> ascending = ranks;
  std::sort(ascending.begin(), ascending.end());
  std::size_t from = 0;
  for (const std::size_t r : ascending) {
    if (r < from) continue;  // the same rank again: already in place
    std::nth_element(keys.begin() + static_cast<std::ptrdiff_t>(from),
                     keys.begin() + static_cast<std::ptrdiff_t>(r), keys.end());
    from = r + 1;
  }
  for (std::size_t l = 0; l < levels.size(); ++l) result[l] = value_of_ordered_key(keys[ranks[l]]);
  return result;
}

std::optional<std::vector<double>> weighted_quantiles_by_selection(
    std::span<const std::uint64_t> keys, std::span<const double> weights,
    std::span<const double> levels) {
  const std::size_t n = keys.size();
  std::vector<Item> items(n);
  double total = 0.0;
  for (std::size_t m = 0; m < n; ++m) {
    items[m] = Item{keys[m], std::max(0.0, weights[m])};
    total += items[m].weight;
  }
  if (!(total >= 0x1p-900 && total <= 0x1p900)) return std::nullopt;  // rounding too coarse
  std::vector<double> result(levels.size());
  std::vector<Target> targets;
  std::optional<std::uint64_t> first_weighed;  // level 0 (or NaN): the first positive weight
  for (std::size_t l = 0; l < levels.size(); ++l) {
    const double level = std::clamp(levels[l], 0.0, 1.0);
    if (level >= 1.0) return std::nullopt;  // absorbed trailing weights: only the sort can tell
    if (level > 0.0) {
      targets.push_back(Target{level * total, l});
      continue;
    }
    if (!first_weighed) {
      first_weighed = std::numeric_limits<std::uint64_t>::max();
      for (const Item& item : items) {
        if (item.weight > 0.0) first_weighed = std::min(*first_weighed, item.key);
      }
    }
    result[l] = value_of_ordered_key(*first_weighed);
  }
  std::sort(targets.begin(), targets.end(),
            [](const Target& a, const Target& b) { return a.wanted < b.wanted; });
  const Selection selection{result, slack_of(n, total)};
  const int depth = 2 * std::bit_width(n) + 8;
  if (!select_range(items.data(), items.data() + n, 0.0, targets.data(),
                    targets.data() + targets.size(), selection, depth)) {
    return std::nullopt;
  }
  return result;
}

}  // namespace traj
