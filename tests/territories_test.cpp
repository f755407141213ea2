// Scenarios of several territories (issue 26): shares of the whole's
// inventory, scoped and split actions, the whole as the exact per-member sum
// of its territories, shared and per-territory parameters, and the loader's
// errors.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "test_support.hpp"
#include "traj/ensemble.hpp"
#include "traj/error.hpp"
#include "traj/territory/plan.hpp"

using namespace traj;
using namespace traj::territory;
using traj::testing::scenario_from_file;
using traj::testing::scenario_from_text;

namespace {

/// Every indicator of `members` members, `[member][year × rows + row]`.
std::vector<std::vector<double>> run_members(const Plan& plan, std::size_t members,
                                             std::uint64_t seed = 7) {
  const ParameterSet& parameters = plan.scenario->parameters;
  const ParameterSampler sampler(parameters, seed);
  constexpr std::size_t BLOCK = 64;
  Kernel kernel(plan, BLOCK);
  const std::size_t rows = plan.catalogue.size();
  const auto years = static_cast<std::size_t>(plan.year_count());
  std::vector<std::vector<double>> result;
  std::vector<double> drawn(parameters.size() * BLOCK), out(years * rows * BLOCK);
  for (std::size_t first = 0; first < members; first += BLOCK) {
    const std::size_t lanes = std::min(BLOCK, members - first);
    sampler.fill(first, lanes, drawn.data());
    kernel.run_block(drawn.data(), lanes, out.data());
    for (std::size_t l = 0; l < lanes; ++l) {
      std::vector<double> member(years * rows);
      for (std::size_t i = 0; i < years * rows; ++i) member[i] = out[i * lanes + l];
      result.push_back(std::move(member));
    }
  }
  return result;
}

/// Two communes with inventories of their own: 100 and 300 GWh of
/// electricity whose GHG factor is one uncertain parameter, shared or per
/// territory (`PER_TERRITORY`).
std::string two_communes(bool per_territory) {
  return std::string(R"(format = 1
[territory]
name = "Two communes"
base_year = 2020
horizon = 2022
sectors = ["residential"]
carriers = ["electricity"]
pollutants = ["nox"]
[territory.sources]
pv = { carrier = "electricity" }
[trends.activity_growth]
unit = "%/yr"
residential = 0
[trends.autonomous_efficiency]
unit = "%/yr"
residential = 0
[emission_factors.ghg]
unit = "kgCO2e/kWh"
[emission_factors.ghg.all_sectors]
electricity = { parameter = "grid_factor" }
[emission_factors.nox]
unit = "g/kWh"
[emission_factors.nox.all_sectors]
electricity = 0
[parameters.grid_factor]
distribution = { uniform = [0.04, 0.06] }
unit = "kgCO2e/kWh"
)") + (per_territory ? "per_territory = true\n" : "") +
         R"([[territories]]
id = "a"
name = "A"
population = 1000
estimate = true
[territories.inventory.final_energy]
unit = "GWh"
residential = { electricity = 100 }
[[territories]]
id = "b"
name = "B"
population = 3000
estimate = true
[territories.inventory.final_energy]
unit = "GWh"
residential = { electricity = 300 }
)";
}

/// Two territories A and B sharing the whole's inventory, with the given
/// `shares` lines; B states no source.
std::string shared_inventory(const std::string& a_shares, const std::string& b_shares) {
  return R"(format = 1
[territory]
name = "W"
base_year = 2020
horizon = 2022
sectors = ["residential"]
carriers = ["electricity"]
pollutants = ["nox"]
[territory.sources]
pv = { carrier = "electricity" }
[inventory.final_energy]
unit = "GWh"
residential = { electricity = 100 }
[trends.activity_growth]
unit = "%/yr"
residential = 0
[trends.autonomous_efficiency]
unit = "%/yr"
residential = 0
[emission_factors.ghg]
unit = "kgCO2e/kWh"
[emission_factors.ghg.all_sectors]
electricity = 0.05
[emission_factors.nox]
unit = "g/kWh"
[emission_factors.nox.all_sectors]
electricity = 0
[[territories]]
id = "a"
name = "A"
population = 1
estimate = true
)" + a_shares +
         R"(
[[territories]]
id = "b"
name = "B"
population = 1
)" + b_shares +
         "\n";
}

double variance(const std::vector<double>& values) {
  double mean = 0.0;
  for (const double v : values) mean += v;
  mean /= static_cast<double>(values.size());
  double sum = 0.0;
  for (const double v : values) sum += (v - mean) * (v - mean);
  return sum / static_cast<double>(values.size() - 1);
}

}  // namespace

