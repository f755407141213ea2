// One fixture per class of error (scenarios/tests/errors/): the reported
// line, key path and message.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "test_support.hpp"
#include "traj/error.hpp"

using namespace traj;

namespace {

struct Expected {
  const char* fixture;
  const char* file;  ///< file the error points to (fixture when empty)
  int line;
  const char* key_path;
  const char* message;
};

const Expected EXPECTED[] = {
    {"syntax", "", 6, "", "invalid TOML"},
    {"unknown-key", "", 9, "territory.base_yaer",
     "unknown key 'base_yaer' (did you mean 'base_year'?)"},
    {"missing-key", "", 60, "actions.insulation.coalition",
     "expected a string (required key), found no such key"},
    {"wrong-type", "", 7, "territory.base_year",
     "expected a year in [1900, 2100], found a string \"2020\""},
    {"fraction-range", "", 72, "actions.insulation.effects[0].fraction", "in [0, 1], found 1.4"},
    {"min-max", "", 66, "actions.insulation.adoption.ceiling.uniform",
     "expected min ≤ max, found min 0.6 > max 0.4"},
    {"negative-energy", "", 21, "inventory.final_energy.road_transport.diesel", "≥ 0, found -300"},
    {"year-range", "", 65, "actions.insulation.start",
     "expected a year in [2020, 2030] (base year to horizon), found 2035"},
    {"unknown-sector", "", 70, "actions.insulation.effects[0].sectors[0]",
     "found \"residental\" (did you mean 'residential'?)"},
    {"unknown-carrier", "", 71, "actions.insulation.effects[0].carriers[0]",
     "found \"natural_gaz\" (did you mean 'natural_gas'?)"},
    {"unknown-action", "", 77, "portfolios.plan.actions[1]",
     "expected an action of the territory, found \"solar\""},
    {"unknown-indicator", "", 81, "objectives.ghg-2030.indicator", "found \"ghg_total\""},
    {"duplicate-id", "", 75, "actions.insulation.id",
     "expected a unique action id, found \"insulation\" twice"},
    {"switch-cycle", "", 82, "actions.heat-pumps.effects[0]",
     "found the cycle electricity -> natural_gas -> electricity in sector \"residential\""},
    {"missing-include", "", 4, "include", "expected an existing file"},
    {"circular-include", "circular-include-b.toml", 2, "include", "found an include cycle"},
    {"nan", "", 25, "inventory.local_production.pv", "expected a finite number, found a float nan"},
    {"infinite", "", 84, "objectives.ghg-2030.threshold",
     "expected a finite number, found a float inf"},
    {"unknown-unit", "", 19, "inventory.final_energy.unit", "expected a known unit"},
    {"missing-unit", "", 19, "inventory.final_energy.residential.electricity",
     "found a number without unit"},
    {"wrong-unit", "", 25, "inventory.local_production.pv",
     "found a value in a unit of a GHG mass"},
    {"missing-factor", "", 21, "emission_factors.nox.road_transport.diesel",
     "expected an emission factor for this cell"},
    {"format-version", "", 3, "format",
     "expected format = 1 (the version this traj reads), found an integer 2"},
    {"horizon-before-base", "", 8, "territory.horizon",
     "expected a year after base_year 2020, found 2010"},
    {"huge-number", "", 25, "", "'1e400' could not be interpreted as a value"},
    {"ceiling-above-one", "", 66, "actions.insulation.adoption.ceiling", "in [0, 1], found 1.5"},
    {"full-year-before-start", "", 66, "actions.insulation.adoption.full_year",
     "expected a year ≥ start (2021), found 2020"},
    {"unknown-curve", "", 66, "actions.insulation.adoption.curve",
     "expected \"step\", \"linear\" or \"logistic\", found \"sigmoid\""},
    {"logistic-without-midpoint", "", 66, "actions.insulation.adoption.midpoint",
     "expected a year (required key), found no such key"},
    {"unknown-effect", "", 69, "actions.insulation.effects[0].type", "found \"reduction\""},
    {"unknown-source", "", 70, "actions.insulation.effects[0].source",
     "expected a local production source, found \"wind\""},
    {"unknown-species", "", 70, "actions.insulation.effects[0].species",
     "expected a species (ghg or a pollutant), found \"ozone\""},
    {"switch-same-carrier", "", 72, "actions.insulation.effects[0].to",
     "expected a carrier other than from, found the same \"natural_gas\""},
    {"shares-not-one", "", 56, "energy_branch.conversions.district_heat.inputs",
     "expected input shares summing to 1, found a sum of 0.7"},
    {"trend-out-of-range", "", 29, "trends.activity_growth.residential",
     "in [-50 %/yr, 50 %/yr], found 0.6"},
    {"missing-trend", "", 21, "trends.activity_growth.road_transport",
     "expected a trend for sector \"road_transport\""},
    {"override-foreign-action", "", 78, "portfolios.plan.overrides.solar",
     "expected an action of this portfolio, found \"solar\""},
    {"objective-year", "", 82, "objectives.ghg-2030.year", "expected a year in [2020, 2030]"},
    {"reference-missing", "", 85, "objectives.ghg-2030.relative_to", "expected reference_value"},
    {"unknown-parameter", "", 72, "actions.insulation.effects[0].fraction.parameter",
     "expected the name of a parameter declared in [parameters], found \"savings\""},
    {"comparison-operator", "", 83, "objectives.ghg-2030.comparison",
     "expected \"<=\" or \">=\", found \"<\""},
    {"duplicate-sector", "", 9, "territory.sectors[2]",
     "expected unique names, found \"residential\" twice"},
    {"empty", "", 1, "format", "expected the format version 1 (required key), found no such key"},
    {"binary-garbage", "", 1, "", "invalid TOML: Encountered invalid utf-8 sequence"},
};

}  // namespace

