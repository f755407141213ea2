#include "traj/prim.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>
#include <string>
#include <utility>

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <boost/math/distributions/binomial.hpp>

#include "traj/error.hpp"
#include "traj/sorted_members.hpp"

namespace traj {
namespace {

constexpr double INFINITE = std::numeric_limits<double>::infinity();
using Member = std::uint32_t;

enum class Side { Lower, Upper };

/// A share part / whole, compared exactly: with at most 2^32 − 1 members the
/// cross products fit in 64 bits, so that equal densities are equal and
/// ties are broken by the stated rules, not by rounding.
struct Share {
  std::uint64_t part = 0, whole = 0;
};
bool denser(Share a, Share b) {
  return a.part * b.whole > b.part * a.whole;
}
bool as_dense(Share a, Share b) {
  return a.part * b.whole >= b.part * a.whole;
}

/// A bound between `kept` and `dropped` (different values): halfway, or the
/// kept value itself when halfway rounds onto the dropped one.
double bound_between(double kept, double dropped) {
  const double halfway = std::midpoint(kept, dropped);
  return halfway == dropped ? kept : halfway;
}

/// A slice of members at one end of one factor: removed by a peel or added
/// by a paste, and the bound the box then gets on that side.
struct Slice {
  std::size_t factor = 0;
  Side side = Side::Lower;
  std::uint64_t members = 0, of_interest = 0;
  double bound = 0.0;
};

/// The box once `slice` is removed (peel) or added (paste).
Share after(const PrimBox& box, const Slice& slice, bool adding) {
  return adding ? Share{box.of_interest + slice.of_interest, box.members + slice.members}
                : Share{box.of_interest - slice.of_interest, box.members - slice.members};
}

/// Which of two slices PRIM takes: the denser box after it; then, for a
/// peel, one on a factor the box already restricts (simpler boxes, as the
/// EMA Workbench prefers); then the larger box after it; then the lower
/// factor index, the lower side first.
bool preferred(const PrimBox& box, const Slice& a, const Slice& b, bool adding) {
  const Share share_a = after(box, a, adding), share_b = after(box, b, adding);
  if (denser(share_a, share_b)) return true;
  if (denser(share_b, share_a)) return false;
  if (!adding && box.restricts(a.factor) != box.restricts(b.factor)) return box.restricts(a.factor);
  if (share_a.whole != share_b.whole) return share_a.whole > share_b.whole;
  if (a.factor != b.factor) return a.factor < b.factor;
  return a.side == Side::Lower && b.side == Side::Upper;
}

/// P(X ≥ hits) for X binomial(members, density).
double binomial_tail(std::uint64_t members, std::uint64_t hits, double density) {
  if (hits == 0) return 1.0;
  if (!(density > 0.0)) return 0.0;
  if (!(density < 1.0)) return 1.0;
  const boost::math::binomial_distribution<double> binomial(static_cast<double>(members), density);
  return boost::math::cdf(boost::math::complement(binomial, static_cast<double>(hits - 1)));
}

void set_shares(PrimBox& box, std::uint64_t members, std::uint64_t of_interest) {
  box.coverage = static_cast<double>(box.of_interest) / static_cast<double>(of_interest);
  box.density = box.members == 0
                    ? 0.0
                    : static_cast<double>(box.of_interest) / static_cast<double>(box.members);
  box.mass = static_cast<double>(box.members) / static_cast<double>(members);
}

/// The peeling phase: the box's members sorted along every factor, and the
/// box shrunk slice by slice.
class Peeling {
 public:
  Peeling(const PrimData& data, const PrimOptions& options, std::uint64_t of_interest)
      : data_(data),
        options_(options),
        of_interest_(of_interest),
        arena_(options.threads > 0 ? options.threads : tbb::this_task_arena::max_concurrency()) {
    box_.lower.assign(data.factors, -INFINITE);
    box_.upper.assign(data.factors, INFINITE);
    box_.members = data.members;
    box_.of_interest = of_interest;
    set_shares(box_, data.members, of_interest);
    inside_.assign(data.members, 1);
    sorted_.resize(data.factors);
    // Ties in member order: the order, hence every slice, is the data's.
    each_factor([this](std::size_t f) {
      sorted_[f] = sorted_members(data_.values.subspan(f * data_.members, data_.members));
    });
  }

