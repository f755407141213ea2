#pragma once
// A territory with a single cell, for tests with closed forms: residential
// natural gas from 2020 to `horizon`, no trend, GHG 0.2 ktCO2e/GWh, NOx
// 0.1 t/GWh, and a source "pv" used on site. Tests append actions,
// portfolios and objectives.

#include <stdexcept>
#include <string>

namespace traj::testing {

/// `base`: the cell's base-year energy as a TOML value in GWh ("100", or a
/// distribution); `pv_production`: the source's inventory, GWh, if any.
inline std::string one_cell_territory(const std::string& base, int horizon = 2022,
                                      const std::string& pv_production = "") {
  std::string text = "format = 1\n[territory]\nname = \"One cell\"\nbase_year = 2020\nhorizon = ";
  text += std::to_string(horizon);
  text += R"(
sectors = ["residential"]
carriers = ["natural_gas"]
pollutants = ["nox"]
[territory.sources]
pv = { carrier = "none" }
[inventory.final_energy]
unit = "GWh"
residential = { natural_gas = )";
  text += base;
  text += " }\n";
  if (!pv_production.empty()) {
    text += "[inventory.local_production]\nunit = \"GWh\"\npv = ";
    text += pv_production;
    text += '\n';
  }
  text += R"([trends.activity_growth]
unit = "%/yr"
residential = 0
[trends.autonomous_efficiency]
unit = "%/yr"
residential = 0
[emission_factors.ghg]
unit = "kgCO2e/kWh"
all_sectors = { natural_gas = 0.2 }
[emission_factors.nox]
unit = "g/kWh"
all_sectors = { natural_gas = 0.1 }
)";
  return text;
}

// For compare and run --against: a one-cell territory of 100 GWh of gas (20 ktCO2e),
// fixed, with on-site PV production uniform in [5, 15] GWh, an action
// cutting the cell by exactly 10 % from 2021, and an objective "renewable
// share ≥ 10 % in 2021". Cutting the cell makes FE 90 GWh instead of 100 and
// GHG 18 kt instead of 20 for every member; the share pv/90 instead of
// pv/100 (a difference of pv/900); P(pv ≥ 9) = 0.6 instead of P(pv ≥ 10) = 0.5.
inline std::string cut_scenario(const std::string& pv = "{ uniform = [5, 15] }",
                                double threshold = 0.1) {
  return one_cell_territory("100", 2022, pv) + R"([[actions]]
id = "cut"
name = "Cut by 10 %"
coalition = "Town"
theme = "energy"
start = 2021
adoption = { curve = "step", ceiling = 1.0 }
  [[actions.effects]]
  type = "reduce"
  sectors = ["residential"]
  fraction = 0.1
[[portfolios]]
id = "cut"
name = "Cut"
actions = ["cut"]
[[objectives]]
id = "share-10"
indicator = "renewable_share"
year = 2021
comparison = ">="
threshold = )" +
         std::to_string(threshold) + "\n";
}

/// `one_cell` with its activity growth g ~ normal(1 %/yr, 1 %/yr),
/// truncated at ±40 %/yr (41 sd away: no effect), instead of 0: the
/// conjugate case of traj track's tests.
inline std::string with_uncertain_growth(std::string one_cell) {
  const std::string fixed = "[trends.activity_growth]\nunit = \"%/yr\"\nresidential = 0\n";
  const auto at = one_cell.find(fixed);
  if (at == std::string::npos) throw std::logic_error("with_uncertain_growth: no fixed growth");
  one_cell.replace(at, fixed.size(),
                   "[trends.activity_growth]\nunit = \"%/yr\"\n"
                   "residential = { normal = { mean = 1, sd = 1, min = -40, max = 40 } }\n");
  return one_cell;
}

}  // namespace traj::testing
