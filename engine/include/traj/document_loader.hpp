#pragma once
/// Loads a configuration document (TOML) and the files it includes.
///
/// A document may name other documents in a top-level `include` (a string or
/// an array of strings, paths relative to the including file). Included
/// documents are merged first, in order, then the including document over
/// them: tables merge key by key, arrays of tables are concatenated, and any
/// other value of the including document replaces the included one.

#include <string>
#include <vector>

#include "traj/config_node.hpp"
#include "traj/error.hpp"
#include "traj/source_provider.hpp"

namespace traj {

struct Document {
  ConfigNode root;                 ///< merged content, without `include`
  std::vector<std::string> files;  ///< every file read, the main one first
};

/// Loads `path` and its includes. Syntax errors, missing files and include
/// cycles are added to `diagnostics`; what could be read is returned.
Document load_document(const std::string& path, const SourceProvider& sources,
                       Diagnostics& diagnostics);

/// Parses TOML text (`display_path` is used in locations). Exposed for tests.
ConfigNode parse_toml(const std::string& text, const std::string& display_path,
                      Diagnostics& diagnostics);

}  // namespace traj
