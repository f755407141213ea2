#include <catch2/catch.hpp>

#include <set>

#include "one_cell.hpp"
#include "test_support.hpp"
#include "traj/error.hpp"
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

namespace {

/// One action whose ceiling is `ceiling`, and an objective on the renewable
/// share at `threshold`.
std::string with_fractions(const std::string& ceiling, const std::string& threshold) {
  return testing::one_cell_territory("100", 2022, "10") +
         "[[actions]]\nid = \"a\"\nname = \"a\"\ncoalition = \"Town\"\ntheme = \"t\"\n"
         "start = 2020\nadoption = { curve = \"step\", ceiling = " +
         ceiling +
         " }\n[[actions.effects]]\ntype = \"reduce\"\nsectors = [\"residential\"]\n"
         "carriers = [\"natural_gas\"]\nfraction = 0.1\n"
         "[[objectives]]\nid = \"share\"\nindicator = \"renewable_share\"\nyear = 2022\n"
         "comparison = \">=\"\nthreshold = " +
         threshold + "\n";
}

std::string fraction_error(const std::string& ceiling, const std::string& threshold) {
  try {
    testing::scenario_from_text(with_fractions(ceiling, threshold));
  } catch (const InputError& error) {
    return error.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("percent strings: 30 % and 30% as strings are the fraction of a value with unit %") {
  const Scenario unit = testing::scenario_from_text(
      with_fractions("{ value = 30, unit = \"%\" }", "{ value = 7, unit = \"%\" }"));
  for (const auto& [ceiling, threshold] :
       {std::pair{"\"30 %\"", "\"7 %\""}, std::pair{"\"30%\"", "\"7%\""},
        std::pair{"\"30  %\"", "\"7.0 %\""}}) {
    INFO(ceiling << " " << threshold);
    const Scenario percent = testing::scenario_from_text(with_fractions(ceiling, threshold));
    CHECK(percent.actions[0].adoption.ceiling.constant ==
          unit.actions[0].adoption.ceiling.constant);
    CHECK(percent.actions[0].adoption.ceiling.constant == Approx(0.3));
    CHECK(percent.objectives[0].threshold == unit.objectives[0].threshold);
    CHECK(percent.objectives[0].threshold == Approx(0.07));
  }
}

TEST_CASE("fractions: above 1 refused with the hint, malformed percentages named") {
  CHECK_THAT(fraction_error("30", "0.1"),
             Catch::Contains("actions.a.adoption.ceiling: expected a fraction (a plain number in "
                             "[0, 1], a percentage \"30 %\", or a unit \"%\") in [0, 1], found 30 "
                             "(write 0.3 or \"30 %\" for 30 %)"));
  CHECK_THAT(fraction_error("0.3", "30"),
             Catch::Contains("objectives.share.threshold: expected a fraction") &&
                 Catch::Contains("found 30 (write 0.3 or \"30 %\" for 30 %)"));
  CHECK_THAT(fraction_error("\"130 %\"", "0.1"),
             Catch::Contains("actions.a.adoption.ceiling: expected a fraction") &&
                 Catch::Contains("in [0, 1], found 1.3"));
  CHECK_THAT(fraction_error("{ uniform = [20, 40] }", "0.1"),
             Catch::Contains("(write fractions, 0.3 for 30 %, or give the numbers a unit \"%\")"));
  for (const char* malformed : {"\"30\"", "\"% 30\"", "\"thirty %\"", "\"30 %%\"", "\"inf %\"",
                                "\" 30 %\"", "\"0x1e %\""}) {
    INFO(malformed);
    CHECK_THAT(fraction_error(malformed, "0.1"),
               Catch::Contains("actions.a.adoption.ceiling: expected a fraction: a number such as "
                               "0.3 or a percentage such as \"30 %\", found a string"));
  }
}
