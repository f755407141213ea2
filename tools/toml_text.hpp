#pragma once
/// Values written back as TOML text: by `traj scenario show` and by the
/// files `traj run --save-portfolio` writes.

#include <string>

#include "traj/config_node.hpp"

namespace traj::cli {

/// The shortest text that reads back as exactly `value`.
std::string number_text(double value);
/// A TOML basic string, quoted and escaped.
std::string toml_string(const std::string& text);
/// A value as TOML would write it inline.
std::string toml_text(const ConfigNode& node);

}  // namespace traj::cli
