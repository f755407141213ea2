// Hand-computed small scenarios: one per effect type, and stacking.
// Base: residential electricity 100, natural gas 200; road diesel 300 GWh;
// GHG factors 0.05 / 0.2 / 0.3 ktCO2e/GWh; NOx 0 / 0.1 / 1 t/GWh; pv 10 GWh.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>

#include "objective_cases.hpp"
#include "test_support.hpp"
#include "traj/ensemble.hpp"
#include "traj/territory/objectives.hpp"
#include "traj/territory/territorial_model.hpp"

using namespace traj;
using namespace traj::territory;
using testing::value;

namespace {

const std::string BASE = R"(format = 1
[territory]
name = "Hand-computed town"
base_year = 2020
horizon = 2030
sectors = ["residential", "road_transport", "energy_branch"]
carriers = ["electricity", "natural_gas", "diesel", "wood", "district_heat"]
pollutants = ["nox"]
[territory.sources]
pv = { carrier = "electricity" }
heat_pumps = { carrier = "none" }
biomass_heat = { carrier = "wood" }
heat_renewable = { carrier = "district_heat" }
[territory.indicators.water]
name = "Water withdrawn"
base = { value = 1000, unit = "m3" }
growth = { value = 0, unit = "%/yr" }
[inventory.final_energy]
unit = "GWh"
residential = { electricity = 100, natural_gas = 200 }
road_transport = { diesel = 300 }
[inventory.local_production]
unit = "GWh"
pv = 10
[inventory.non_energy_emissions]
ghg = { unit = "ktCO2e", road_transport = 10 }
[trends.activity_growth]
unit = "%/yr"
residential = 0
road_transport = 0
[trends.autonomous_efficiency]
unit = "%/yr"
residential = 0
road_transport = 0
[emission_factors.ghg]
unit = "kgCO2e/kWh"
all_sectors = { electricity = 0.05, natural_gas = 0.2, diesel = 0.3, wood = 0.03 }
[emission_factors.nox]
unit = "g/kWh"
all_sectors = { electricity = 0, natural_gas = 0.1, diesel = 1, wood = 0.2 }
)";

std::string action(const std::string& id, const std::string& adoption, const std::string& effects) {
  return "\n[[actions]]\nid = \"" + id + "\"\nname = \"" + id +
         "\"\ncoalition = \"Town\"\ntheme = \"test\"\nstart = 2020\nadoption = " + adoption + "\n" +
         effects;
}

struct Run {
  Scenario scenario;
  std::unique_ptr<Plan> plan;
  Trajectory trajectory;
  EnergyBalances balances;
  double at(const std::string& indicator, int year = 2025) const {
    return value(*plan, trajectory, indicator, year);
  }
};

std::unique_ptr<Run> run(const std::string& extra, const std::string& base = BASE) {
  auto result = std::make_unique<Run>();
  result->scenario = testing::scenario_from_text(base + extra);
  result->plan = std::make_unique<Plan>(compile_plan(result->scenario, "*"));
  result->trajectory = testing::run_central(*result->plan, &result->balances);
  return result;
}

// Final energy of a residential carrier: every carrier these tests change is
// used by the residential sector only, so the carrier total is the cell.
double cell(const Run& run, const std::string& carrier, int year = 2025) {
  return run.at("final_energy." + carrier, year);
}

}  // namespace

TEST_CASE("without actions the baseline is the inventory") {
  const auto base = run("");
  CHECK(base->at("final_energy", 2020) == Approx(600.0));
  CHECK(base->at("final_energy", 2030) == Approx(600.0));
  CHECK(base->at("ghg") == Approx(100 * 0.05 + 200 * 0.2 + 300 * 0.3 + 10));  // 145
  CHECK(base->at("ghg.road_transport") == Approx(300 * 0.3 + 10));
  CHECK(base->at("nox") == Approx(200 * 0.1 + 300 * 1.0));
  CHECK(base->at("local_production") == Approx(10.0));
  CHECK(base->at("renewable_share") == Approx(10.0 / 600.0));
  CHECK(base->at("ghg_cumulative", 2022) == Approx(3 * 145.0));
  CHECK(base->at("water") == Approx(1000.0));
  CHECK(base->at("cost_cumulative", 2030) == 0.0);
}

