// Observation files (CSV and TOML): units converted once, uncertainty and
// the `estimated` widening, every error located.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "one_cell.hpp"
#include "test_support.hpp"
#include "traj/territory/observations.hpp"

using namespace traj;
using namespace traj::territory;

namespace {

const Scenario& one_cell() {
  static const Scenario scenario =
      testing::scenario_from_text(testing::one_cell_territory("100", 2025));
  return scenario;
}

/// Every message of the InputError thrown by reading `text` as `path`.
std::string errors_of(const std::string& path, const std::string& text) {
  try {
    read_observations(path, text, one_cell());
  } catch (const InputError& error) {
    return error.what();
  }
  return "";
}

const std::string HEADER = "indicator,year,value,unit,uncertainty,status\n";

}  // namespace

TEST_CASE("observations CSV converts units once and reads the uncertainty", "[observations]") {
  const ObservationSet set = read_observations(
      "obs.csv",
      "# illustrative = true\n# source = \"made up\"\n" + HEADER +
          "final_energy,2021,95000,MWh,5%,final\nghg,2022,19,ktCO2e,18..20,estimated\n"
          "renewable_share,2023,4,%,10%,\n",
      one_cell());
  REQUIRE(set.observations.size() == 3);
  CHECK(set.illustrative);
  CHECK(set.source == "made up");
  const Observation& energy = set.observations[0];
  CHECK(energy.value == Approx(95.0).epsilon(1e-15));  // GWh
  CHECK(energy.on_log);
  CHECK(energy.sd == Approx(std::sqrt(std::log1p(0.05 * 0.05))).epsilon(1e-15));
  CHECK_FALSE(energy.estimated);
  CHECK(energy.where.line == 4);
  // A 90 % interval on the log, doubled because estimated.
  const Observation& ghg = set.observations[1];
  CHECK(ghg.estimated);
  CHECK(ghg.sd ==
        Approx(2.0 * (std::log(20.0) - std::log(18.0)) / (2 * 1.6448536269514722)).epsilon(1e-14));
  CHECK(set.observations[2].value == Approx(0.04).epsilon(1e-15));
}

TEST_CASE("observations CSV from a spreadsheet: byte-order mark, CRLF, quotes", "[observations]") {
  const ObservationSet set =
      read_observations("obs.csv",
                        "\xEF\xBB\xBFindicator,year,value,unit,uncertainty,status\r\n"
                        "\"final_energy\",2021,95,GWh,5%,final\r\n",
                        one_cell());
  REQUIRE(set.observations.size() == 1);
  CHECK(set.observations[0].value == 95.0);
  CHECK_FALSE(set.observations[0].estimated);
}

TEST_CASE("observations TOML reads the same records", "[observations]") {
  const ObservationSet set = read_observations("obs.toml", R"(illustrative = false
source = "ORCAE 2024"
[[observations]]
indicator = "final_energy"
year = 2021
value = 95
unit = "GWh"
uncertainty = "5%"
[[observations]]
indicator = "ghg"
year = 2022
value = 19
unit = "ktCO2e"
uncertainty = [18, 20]
status = "estimated"
)",
                                               one_cell());
  REQUIRE(set.observations.size() == 2);
  CHECK_FALSE(set.illustrative);
  CHECK(set.observations[0].value == 95.0);
  CHECK(set.observations[1].sd ==
        Approx(2.0 * (std::log(20.0) - std::log(18.0)) / (2 * 1.6448536269514722)).epsilon(1e-14));
}

TEST_CASE("an unknown indicator is located with a did-you-mean", "[observations]") {
  const std::string errors = errors_of("obs.csv", HEADER + "final_energi,2021,95,GWh,5%,final\n");
  CHECK(errors.find("obs.csv:2:1: error: indicator:") != std::string::npos);
  CHECK(errors.find("did you mean 'final_energy'") != std::string::npos);
}

TEST_CASE("years outside base year plus one to the horizon are refused", "[observations]") {
  const std::string before = errors_of("obs.csv", HEADER + "final_energy,2020,95,GWh,5%,\n");
  CHECK(before.find("obs.csv:2:14: error: year: expected a year from 2021") != std::string::npos);
  const std::string after = errors_of("obs.csv", HEADER + "final_energy,2026,95,GWh,5%,\n");
  CHECK(after.find("to the horizon 2025, found 2026") != std::string::npos);
  const std::string toml = errors_of("obs.toml", R"([[observations]]
indicator = "ghg"
year = 2030
value = 19
unit = "ktCO2e"
uncertainty = "5%"
)");
  CHECK(toml.find("obs.toml:3:8: error: observations[0].year:") != std::string::npos);
}

TEST_CASE("wrong units, uncertainties, statuses and columns are each located", "[observations]") {
  const std::string errors = errors_of("obs.csv", "indicator,year,valeu,unit,uncertainty,status\n");
  CHECK(errors.find("obs.csv:1:16: error: header: expected a column among") != std::string::npos);
  CHECK(errors.find("did you mean 'value'") != std::string::npos);
  const std::string rows =
      errors_of("obs.csv", HEADER +
                               "final_energy,2021,95,ktCO2e,5%,final\n"  // energy in a mass unit
                               "ghg,2022,19,ktCO2e,,final\n"             // no uncertainty
                               "ghg,2023,19,ktCO2e,21..25,final\n"  // interval not around the value
                               "ghg,2024,19,ktCO2e,5%,provisional\n");  // unknown status
  CHECK(rows.find("obs.csv:2:22: error: unit: expected the unit of final_energy") !=
        std::string::npos);
  CHECK(rows.find("obs.csv:3:20: error: uncertainty:") != std::string::npos);
  CHECK(rows.find("obs.csv:4:20: error: uncertainty: expected an interval low..high around") !=
        std::string::npos);
  CHECK(rows.find("obs.csv:5:23: error: status: expected \"final\" or \"estimated\"") !=
        std::string::npos);
  // A bad value does not hide a missing uncertainty.
  const std::string both = errors_of("obs.csv", HEADER + "ghg,2022,lots,ktCO2e,,final\n");
  CHECK(both.find("obs.csv:2:10: error: value: expected a number") != std::string::npos);
  CHECK(both.find("obs.csv:2:22: error: uncertainty: expected a relative standard deviation") !=
        std::string::npos);
  const std::string twice = errors_of("obs.csv", HEADER +
                                                     "ghg,2022,19,ktCO2e,5%,\n"
                                                     "ghg,2022,18,ktCO2e,5%,\n");
  CHECK(twice.find(
            "obs.csv:3:1: error: indicator: ghg in 2022 is observed twice (first at line 2)") !=
        std::string::npos);
}
