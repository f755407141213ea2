#pragma once
/// Terminal tables aligned by what the eye sees: a column is as wide as the
/// characters of its text, not its bytes ("≤", "€", "é" are one column and
/// two or three bytes of UTF-8).

#include <cstddef>
#include <string>
#include <string_view>

namespace traj {

/// Columns UTF-8 `text` takes in a terminal: one per code point (the
/// tables print no East Asian wide or combining characters).
std::size_t display_width(std::string_view text);

/// `text` after spaces that make it `width` columns wide (left-aligned);
/// `text` itself when it is wider.
std::string pad_right(std::string_view text, std::size_t width);

/// `text` after leading spaces that make it `width` columns wide (right-aligned).
std::string pad_left(std::string_view text, std::size_t width);

}  // namespace traj