TEST_CASE("every error class is reported with its line, key and message") {
  for (const auto& expected : EXPECTED) {
    const std::string fixture = std::string("scenarios/tests/errors/") + expected.fixture + ".toml";
    SECTION(expected.fixture) {
      try {
        testing::scenario_from_file(fixture);
        FAIL("no error for " << fixture);
      } catch (const InputError& error) {
        REQUIRE_FALSE(error.diagnostics().empty());
        const Diagnostic& first = error.diagnostics().front();
        const std::string file = *expected.file == '\0'
                                     ? fixture
                                     : std::string("scenarios/tests/errors/") + expected.file;
        CHECK_THAT(first.where.file, Catch::EndsWith(file));
        CHECK(first.where.line == expected.line);
        CHECK(first.where.column > 0);
        CHECK(first.key_path == expected.key_path);
        CHECK_THAT(first.message, Catch::Contains(expected.message));
        CHECK_THAT(first.format(), Catch::Contains(":" + std::to_string(expected.line) + ":"));
      }
    }
  }
}

TEST_CASE("every problem of a file is reported, not only the first") {
  const std::string text = R"(format = 1
[territory]
name = "Many mistakes"
base_year = 2020
horizon = 2030
sectors = ["residential"]
carriers = ["electricity"]
pollutants = ["nox"]
[inventory.final_energy]
unit = "GWh"
residential = { electricity = -1, gas = 3 }
[trends.activity_growth]
unit = "%/yr"
residential = 0
[trends.autonomous_efficiency]
unit = "%/yr"
residential = 0
[emission_factors.ghg]
unit = "kgCO2e/kWh"
all_sectors = { electricity = 0.05 }
[emission_factors.nox]
unit = "g/GJ"
all_sectors = { electricity = 0 }
[[objectives]]
id = "x"
indicator = "renewable_shaer"
year = 2040
comparison = "=="
threshold = 0.3
)";
  try {
    testing::scenario_from_text(text);
    FAIL("expected errors");
  } catch (const InputError& error) {
    CHECK(error.total() == 5);
    std::string all = error.what();
    CHECK_THAT(
        all,
        Catch::Contains(
            "memory/scenario.toml:11:31: error: inventory.final_energy.residential.electricity"));
    CHECK_THAT(all, Catch::Contains("residential.gas: expected a carrier of the territory"));
    CHECK_THAT(all, Catch::Contains("(did you mean 'renewable_share'?)"));
    CHECK_THAT(all, Catch::Contains("objectives.x.year: expected a year in [2020, 2030]"));
    CHECK_THAT(all, Catch::Contains("expected \"<=\" or \">=\", found \"==\""));
  }
}

