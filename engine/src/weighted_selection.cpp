#include "traj/weighted_selection.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <memory>
#include <numeric>

#include "traj/sorted_members.hpp"

namespace traj {
namespace {

/// The sorted path (importance_weights.cpp) returns, for a level λ, the
/// value of the first member of positive weight whose running sum c, in
/// sorted order, reaches fl(λ · T), T the running sum of all. Rounding makes
/// c and T depend on that order. Without it our sums, in another order, and
/// c both lie within γ_{n−1} · S_total of the exact sums S, for n
/// non-negative terms added in any order (Higham, Accuracy and Stability of
/// Numerical Algorithms, 2002, §4.2): a value whose weights start below λ·T −
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

/// Moves the items [first, last) whose key satisfies `keep` to the front,
/// in order, without branches; returns their end.
template <typename Keep>
Item* compact(Item* first, Item* last, Keep keep) {
  Item* kept = first;
  for (Item* item = first; item != last; ++item) {
    const Item copy = *item;
    *kept = copy;
    kept += keep(copy.key) ? 1 : 0;
  }
  return kept;
}

/// Places a target among the items [first, last), whose values all lie
/// above those of weight `below` already passed: the weight below and at a
/// pivot value (a deterministic median of three, so the result never
/// depends on threads), then only the side holding the target kept, as
/// quickselect does, with branch-free passes. False if the target is too
/// near a boundary or the partitions degenerate (`depth_left`): the caller
/// then sorts.
bool select_range(Item* first, Item* last, double below, const Target& target,
                  const Selection& selection, int depth_left) {
  const double slack = selection.slack;
  for (; last - first > SMALL_RANGE; --depth_left) {
    if (depth_left == 0) return false;
    const std::ptrdiff_t size = last - first;
    const std::uint64_t pivot =
        median_of_three(first->key, first[size / 2].key, first[size - 1].key);
    double less[2] = {0.0, 0.0}, at_pivot[2] = {0.0, 0.0};
    for (std::ptrdiff_t i = 0; i + 1 < size; i += 2) {
      for (std::ptrdiff_t j = 0; j < 2; ++j) {
        const Item& item = first[i + j];
        less[j] += item.key < pivot ? item.weight : 0.0;
        at_pivot[j] += item.key == pivot ? item.weight : 0.0;
      }
    }
    if (size % 2 != 0) {
      const Item& item = first[size - 1];
      less[0] += item.key < pivot ? item.weight : 0.0;
      at_pivot[0] += item.key == pivot ? item.weight : 0.0;
    }
    const double before_pivot = below + (less[0] + less[1]);
    const double after_pivot = before_pivot + (at_pivot[0] + at_pivot[1]);
    if (target.wanted + slack < before_pivot) {
      last = compact(first, last, [pivot](std::uint64_t key) { return key < pivot; });
    } else if (target.wanted + slack < after_pivot) {
      if (!(before_pivot < target.wanted - slack)) return false;
      selection.result[target.level] = value_of_ordered_key(pivot);
      return true;
    } else if (after_pivot < target.wanted - slack) {
      last = compact(first, last, [pivot](std::uint64_t key) { return key > pivot; });
      below = after_pivot;
    } else {
      return false;
    }
  }
  return select_small(first, last, below, &target, &target + 1, selection);
}

/// Members from this many on are bracketed by a sample of SAMPLE_SIZE.
constexpr std::size_t SAMPLED_FROM = 16384, SAMPLE_SIZE = 2048;
constexpr std::uint64_t LOWEST_KEY = 0, HIGHEST_KEY = ~std::uint64_t{0};

/// The rank of each level when every member weighs `weight` > 0: the first
/// whose running sum c is not below fl(λ · T), as std::lower_bound finds it
/// in the sorted path. When `weight` is an odd integer M times a power of
/// two with n·M < 2^53, every running sum is exactly (i + 1) · weight.
std::vector<std::size_t> equal_weight_ranks(std::size_t n, double weight,
                                            std::span<const double> levels) {
  std::vector<std::size_t> ranks(levels.size(), 0);
  int exponent = 0;
  const auto mantissa = static_cast<std::uint64_t>(std::ldexp(std::frexp(weight, &exponent), 53));
  const std::uint64_t odd = mantissa >> std::countr_zero(mantissa);
  if (weight >= 0x1p-900 && weight <= 0x1p900 && n < (std::uint64_t{1} << 53) / odd) {
    const double running = static_cast<double>(n) * weight;
    for (std::size_t l = 0; l < levels.size(); ++l) {
      const double wanted = std::clamp(levels[l], 0.0, 1.0) * running;
      std::size_t low = 0, high = n - 1;  // the first i with !((i + 1)·w < wanted), else n − 1
      while (low < high) {
        const std::size_t middle = low + (high - low) / 2;
        if (static_cast<double>(middle + 1) * weight < wanted) {
          low = middle + 1;
        } else {
          high = middle;
        }
      }
      ranks[l] = low;
    }
    return ranks;
  }
  double running = 0.0;
  for (std::size_t m = 0; m < n; ++m) running += weight;
  std::vector<double> wanted(levels.size());
  std::vector<std::size_t> by_wanted(levels.size());
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
    while (rank + 1 < n && cumulative < wanted[l]) {
      ++rank;
      cumulative += weight;
    }
    ranks[l] = rank;
  }
  return ranks;
}

/// How far (in sample positions) a sample quantile strays: 4 standard
/// deviations of a binomial count, and a little more.
std::size_t bracket_half_width(double fraction, double sample_size) {
  return static_cast<std::size_t>(4.0 * std::sqrt(sample_size * fraction * (1.0 - fraction)) + 4.0);
}

/// One pass over the members: the weight of those below `low`, and those
/// in [low, high] copied to `inside` (which holds as many as the members).
/// Branch-free, the sum on four accumulators.
std::pair<double, std::size_t> bracket_pass(std::span<const std::uint64_t> keys,
                                            const double* weights, std::uint64_t low,
                                            std::uint64_t high, Item* inside) {
  double below[4] = {0.0, 0.0, 0.0, 0.0};
  std::size_t count = 0;
  const auto take = [&](std::size_t m, double& sum) {
    const std::uint64_t key = keys[m];
    sum += key < low ? weights[m] : 0.0;
    inside[count] = Item{key, weights[m]};
    count += key - low <= high - low ? 1 : 0;
  };
  std::size_t m = 0;
  for (; m + 3 < keys.size(); m += 4) {
    take(m, below[0]);
    take(m + 1, below[1]);
    take(m + 2, below[2]);
    take(m + 3, below[3]);
  }
  for (; m < keys.size(); ++m) take(m, below[0]);
  return {(below[0] + below[1]) + (below[2] + below[3]), count};
}

/// One pass for K disjoint brackets in increasing order: the weight below
/// each (in `below`), and the members inside any copied to `inside`; their
/// count. Bucket 2j + 1 holds bracket j, bucket 2j what lies between it and
/// the one before; four interleaved histograms shorten the chains of sums.
template <std::size_t K, typename WeightOf>
std::size_t brackets_pass(std::span<const std::uint64_t> keys, WeightOf weight_of,
                          const std::uint64_t* low, const std::uint64_t* high, double* below,
                          Item* inside) {
  double sums[4][2 * K + 1] = {};
  std::size_t count = 0;
  for (std::size_t m = 0; m < keys.size(); ++m) {
    const std::uint64_t key = keys[m];
    std::size_t bucket = 0;
    for (std::size_t j = 0; j < K; ++j) bucket += (key >= low[j] ? 1 : 0) + (key > high[j] ? 1 : 0);
    const double weight = weight_of(m);
    sums[m % 4][bucket] += weight;
    inside[count] = Item{key, weight};
    count += bucket & 1;
  }
  double running = 0.0;
  for (std::size_t j = 0; j < K; ++j) {
    for (std::size_t b = j == 0 ? 0 : 2 * j - 1; b <= 2 * j; ++b)
      running += (sums[0][b] + sums[1][b]) + (sums[2][b] + sums[3][b]);
    below[j] = running;
  }
  return count;
}

/// brackets_pass for K = 1…5 brackets; nothing if more (the caller then
/// takes them one at a time).
template <typename WeightOf>
std::optional<std::size_t> brackets_pass(std::span<const std::uint64_t> keys, WeightOf weights,
                                         std::span<const std::uint64_t> low,
                                         std::span<const std::uint64_t> high, double* below,
                                         Item* inside) {
  switch (low.size()) {
    case 1:
      return brackets_pass<1, WeightOf>(keys, weights, low.data(), high.data(), below, inside);
    case 2:
      return brackets_pass<2, WeightOf>(keys, weights, low.data(), high.data(), below, inside);
    case 3:
      return brackets_pass<3, WeightOf>(keys, weights, low.data(), high.data(), below, inside);
    case 4:
      return brackets_pass<4, WeightOf>(keys, weights, low.data(), high.data(), below, inside);
    case 5:
      return brackets_pass<5, WeightOf>(keys, weights, low.data(), high.data(), below, inside);
    default:
      return std::nullopt;
  }
}

}  // namespace

