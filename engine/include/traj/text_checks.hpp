#pragma once
/// Checks on the text a scenario holds (names, descriptions, keys), so that
/// nothing read from a file can drive the terminal or break a report.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace traj {

/// A character that has no place in a text, and where it is.
struct ControlCharacter {
  std::size_t position;  ///< in characters, from 1
  char32_t code;
  /// e.g. "U+001B at character 3"
  std::string describe() const;
};

/// The first control character of UTF-8 `text`: C0 (U+0000–U+001F), DEL
/// (U+007F) or C1 (U+0080–U+009F). Line feed and tab are allowed when
/// `allow_line_breaks` (multi-line descriptions); carriage returns never.
std::optional<ControlCharacter> find_control_character(std::string_view text,
                                                       bool allow_line_breaks);

}  // namespace traj
