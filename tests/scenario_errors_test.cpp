// One fixture per class of error (scenarios/tests/errors/): the reported
// line, key path and message.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "test_support.hpp"
#include "traj/document_loader.hpp"
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
    {"share-threshold-as-percent", "", 84, "objectives.renewables-2030.threshold",
     "expected a fraction (a plain number in [0, 1], a percentage \"30 %\", or a unit \"%\") in "
     "[0, 1], found 30 (write 0.3 or \"30 %\" for 30 %)"},
    {"reference-missing", "", 85, "objectives.ghg-2030.relative_to", "expected reference_value"},
    {"unknown-parameter", "", 72, "actions.insulation.effects[0].fraction.parameter",
     "expected the name of a parameter declared in [parameters], found \"savings\""},
    {"comparison-operator", "", 83, "objectives.ghg-2030.comparison",
     "expected \"<=\" or \">=\", found \"<\""},
    {"duplicate-sector", "", 9, "territory.sectors[2]",
     "expected unique names, found \"residential\" twice"},
    {"empty", "", 1, "format", "expected the format version 1 (required key), found no such key"},
    {"binary-garbage", "", 1, "", "invalid TOML: Encountered invalid utf-8 sequence"},
    {"control-character", "", 6, "territory.name",
     "expected text without control characters (line breaks and tabs aside), found U+001B at "
     "character 13"},
    {"line-break-in-name", "", 62, "actions.insulation.name",
     "expected a string on one line, without tabs, found U+000A at character 11"},
    {"c1-control", "", 76, "portfolios[0].name",
     "expected text without control characters (line breaks and tabs aside), found U+009B at "
     "character 5"},
    {"control-in-key", "", 25, "inventory.local_production",
     "expected a key without control characters, found U+007F at character 2"},
    {"beyond-single-precision", "", 21, "inventory.final_energy.road_transport.diesel",
     "expected a number the single-precision kernel represents (0, or a magnitude from "
     "1.17549e-38 GWh to 3.40282e+38 GWh), found 1e+39 GWh"},
    {"beyond-single-precision-unit", "", 25, "inventory.local_production.pv",
     "represents (0, or a magnitude from 1.17549e-38 GWh to 3.40282e+38 GWh), found 1e+39 GWh"},
    {"underflow", "", 20, "inventory.final_energy.residential.electricity", "found 1e-300 GWh"},
    {"threshold-beyond-single-precision", "", 84, "objectives.ghg-2030.threshold",
     "expected a number the single-precision kernel represents (0, or a magnitude from "
     "1.17549e-38 to 3.40282e+38), found 1e+39"},
    {"include-device", "", 4, "include",
     "expected an existing file, found \"/dev/zero\" which is a character device, not a regular "
     "file"},
    {"include-directory", "", 4, "include", "which is a directory, not a regular file"},
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