namespace {
std::string minimal_text() {
  std::ifstream file(testing::source_path("scenarios/tests/minimal.toml"));
  return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}
}  // namespace

TEST_CASE("uncertain fractions must stay in [0, 1]") {
  std::string text = minimal_text();
  const auto at = text.find("fraction = 0.4");
  REQUIRE(at != std::string::npos);
  text.replace(at, 14, "fraction = { normal = { mean = 0.4, sd = 0.1 } }");
  try {
    testing::scenario_from_text(text);
    FAIL("expected an error");
  } catch (const InputError& error) {
    CHECK_THAT(error.diagnostics().front().message,
               Catch::Contains("truncate it with min and max"));
  }
}

namespace {
std::string minimal_with(const std::string& old_text, const std::string& new_text) {
  std::string text = minimal_text();
  const auto at = text.find(old_text);
  REQUIRE(at != std::string::npos);
  text.replace(at, old_text.size(), new_text);
  return text;
}

std::string first_error(const std::string& text) {
  try {
    testing::scenario_from_text(text);
  } catch (const InputError& error) {
    return error.diagnostics().front().key_path + ": " + error.diagnostics().front().message;
  }
  return "no error";
}
}  // namespace

TEST_CASE("two ways of saying one thing are refused") {
  CHECK(first_error(minimal_with("  fraction = 0.4\n", "  fraction = 0.4\n  type2 = 1\n")) ==
        "actions.insulation.effects[0].type2: unknown key 'type2' (did you mean 'type'?)");
  const std::string produce = R"(
[[actions]]
id = "pv"
name = "PV"
coalition = "Town"
theme = "energy"
start = 2022
adoption = { curve = "step", ceiling = 1.0 }
  [[actions.effects]]
  type = "produce"
  source = "pv"
  capacity = { value = 1, unit = "MWp" }
  yield = { value = 1000, unit = "kWh/kWp" }
  energy = { value = 1, unit = "GWh" }
)";
  CHECK(first_error(minimal_with("[[portfolios]]", produce + "[[portfolios]]")) ==
        "actions.pv.effects[0].energy: expected either capacity or energy, found both");
}

TEST_CASE("built-in indicator names are reserved, and parameters serve custom indicators") {
  const std::string water = R"([territory.indicators.renewable_share]
name = "Clash"
base = { value = 1, unit = "m3" }
[inventory.final_energy])";
  CHECK_THAT(
      first_error(minimal_with("[inventory.final_energy]", water)),
      Catch::Contains("found \"renewable_share\" as an indicator and as a built-in indicator"));
  const std::string with_parameter = R"([parameters.water_base]
