#pragma once
// The sentences of the commands' text output in English and French
// (`--lang`), and numbers as each language writes them.

#include <string>
#include <string_view>
#include <vector>

#include "traj/territory/language.hpp"

namespace traj::cli {

using Language = territory::ReportLanguage;

/// "en" or "fr", as --lang reads it.
Language language_named(const std::string& name);

/// The sentence `key` of tools/words.cpp in `language`; throws
/// std::out_of_range for an unknown key (a bug, caught by the tests).
const std::string& say(std::string_view key, Language language);

/// `pattern` with each "{}" replaced by the next of `values`.
std::string fill(const std::string& pattern, const std::vector<std::string>& values);

/// `say(key)` filled with `values`.
std::string say(std::string_view key, Language language, const std::vector<std::string>& values);

/// A number printed with a decimal point, in `language`: French writes a
/// decimal comma. Only the points between digits change.
std::string decimal(std::string printed, Language language);

/// French typography: a no-break space before a colon.
const char* colon(Language language);

}  // namespace traj::cli