namespace {

/// BASE with residential activity growing by `growth` %/yr and its
/// efficiency improving by `efficiency` %/yr.
std::string with_residential_trends(std::string base, const std::string& growth,
                                    const std::string& efficiency) {
  const std::string before = "unit = \"%/yr\"\nresidential = 0\nroad_transport = 0\n";
  const std::string growth_table = before + "[trends.autonomous_efficiency]";
  base.replace(base.find(growth_table), growth_table.size(),
               "unit = \"%/yr\"\nresidential = " + growth +
                   "\nroad_transport = 0\n[trends.autonomous_efficiency]");
  const std::string efficiency_table = before + "[emission_factors";
  base.replace(
      base.find(efficiency_table), efficiency_table.size(),
      "unit = \"%/yr\"\nresidential = " + efficiency + "\nroad_transport = 0\n[emission_factors");
  return base;
}

}  // namespace

TEST_CASE("trends compound activity growth and autonomous efficiency") {
  const std::string base = with_residential_trends(BASE, "1", "2");
  const auto result = run("", base);
  CHECK(result->at("final_energy.residential", 2030) == Approx(300.0 * std::pow(1.01 * 0.98, 10)));
  CHECK(result->at("final_energy.road_transport", 2030) == Approx(300.0));
}

TEST_CASE("single precision: a trend compounded over 30 years stays within 2e-7 of exact") {
  // The kernel's lanes are floats (docs/model.md#precision), but running
  // products over the years are kept in double: compounded in floats, this
  // one would be 1.1e-6 off by 2050 (the yearly factor's rounding, raised to
  // the 30th power); in double, the cell is rounded once or twice (≤ 1.2e-7).
  std::string base = with_residential_trends(BASE, "1", "2");
  base.replace(base.find("horizon = 2030"), 14, "horizon = 2050");
  const auto result = run("", base);
  const long double exact = 200.0L * std::pow(1.01L * 0.98L, 30.0L);
  const double relative_error =
      static_cast<double>(std::fabs(cell(*result, "natural_gas", 2050) - exact) / exact);
  CHECK(relative_error < 2e-7);
}

