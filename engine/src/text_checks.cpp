#include "traj/text_checks.hpp"

#include <cstdio>

namespace traj {

std::string ControlCharacter::describe() const {
  char text[48];
  std::snprintf(text, sizeof text, "U+%04X at character %zu", static_cast<unsigned>(code),
                position);
  return text;
}

std::optional<ControlCharacter> find_control_character(std::string_view text,
                                                       bool allow_line_breaks) {
  std::size_t position = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if ((byte & 0xC0) == 0x80) continue;  // continuation of a multi-byte character
    ++position;
    if (byte < 0x20 || byte == 0x7F) {
      if (allow_line_breaks && (byte == '\n' || byte == '\t')) continue;
      return ControlCharacter{position, byte};
    }
    // C1 controls are U+0080–U+009F, encoded C2 80 – C2 9F.
    if (byte == 0xC2 && i + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x80 && next <= 0x9F) return ControlCharacter{position, next};
    }
  }
  return std::nullopt;
}

}  // namespace traj