distribution = { uniform = [900, 1100] }
unit = "m3"
[territory.indicators.water]
name = "Water"
base = { parameter = "water_base" }
[inventory.final_energy])";
  const std::string text = minimal_with("[inventory.final_energy]", with_parameter);
  REQUIRE(first_error(text) == "no error");
  // The indicator's base-year value is the parameter's value, member by member.
  const territory::Scenario scenario = testing::scenario_from_text(text);
  const territory::Plan plan = territory::compile_plan(scenario, "");
  const int water_base = scenario.parameters.find("water_base");
  REQUIRE(water_base >= 0);
  std::vector<double> parameters = scenario.parameters.central_values();
  CHECK(testing::value(plan, testing::run_central(plan), "water", scenario.base_year) == 1000.0);
  parameters[static_cast<std::size_t>(water_base)] = 937.5;
  territory::Kernel kernel(plan);
  territory::Trajectory trajectory;
  kernel.run(parameters, trajectory);
  CHECK(testing::value(plan, trajectory, "water", scenario.base_year) == 937.5);
  CHECK(testing::value(plan, trajectory, "water", scenario.horizon) == 937.5);

  // Its unit decides the indicator's dimension: a parameter without one is refused.
  CHECK(first_error(minimal_with("[inventory.final_energy]", std::string(R"([parameters.share]
distribution = { uniform = [0.1, 0.2] }
[territory.indicators.water]
name = "Water"
base = { parameter = "share" }
[inventory.final_energy])"))) ==
        "territory.indicators.water.base.parameter: expected a parameter declared with the unit "
        "of a quantity (e.g. unit = \"Mm3\"), found \"share\", a plain number");
  CHECK_THAT(first_error(minimal_with("[inventory.final_energy]",
                                      std::string(R"([territory.indicators.water]
name = "Water"
base = { parameter = "water_bas" }
[inventory.final_energy])"))),
             Catch::Contains("expected the name of a parameter declared in [parameters], "
                             "found \"water_bas\""));
}

TEST_CASE("factor effects cannot target a carrier whose factor is derived") {
  const std::string action = R"(
[[actions]]
id = "clean-heat"
name = "Cleaner heat"
coalition = "Town"
theme = "energy"
start = 2022
adoption = { curve = "step", ceiling = 1.0 }
  [[actions.effects]]
  type = "factor"
  species = "ghg"
  sectors = ["residential"]
  carriers = ["district_heat"]
  fraction = 0.5
)";
  CHECK_THAT(first_error(minimal_with("[[portfolios]]", action + "[[portfolios]]")),
             Catch::Contains("derives from its conversion's fuels"));
}

TEST_CASE("inputs the fuzzer found are answered with an error, not a crash") {
  // scenarios/tests/fuzz/scenario: minimised inputs that once crashed the
  // loader (docs/reliability.md); each must now be a plain InputError.
  const auto directory =
      std::filesystem::path(testing::source_path("scenarios/tests/fuzz/scenario"));
  std::size_t seen = 0;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    const std::string relative =
        "scenarios/tests/fuzz/scenario/" + entry.path().filename().string();
    SECTION(relative) {
      CHECK_THROWS_AS(testing::scenario_from_file(relative), InputError);
    }
    ++seen;
  }
  CHECK(seen >= 1);
  CHECK_THROWS_WITH(testing::scenario_from_text(R"(format = 1
[territory]
name = "No energy branch sector"
base_year = 2020
horizon = 2030
sectors = ["residential"]
carriers = ["natural_gas", "district_heat"]
[energy_branch.conversions.district_heat]
efficiency = 0.9
inputs = { natural_gas = 1 }
)"),
                    Catch::Contains("scenario.toml:8:1: error: energy_branch.conversions: expected "
                                    "the sector \"energy_branch\" among the territory's sectors"));
}

TEST_CASE("a very large file is read and its error located on its last line") {
  std::string text = minimal_text();
  std::size_t lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
  // ≈ 40 MB: two million comment lines, then one mistake.
  text.reserve(text.size() + 2'000'000 * 20 + 64);
  for (int i = 0; i < 2'000'000; ++i) text += "# padding padding\n";
  lines += 2'000'000;
  text += "[unknown_table]\nkey = 1\n";
  try {
    testing::scenario_from_text(text);
    FAIL("expected an error");
  } catch (const InputError& error) {
    REQUIRE(error.diagnostics().size() == 1);
    CHECK(error.diagnostics().front().where.line == static_cast<int>(lines + 1));
    CHECK(error.diagnostics().front().key_path == "unknown_table");
  }
}