// Inputs shaped to exhaust the stack, the memory or the time
// (docs/scenario-format.md#limits): each is one located error.
namespace {
Diagnostic only_error(const std::string& text, std::map<std::string, std::string> files = {}) {
  try {
    testing::scenario_from_text(text, std::move(files));
  } catch (const InputError& error) {
    REQUIRE(error.diagnostics().size() == 1);
    return error.diagnostics().front();
  }
  FAIL("expected an error");
  return {};
}

std::string repeated(const std::string& piece, std::size_t times, const std::string& separator) {
  std::string text;
  for (std::size_t i = 0; i < times; ++i) text += (i > 0 ? separator : "") + piece;
  return text;
}

/// `prefix` + `number` + ".toml", appended piece by piece (GCC 12 warns,
/// -Wrestrict, on "text" + std::to_string(…)).
std::string numbered(const std::string& prefix, int number) {
  std::string name = prefix;
  name += std::to_string(number);
  name += ".toml";
  return name;
}

/// A directory of its own, removed at the end of the test.
struct TemporaryDirectory {
  std::filesystem::path path;
  TemporaryDirectory() {
    path = std::filesystem::temp_directory_path() /
           ("traj-limits-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
    std::filesystem::create_directories(path);
  }
  ~TemporaryDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  static int& counter() {
    static int value = 0;
    return value;
  }
  std::string file(const std::string& name, const std::string& text) const {
    std::ofstream(path / name, std::ios::binary) << text;
    return (path / name).string();
  }
};

Diagnostic only_error_on_disk(const std::string& path) {
  const DiskSourceProvider disk;
  try {
    territory::load_scenario(path, disk);
  } catch (const InputError& error) {
    REQUIRE(error.diagnostics().size() == 1);
    return error.diagnostics().front();
  }
  FAIL("expected an error");
  return {};
}
}  // namespace

TEST_CASE("keys of too many dotted parts, long keys and deep nesting are located errors") {
  // 20 000 parts used to overflow the stack while the tree was converted.
  const auto header = only_error("format = 1\n[" + repeated("a", 20'000, ".") + "]\nx = 1\n");
  CHECK(header.where.line == 2);
  CHECK(header.where.column == 2);
  CHECK(header.message == "expected a key of at most 64 dotted parts, found more");
  const auto key = only_error("format = 1\nx = 1\n" + repeated("\"b\"", 65, " . ") + " = 1\n");
  CHECK(key.where.line == 3);
  CHECK(key.where.column == 1);
  CHECK(key.message == "expected a key of at most 64 dotted parts, found more");
  // Dots inside strings and comments are no parts.
  CHECK(only_error("format = 1\nx = \"" + repeated("a", 100, ".") + "\" # " +
                   repeated("b", 100, ".") + "\n")
            .key_path == "territory");
  const auto long_key = only_error("format = 1\n\"" + std::string(300, 'k') + "\" = 1\n");
  CHECK(long_key.where.line == 2);
  CHECK(long_key.message == "expected a key of at most 256 bytes, found one of 300");
  const auto arrays =
      only_error("format = 1\nx = " + std::string(100'000, '[') + std::string(100'000, ']'));
  CHECK(arrays.where.line == 2);
  CHECK(arrays.where.column == 69);  // the 65th bracket
  CHECK(arrays.message == "expected arrays and inline tables nested at most 64 deep, found deeper");
  const auto tables = only_error("format = 1\nx = " + repeated("{ a = ", 100'000, "") + "1" +
                                 std::string(100'000, '}'));
  CHECK(tables.message == "expected arrays and inline tables nested at most 64 deep, found deeper");
  // Each within its limit, together deeper than MAX_VALUE_DEPTH levels.
  const std::string parts = repeated("a", 64, ".");
  const auto deep = only_error("format = 1\n[" + parts + "]\n" + repeated("a", 63, ".") +
                               ".b = { c = { d = 1 } }\n");
  CHECK(deep.where.line == 3);
  CHECK_THAT(deep.key_path, Catch::EndsWith("a.a.b.c"));
  CHECK(deep.message == "expected tables and arrays nested at most 128 deep, found deeper");
}

TEST_CASE("a chain of includes is capped in depth and named from its start") {
  // 10 000 one-line includes used to overflow the stack.
  std::map<std::string, std::string> files;
  for (int i = 1; i < 10'000; ++i) {
    files[numbered("memory/f", i)] = "include = \"" + numbered("f", i + 1) + "\"\n";
  }
  const auto error = only_error("include = \"f1.toml\"\n", files);
  CHECK_THAT(error.where.file, Catch::EndsWith("memory/f31.toml"));
  CHECK(error.where.line == 1);
  CHECK(error.key_path == "include");
  CHECK(error.message ==
        "expected includes nested at most 32 files deep, found a deeper chain from "
        "memory/scenario.toml (here, \"memory/f32.toml\" would be file 33)");
}

TEST_CASE("a file reached by several includes is read and merged once") {
  // Each file includes the next one twice, 31 deep: 2^31 merges before.
  std::map<std::string, std::string> files;
  for (int i = 1; i < 31; ++i) {
    const std::string next = numbered("d", i + 1);
    files[numbered("memory/d", i)] = "include = [\"" + next + "\", \"" + next + "\"]\n";
  }
  files["memory/d31.toml"] = minimal_text();
  const auto scenario =
      testing::scenario_from_text("include = [\"d1.toml\", \"d1.toml\"]\n", files);
  CHECK(scenario.files.size() == 32);
  CHECK(scenario.files.back() == "memory/d31.toml");
  REQUIRE(scenario.actions.size() == 1);  // once, not 2^31 times
  CHECK(scenario.actions.front().id == "insulation");
}

TEST_CASE("a scenario of more files than the cap is refused") {
  std::map<std::string, std::string> files;
  std::string includes = "include = [";
  for (int i = 0; i < 300; ++i) {
    files[numbered("memory/part", i)] = "";
    includes += (i > 0 ? ", \"" : "\"") + numbered("part", i) + "\"";
  }
  const auto error = only_error(includes + "]\n", files);
  CHECK(error.where.line == 1);
  CHECK(error.key_path == "include");
  CHECK(error.message ==
        "expected at most 256 files in one scenario, found more (\"memory/part255.toml\" would be "
        "file 257)");
}

TEST_CASE("only regular files of at most the size cap are read") {
  const TemporaryDirectory directory;
  // Sparse: the size is checked before anything is read.
  const std::string huge = directory.file("huge.toml", "");
  std::filesystem::resize_file(huge, MAX_INPUT_BYTES + 1);
  const auto main = only_error_on_disk(huge);
  CHECK(main.where.file == huge);
  CHECK(main.message ==
        "cannot read the file: it is larger than the 256.0 MiB an input may hold (256.0 MiB)");
  const auto included =
      only_error_on_disk(directory.file("main.toml", "include = \"huge.toml\"\n"));
  CHECK(included.where.line == 1);
  CHECK(included.where.column == 11);
  CHECK_THAT(included.message, Catch::Contains("huge.toml\" which is larger than the 256.0 MiB"));
  REQUIRE(::mkfifo((directory.path / "pipe.toml").c_str(), 0600) == 0);
  CHECK_THAT(only_error_on_disk(directory.file("fifo.toml", "include = \"pipe.toml\"\n")).message,
             Catch::EndsWith("pipe.toml\" which is a FIFO, not a regular file"));
  CHECK(only_error_on_disk("/dev/zero").message ==
        "cannot read the file: it is a character device, not a regular file");
  CHECK(only_error_on_disk(directory.path.string()).message ==
        "cannot read the file: it is a directory, not a regular file");
}

TEST_CASE("invalid UTF-8 anywhere is refused with its place") {
  // A UTF-16 surrogate, a code point beyond U+10FFFF, an overlong '/'.
  for (const std::string bytes : {"\xed\xa0\x80", "\xf4\x90\x80\x80", "\xc0\xaf"}) {
    for (const std::string& text :
         {"format = 1\nx = \"a" + bytes + "\"\n", "format = 1\n# a" + bytes + "\n"}) {
      const auto error = only_error(text);
      CHECK(error.where.line == 2);
      CHECK(error.message == "invalid TOML: Encountered invalid utf-8 sequence");
    }
  }
}
