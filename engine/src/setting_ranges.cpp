#include "traj/setting_ranges.hpp"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "traj/error.hpp"

namespace traj {
namespace {

std::string shown(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  std::string text = buffer;
  // The shortest text that reads back as the same double.
  for (int digits = 1; digits < 17; ++digits) {
    std::snprintf(buffer, sizeof buffer, "%.*g", digits, value);
    if (std::strtod(buffer, nullptr) == value) return buffer;
  }
  return text;
}

std::string found(const std::string& text) {
  return text.empty() ? std::string("nothing") : "\"" + text + "\"";
}

}  // namespace

std::string describe(IntegerRange range) {
  return "an integer from " + std::to_string(range.low) + " to " + std::to_string(range.high);
}

std::string describe(NumberRange range) {
  return "a finite number from " + shown(range.low) + " to " + shown(range.high);
}

std::string integer_problem(const std::string& text, IntegerRange range, std::uint64_t& value) {
  const std::string expected = "expected " + describe(range) + ", found ";
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  const bool negative = text.size() > 1 && text[0] == '-';
  if (negative) {
    digits = 1;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  }
  if (text.empty() || digits != text.size() || (negative && digits == 1)) {
    return expected + found(text) + " (write it in decimal digits)";
  }
  if (negative) return expected + text;
  errno = 0;
  const unsigned long long parsed = std::strtoull(text.c_str(), nullptr, 10);
  if (errno == ERANGE || parsed < range.low || parsed > range.high) return expected + text;
  value = parsed;
  return "";
}

std::string number_problem(const std::string& text, NumberRange range, double& value) {
  const std::string expected = "expected " + describe(range) + ", found ";
  char* end = nullptr;
  const double parsed = text.empty() ? 0.0 : std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || text.front() == ' ') {
    return expected + found(text);
  }
  if (!std::isfinite(parsed) || parsed < range.low || parsed > range.high) {
    return expected + text;
  }
  value = parsed;
  return "";
}

void check_setting(const std::string& what, std::int64_t value, IntegerRange range) {
  if (value < 0) {
    throw InputError(what + ": expected " + describe(range) + ", found " + std::to_string(value));
  }
  check_setting(what, static_cast<std::uint64_t>(value), range);
}

void check_setting(const std::string& what, std::uint64_t value, IntegerRange range) {
  if (value < range.low || value > range.high) {
    throw InputError(what + ": expected " + describe(range) + ", found " + std::to_string(value));
  }
}

void check_setting(const std::string& what, double value, NumberRange range) {
  if (!std::isfinite(value) || value < range.low || value > range.high) {
    throw InputError(what + ": expected " + describe(range) + ", found " + shown(value));
  }
}

}  // namespace traj