  const PrimBox& box() const { return box_; }

  /// The preferred peel, if one raises the density and leaves at least the
  /// minimum mass.
  std::optional<Slice> best_peel() const {
    std::optional<Slice> best;
    const double floor = options_.minimum_mass * static_cast<double>(data_.members);
    for (std::size_t f = 0; f < data_.factors; ++f) {
      for (const Side side : {Side::Lower, Side::Upper}) {
        const std::optional<Slice> slice = peel(f, side);
        if (!slice || static_cast<double>(box_.members - slice->members) < floor) continue;
        if (!best || preferred(box_, *slice, *best, false)) best = slice;
      }
    }
    if (best && denser(after(box_, *best, false), Share{box_.of_interest, box_.members}))
      return best;
    return std::nullopt;
  }

  void remove(const Slice& slice) {
    const std::vector<Member>& along = sorted_[slice.factor];
    const auto count = static_cast<std::ptrdiff_t>(slice.members);
    const auto first = slice.side == Side::Lower ? along.begin() : along.end() - count;
    std::for_each(first, first + count, [this](Member m) { inside_[m] = 0; });
    each_factor([this](std::size_t f) {
      std::erase_if(sorted_[f], [this](Member m) { return !inside_[m]; });
    });
    (slice.side == Side::Lower ? box_.lower : box_.upper)[slice.factor] = slice.bound;
    box_.members -= slice.members;
    box_.of_interest -= slice.of_interest;
    set_shares(box_, data_.members, of_interest_);
  }

 private:
  double value(std::size_t factor, std::size_t member) const {
    return data_.values[factor * data_.members + member];
  }

  /// `work(f)` for every factor, in parallel: each touches its factor's
  /// list only.
  template <typename Work>
  void each_factor(const Work& work) {
    arena_.execute(
        [&] { tbb::parallel_for(std::size_t{0}, data_.factors, [&](std::size_t f) { work(f); }); });
  }

  /// The slice of peel_alpha of the box's members at `side` of `factor`,
  /// with every member equal to its last; none when that would be all.
  std::optional<Slice> peel(std::size_t factor, Side side) const {
    const std::vector<Member>& along = sorted_[factor];
    const std::size_t n = along.size();
    const std::size_t wanted = std::max<std::size_t>(
        1, static_cast<std::size_t>(options_.peel_alpha * static_cast<double>(n)));
    // The i-th member from the peeled end.
    const auto at = [&](std::size_t i) {
      return side == Side::Lower ? along[i] : along[n - 1 - i];
    };
    std::size_t count = wanted;
    while (count < n && value(factor, at(count)) == value(factor, at(wanted - 1))) ++count;
    if (count >= n) return std::nullopt;
    Slice slice{factor, side, count, 0,
                bound_between(value(factor, at(count)), value(factor, at(count - 1)))};
    for (std::size_t i = 0; i < count; ++i) slice.of_interest += data_.of_interest[at(i)];
    return slice;
  }

  const PrimData& data_;
  const PrimOptions& options_;
  std::uint64_t of_interest_;
  tbb::task_arena arena_;
  PrimBox box_;
  std::vector<std::uint8_t> inside_;
  /// Per factor, the box's members by increasing value.
  std::vector<std::vector<Member>> sorted_;
};

/// The pasting phase, and the chosen box's restrictions: per member, how
/// many factors' ranges exclude it (0: inside).
class Pasting {
 public:
  Pasting(const PrimData& data, PrimBox box, std::uint64_t of_interest)
      : data_(data), of_interest_(of_interest), box_(std::move(box)) {
    excluded_by_.assign(data.members, 0);
    for (std::size_t f = 0; f < data.factors; ++f) {
      if (!box_.restricts(f)) continue;
      for (std::size_t m = 0; m < data.members; ++m) excluded_by_[m] += outside(f, m) ? 1 : 0;
    }
  }

  const PrimBox& box() const { return box_; }

