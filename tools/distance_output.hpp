#pragma once
// How far a portfolio is from an objective, as run, compare and target print
// it (docs/model.md#8-objectives): one sentence, and one JSON object.

#include <string>

#include "traj/json_writer.hpp"
#include "traj/territory/objective_distance.hpp"
#include "traj/units.hpp"
#include "words.hpp"

namespace traj::cli {

/// "473 ktCO2e [440–510] for a target of 223 ktCO2e — 250 ktCO2e short,
/// 64 % of the way from 2018" (or "— met by a margin of …"); a share in %,
/// its gaps in points. Empty when the distance is not known.
std::string distance_text(const territory::ObjectiveDistance& distance, Dimension dimension,
                          Language language = Language::English);

/// The key "distance": an object (README, "JSON output"), or null when not known.
void write_distance_json(JsonWriter& json, const territory::ObjectiveDistance& distance);

}  // namespace traj::cli
