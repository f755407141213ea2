#pragma once
// For scenario discovery (`traj discover`): a one-cell territory whose
// objective is met exactly when a parameter is below a known value.

#include <string>

#include "one_cell.hpp"

namespace traj::testing {

/// The one-cell territory (100 GWh of gas in 2020) to 2022 with its
/// activity growth the named parameter `growth` ~ uniform(−1, 2) %/yr and
/// its NOx factor the named parameter `nox_factor` ~ uniform(0.05, 0.15)
/// g/kWh, which no objective depends on. The objective "final energy ≤ 100 ×
/// 1.004² GWh in 2022" is met iff growth ≤ 0.4 %/yr: by 1.4/3 ≈ 46.7 % of
/// the members. An action "cut" (not in the baseline) has an uncertain
/// ceiling, drawn but unused without it. `threshold` replaces 100.8016.
inline std::string growth_below_scenario(const std::string& threshold = "100.8016") {
  std::string text = one_cell_territory("100", 2022);
  const auto replace = [&text](const std::string& from, const std::string& to) {
    text.replace(text.find(from), from.size(), to);
  };
  replace("residential = 0\n[trends.autonomous",
          "residential = { parameter = \"growth\" }\n"
          "[trends.autonomous");
  replace("all_sectors = { natural_gas = 0.1 }",
          "all_sectors = { natural_gas = { parameter = \"nox_factor\" } }");
  return text + R"([parameters.growth]
distribution = { uniform = [-1, 2] }
unit = "%/yr"
[parameters.nox_factor]
distribution = { uniform = [0.05, 0.15] }
unit = "g/kWh"
[[actions]]
id = "cut"
name = "Cut"
coalition = "Town"
theme = "energy"
start = 2021
adoption = { curve = "step", ceiling = { uniform = [0.5, 1.0] } }
  [[actions.effects]]
  type = "reduce"
  sectors = ["residential"]
  fraction = 0.1
[[portfolios]]
id = "cut"
name = "Cut"
actions = ["cut"]
[[objectives]]
id = "fe-2022"
indicator = "final_energy"
year = 2022
comparison = "<="
threshold = { value = )" +
         threshold + R"(, unit = "GWh" }
)";
}

}  // namespace traj::testing
