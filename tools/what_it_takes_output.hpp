#pragma once
// What would it take (`traj target --objective`), as the terminal and
// --json show it (README, "What would it take").

#include <string>
#include <vector>

#include "traj/json_writer.hpp"
#include "traj/territory/plan.hpp"
#include "traj/territory/what_it_takes.hpp"
#include "words.hpp"

namespace traj::cli {

/// Per plan action: "Deep renovation (deep-renovation, coalition Tinergie)".
std::vector<std::string> action_labels(const territory::Plan& plan, Language language);

/// The ranked single changes, the combination and the uniform scale, one
/// line each, indented under the objective's heading.
std::string what_it_takes_text(const territory::WhatItTakes& takes, const territory::Plan& plan,
                               Dimension dimension, std::uint64_t members, Language language);

/// The key "what_it_takes": an object (README, "JSON output").
void write_what_it_takes_json(JsonWriter& json, const territory::WhatItTakes& takes,
                              const territory::Plan& plan);

}  // namespace traj::cli
