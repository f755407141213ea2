#include "traj/exact_sum.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <limits>

namespace traj {
namespace {

constexpr std::size_t NAN_WORD = ExactSums::DIGITS;
constexpr std::size_t POSITIVE_INFINITY_WORD = ExactSums::DIGITS + 1;
constexpr std::size_t NEGATIVE_INFINITY_WORD = ExactSums::DIGITS + 2;
// Bit position 0 of the fixed-point number weighs 2^-1074 (the smallest subnormal).
constexpr int LOWEST_EXPONENT = -1074;
constexpr std::int64_t DIGIT_MASK = 0xffffffff;

void normalize_digits(std::int64_t* digits) {
  std::int64_t carry = 0;
  for (std::size_t k = 0; k + 1 < ExactSums::DIGITS; ++k) {
    const std::int64_t value = digits[k] + carry;
    digits[k] = value & DIGIT_MASK;
    carry = value >> 32;  // arithmetic: floor division by 2^32
  }
  digits[ExactSums::DIGITS - 1] += carry;
}

}  // namespace

void ExactSums::add(std::size_t index, double value) {
  std::int64_t* word = words_.data() + index * WORDS;
  if (!std::isfinite(value)) {
    ++word[std::isnan(value) ? NAN_WORD
                             : (value > 0 ? POSITIVE_INFINITY_WORD : NEGATIVE_INFINITY_WORD)];
    return;
  }
  if (value == 0.0) return;
  const auto bits = std::bit_cast<std::uint64_t>(value);
  const auto biased = static_cast<int>((bits >> 52) & 0x7ff);
  std::uint64_t mantissa = bits & 0x000fffffffffffffULL;
  int exponent = LOWEST_EXPONENT;  // of the mantissa's lowest bit
  if (biased != 0) {
    mantissa |= 0x0010000000000000ULL;
    exponent = biased - 1075;
  }
  const auto position = static_cast<unsigned>(exponent - LOWEST_EXPONENT);
  const std::size_t digit = position / 32;
  // mantissa · 2^shift has at most 53 + 31 bits: three 32-bit digits.
  const unsigned shift = position % 32;
  const std::uint64_t shifted = mantissa << shift;  // its bits 0 … 63
  const std::array<std::int64_t, 3> parts = {
      static_cast<std::int64_t>(shifted & DIGIT_MASK),
      static_cast<std::int64_t>((shifted >> 32) & DIGIT_MASK),
      static_cast<std::int64_t>(shift == 0 ? 0 : mantissa >> (64 - shift))};
  const bool negative = (bits >> 63) != 0;
  for (std::size_t p = 0; p < parts.size(); ++p) {
    word[digit + p] += negative ? -parts[p] : parts[p];
  }
}

void ExactSums::merge(const ExactSums& other) {
  for (std::size_t i = 0; i < words_.size(); ++i) words_[i] += other.words_[i];
}

void ExactSums::normalize() {
  for (std::size_t index = 0; index < size(); ++index) {
    normalize_digits(words_.data() + index * WORDS);
  }
}

double ExactSums::value(std::size_t index) const {
  const std::int64_t* word = words_.data() + index * WORDS;
  const bool positive_infinity = word[POSITIVE_INFINITY_WORD] != 0;
  const bool negative_infinity = word[NEGATIVE_INFINITY_WORD] != 0;
  if (word[NAN_WORD] != 0 || (positive_infinity && negative_infinity)) {
    return std::numeric_limits<double>::quiet_NaN();
  }
  if (positive_infinity) return std::numeric_limits<double>::infinity();
  if (negative_infinity) return -std::numeric_limits<double>::infinity();
  // Normalized words that are not negative (every sum after normalize(),
  // as an ensemble reads them) are their own normalized digits: normalizing
  // them again would change nothing, so they are read in place.
  std::int64_t above = 0;
  for (std::size_t k = 0; k + 1 < DIGITS; ++k) above |= word[k] >> 32;
  bool negative = false;
  std::array<std::int64_t, DIGITS> copied;
  const std::int64_t* digits = word;
  if (above != 0 || word[DIGITS - 1] < 0) {
    std::copy_n(word, DIGITS, copied.begin());
    normalize_digits(copied.data());
    negative = copied[DIGITS - 1] < 0;
    if (negative) {
      for (auto& digit : copied) digit = -digit;
      normalize_digits(copied.data());
    }
    digits = copied.data();
  }
  // The normalized digits are unique for an exact sum; from its three
  // leading digits (≥ 65 significant bits) the double follows.
  std::size_t top = DIGITS;
  while (top > 0 && digits[top - 1] == 0) --top;
  if (top == 0) return 0.0;
  const std::size_t lowest = top >= 3 ? top - 3 : 0;
  double magnitude = 0.0;
  for (std::size_t k = lowest; k < top; ++k) {
    magnitude +=
        std::ldexp(static_cast<double>(digits[k]), static_cast<int>(32 * k) + LOWEST_EXPONENT);
  }
  return negative ? -magnitude : magnitude;
}

}  // namespace traj
