#include <catch2/catch.hpp>

#include <set>

#include "test_support.hpp"
#include "traj/territory/default_sets.hpp"

using namespace traj;
using namespace traj::territory;

TEST_CASE("the complete example loads with every construct") {
  const Scenario scenario = testing::scenario_from_file("scenarios/examples/example.toml");
  CHECK(scenario.name == "Example community of communes");
  CHECK(scenario.base_year == 2020);
  CHECK(scenario.horizon == 2050);
  CHECK(scenario.sectors.size() == 5);
  CHECK(scenario.pollutants == default_pollutants());
  CHECK(scenario.files.size() == 2);
  CHECK(scenario.actions.size() == 6);
  CHECK(scenario.portfolios.size() == 2);
  CHECK(scenario.objectives.size() == 3);
  // Units converted at load: 3.2 Mm3 of water; 93 g/GJ = 0.3348 t/GWh.
  CHECK(scenario.indicators.front().base.constant == Approx(3.2e6));
  const auto& stoves =
      scenario.actions[static_cast<std::size_t>(scenario.find_action("wood-stoves"))];
  const auto* stove_factor = stoves.effects.front().as<FactorEffect>();
  REQUIRE(stove_factor != nullptr);
  CHECK(stove_factor->new_factor.constant == Approx(93 * 0.0036));
  // 0.4 %/yr growth is a fraction per year.
  CHECK(scenario.activity_growth[0].constant == Approx(0.004));
  // Named parameter in canonical units: 1 100–1 300 kWh/kWp → GWh/MWp.
  const int yield = scenario.parameters.find("pv_yield");
  REQUIRE(yield >= 0);
  CHECK(scenario.parameters[static_cast<std::size_t>(yield)].distribution.central() == Approx(1.2));
  // Anonymous distributions become parameters named by their key path.
  CHECK(scenario.parameters.find("trends.activity_growth.tertiary") >= 0);
  CHECK(scenario.parameters.find("actions.renovation.adoption.ceiling") >= 0);
  // The 1990 reference is stated: 380 ktCO2e.
  CHECK(scenario.objectives[2].reference_value == Approx(380.0));
  CHECK(scenario.objectives[2].relative_to == 1990);
  // Portfolio overrides.
  const auto& plan = scenario.portfolios[1];
  REQUIRE(plan.overrides.size() == 1);
  CHECK(plan.overrides.front().ceiling->constant == Approx(0.7));
  // Emission factor trajectory from the shared file (electricity).
  const auto& electricity = scenario.factor(0, 0, scenario.find_carrier("electricity"));
  CHECK(electricity.is_trajectory());
}

TEST_CASE("a scenario without sets gets the PCAET defaults") {
  const Scenario scenario = testing::scenario_from_file("scenarios/brest-metropole.toml");
  CHECK(scenario.sectors == default_sectors());
  CHECK(scenario.carriers == default_carriers());
  CHECK(scenario.pollutants.size() == 6);
  CHECK(scenario.find_source("heat_pumps") >= 0);
}

TEST_CASE("real scenarios load and have what their issue asks for") {
  const Scenario brest = testing::scenario_from_file("scenarios/brest-metropole.toml");
  CHECK(brest.objectives.size() == 3);
  CHECK(brest.portfolios.size() >= 3);
  const Scenario clermont = testing::scenario_from_file("scenarios/clermont-alliance.toml");
  CHECK(clermont.find_indicator("water") >= 0);
  CHECK(clermont.find_indicator("land_take") >= 0);
  const Scenario orleans = testing::scenario_from_file("scenarios/orleans-assises.toml");
  CHECK(orleans.actions.size() >= 60);
  CHECK(orleans.portfolios.size() >= 4);
  std::set<std::string> themes;
  for (const auto& action : orleans.actions) themes.insert(action.theme);
  CHECK(themes.size() == 11);
}