QuantileSelector::QuantileSelector(std::span<const std::uint64_t> keys) : keys_(keys) {
  const std::size_t n = keys.size();
  if (n < SAMPLED_FROM) return;
  sample_.resize(SAMPLE_SIZE);
  for (std::size_t i = 0; i < SAMPLE_SIZE; ++i) {
    const std::size_t member = i * n / SAMPLE_SIZE;
    sample_[i] = {keys[member], static_cast<std::uint32_t>(member)};
  }
  std::sort(sample_.begin(), sample_.end());
}

std::vector<double> QuantileSelector::equal_weights(double weight,
                                                    std::span<const double> levels) const {
  std::vector<double> result(levels.size());
  const std::size_t n = keys_.size();
  if (n == 0) return result;
  if (!(weight > 0.0)) {  // no positive weight: the sorted path gives the smallest value
    std::fill(result.begin(), result.end(),
              value_of_ordered_key(*std::min_element(keys_.begin(), keys_.end())));
    return result;
  }
  const std::vector<std::size_t> ranks = equal_weight_ranks(n, weight, levels);
  const auto inside = std::make_unique_for_overwrite<std::uint64_t[]>(n);
  std::vector<std::uint64_t> all;
  for (std::size_t l = 0; l < levels.size(); ++l) {
    const std::size_t rank = ranks[l];
    std::uint64_t low = LOWEST_KEY, high = HIGHEST_KEY;
    if (!sample_.empty()) {  // the sample's keys around the rank's
      const std::size_t at = rank * SAMPLE_SIZE / n;
      const std::size_t half = bracket_half_width((static_cast<double>(rank) + 0.5) / n,
                                                  static_cast<double>(SAMPLE_SIZE));
      if (at >= half) low = sample_[at - half].first;
      if (at + half < SAMPLE_SIZE) high = sample_[at + half].first;
    }
    // One pass: how many lie below the bracket, and those inside it.
    std::size_t below = 0, count = 0;
    for (const std::uint64_t key : keys_) {
      below += key < low ? 1 : 0;
      inside[count] = key;
      count += key - low <= high - low ? 1 : 0;
    }
    if (below <= rank && rank < below + count) {
      std::uint64_t* nth = inside.get() + (rank - below);
      std::nth_element(inside.get(), nth, inside.get() + count);
      result[l] = value_of_ordered_key(*nth);
    } else {  // the sample misled: select among all
      all.assign(keys_.begin(), keys_.end());
      const auto nth = all.begin() + static_cast<std::ptrdiff_t>(rank);
      std::nth_element(all.begin(), nth, all.end());
      result[l] = value_of_ordered_key(*nth);
    }
  }
  return result;
}