TEST_CASE("shares of the whole's inventory follow the population key", "[territories]") {
  const Scenario scenario = scenario_from_file("scenarios/tests/territories.toml");
  REQUIRE(scenario.territories.size() == 2);
  CHECK(scenario.population == 10000.0);
  const Scenario& town = *scenario.territories[0].scenario;
  const Scenario& village = *scenario.territories[1].scenario;
  const int residential = scenario.find_sector("residential");
  const int gas = scenario.find_carrier("natural_gas");
  const auto cell = static_cast<std::size_t>(scenario.cell(residential, gas));
  CHECK(town.final_energy[cell].constant == Approx(150.0));
  CHECK(village.final_energy[cell].constant == Approx(50.0));
  CHECK(village.local_production[0].constant == Approx(2.5));
  CHECK(town.territories.empty());
  CHECK(town.objectives.empty());
  // The village's PV acts only there, with its whole size.
  const int pv = scenario.find_action("village-pv");
  CHECK(town.actions[static_cast<std::size_t>(pv)].effects.empty());
  CHECK(village.actions[static_cast<std::size_t>(pv)].effects.size() == 1);
  CHECK(village.actions[static_cast<std::size_t>(pv)].costs.investment.constant == Approx(6.0));
  // Insulation everywhere: its investment split by population.
  const int insulation = scenario.find_action("insulation");
  CHECK(town.actions[static_cast<std::size_t>(insulation)].costs.investment.constant ==
        Approx(30.0));
  CHECK(village.actions[static_cast<std::size_t>(insulation)].costs.investment.constant ==
        Approx(10.0));
  // A per-territory parameter has one copy per territory, used by that territory.
  CHECK(scenario.parameters.find("renovation_savings@town") >= 0);
  CHECK(scenario.parameters.find("renovation_savings@village") >= 0);
  CHECK(scenario.parameters.find("renovation_savings") < 0);  // no parameter left unused
  // The village's objective is judged on its own rows.
  const Plan plan = compile_plan(scenario, "plan");
  CHECK(plan.catalogue.find("final_energy@village") ==
        static_cast<int>(plan.catalogue.territory_row(1, 0) +
                         static_cast<std::size_t>(plan.catalogue.final_energy)));
  CHECK(scenario.objectives[1].indicator == "final_energy@village");
}

TEST_CASE("the whole is the exact per-member sum of its territories", "[territories]") {
  const Scenario scenario = scenario_from_file("scenarios/tests/territories.toml");
  const Plan plan = compile_plan(scenario, "plan");
  const IndicatorCatalogue& catalogue = plan.catalogue;
  const std::size_t rows = catalogue.size();
  const auto years = static_cast<std::size_t>(plan.year_count());
  const auto members = run_members(plan, 200);
  std::size_t checked = 0;
  for (const auto& member : members) {
    for (std::size_t y = 0; y < years; ++y) {
      const double* values = member.data() + y * rows;
      for (std::size_t row = 0; row < catalogue.base_size(); ++row) {
        if (static_cast<int>(row) == catalogue.renewable_share) continue;
        double sum = 0.0;
        for (std::size_t t = 0; t < catalogue.territory_count(); ++t)
          sum += values[catalogue.territory_row(t, row)];
        REQUIRE(values[row] == static_cast<double>(static_cast<float>(sum)));
        ++checked;
      }
      const double share = values[catalogue.renewable_share];
      CHECK(share == Approx(values[catalogue.local_production] / values[catalogue.final_energy])
                         .epsilon(1e-6));
    }
  }
  CHECK(checked > 1000);
}

TEST_CASE("an action scoped to one commune touches only that commune", "[territories]") {
  const Scenario scenario = scenario_from_file("scenarios/tests/territories.toml");
  const Plan with = compile_plan(scenario, "plan");
  const Plan without = compile_actions(scenario, {scenario.find_action("insulation")});
  const auto a = traj::testing::run_central(with);
  const auto b = traj::testing::run_central(without);
  const auto& catalogue = with.catalogue;
  const auto production = static_cast<std::size_t>(catalogue.local_production);
  for (int year = 2020; year <= 2030; ++year) {
    const auto town = static_cast<int>(catalogue.territory_row(0, production));
    const auto village = static_cast<int>(catalogue.territory_row(1, production));
    CHECK(a.at(town, year) == b.at(town, year));
    CHECK(a.at(village, year) - b.at(village, year) ==
          Approx(year >= 2022 ? 8.0 : 0.0).margin(1e-4));
  }
}