  /// The preferred paste of `alpha` of the box's members, if one keeps the
  /// box's density (or raises it).
  std::optional<Slice> best_paste(double alpha) const {
    std::optional<Slice> best;
    const std::size_t wanted = std::max<std::size_t>(
        1, static_cast<std::size_t>(alpha * static_cast<double>(box_.members)));
    for (std::size_t f = 0; f < data_.factors; ++f) {
      for (const Side side : {Side::Lower, Side::Upper}) {
        if ((side == Side::Lower ? box_.lower[f] : box_.upper[f]) ==
            (side == Side::Lower ? -INFINITE : INFINITE))
          continue;
        const std::optional<Slice> slice = paste(f, side, wanted);
        if (slice && (!best || preferred(box_, *slice, *best, true))) best = slice;
      }
    }
    if (best && as_dense(after(box_, *best, true), Share{box_.of_interest, box_.members}))
      return best;
    return std::nullopt;
  }

  void add(const Slice& slice) {
    const std::size_t f = slice.factor;
    std::vector<bool> was_outside(data_.members);
    for (std::size_t m = 0; m < data_.members; ++m) was_outside[m] = outside(f, m);
    (slice.side == Side::Lower ? box_.lower : box_.upper)[f] = slice.bound;
    for (std::size_t m = 0; m < data_.members; ++m) {
      if (was_outside[m] && !outside(f, m)) --excluded_by_[m];
    }
    box_.members += slice.members;
    box_.of_interest += slice.of_interest;
    set_shares(box_, data_.members, of_interest_);
  }

  /// The box without `factor`'s range, the others kept.
  PrimRestriction without(std::size_t factor) const {
    PrimRestriction restriction;
    restriction.factor = factor;
    restriction.lower = box_.lower[factor];
    restriction.upper = box_.upper[factor];
    PrimBox wider;
    for (std::size_t m = 0; m < data_.members; ++m) {
      if (excluded_by_[m] == 0 || (excluded_by_[m] == 1 && outside(factor, m))) {
        ++wider.members;
        wider.of_interest += data_.of_interest[m];
      }
    }
    set_shares(wider, data_.members, of_interest_);
    restriction.density_without = wider.density;
    restriction.coverage_without = wider.coverage;
    restriction.mass_without = wider.mass;
    restriction.density_drop = box_.density - wider.density;
    restriction.quasi_p = binomial_tail(box_.members, box_.of_interest, wider.density);
    return restriction;
  }

 private:
  double value(std::size_t factor, std::size_t member) const {
    return data_.values[factor * data_.members + member];
  }
  bool outside(std::size_t factor, std::size_t member) const {
    const double x = value(factor, member);
    return x < box_.lower[factor] || x > box_.upper[factor];
  }

  /// The `wanted` members nearest `side` of `factor`'s range among those
  /// only that range excludes, with every member equal to the last.
  std::optional<Slice> paste(std::size_t factor, Side side, std::size_t wanted) const {
    const bool below = side == Side::Lower;
    const double bound = below ? box_.lower[factor] : box_.upper[factor];
    std::vector<double> candidates;  // their values
    for (std::size_t m = 0; m < data_.members; ++m) {
      const double x = value(factor, m);
      if (excluded_by_[m] == 1 && (below ? x < bound : x > bound)) candidates.push_back(x);
    }
    if (candidates.empty()) return std::nullopt;
    const auto nearer = [below](double a, double b) { return below ? a > b : a < b; };
    Slice slice{factor, side, 0, 0, below ? -INFINITE : INFINITE};
    double last = below ? -INFINITE : INFINITE;  // the farthest value added
    if (candidates.size() > wanted) {
      const auto nth = candidates.begin() + static_cast<std::ptrdiff_t>(wanted - 1);
      std::nth_element(candidates.begin(), nth, candidates.end(), nearer);
      last = *nth;
      // The nearest value left out: the new bound lies between it and the last added.
      std::optional<double> next;
      for (const double x : candidates) {
        if (nearer(last, x) && (!next || nearer(x, *next))) next = x;
      }
      if (next) slice.bound = bound_between(last, *next);
    }
    for (std::size_t m = 0; m < data_.members; ++m) {
      const double x = value(factor, m);
      if (excluded_by_[m] == 1 && (below ? x < bound : x > bound) && !nearer(last, x)) {
        ++slice.members;
        slice.of_interest += data_.of_interest[m];
      }
    }
    return slice;
  }

