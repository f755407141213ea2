#pragma once
/// A parsed configuration document that remembers where each value came from.
///
/// The scenario format is TOML, but only the document loader knows it: the
/// rest of the code reads `ConfigNode`s, whose every value carries its
/// `SourceLocation`, so that any later check can point at the file, line and
/// column of the value it rejects.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "traj/error.hpp"

namespace traj {

struct ConfigNode {
  enum class Kind { Table, Array, String, Integer, Float, Boolean, Other };

  Kind kind = Kind::Table;
  SourceLocation where;
  std::string text;     ///< String
  double number = 0.0;  ///< Integer and Float (integers converted exactly up to 2^53)
  std::int64_t integer = 0;
  bool boolean = false;
  std::vector<std::string> keys;     ///< Table: keys, in document order
  std::vector<ConfigNode> children;  ///< Table: values parallel to `keys`; Array: elements

  bool is_table() const { return kind == Kind::Table; }
  bool is_array() const { return kind == Kind::Array; }
  bool is_string() const { return kind == Kind::String; }
  bool is_number() const { return kind == Kind::Integer || kind == Kind::Float; }

  /// The value at `key` in a table, or nullptr.
  const ConfigNode* find(std::string_view key) const;
  ConfigNode* find(std::string_view key);

  /// "a table", "an array", "a string", "an integer", "a float", "a boolean"
  /// followed by the value for scalars, e.g. `a string "abc"`, for messages.
  std::string describe() const;
};

/// `Kind` as a noun phrase without the value, e.g. "a string".
std::string_view kind_name(ConfigNode::Kind kind);

}  // namespace traj
