#pragma once
/// Loads a configuration document (TOML) and the files it includes.
///
/// A document may name other documents in a top-level `include` (a string or
/// an array of strings, paths relative to the including file). Included
/// documents are merged first, in order, then the including document over
/// them: tables merge key by key, arrays of tables are concatenated, and any
/// other value of the including document replaces the included one. A file
/// reached again through another include is read and merged once, where it
/// is first included (so a diamond of includes stays linear).
///
/// Limits below (and MAX_INPUT_BYTES per file), so that no input can exhaust
/// the stack, the memory or the time (docs/scenario-format.md#limits): going
/// beyond one is an input error, located.

#include <cstddef>
#include <string>
#include <vector>

#include "traj/config_node.hpp"
#include "traj/error.hpp"
#include "traj/source_provider.hpp"

namespace traj {

/// Files in one chain of includes, the main one first.
inline constexpr std::size_t MAX_INCLUDE_DEPTH = 32;
/// Distinct files of one document.
inline constexpr std::size_t MAX_INCLUDED_FILES = 256;
/// Dotted parts of one key (`a.b.c` has 3), in a table header or before `=`.
inline constexpr std::size_t MAX_KEY_PARTS = 64;
/// Bytes of one part of a key.
inline constexpr std::size_t MAX_KEY_BYTES = 256;
/// Arrays and inline tables open at once.
inline constexpr std::size_t MAX_BRACKET_NESTING = 64;
/// Levels of tables and arrays in a parsed file (keys' parts and brackets).
inline constexpr std::size_t MAX_VALUE_DEPTH = 128;

struct Document {
  ConfigNode root;                 ///< merged content, without `include`
  std::vector<std::string> files;  ///< every file read, the main one first
  std::vector<std::string> texts;  ///< the text of each of `files`, as it was parsed
};

/// Loads `path` and its includes. Syntax errors, missing files and include
/// cycles are added to `diagnostics`; what could be read is returned.
Document load_document(const std::string& path, const SourceProvider& sources,
                       Diagnostics& diagnostics);

/// Parses TOML text (`display_path` is used in locations). Exposed for tests.
ConfigNode parse_toml(const std::string& text, const std::string& display_path,
                      Diagnostics& diagnostics);

}  // namespace traj