TEST_CASE("a shared parameter makes communes perfectly correlated", "[territories]") {
  // GHG of A and B: 100 g and 300 g with one draw g: var(sum) = (σ_A + σ_B)².
  const double sigma = 0.02 / std::sqrt(12.0);  // the uniform factor's sd, kt per GWh
  constexpr std::size_t MEMBERS = 20000;
  for (const bool per_territory : {false, true}) {
    const Scenario scenario = scenario_from_text(two_communes(per_territory));
    const Plan plan = compile_plan(scenario, "");
    const auto members = run_members(plan, MEMBERS);
    std::vector<double> whole;
    for (const auto& member : members)
      whole.push_back(member[static_cast<std::size_t>(plan.catalogue.ghg)]);
    const double sigma_a = 100.0 * sigma, sigma_b = 300.0 * sigma;
    const double expected = per_territory ? sigma_a * sigma_a + sigma_b * sigma_b
                                          : (sigma_a + sigma_b) * (sigma_a + sigma_b);
    // The sample variance's standard error is σ² √((κ − 1)/n), κ ≤ 3 here
    // (sums of uniforms are platykurtic).
    const double tolerance = 4.0 * expected * std::sqrt(2.0 / MEMBERS);
    INFO("per_territory = " << per_territory);
    CHECK(std::abs(variance(whole) - expected) < tolerance);
  }
}

TEST_CASE("the loader locates every mistake", "[territories]") {
  const std::string base = two_communes(false);
  const auto error_of = [](const std::string& text) {
    try {
      scenario_from_text(text);
    } catch (const InputError& error) {
      return std::string(error.what());
    }
    return std::string("no error");
  };
  SECTION("an action in an unknown territory") {
    const std::string text = base + R"([[actions]]
id = "x"
name = "X"
coalition = "C"
theme = "t"
start = 2021
where = ["c"]
adoption = { curve = "step", ceiling = 1.0 }
  [[actions.effects]]
  type = "reduce"
  sectors = ["residential"]
  fraction = 0.1
)";
    CHECK_THAT(error_of(text), Catch::Contains("actions.x.where") &&
                                   Catch::Contains("expected a territory of the scenario") &&
                                   Catch::Contains("\"c\""));
  }
  SECTION("split fractions that do not sum to 1") {
    const std::string text = base + R"([[actions]]
id = "x"
name = "X"
coalition = "C"
theme = "t"
start = 2021
split = { a = 0.5, b = 0.4 }
adoption = { curve = "step", ceiling = 1.0 }
  [[actions.effects]]
  type = "produce"
  source = "pv"
  energy = { value = 1, unit = "GWh" }
)";
    CHECK_THAT(error_of(text), Catch::Contains("actions.x.split") &&
                                   Catch::Contains("expected fractions summing to 1"));
  }
  SECTION("an objective of an unknown territory") {
    const std::string text = base + R"([[objectives]]
id = "o"
territory = "z"
indicator = "ghg"
year = 2022
comparison = "<="
threshold = 10
)";
    CHECK_THAT(error_of(text),
               Catch::Contains("objectives.o.territory") && Catch::Contains("\"z\""));
  }
  SECTION("shares of a sector over 1") {
    const std::string text =
        shared_inventory("shares = { residential = 0.7 }", "shares = { residential = 0.6 }");
    const std::string message = error_of(text);
    CHECK_THAT(message, Catch::Contains("territories.b.shares.residential") &&
                            Catch::Contains("summing to at most 1"));
    // B states neither a source nor that its figures are estimates.
    CHECK_THAT(message, Catch::Contains("territories.b.source"));
  }
  SECTION("an unknown sector in shares, reported once") {
    const std::string message =
        error_of(shared_inventory("shares = { residentiel = 0.5 }", "shares = \"population\""));
    CHECK_THAT(message, Catch::Contains("territories.a.shares.residentiel: expected a sector"));
    const auto first = message.find("territories.a.shares.residentiel:");
    CHECK(message.find("territories.a.shares.residentiel:", first + 1) == std::string::npos);
  }
  SECTION("a per-territory parameter without territories") {
    std::string text = base.substr(0, base.find("[[territories]]"));
    text += "[inventory.final_energy]\nunit = \"GWh\"\nresidential = { electricity = 1 }\n";
    text.insert(text.find("[parameters.grid_factor]") + 25, "per_territory = true\n");
    CHECK_THAT(error_of(text), Catch::Contains("parameters.grid_factor.per_territory") &&
                                   Catch::Contains("expected [[territories]]"));
  }
}
