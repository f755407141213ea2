#pragma once
// Scenarios whose objectives every mode (deterministic, ensemble,
// sensitivity, compare, target) must judge alike: values exactly on their
// threshold, and references of zero (docs/model.md#8-objectives).

#include <string>

#include "one_cell.hpp"

namespace traj::testing {

/// Nothing uncertain: 100 GWh every year, so final_energy in 2022 is
/// exactly 100 GWh and its ratio to 2020 exactly 1, in single precision as
/// in double. Four objectives, each with its value exactly on its
/// threshold: all met (≤ and ≥ include the threshold).
inline std::string on_threshold_scenario() {
  return one_cell_territory("100") + R"([[portfolios]]
id = "nothing"
name = "Nothing"
actions = []
[[objectives]]
id = "at-most-absolute"
indicator = "final_energy"
year = 2022
comparison = "<="
threshold = { value = 100, unit = "GWh" }
[[objectives]]
id = "at-least-absolute"
indicator = "final_energy"
year = 2022
comparison = ">="
threshold = { value = 100, unit = "GWh" }
[[objectives]]
id = "at-most-relative"
indicator = "final_energy"
year = 2022
comparison = "<="
threshold = 1.0
relative_to = 2020
[[objectives]]
id = "at-least-relative"
indicator = "final_energy"
year = 2022
comparison = ">="
threshold = 1.0
relative_to = 2020
)";
}

inline constexpr int ON_THRESHOLD_OBJECTIVES = 4;

/// References of zero: no energy at all (0 / 0, the zero inventory), and
/// land taken from 2021 on against none in 2020 (5 ha / 0). A ratio to
/// zero has no meaning: every objective is missed, whatever its comparison.
inline std::string zero_reference_scenario() {
  return one_cell_territory("0") + R"([territory.indicators.land]
name = "Land taken"
base = { value = 0, unit = "ha" }
[[actions]]
id = "estate"
name = "Housing estate"
coalition = "Town"
theme = "land"
start = 2021
adoption = { curve = "step", ceiling = 1.0 }
  [[actions.effects]]
  type = "indicator"
  indicator = "land"
  change = { value = 5, unit = "ha" }
[[portfolios]]
id = "estate"
name = "Estate"
actions = ["estate"]
[[objectives]]
id = "energy-halved"
indicator = "final_energy"
year = 2022
comparison = "<="
threshold = 0.5
relative_to = 2020
[[objectives]]
id = "land-at-most"
indicator = "land"
year = 2022
comparison = "<="
threshold = 0.5
relative_to = 2020
[[objectives]]
id = "land-at-least"
indicator = "land"
year = 2022
comparison = ">="
threshold = 0.5
relative_to = 2020
)";
}

inline constexpr int ZERO_REFERENCE_OBJECTIVES = 3;

}  // namespace traj::testing
