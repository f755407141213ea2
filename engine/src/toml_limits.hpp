#pragma once
// A scan of TOML text before toml++ parses it: bounds what would make the
// parsed tree, and every recursive walk over it, arbitrarily deep.

#include <string>
#include <string_view>

#include "traj/error.hpp"

namespace traj {

/// Whether `text` keeps within the limits of docs/scenario-format.md
/// (MAX_KEY_PARTS, MAX_KEY_BYTES, MAX_BRACKET_NESTING of document_loader.hpp);
/// reports the first excess, located, otherwise. Errors of syntax are left to
/// the parser: the scan only needs to tell keys, strings and comments apart.
bool within_toml_limits(std::string_view text, const std::string& display_path,
                        Diagnostics& diagnostics);

}  // namespace traj
