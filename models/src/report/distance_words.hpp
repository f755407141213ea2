#pragma once
/// How far a portfolio is from an objective, in the words of each language.

#include <string>

#include "labels.hpp"
#include "traj/territory/objective_distance.hpp"

namespace traj::territory::report {

/// "473 ktCO2e [440–510] for a target of 223 ktCO2e — 250 ktCO2e short,
/// 64 % of the way from 2018", or in French; a share (`unit` "%") is shown
/// in % and its gaps in points. "–" when the distance is not known.
std::string distance_words(const ObjectiveDistance& distance, const std::string& unit,
                           Language language);

/// `pattern` with each "{}" replaced by the next of `values`.
std::string fill(const std::string& pattern, const std::vector<std::string>& values);

}  // namespace traj::territory::report