TEST_CASE("reduce: adoption × fraction, and reductions on a cell multiply") {
  const auto one = run(action("sobriety", R"({ curve = "step", ceiling = 0.5 })", R"(
[[actions.effects]]
type = "reduce"
sectors = ["residential"]
carriers = ["natural_gas"]
fraction = 0.4
)"));
  CHECK(cell(*one, "natural_gas") == Approx(200 * (1 - 0.5 * 0.4)));  // 160
  CHECK(one->at("final_energy") == Approx(560.0));
  CHECK(one->at("ghg") == Approx(145 - 40 * 0.2));

  const auto two = run(action("sobriety", R"({ curve = "step", ceiling = 0.5 })", R"(
[[actions.effects]]
type = "reduce"
sectors = ["residential"]
carriers = ["natural_gas"]
fraction = 0.4
)") + action("renovation", R"({ curve = "step", ceiling = 1.0 })", R"(
[[actions.effects]]
type = "reduce"
sectors = ["residential"]
carriers = ["natural_gas"]
fraction = 0.5
)"));
  CHECK(cell(*two, "natural_gas") == Approx(200 * 0.8 * 0.5));  // 80, not 200 × (1 − 0.2 − 0.5)
}

// Halves residential gas at full adoption: the adoption curve tests read it.
const std::string HALVE_GAS = R"(
[[actions.effects]]
type = "reduce"
sectors = ["residential"]
carriers = ["natural_gas"]
fraction = 0.5
)";

TEST_CASE("adoption curves: linear ramp and logistic S-curve") {
  const std::string& effect = HALVE_GAS;
  const auto linear =
      run(action("ramp", R"({ curve = "linear", full_year = 2030, ceiling = 1.0 })", effect));
  CHECK(cell(*linear, "natural_gas", 2020) == Approx(200.0));
  CHECK(cell(*linear, "natural_gas", 2025) == Approx(200 * (1 - 0.5 * 0.5)));
  CHECK(cell(*linear, "natural_gas", 2030) == Approx(100.0));
  const auto logistic = run(
      action("s-curve",
             R"({ curve = "logistic", midpoint = 2025, steepness = 0.5, ceiling = 0.8 })", effect));
  CHECK(cell(*logistic, "natural_gas", 2025) == Approx(200 * (1 - 0.5 * 0.4)));
  const double a2028 = 0.8 / (1 + std::exp(-0.5 * 3));
  CHECK(cell(*logistic, "natural_gas", 2028) == Approx(200 * (1 - 0.5 * a2028)));
}

TEST_CASE("adoption curves with uncertain timing give, at the same values, the fixed curves") {
  // Fixed timing is tabulated once per year; uncertain timing is computed
  // member by member. At central values both must give the same numbers.
  const std::string& effect = HALVE_GAS;
  const auto with_start = [](std::string text, const std::string& start) {
    text.replace(text.find("start = 2020"), 12, "start = " + start);
    return text;
  };
  const std::vector<std::pair<std::string, std::string>> curves = {
      {R"({ curve = "step", ceiling = 0.6 })", R"({ curve = "step", ceiling = 0.6 })"},
      {R"({ curve = "linear", full_year = 2028, ceiling = 1.0 })",
       R"({ curve = "linear", full_year = { uniform = [2027, 2029] }, ceiling = 1.0 })"},
      {R"({ curve = "logistic", midpoint = 2025, steepness = 0.5, ceiling = 0.8 })",
       R"({ curve = "logistic", midpoint = { uniform = [2024, 2026] }, steepness = { uniform = [0.4, 0.6] }, ceiling = 0.8 })"},
  };
  for (const auto& [fixed_curve, uncertain_curve] : curves) {
    const auto fixed = run(with_start(action("a", fixed_curve, effect), "2023"));
    const auto uncertain =
        run(with_start(action("a", uncertain_curve, effect), "{ uniform = [2022, 2024] }"));
    for (int year = 2020; year <= 2030; ++year) {
      INFO(fixed_curve << " in " << year);
      CHECK(cell(*uncertain, "natural_gas", year) == cell(*fixed, "natural_gas", year));
    }
    CHECK(cell(*fixed, "natural_gas", 2022) == 200.0);  // before the start
  }
  const auto linear = run(with_start(
      action("a", R"({ curve = "linear", full_year = { uniform = [2027, 2029] }, ceiling = 1.0 })",
             effect),
      "{ uniform = [2022, 2024] }"));
  CHECK(cell(*linear, "natural_gas", 2025) == Approx(200 * (1 - 0.5 * 0.4)));  // 2 of 5 years
}

TEST_CASE("single precision: an uncertain start just after a year boundary starts the next year") {
  // A start drawn at 2025.0000001 rounds to 2025.0 in single precision;
  // the kernel decides `year < start` on the drawn double, so the action
  // does not start in 2025.
  const std::string text = action("a", R"({ curve = "step", ceiling = 1.0 })", HALVE_GAS);
  const auto late = run(std::string(text).replace(
      text.find("start = 2020"), 12, "start = { uniform = [2025.0000001, 2025.0000002] }"));
  CHECK(cell(*late, "natural_gas", 2025) == 200.0);
  CHECK(cell(*late, "natural_gas", 2026) == 100.0);
}

TEST_CASE("switch: efficiency ratio, and heat-pump ambient heat as local renewable heat") {
  const auto result = run(action("heat-pumps", R"({ curve = "step", ceiling = 0.5 })", R"(
[[actions.effects]]
type = "switch"
sectors = ["residential"]
from = "natural_gas"
to = "electricity"
share = 1.0
from_efficiency = 0.9
to_efficiency = 3.0
ambient_heat_source = "heat_pumps"
)"));
  // 100 GWh of gas → 90 GWh of heat → 30 GWh of electricity + 60 GWh ambient.
  CHECK(cell(*result, "natural_gas") == Approx(100.0));
  CHECK(cell(*result, "electricity") == Approx(130.0));
  CHECK(result->at("local_production.heat_pumps") == Approx(60.0));
  CHECK(result->at("local_production") == Approx(70.0));
  CHECK(result->at("final_energy") == Approx(530.0));
  CHECK(result->at("renewable_share") == Approx(70.0 / 530.0));
}

namespace {

/// Two actions switching all of residential gas, one to electricity
/// (ratio 0.3), one to local wood (ratio 1.1), with these ceilings.
std::string competing_switches(const std::string& electric_ceiling,
                               const std::string& wood_ceiling) {
  return action("to-electricity", R"({ curve = "step", ceiling = )" + electric_ceiling + " }", R"(
[[actions.effects]]
type = "switch"
sectors = ["residential"]
from = "natural_gas"
to = "electricity"
share = 1.0
ratio = 0.3
)") + action("to-wood", R"({ curve = "step", ceiling = )" + wood_ceiling + " }", R"(
[[actions.effects]]
type = "switch"
sectors = ["residential"]
from = "natural_gas"
to = "wood"
share = 1.0
ratio = 1.1
local_source = "biomass_heat"
)");
}

}  // namespace

TEST_CASE("switches from one cell never take more than it holds") {
  const auto result = run(competing_switches("0.8", "0.6"));
  // Requests 0.8 + 0.6 = 1.4 > 1: both scaled by 1/1.4, the cell empties.
  CHECK(cell(*result, "natural_gas") == Approx(0.0).margin(1e-12));
  CHECK(cell(*result, "electricity") == Approx(100 + 200 * 0.8 / 1.4 * 0.3));
  CHECK(cell(*result, "wood") == Approx(200 * 0.6 / 1.4 * 1.1));
  CHECK(result->at("local_production.biomass_heat") == Approx(200 * 0.6 / 1.4 * 1.1));
}

// The same sharing on the vector path: an ensemble in one block of 64
// lanes, each lane with its own ceilings, R = c1 + c2 in [0.5, 1.7], so
// some lanes ask for less than the cell holds and others for more.
TEST_CASE("switches from one cell never take more than it holds, lane by lane in a block") {
  const std::string text = BASE + R"([parameters.electric_ceiling]
distribution = { uniform = [0.3, 0.9] }
[parameters.wood_ceiling]
distribution = { uniform = [0.2, 0.8] }
)" +
                           competing_switches(R"({ parameter = "electric_ceiling" })",
                                              R"({ parameter = "wood_ceiling" })");
  const Scenario scenario = testing::scenario_from_text(text);
  const Plan plan = compile_plan(scenario, "*");
  const TerritorialModel model(plan);
  const std::vector<std::string> rows = {"final_energy.natural_gas", "final_energy.electricity",
                                         "final_energy.wood", "local_production.biomass_heat"};
  EnsembleOptions options;
  options.members = 64;
  options.block = 64;
  for (const auto& row : rows) {
    options.recorded_rows.push_back(static_cast<std::size_t>(plan.catalogue.find(row)));
  }
  const auto electric = static_cast<std::size_t>(scenario.parameters.find("electric_ceiling"));
  const auto wood = static_cast<std::size_t>(scenario.parameters.find("wood_ceiling"));
  const std::size_t parameters = scenario.parameters.size();
  std::size_t checked = 0, over = 0;
  options.on_members = [&](const MemberRecords& records) {
    for (std::size_t m = 0; m < records.count; ++m) {
      const double c1 = records.parameters[m * parameters + electric];
      const double c2 = records.parameters[m * parameters + wood];
      const double requested = c1 + c2, scale = std::min(1.0, 1.0 / requested);
      const auto at = [&](std::size_t r) {
        return records.trajectories[(r * records.capacity + m) * records.years + 1];  // 2021
      };
      INFO("member " << records.first + m << ", R = " << requested);
      CHECK(at(0) == Approx(200 * (1 - std::min(1.0, requested))).margin(1e-4));
      CHECK(at(0) >= 0.0);
      CHECK(at(1) == Approx(100 + 200 * c1 * scale * 0.3).epsilon(1e-6));
      CHECK(at(2) == Approx(200 * c2 * scale * 1.1).epsilon(1e-6));
      CHECK(at(3) == Approx(200 * c2 * scale * 1.1).epsilon(1e-6));
      over += requested > 1.0 ? 1 : 0;
      ++checked;
    }
  };
  run_ensemble(model, model.objective_specs(), options);
  CHECK(checked == 64);
  // Both cases occur in the block: P(R > 1) = 1 − 0.5² / 2 / 0.6² ≈ 0.65.
  CHECK(over > 16);
  CHECK(over < 60);
}

TEST_CASE("switches chain in topological order within a sector") {
  // gas → electricity, then electricity → wood: the second sees what the first moved.
  const auto result = run(action("a", R"({ curve = "step", ceiling = 0.5 })", R"(
[[actions.effects]]
type = "switch"
sectors = ["residential"]
from = "electricity"
to = "wood"
share = 1.0
ratio = 2.0
)") + action("b", R"({ curve = "step", ceiling = 0.5 })", R"(
[[actions.effects]]
type = "switch"
sectors = ["residential"]
from = "natural_gas"
to = "electricity"
share = 1.0
ratio = 0.5
)"));
  // gas 200 → 100 moved → +50 electricity = 150; half of 150 → 75 × 2 = 150 wood.
  CHECK(cell(*result, "natural_gas") == Approx(100.0));
  CHECK(cell(*result, "electricity") == Approx(75.0));
  CHECK(cell(*result, "wood") == Approx(150.0));
}

TEST_CASE("produce: capacity × yield, or energy, scaled by adoption") {
  const auto result = run(action("pv", R"({ curve = "step", ceiling = 0.5 })", R"(
[[actions.effects]]
type = "produce"
source = "pv"
capacity = { value = 20, unit = "MWp" }
yield = { value = 1000, unit = "kWh/kWp" }

[[actions.effects]]
type = "produce"
source = "biomass_heat"
energy = { value = 4000, unit = "MWh" }
)"));
  CHECK(result->at("local_production.pv") == Approx(10 + 0.5 * 20 * 1.0));
  CHECK(result->at("local_production.biomass_heat") == Approx(0.5 * 4.0));
  CHECK(result->at("final_energy") == Approx(600.0));
  // Local electricity displaces imports.
  CHECK(result->at("energy_imports") == Approx(600.0 - 20.0 - 2.0));
}

TEST_CASE("factor: move to a new factor, or scale it") {
  const auto result = run(action("low-nox-boilers", R"({ curve = "step", ceiling = 0.5 })", R"(
[[actions.effects]]
type = "factor"
species = "nox"
sectors = ["residential"]
carriers = ["natural_gas"]
new_factor = { value = 0.02, unit = "g/kWh" }
)") + action("biofuel", R"({ curve = "step", ceiling = 1.0 })", R"(
[[actions.effects]]
type = "factor"
species = "ghg"
sectors = ["road_transport"]
carriers = ["diesel"]
fraction = 0.1
)"));
  CHECK(result->at("nox") == Approx(200 * (0.5 * 0.1 + 0.5 * 0.02) + 300));
  CHECK(result->at("ghg") == Approx(5 + 40 + 300 * 0.27 + 10));
}

TEST_CASE("abate: non-energy emissions of a sector") {
  const auto result = run(action("refrigerants", R"({ curve = "step", ceiling = 0.4 })", R"(
[[actions.effects]]
type = "abate"
species = "ghg"
sectors = ["road_transport"]
fraction = 0.5
)"));
  CHECK(result->at("ghg.road_transport") == Approx(90 + 10 * (1 - 0.4 * 0.5)));
}

TEST_CASE("indicator: relative and absolute changes, and the cumulative sum") {
  const auto result = run(action("leaks", R"({ curve = "step", ceiling = 1.0 })", R"(
[[actions.effects]]
type = "indicator"
indicator = "water"
fraction = 0.1
)") + action("reuse", R"({ curve = "step", ceiling = 0.5 })", R"(
[[actions.effects]]
type = "indicator"
indicator = "water"
change = { value = -50, unit = "m3" }
)"));
  CHECK(result->at("water") == Approx(1000 * 0.9 - 25));
  CHECK(result->at("water_cumulative", 2021) == Approx(2 * 875.0));
}

TEST_CASE("costs: investment as adoption grows, operating with adoption") {
  const auto result =
      run("\n[[actions]]\nid = \"pv\"\nname = \"pv\"\ncoalition = \"Town\"\ntheme = \"t\"\n"
          "start = 2020\nadoption = { curve = \"linear\", full_year = 2030, ceiling = 0.5 }\n"
          "costs = { investment = { value = 10, unit = \"M€\" }, operating = { value = 200, unit = "
          "\"k€/yr\" } }\n"
          "[[actions.effects]]\ntype = \"produce\"\nsource = \"pv\"\nenergy = { value = 1, unit = "
          "\"GWh\" }\n");
  // Adoption grows by 0.05 a year; stated costs are for the planned ceiling 0.5.
  CHECK(result->at("cost_investment", 2021) == Approx(10 * 0.05 / 0.5));
  CHECK(result->at("cost_operating", 2025) == Approx(0.2 * 0.25 / 0.5));
  double total = 0.0;
  for (int year = 2020; year <= 2030; ++year) {
    total += result->at("cost_investment", year) + result->at("cost_operating", year);
  }
  CHECK(result->at("cost_cumulative", 2030) == Approx(total));
  CHECK(total ==
        Approx(10 +
               0.2 * (0 + 0.05 + 0.1 + 0.15 + 0.2 + 0.25 + 0.3 + 0.35 + 0.4 + 0.45 + 0.5) / 0.5));
  CHECK(result->at("cost_discounted", 2030) == Approx(total));  // no discount rate stated
}

TEST_CASE("costs: nothing before the start, no investment once adoption stops growing") {
  const auto result =
      run("\n[[actions]]\nid = \"pv\"\nname = \"pv\"\ncoalition = \"Town\"\ntheme = \"t\"\n"
          "start = 2022\nadoption = { curve = \"linear\", full_year = 2026, ceiling = 0.8 }\n"
          "costs = { investment = { value = 8, unit = \"M€\" }, operating = { value = 400, unit = "
          "\"k€/yr\" } }\n"
          "[[actions.effects]]\ntype = \"produce\"\nsource = \"pv\"\nenergy = { value = 1, unit = "
          "\"GWh\" }\n");
  // Adoption 0 until 2022, then 0.2 a year up to 0.8 in 2026, then flat.
  for (const int year : {2020, 2021, 2022}) {
    INFO(year);
    CHECK(result->at("cost_investment", year) == 0.0);
    CHECK(result->at("cost_operating", year) == 0.0);
  }
  CHECK(result->at("cost_investment", 2023) == Approx(8 * 0.2 / 0.8));
  CHECK(result->at("cost_investment", 2026) == Approx(8 * 0.2 / 0.8));
  for (const int year : {2027, 2028, 2030}) {
    INFO(year);
    CHECK(result->at("cost_investment", year) == 0.0);
    CHECK(result->at("cost_operating", year) == Approx(0.4));
  }
  CHECK(result->at("cost_cumulative", 2030) == Approx(8 + 0.4 * (0.25 + 0.5 + 0.75 + 5 * 1.0)));
}

TEST_CASE("discounted costs: each year's spending divided by (1 + r)^n") {
  std::string base = BASE;
  base.replace(base.find("horizon = 2030\n"), 15,
               "horizon = 2030\ndiscount_rate = { value = 5, unit = \"%/yr\" }\n");
  const auto result =
      run("\n[[actions]]\nid = \"pv\"\nname = \"pv\"\ncoalition = \"Town\"\ntheme = \"t\"\n"
          "start = 2022\nadoption = { curve = \"step\", ceiling = 1.0 }\n"
          "costs = { investment = { value = 10, unit = \"M€\" }, operating = { value = 1, unit = "
          "\"M€/yr\" } }\n"
          "[[actions.effects]]\ntype = \"produce\"\nsource = \"pv\"\nenergy = { value = 1, unit = "
          "\"GWh\" }\n",
          base);
  double expected = 0.0;
  for (int year = 2022; year <= 2030; ++year) {
    expected += ((year == 2022 ? 10.0 : 0.0) + 1.0) / std::pow(1.05, year - 2020);
  }
  CHECK(result->at("cost_discounted", 2030) == Approx(expected));
  CHECK(result->at("cost_cumulative", 2030) == Approx(10.0 + 9.0));
}

// Uncertain coefficients (at their medians 0.1 and 0.8 here) take the kernel's
// per-member path through the energy branch.
TEST_CASE("energy branch: losses, own consumption and district heat from its fuel mix") {
  std::string base = BASE;
  base.replace(base.find("residential = { electricity = 100, natural_gas = 200 }"),
               std::string("residential = { electricity = 100, natural_gas = 200 }").size(),
               "residential = { electricity = 100, natural_gas = 200, district_heat = 50 }");
  base += R"(
[energy_branch]
network_losses = { electricity = { uniform = [0.05, 0.15] }, district_heat = 0.2 }
own_consumption = { electricity = 0.02 }
[energy_branch.conversions.district_heat]
efficiency = { triangular = [0.7, 0.8, 0.9] }
inputs = { natural_gas = 1.0 }
renewable_share = 0.5
renewable_source = "heat_renewable"
)";
  const auto result = run("", base);
  const double electricity_gross = 100.0 / (1 - 0.12);
  CHECK(result->at("final_energy.energy_branch") == Approx(0.02 * electricity_gross));
  CHECK(result->at("final_energy") == Approx(650.0 + 0.02 * electricity_gross));
  // Heat: 50 delivered, 62.5 produced, 78.125 of gas burnt.
  CHECK(result->at("local_production.heat_renewable") == Approx(0.5 * 62.5));
  const double heat_factor = 0.2 / (0.8 * 0.8);
  CHECK(result->at("ghg.residential") == Approx(100 * 0.05 + 200 * 0.2 + 50 * heat_factor));
  CHECK(50 * heat_factor == Approx(78.125 * 0.2));  // emissions of the gas burnt
  CHECK(result->at("ghg.energy_branch") == Approx(0.02 * electricity_gross * 0.05));
  const auto& balances = result->balances;
  const std::size_t carriers = result->scenario.carriers.size();
  const auto gas = balances[5 * carriers + 1];
  CHECK(gas.conversion_input == Approx(78.125));
  CHECK(gas.gross == Approx(278.125));
  CHECK(gas.imports == Approx(278.125));
  const auto heat = balances[5 * carriers + 4];
  CHECK(heat.conversion_output == Approx(62.5));
  CHECK(heat.losses == Approx(12.5));
}

TEST_CASE("objectives: absolute, relative to a model year, relative to a stated past value") {
  const auto result = run(R"(
[[objectives]]
id = "share"
indicator = "renewable_share"
year = 2030
comparison = ">="
threshold = 0.02
[[objectives]]
id = "energy"
indicator = "final_energy"
year = 2030
comparison = "<="
threshold = 0.9
relative_to = 2020
[[objectives]]
id = "ghg-1990"
indicator = "ghg"
year = 2030
comparison = "<="
threshold = 0.8
relative_to = 1990
reference_value = { value = 200000, unit = "tCO2e" }
)");
  const auto results = evaluate_objectives(*result->plan, result->trajectory);
  REQUIRE(results.size() == 3);
  CHECK(results[0].value == Approx(10.0 / 600.0));
  CHECK_FALSE(results[0].met);
  CHECK(results[1].value == Approx(1.0));
  CHECK_FALSE(results[1].met);
  CHECK(results[2].reference == Approx(200.0));
  CHECK(results[2].value == Approx(145.0 / 200.0));
  CHECK(results[2].met);
}

// The boundary convention and the rule for a reference of zero, shared by
// every mode (docs/model.md#8-objectives); the other modes are tested in
// ensemble_test, sensitivity_test and comparison_test on the same scenarios.
TEST_CASE("objectives: a value exactly on its threshold is met, at most and at least") {
  const Scenario scenario = testing::scenario_from_text(testing::on_threshold_scenario());
  const Plan plan = compile_plan(scenario, "nothing");
  const auto results = evaluate_objectives(plan, testing::run_central(plan));
  REQUIRE(results.size() == testing::ON_THRESHOLD_OBJECTIVES);
  CHECK(results[0].value == 100.0);
  CHECK(results[1].value == 100.0);
  CHECK(results[2].value == 1.0);
  CHECK(results[3].value == 1.0);
  for (const auto& result : results) {
    INFO(result.objective->id);
    CHECK(result.value == result.objective->threshold);
    CHECK(result.met);
  }
}

TEST_CASE("objectives: a ratio to a reference of zero meets no objective") {
  const Scenario scenario = testing::scenario_from_text(testing::zero_reference_scenario());
  const Plan plan = compile_plan(scenario, "estate");
  const Trajectory trajectory = testing::run_central(plan);
  REQUIRE(value(plan, trajectory, "land", 2022) == 5.0);
  const auto results = evaluate_objectives(plan, trajectory);
  REQUIRE(results.size() == testing::ZERO_REFERENCE_OBJECTIVES);
  CHECK(results[0].indicator == 0.0);
  CHECK(results[1].indicator == 5.0);
  for (const auto& result : results) {
    INFO(result.objective->id);
    CHECK(result.reference == 0.0);
    CHECK(std::isnan(result.value));
    CHECK_FALSE(result.met);
  }
}