  const PrimData& data_;
  std::uint64_t of_interest_;
  PrimBox box_;
  std::vector<std::uint32_t> excluded_by_;
};

void check_data(const PrimData& data) {
  if (data.members == 0 || data.members > std::numeric_limits<Member>::max())
    throw InputError("PRIM: expected from 1 to 4294967295 members, found " +
                     std::to_string(data.members));
  if (data.values.size() != data.members * data.factors)
    throw InputError("PRIM: the values have size " + std::to_string(data.values.size()) +
                     ", while factors × members is " + std::to_string(data.members * data.factors) +
                     " (the two should be equal)");
  if (data.of_interest.size() != data.members)
    throw InputError("PRIM: the outcomes have size " + std::to_string(data.of_interest.size()) +
                     ", while there are " + std::to_string(data.members) +
                     " members (the two should be equal)");
  for (std::size_t m = 0; m < data.members; ++m) {
    if (data.of_interest[m] > 1)
      throw InputError("PRIM: the outcome of member " + std::to_string(m) + " is " +
                       std::to_string(data.of_interest[m]) + ", while it should be 0 or 1");
  }
  for (std::size_t i = 0; i < data.values.size(); ++i) {
    if (!std::isfinite(data.values[i]))
      throw InputError(std::string("PRIM: factor ") + std::to_string(i / data.members) +
                       " of member " + std::to_string(i % data.members) +
                       " is not a finite number");
  }
}

/// The densest box of the trajectory with at least the minimum coverage
/// (box 0 has all of it); the earlier, larger one of equals.
std::size_t chosen_box(const std::vector<PrimBox>& trajectory, std::uint64_t of_interest,
                       double minimum_coverage) {
  std::size_t chosen = 0;
  for (std::size_t b = 1; b < trajectory.size(); ++b) {
    const PrimBox& box = trajectory[b];
    if (static_cast<double>(box.of_interest) < minimum_coverage * static_cast<double>(of_interest))
      continue;
    if (denser({box.of_interest, box.members},
               {trajectory[chosen].of_interest, trajectory[chosen].members}))
      chosen = b;
  }
  return chosen;
}

}  // namespace

void check_prim_options(const PrimOptions& options) {
  check_setting("PRIM peel_alpha", options.peel_alpha, PEEL_ALPHA_RANGE);
  check_setting("PRIM paste_alpha", options.paste_alpha, PASTE_ALPHA_RANGE);
  check_setting("PRIM minimum_mass", options.minimum_mass, MINIMUM_MASS_RANGE);
  check_setting("PRIM minimum_coverage", options.minimum_coverage, MINIMUM_COVERAGE_RANGE);
  check_setting("PRIM threads", static_cast<std::int64_t>(options.threads), THREADS_RANGE);
}

bool PrimBox::restricts(std::size_t factor) const {
  return lower[factor] > -INFINITE || upper[factor] < INFINITE;
}

std::size_t PrimBox::restricted_factors() const {
  std::size_t count = 0;
  for (std::size_t f = 0; f < lower.size(); ++f) count += restricts(f) ? 1 : 0;
  return count;
}

PrimResult prim(const PrimData& data, const PrimOptions& options) {
  check_prim_options(options);
  check_data(data);
  PrimResult result;
  result.members = data.members;
  for (const std::uint8_t outcome : data.of_interest) result.of_interest += outcome;
  if (result.of_interest == 0)
    throw InputError("PRIM: no member is of interest: there is no box to find");

  Peeling peeling(data, options, result.of_interest);
  result.trajectory.push_back(peeling.box());
  while (const std::optional<Slice> slice = peeling.best_peel()) {
    peeling.remove(*slice);
    result.trajectory.push_back(peeling.box());
  }

  result.chosen = chosen_box(result.trajectory, result.of_interest, options.minimum_coverage);
  Pasting pasting(data, result.trajectory[result.chosen], result.of_interest);
  while (const std::optional<Slice> slice = pasting.best_paste(options.paste_alpha)) {
    pasting.add(*slice);
    ++result.pastes;
  }
  result.box = pasting.box();

  for (std::size_t f = 0; f < data.factors; ++f) {
    if (result.box.restricts(f)) result.restrictions.push_back(pasting.without(f));
  }
  std::stable_sort(result.restrictions.begin(), result.restrictions.end(),
                   [](const PrimRestriction& a, const PrimRestriction& b) {
                     return a.density_drop > b.density_drop;
                   });
  return result;
}

}  // namespace traj
