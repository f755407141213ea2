#include "traj/quantile_sketch.hpp"

#include "traj/lane_clones.hpp"
#include "traj/lane_vector.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <string>

namespace traj {
namespace {
// Magnitudes below this count as zero (1e-9 of the smallest unit we report).
constexpr double SMALLEST = 1e-12;
}  // namespace

QuantileSketch::QuantileSketch(double relative_accuracy)
    : alpha_(relative_accuracy),
      gamma_((1.0 + relative_accuracy) / (1.0 - relative_accuracy)),
      inverse_log_gamma_(1.0 / std::log(gamma_)) {}

// Linearly interpolated logarithm (DDSketch's LinearlyInterpolatedMapping):
// for x = 2^e · m with m in [1, 2), L(x) = e + (m − 1) is monotone, exact at
// powers of two, and dL/d(ln x) = m ≥ 1, so bins of width 1/k in L span a
// ratio of at most exp(1/k) = γ in x when k = 1/ln γ. It needs no log call.
namespace {
double interpolated_log2(double magnitude) {
  const auto bits = std::bit_cast<std::uint64_t>(magnitude);
  const auto exponent = static_cast<std::int64_t>((bits >> 52) & 0x7ff) - 1023;
  const double mantissa =
      std::bit_cast<double>((bits & 0x000fffffffffffffULL) | 0x3ff0000000000000ULL);
  return static_cast<double>(exponent) + (mantissa - 1.0);
}

double inverse_interpolated_log2(double value) {
  const double exponent = std::floor(value);
  return std::ldexp(1.0 + (value - exponent), static_cast<int>(exponent));
}

/// The bin of a positive magnitude: floor(L(magnitude) / ln γ), L the
/// interpolated logarithm above.
inline std::int32_t bin_of(double magnitude, double inverse_log_gamma) {
  return static_cast<std::int32_t>(std::floor(interpolated_log2(magnitude) * inverse_log_gamma));
}
}  // namespace

std::int32_t QuantileSketch::index_of(double magnitude) const {
  return bin_of(magnitude, inverse_log_gamma_);
}

// A value within α of every value of the bin [low, high): 2·low·high / (low + high).
double QuantileSketch::value_of(std::int32_t index) const {
  const double low = inverse_interpolated_log2(static_cast<double>(index) / inverse_log_gamma_);
  const double high =
      inverse_interpolated_log2(static_cast<double>(index + 1) / inverse_log_gamma_);
  return 2.0 * low * high / (low + high);
}

void QuantileSketch::Store::add(std::int32_t index) {
  if (counts.empty()) {
    offset = index;
    counts.assign(1, 0);
  } else if (index < offset) {
    counts.insert(counts.begin(), static_cast<std::size_t>(offset - index), 0);
    offset = index;
  } else if (index >= offset + static_cast<std::int32_t>(counts.size())) {
    counts.resize(static_cast<std::size_t>(index - offset + 1), 0);
  }
  ++counts[static_cast<std::size_t>(index - offset)];
}

void QuantileSketch::Store::reserve(std::int32_t low, std::int32_t high) {
  if (counts.empty()) {
    offset = low;
    counts.assign(static_cast<std::size_t>(high - low + 1), 0);
    return;
  }
  if (low < offset) {
    counts.insert(counts.begin(), static_cast<std::size_t>(offset - low), 0);
    offset = low;
  }
  if (high >= offset + static_cast<std::int32_t>(counts.size())) {
    counts.resize(static_cast<std::size_t>(high - offset + 1), 0);
  }
}

void QuantileSketch::Store::merge(const Store& other) {
  if (other.counts.empty()) return;
  reserve(other.offset, other.offset + static_cast<std::int32_t>(other.counts.size()) - 1);
  std::uint32_t* into = counts.data() + (other.offset - offset);
  for (std::size_t i = 0; i < other.counts.size(); ++i) into[i] += other.counts[i];
}

void QuantileSketch::check_room(std::uint64_t held, std::uint64_t added) {
  if (added > MAX_COUNT - held)
    throw std::length_error("quantile sketch: more than " + std::to_string(MAX_COUNT) +
                            " values (its bins count in 32 bits)");
}

void QuantileSketch::add(double value) {
  check_room(count_, 1);
  ++count_;
  if (value > SMALLEST) {
    positive_.add(index_of(value));
  } else if (value < -SMALLEST) {
    negative_.add(index_of(-value));
  } else {
    ++zeros_;
  }
}

namespace {
typedef std::int32_t Int4 __attribute__((vector_size(16)));

/// Bin indices of up to 256 values, with their range; false when a value is
/// not above SMALLEST (those are left to the value-by-value path). Four
/// values at a time on Double4 (GCC did not vectorise the scalar loop); the
/// same numbers as bin_of: the exponent as a double and the floor both by
/// the 1.5 · 2^52 trick, for bins far inside the int32 range.
template <typename Value>
TRAJ_LANE_CLONES bool positive_indices(const Value* values, std::size_t count,
                                       double inverse_log_gamma, std::int32_t* indices,
                                       std::int32_t& low, std::int32_t& high) {
  constexpr double MAGIC = 0x1.8p52;  // 1.5 · 2^52: e + MAGIC holds integer e in its mantissa
  const Double4 smallest = {SMALLEST, SMALLEST, SMALLEST, SMALLEST};
  const Double4 one = {1.0, 1.0, 1.0, 1.0}, zero = {0.0, 0.0, 0.0, 0.0},
                magic = {MAGIC, MAGIC, MAGIC, MAGIC};
  const Double4 scale = {inverse_log_gamma, inverse_log_gamma, inverse_log_gamma,
                         inverse_log_gamma};
  Mask4 small = {0, 0, 0, 0};
  Int4 lowest = {INT32_MAX, INT32_MAX, INT32_MAX, INT32_MAX};
  Int4 highest = {INT32_MIN, INT32_MIN, INT32_MIN, INT32_MIN};
  std::size_t i = 0;
  for (; i + 4 <= count; i += 4) {
    const Double4 value = load4(values + i);
    const Mask4 positive = value > smallest;
    small |= ~positive;
    const Double4 magnitude = positive ? value : one;
    const Mask4 bits = __builtin_bit_cast(Mask4, magnitude);
    const Mask4 biased = (bits >> 52) & 0x7ff;  // exponent + 1023, non-negative
    const Mask4 magic_bits = __builtin_bit_cast(Mask4, magic) + biased;
    const Double4 exponent = (__builtin_bit_cast(Double4, magic_bits) - magic) - 1023.0;
    const Mask4 mantissa_bits = (bits & 0x000fffffffffffffLL) | 0x3ff0000000000000LL;
    const Double4 log2 = exponent + (__builtin_bit_cast(Double4, mantissa_bits) - 1.0);
    const Double4 scaled = log2 * scale;
    // floor(scaled): rounded to nearest by the 1.5 · 2^52 trick, less one
    // where that rounded up; selected in doubles, so no mask is narrowed to
    // 32 bits (shuffles); then converted exactly.
    const Double4 rounded = (scaled + magic) - magic;
    const Double4 floored = rounded - (rounded > scaled ? one : zero);
    const Int4 index = __builtin_convertvector(floored, Int4);
    std::memcpy(indices + i, &index, sizeof index);
    lowest = index < lowest ? index : lowest;
    highest = index > highest ? index : highest;
  }
  bool all_positive = (small[0] | small[1] | small[2] | small[3]) == 0;
  low = std::min({lowest[0], lowest[1], lowest[2], lowest[3]});
  high = std::max({highest[0], highest[1], highest[2], highest[3]});
  for (; i < count; ++i) {
    const double value = values[i];
    const bool positive = value > SMALLEST;
    all_positive = all_positive && positive;
    indices[i] = bin_of(positive ? value : 1.0, inverse_log_gamma);
    low = std::min(low, indices[i]);
    high = std::max(high, indices[i]);
  }
  return all_positive;
}
}  // namespace

void QuantileSketch::add(const double* values, std::size_t count) {
  add_values(values, count);
}

void QuantileSketch::add(const float* values, std::size_t count) {
  add_values(values, count);
}

template <typename Value>
void QuantileSketch::add_values(const Value* values, std::size_t count) {
  check_room(count_, count);
  // Common case: every value positive. Indices first, one resize, then counts.
  std::int32_t indices[256];
  std::size_t done = 0;
  while (done < count) {
    const std::size_t n = std::min<std::size_t>(256, count - done);
    std::int32_t low = 0, high = 0;
    if (!positive_indices(values + done, n, inverse_log_gamma_, indices, low, high)) {
      for (std::size_t i = 0; i < n; ++i) add(values[done + i]);
    } else {
      positive_.reserve(low, high);
      for (std::size_t i = 0; i < n; ++i)
        ++positive_.counts[static_cast<std::size_t>(indices[i] - positive_.offset)];
      count_ += n;
    }
    done += n;
  }
}

void QuantileSketch::merge(const QuantileSketch& other) {
  check_room(count_, other.count_);
  count_ += other.count_;
  zeros_ += other.zeros_;
  positive_.merge(other.positive_);
  negative_.merge(other.negative_);
}

double QuantileSketch::quantile(double q) const {
  if (count_ == 0) return std::numeric_limits<double>::quiet_NaN();
  // Rank of the quantile, 0-based, as in the DDSketch paper.
  const auto rank = static_cast<std::uint64_t>(q * static_cast<double>(count_ - 1));
  std::uint64_t seen = 0;
  // Negative values, most negative first.
  for (std::size_t i = negative_.counts.size(); i-- > 0;) {
    seen += negative_.counts[i];
    if (seen > rank) return -value_of(negative_.offset + static_cast<std::int32_t>(i));
  }
  seen += zeros_;
  if (seen > rank) return 0.0;
  for (std::size_t i = 0; i < positive_.counts.size(); ++i) {
    seen += positive_.counts[i];
    if (seen > rank) return value_of(positive_.offset + static_cast<std::int32_t>(i));
  }
  return value_of(positive_.offset + static_cast<std::int32_t>(positive_.counts.size()) - 1);
}

namespace {
// range = {−low, high} of the positive store, then of the negative store.
std::int64_t bins_of(const std::int64_t* range) {
  if (range[0] == QuantileSketch::EMPTY_RANGE) return 0;
  return range[1] + range[0] + 1;
}
}  // namespace

void QuantileSketch::widen_range(std::int64_t* range) const {
  const Store* stores[2] = {&positive_, &negative_};
  for (std::size_t s = 0; s < 2; ++s) {
    const Store& store = *stores[s];
    if (store.counts.empty()) continue;
    range[2 * s] = std::max<std::int64_t>(range[2 * s], -std::int64_t{store.offset});
    range[2 * s + 1] = std::max<std::int64_t>(
        range[2 * s + 1],
        std::int64_t{store.offset} + static_cast<std::int64_t>(store.counts.size()) - 1);
  }
}

std::size_t QuantileSketch::dense_size(const std::int64_t* range) {
  return static_cast<std::size_t>(2 + bins_of(range) + bins_of(range + 2));
}

void QuantileSketch::write_dense(const std::int64_t* range, std::int64_t* out) const {
  out[0] = static_cast<std::int64_t>(count_);
  out[1] = static_cast<std::int64_t>(zeros_);
  std::int64_t* bins = out + 2;
  const Store* stores[2] = {&positive_, &negative_};
  for (std::size_t s = 0; s < 2; ++s) {
    const std::int64_t* store_range = range + 2 * s;
    const std::int64_t width = bins_of(store_range);
    std::fill(bins, bins + width, 0);
    const Store& store = *stores[s];
    for (std::size_t i = 0; i < store.counts.size(); ++i) {
      const std::int64_t index = store.offset + static_cast<std::int64_t>(i);
      bins[index + store_range[0]] = static_cast<std::int64_t>(store.counts[i]);
    }
    bins += width;
  }
}

void QuantileSketch::read_dense(const std::int64_t* range, const std::int64_t* in) {
  check_room(0, static_cast<std::uint64_t>(in[0]));  // every bin is at most the count
  count_ = static_cast<std::uint64_t>(in[0]);
  zeros_ = static_cast<std::uint64_t>(in[1]);
  const std::int64_t* bins = in + 2;
  Store* stores[2] = {&positive_, &negative_};
  for (std::size_t s = 0; s < 2; ++s) {
    const std::int64_t* store_range = range + 2 * s;
    const std::int64_t width = bins_of(store_range);
    Store& store = *stores[s];
    store.counts.clear();
    if (width > 0) {
      store.offset = static_cast<std::int32_t>(-store_range[0]);
      store.counts.assign(bins, bins + width);
    }
    bins += width;
  }
}

}  // namespace traj
