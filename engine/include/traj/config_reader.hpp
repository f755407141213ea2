#pragma once
/// Typed, location-aware reading of ConfigNode tables.
///
/// Every problem becomes a Diagnostic `FILE:LINE:COLUMN: error: KEY.PATH:
/// expected …, found …`; readers return nothing for a value they rejected and
/// carry on, so that one run reports every mistake of a file.

#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "traj/config_node.hpp"
#include "traj/error.hpp"
#include "traj/parameter.hpp"
#include "traj/units.hpp"

namespace traj {

/// Allowed interval of a number, with its wording for messages.
struct ValueRange {
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  std::string_view wording;  ///< e.g. "in [0, 1]"; empty for "any finite number"

  bool contains(double value) const { return value >= min && value <= max; }
};

inline constexpr ValueRange ANY_VALUE{};
inline constexpr ValueRange FRACTION_RANGE{0.0, 1.0, "in [0, 1]"};
inline constexpr ValueRange NON_NEGATIVE{0.0, std::numeric_limits<double>::infinity(), "≥ 0"};
inline constexpr ValueRange POSITIVE{std::numeric_limits<double>::min(),
                                     std::numeric_limits<double>::infinity(), "> 0"};

/// `parent.key`, or `key` at the top level.
std::string join_path(std::string_view parent, std::string_view key);

/// Reads the keys of one table and reports those it did not read.
class TableReader {
 public:
  /// `node` may be null (the table is absent) or not a table (reported).
  TableReader(const ConfigNode* node, std::string path, Diagnostics& diagnostics);

  bool valid() const { return node_ != nullptr; }
  const std::string& path() const { return path_; }
  std::string path_of(std::string_view key) const { return join_path(path_, key); }
  const SourceLocation& where() const;
  Diagnostics& diagnostics() { return diagnostics_; }
  /// The table's keys in document order (empty if invalid).
  const std::vector<std::string>& keys() const;

  /// The value at `key`, marked as read. If `required` and absent, reports
  /// "expected <expected> (required key), found no such key".
  const ConfigNode* get(std::string_view key, bool required, std::string_view expected);
  /// A string on one line, without control characters (names, ids, units).
  std::optional<std::string> string(std::string_view key, bool required);
  /// A string that may hold line breaks and tabs (descriptions).
  std::optional<std::string> text(std::string_view key, bool required);
  /// A string made of letters, digits, '_' and '-' (no dots: they separate
  /// indicator names such as `ghg.residential`).
  std::optional<std::string> identifier(std::string_view key, bool required);
  /// A finite number in `range` that single precision represents (see
  /// is_single_precision).
  std::optional<double> number(std::string_view key, bool required, const ValueRange& range);
  /// number() before unit conversion: single precision is checked after it.
  std::optional<double> unscaled_number(std::string_view key, bool required,
                                        const ValueRange& range);
  std::optional<long> integer(std::string_view key, bool required, long min, long max,
                              std::string_view wording);
  std::optional<bool> boolean(std::string_view key, bool required);
  /// A string or an array of strings.
  std::optional<std::vector<std::string>> strings(std::string_view key, bool required);
  /// The table at `key` (absent: an invalid reader unless required).
  TableReader table(std::string_view key, bool required);
  /// Marks `key` as read without reading it.
  void skip(std::string_view key);
  /// Reports every key that was never read, suggesting close known keys.
  void finish(const std::vector<std::string>& known_keys);

  /// Reports a problem at the value of `key` (or at the table if absent).
  void report(std::string_view key, std::string message);

 private:
  const ConfigNode* node_;
  std::string path_;
  Diagnostics& diagnostics_;
  std::vector<std::string> read_;
};

/// Reports "expected <expected>, found <node>" at the node.
void report_type(Diagnostics& diagnostics, const ConfigNode& node, const std::string& path,
                 std::string_view expected);

/// Whether `text` is a valid identifier (see TableReader::identifier).
bool is_identifier(std::string_view text);

/// Whether the single-precision kernel represents `value` without overflow
/// or underflow: 0, or a magnitude in [FLT_MIN, FLT_MAX] (1.2e-38 to 3.4e38).
bool is_single_precision(double value);

/// Reads numbers that may carry a unit and may be uncertain:
///   0.5 | { value = 12, unit = "GWh" } | { uniform = [a, b] }
///   | { triangular = [min, mode, max] } | { pert = [min, mode, max] }
///   | { normal = { mean = m, sd = s, min = …, max = … } }
///   | { lognormal = { median = m, sigma = s } } | { parameter = "name" }
///   | "30 %" (a fraction only: the same as { value = 30, unit = "%" })
/// Uncertain numbers become parameters of `parameters`.
class QuantityReader {
 public:
  QuantityReader(ParameterSet& parameters, Diagnostics& diagnostics)
      : parameters_(parameters), diagnostics_(diagnostics) {}

  /// `inherited_unit`: the unit of the enclosing table, used when the value
  /// states none.
  std::optional<Quantity> read(const ConfigNode& node, const std::string& path, Dimension dimension,
                               const ValueRange& range,
                               const std::optional<Unit>& inherited_unit = std::nullopt);

  /// Declares a named parameter from its table:
  /// `{ distribution = …, unit = "…", source = "…", description = "…" }`.
  void declare_parameter(const ConfigNode& node, const std::string& name, const std::string& path);

  /// Reads a unit symbol at `key` of `table`; reports unknown units.
  std::optional<Unit> read_unit(TableReader& table, bool required);

 private:
  std::optional<Distribution> read_distribution(const ConfigNode& node, const std::string& path,
                                                std::string& family_key);
  /// A fraction written as a percentage, "30 %" or "30%".
  std::optional<Quantity> read_percentage(const ConfigNode& node, const std::string& path,
                                          const ValueRange& range);
  bool check_range(const Distribution& distribution, const ConfigNode& node,
                   const std::string& path, Dimension dimension, const ValueRange& range);
  /// Every number defining `canonical` (in canonical units) is single precision.
  bool check_single_precision(const Distribution& canonical, const ConfigNode& node,
                              const std::string& path, Dimension dimension);

  ParameterSet& parameters_;
  Diagnostics& diagnostics_;
};

}  // namespace traj
