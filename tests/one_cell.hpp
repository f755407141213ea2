#pragma once
// A territory with a single cell, for tests with closed forms: residential
// natural gas from 2020 to `horizon`, no trend, GHG 0.2 ktCO2e/GWh, NOx
// 0.1 t/GWh, and a source "pv" used on site. Tests append actions,
// portfolios and objectives.

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

}  // namespace traj::testing
