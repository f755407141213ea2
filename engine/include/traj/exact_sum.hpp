#pragma once
/// Sums of doubles kept exactly: each value is added to a fixed-point number
/// wide enough for the whole double range (digits of 32 bits in 64-bit
/// words, so that carries wait). Exact sums do not depend on the order in
/// which values were added or partial sums merged, which is what makes an
/// ensemble's statistics identical whether its batches ran on one process or
/// on R ranks, in any order. Rounded to double only when read.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace traj {

class ExactSums {
 public:
  /// 70 digits of 32 bits: 2^-1074 … 2^1024, and room for carries and sign.
  static constexpr std::size_t DIGITS = 70;
  /// Words per sum: the digits, then counts of NaN, +inf and −inf added.
  static constexpr std::size_t WORDS = DIGITS + 3;

  explicit ExactSums(std::size_t count = 0) : words_(count * WORDS, 0) {}
  std::size_t size() const { return words_.size() / WORDS; }

  /// Adds `value` to sum `index`. Up to 2^31 additions between normalize() calls.
  void add(std::size_t index, double value);
  void merge(const ExactSums& other);
  /// Propagates carries: each digit in [0, 2^32), the last one signed.
  /// Normalized sums of up to 2^31 processes can be added word by word.
  void normalize();
  /// The words of every sum (for a sum over processes: normalize() first).
  std::span<std::int64_t> words() { return words_; }
  /// Sum `index`, rounded to a double (the same double for the same exact
  /// sum, however it was reached). NaN if a NaN, or both infinities, were added.
  double value(std::size_t index) const;

 private:
  std::vector<std::int64_t> words_;  ///< [index × WORDS + word]
};

}  // namespace traj
