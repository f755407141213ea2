#include "traj/display_width.hpp"

namespace traj {

std::size_t display_width(std::string_view text) {
  std::size_t columns = 0;
  for (const char byte : text) {
    // Every code point has exactly one byte that is not a continuation byte (10xxxxxx).
    if ((static_cast<unsigned char>(byte) & 0xC0U) != 0x80U) ++columns;
  }
  return columns;
}

std::string pad_right(std::string_view text, std::size_t width) {
  const std::size_t columns = display_width(text);
  std::string padded(text);
  if (columns < width) padded.append(width - columns, ' ');
  return padded;
}

std::string pad_left(std::string_view text, std::size_t width) {
  const std::size_t columns = display_width(text);
  std::string padded = columns < width ? std::string(width - columns, ' ') : std::string();
  padded.append(text);
  return padded;
}

}  // namespace traj