std::vector<std::pair<std::uint64_t, std::uint64_t>> QuantileSelector::sample_brackets(
    std::span<const double> weights, std::span<const double> fractions) const {
  std::vector<std::pair<std::uint64_t, std::uint64_t>> brackets(fractions.size(),
                                                                {LOWEST_KEY, HIGHEST_KEY});
  if (sample_.empty()) return brackets;
  std::vector<double> cumulative(SAMPLE_SIZE);
  double sum = 0.0, squares = 0.0;
  for (std::size_t i = 0; i < SAMPLE_SIZE; ++i) {
    const double w = std::max(0.0, weights[sample_[i].second]);
    sum += w;
    squares += w * w;
    cumulative[i] = sum;
  }
  const double ratio = sum / std::sqrt(squares), effective = ratio * ratio;  // Kish
  if (!(effective >= 1.0) || !std::isfinite(effective)) return brackets;
  // ±4 standard deviations of the sample's cumulative weight, and a little more.
  for (std::size_t f = 0; f < fractions.size(); ++f) {
    const double fraction = fractions[f];
    const double spread =
        4.0 * std::sqrt(fraction * (1.0 - fraction) / effective) + 4.0 / effective;
    const auto key_reaching = [&](double share) -> std::optional<std::uint64_t> {
      const auto at = std::lower_bound(cumulative.begin(), cumulative.end(), share * sum);
      if (at == cumulative.end()) return std::nullopt;
      return sample_[static_cast<std::size_t>(at - cumulative.begin())].first;
    };
    if (fraction - spread > 0.0) brackets[f].first = key_reaching(fraction - spread).value();
    if (fraction + spread < 1.0) {
      brackets[f].second = key_reaching(fraction + spread).value_or(HIGHEST_KEY);
    }
  }
  return brackets;
}

