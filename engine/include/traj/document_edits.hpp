#pragma once
/// Edits of a loaded document given as `KEY.PATH=VALUE` assignments (the
/// command line's `--set`), applied to the merged ConfigNode tree before any
/// reader sees it, so that the result is checked exactly like a file.
///
/// KEY.PATH is dotted; an element of an array of tables is entered by its
/// `id` (`actions.deep-renovation.adoption.ceiling`) or by `[N]`
/// (`actions.deep-renovation.effects[0].fraction`). VALUE is TOML: a number,
/// a "string", an [array] or an { inline = "table" }. The value replaces what
/// the path names (a whole table too); a key a table lacks is inserted (the
/// reader then reports it if it is unknown). Every node an assignment brings
/// is located at `LABEL #N` (N counts from 1), with no line or column, so that
/// later diagnostics read `--set #2: error: KEY.PATH: …`.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "traj/config_node.hpp"
#include "traj/error.hpp"

namespace traj {

/// One parsed assignment.
struct Assignment {
  std::string key_path;           ///< as typed, trimmed
  std::vector<std::string> keys;  ///< the dotted parts, `[N]` kept on its part
  ConfigNode value;               ///< located at `where`
  SourceLocation where;           ///< `LABEL #N`
};

/// `LABEL #N` (N = index + 1), the location of the index-th assignment.
std::string assignment_label(std::string_view label, std::size_t index);

/// Parses `text` (`KEY.PATH=VALUE`), the index-th assignment. Problems (no
/// `=`, an empty key part, VALUE not one TOML value) go to `diagnostics`.
std::optional<Assignment> parse_assignment(const std::string& text, std::size_t index,
                                           std::string_view label, Diagnostics& diagnostics);

/// Parses and applies every assignment to `root`, in order (a later one
/// wins). Each problem (also an unknown id, with "did you mean") goes to
/// `diagnostics`; an assignment that fails changes nothing.
void apply_assignments(ConfigNode& root, const std::vector<std::string>& assignments,
                       std::string_view label, Diagnostics& diagnostics);

}  // namespace traj
