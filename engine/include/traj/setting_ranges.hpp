#pragma once
/// The values an ensemble's settings may take, stated once: the command line
/// checks its options against them, a results file's reader checks the
/// attributes it reads back against them, and the engine refuses anything
/// else. So a value the command line refuses can never reach the engine by
/// another way (a forged results file), and the ranges cannot drift apart.

#include <cstdint>
#include <limits>
#include <string>

namespace traj {

/// Integers from `low` to `high` inclusive.
struct IntegerRange {
  std::uint64_t low;
  std::uint64_t high;
};

/// Finite numbers from `low` to `high` inclusive (never NaN or infinite).
struct NumberRange {
  double low;
  double high;
};

/// Members of an ensemble (and the cap on them with a precision target).
inline constexpr IntegerRange MEMBERS_RANGE{1, 1'000'000'000};
/// Seeds: stored as signed 64-bit attributes and JSON integers, so below 2^63.
inline constexpr IntegerRange SEED_RANGE{0,
                                         std::uint64_t{std::numeric_limits<std::int64_t>::max()}};
/// Threads (0: every core).
inline constexpr IntegerRange THREADS_RANGE{0, 1024};
/// Members per block of the kernel.
inline constexpr IntegerRange BLOCK_RANGE{1, 4096};
/// A precision target: half-width of the 95 % interval of every objective
/// (0, in a results file, means none).
inline constexpr NumberRange PRECISION_RANGE{1e-6, 0.5};
/// A quantile level.
inline constexpr NumberRange QUANTILE_LEVEL_RANGE{0.0, 1.0};
/// Quantile levels of one run (the command line adds 0.05, 0.5 and 0.95).
inline constexpr IntegerRange QUANTILE_COUNT_RANGE{1, 100};
/// A year of a scenario (the loader's bounds: base_year 1900–2100, horizon
/// up to 2200).
inline constexpr IntegerRange YEAR_RANGE{1900, 2200};
/// Relative accuracy of the quantile sketches (traj writes 0.001).
inline constexpr NumberRange SKETCH_ACCURACY_RANGE{1e-4, 0.1};

/// "an integer from 1 to 4096", "a number from 0 to 1".
std::string describe(IntegerRange range);
std::string describe(NumberRange range);

/// What is wrong with `text` as a decimal integer in `range` ("expected an
/// integer from 1 to 4096, found 0"), or "" if nothing; `value` gets the
/// number when it is right.
std::string integer_problem(const std::string& text, IntegerRange range, std::uint64_t& value);
/// The same for a finite number in `range` (NaN and infinities are refused).
std::string number_problem(const std::string& text, NumberRange range, double& value);

/// Throw InputError "WHAT: expected …, found VALUE" when `value` is outside
/// `range` (or, for numbers, not finite).
void check_setting(const std::string& what, std::int64_t value, IntegerRange range);
void check_setting(const std::string& what, std::uint64_t value, IntegerRange range);
void check_setting(const std::string& what, double value, NumberRange range);

}  // namespace traj