std::optional<std::vector<double>> QuantileSelector::weighted(
    std::span<const double> weights, std::span<const double> levels) const {
  const std::size_t n = keys_.size();
  const auto clamped = std::make_unique_for_overwrite<double[]>(n);
  double totals[4] = {0.0, 0.0, 0.0, 0.0};  // any order will do: the slack bounds it
  for (std::size_t m = 0; m < n; ++m) totals[m % 4] += clamped[m] = std::max(0.0, weights[m]);
  const double total = (totals[0] + totals[1]) + (totals[2] + totals[3]);
  if (!(total >= 0x1p-900 && total <= 0x1p900)) return std::nullopt;  // rounding too coarse
  std::vector<double> result(levels.size());
  std::vector<Target> targets;
  for (std::size_t l = 0; l < levels.size(); ++l) {
    const double level = std::clamp(levels[l], 0.0, 1.0);
    if (level >= 1.0) return std::nullopt;  // absorbed trailing weights: only the sort can tell
    if (level > 0.0) {
      targets.push_back(Target{level * total, l});
      continue;
    }
    // Level 0 (or NaN): the smallest value of positive weight.
    std::uint64_t first = HIGHEST_KEY;
    for (std::size_t m = 0; m < n; ++m) {
      if (weights[m] > 0.0) first = std::min(first, keys_[m]);
    }
    result[l] = value_of_ordered_key(first);
  }
  const Selection selection{result, slack_of(n, total)};
  const int depth = 2 * std::bit_width(n) + 8;
  const auto items = std::make_unique_for_overwrite<Item[]>(n);
  std::sort(targets.begin(), targets.end(),
            [](const Target& a, const Target& b) { return a.wanted < b.wanted; });
  std::vector<double> fractions;
  for (const Target& target : targets) fractions.push_back(target.wanted / total);
  const auto bracket = sample_brackets(weights, fractions);
  // Brackets apart from one another: one pass for all, then each bracket's
  // members taken from those; otherwise one pass each.
  std::vector<std::uint64_t> low, high;
  bool apart = true;
  for (std::size_t t = 0; t < targets.size(); ++t) {
    low.push_back(bracket[t].first);
    high.push_back(bracket[t].second);
    apart = apart && (t == 0 || high[t - 1] < low[t]);
  }
  std::vector<double> below(targets.size());
  std::optional<std::size_t> inside_any;
  const double* clamped_weights = clamped.get();
  const auto weight_of = [clamped_weights](std::size_t m) { return clamped_weights[m]; };
  if (apart) inside_any = brackets_pass(keys_, weight_of, low, high, below.data(), items.get());
  std::unique_ptr<Item[]> work;
  if (inside_any) work = std::make_unique_for_overwrite<Item[]>(*inside_any);
  for (std::size_t t = 0; t < targets.size(); ++t) {
    if (inside_any) {
      const std::uint64_t width = high[t] - low[t];
      Item* end = work.get();
      for (std::size_t i = 0; i < *inside_any; ++i) {
        *end = items[i];
        end += items[i].key - low[t] <= width ? 1 : 0;
      }
      if (select_range(work.get(), end, below[t], targets[t], selection, depth)) continue;
    } else {
      const auto [weight_below, count] =
          bracket_pass(keys_, clamped.get(), low[t], high[t], items.get());
      if (select_range(items.get(), items.get() + count, weight_below, targets[t], selection,
                       depth)) {
        continue;
      }
    }
    // The sample misled: select among all.
    const auto all = std::make_unique_for_overwrite<Item[]>(n);
    for (std::size_t m = 0; m < n; ++m) all[m] = Item{keys_[m], clamped[m]};
    if (!select_range(all.get(), all.get() + n, 0.0, targets[t], selection, depth)) {
      return std::nullopt;
    }
  }
  return result;
}

}  // namespace traj
