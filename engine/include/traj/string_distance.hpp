#pragma once
/// "Did you mean …?" suggestions for misspelt names.

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace traj {

/// Optimal string alignment distance (Damerau–Levenshtein with adjacent
/// transpositions counted once), as used by spell checkers.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word` if it is close enough to be a likely typo
/// (distance ≤ max(1, |word| / 3)); nothing otherwise.
std::optional<std::string> closest_match(std::string_view word,
                                         std::span<const std::string> candidates);

/// `" (did you mean 'x'?)"` or an empty string.
std::string did_you_mean(std::string_view word, std::span<const std::string> candidates);

}  // namespace traj
