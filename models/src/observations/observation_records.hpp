#pragma once
// The records of an observations file as written, before any check against
// the scenario: shared by the CSV and TOML readers and the resolution.

#include <optional>
#include <string>
#include <vector>

#include "traj/error.hpp"

namespace traj::territory::observations {

/// One field as written: text (CSV, or a TOML string) or a number (TOML),
/// or an interval (TOML `[low, high]`).
struct RawField {
  bool present = false;
  std::string text;
  std::optional<double> number;
  std::optional<std::pair<double, double>> interval;
  SourceLocation where;
  std::string key;  ///< the column name (CSV) or key path (TOML), for messages
};

struct RawRecord {
  RawField indicator, year, value, unit, uncertainty, status;
  SourceLocation where;
};

struct RawFile {
  bool illustrative = false;
  std::string source;
  std::vector<RawRecord> records;
};

/// Column names, in the documented order.
inline const std::vector<std::string>& column_names() {
  static const std::vector<std::string> names = {"indicator", "year",        "value",
                                                 "unit",      "uncertainty", "status"};
  return names;
}

RawFile read_csv(const std::string& path, const std::string& text, Diagnostics& diagnostics);
RawFile read_toml(const std::string& path, const std::string& text, Diagnostics& diagnostics);

}  // namespace traj::territory::observations
