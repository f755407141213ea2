#include "traj/quantile_sketch.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>

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
}  // namespace

std::int32_t QuantileSketch::index_of(double magnitude) const {
  return static_cast<std::int32_t>(std::floor(interpolated_log2(magnitude) * inverse_log_gamma_));
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
  for (std::size_t i = 0; i < other.counts.size(); ++i) {
    if (other.counts[i] == 0) continue;
    const auto index = other.offset + static_cast<std::int32_t>(i);
    add(index);
    counts[static_cast<std::size_t>(index - offset)] += other.counts[i] - 1;
  }
}

void QuantileSketch::add(double value) {
  ++count_;
  if (value > SMALLEST) {
    positive_.add(index_of(value));
  } else if (value < -SMALLEST) {
    negative_.add(index_of(-value));
  } else {
    ++zeros_;
  }
}

void QuantileSketch::add(const double* values, std::size_t count) {
  // Common case: every value positive. Indices first, one resize, then counts.
  std::int32_t indices[256];
  std::size_t done = 0;
  while (done < count) {
    const std::size_t n = std::min<std::size_t>(256, count - done);
    bool positive = true;
    std::int32_t low = std::numeric_limits<std::int32_t>::max();
    std::int32_t high = std::numeric_limits<std::int32_t>::min();
    for (std::size_t i = 0; i < n; ++i) {
      const double value = values[done + i];
      positive = positive && value > SMALLEST;
      indices[i] = positive ? index_of(value) : 0;
      low = std::min(low, indices[i]);
      high = std::max(high, indices[i]);
    }
    if (!positive) {
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

}  // namespace traj
