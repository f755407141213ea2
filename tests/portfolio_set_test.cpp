// A portfolio is a set: the order in which it lists its actions never
// changes a result (docs/model.md, "Stacking without double counting").

#include <algorithm>
#include <catch2/catch.hpp>
#include <random>

#include "test_support.hpp"
#include "traj/ensemble.hpp"
#include "traj/territory/plan.hpp"

using namespace traj;
using namespace traj::territory;

namespace {

// Residential gas (200 GWh, NOx 0.1 g/kWh) and road diesel (300 GWh, NOx
// 1 g/kWh); actions added by each test, all in the portfolio "set".
const std::string TOWN = R"(format = 1
[territory]
name = "Factor town"
base_year = 2020
horizon = 2022
sectors = ["residential", "road_transport"]
carriers = ["natural_gas", "diesel"]
pollutants = ["nox"]
[inventory.final_energy]
unit = "GWh"
residential = { natural_gas = 200 }
road_transport = { diesel = 300 }
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
all_sectors = { natural_gas = 0.2, diesel = 0.3 }
[emission_factors.nox]
unit = "g/kWh"
all_sectors = { natural_gas = 0.1, diesel = 1 }
)";

std::string factor_action(const std::string& id, double ceiling, const std::string& change) {
  return "[[actions]]\nid = \"" + id + "\"\nname = \"" + id +
         "\"\ncoalition = \"Town\"\ntheme = \"air\"\nstart = 2020\n"
         "adoption = { curve = \"step\", ceiling = " +
         std::to_string(ceiling) +
         " }\n[[actions.effects]]\ntype = \"factor\"\nspecies = \"nox\"\n"
         "sectors = [\"residential\"]\ncarriers = [\"natural_gas\"]\n" +
         change + "\n";
}

/// Every indicator, every year, of `lanes` members drawn from `seed`.
std::vector<double> block_of(const Scenario& scenario, const std::string& portfolio,
                             std::size_t lanes, std::uint64_t seed) {
  const Plan plan = compile_plan(scenario, portfolio);
  std::vector<double> parameters(scenario.parameters.size() * lanes);
  sample_parameters(scenario.parameters, seed, 0, lanes, parameters.data());
  std::vector<double> out(static_cast<std::size_t>(plan.year_count()) * plan.catalogue.size() *
                          lanes);
  Kernel(plan, lanes).run_block(parameters.data(), lanes, out.data());
  return out;
}

double residential_nox(const Scenario& scenario) {
  const Plan plan = compile_plan(scenario, "set");
  return testing::value(plan, testing::run_central(plan), "nox.residential", 2021);
}

}  // namespace

TEST_CASE("portfolio set: new factors share a cell, then relative cuts multiply, in any order") {
  // S = 0.5 + 0.3 = 0.8: EF = 0.2 · 0.1 + 0.5 · 0.02 + 0.3 · 0.05 = 0.045 g/kWh,
  // then × (1 − 1 · 0.2): 0.036 g/kWh on 200 GWh = 7.2 t.
  const std::string actions =
      factor_action("stoves", 0.5, "new_factor = { value = 0.02, unit = \"g/kWh\" }") +
      factor_action("boilers", 0.3, "new_factor = { value = 0.05, unit = \"g/kWh\" }") +
      factor_action("filters", 1.0, "fraction = 0.2");
  std::vector<std::string> order = {"\"stoves\"", "\"boilers\"", "\"filters\""};
  std::sort(order.begin(), order.end());
  std::vector<double> first;
  int permutations = 0;
  do {
    const std::string portfolio = "[[portfolios]]\nid = \"set\"\nname = \"Set\"\nactions = [" +
                                  order[0] + ", " + order[1] + ", " + order[2] + "]\n";
    const Scenario scenario = testing::scenario_from_text(TOWN + actions + portfolio);
    CHECK(residential_nox(scenario) == Approx(7.2).epsilon(1e-6));
    const std::vector<double> block = block_of(scenario, "set", 9, 3);
    if (first.empty()) first = block;
    CHECK(block == first);
    ++permutations;
  } while (std::next_permutation(order.begin(), order.end()));
  CHECK(permutations == 6);
}

TEST_CASE("portfolio set: new factors asking for more than the cell are scaled to it") {
  // S = 0.8 + 0.6 = 1.4 > 1: EF = (0.8 · 0.02 + 0.6 · 0.05) / 1.4 g/kWh, the
  // old factor gone; the same in either order.
  const std::string actions =
      factor_action("stoves", 0.8, "new_factor = { value = 0.02, unit = \"g/kWh\" }") +
      factor_action("boilers", 0.6, "new_factor = { value = 0.05, unit = \"g/kWh\" }");
  const double expected = 200 * (0.8 * 0.02 + 0.6 * 0.05) / 1.4;
  for (const std::string listing : {"\"stoves\", \"boilers\"", "\"boilers\", \"stoves\""}) {
    const Scenario scenario = testing::scenario_from_text(
        TOWN + actions + "[[portfolios]]\nid = \"set\"\nname = \"Set\"\nactions = [" + listing +
        "]\n");
    CHECK(residential_nox(scenario) == Approx(expected).epsilon(1e-6));
  }
}

TEST_CASE("portfolio set: every bundled portfolio gives the same bits in any listing order") {
  std::mt19937 shuffle(2026);
  std::size_t portfolios = 0;
  for (const char* path :
       {"scenarios/brest-metropole.toml", "scenarios/clermont-alliance.toml",
        "scenarios/orleans-assises.toml", "scenarios/bench/metropole-large.toml",
        "scenarios/examples/example.toml",
        // last, so that the shuffles of the files above stay the same
        "scenarios/orleans-proposals.toml", "scenarios/saint-etienne-metropole.toml"}) {
    Scenario scenario = testing::scenario_from_file(path);
    for (Portfolio& portfolio : scenario.portfolios) {
      INFO(path << ", portfolio " << portfolio.id);
      const std::vector<double> listed = block_of(scenario, portfolio.id, 19, 5);
      const std::vector<int> original = portfolio.actions;
      for (int trial = 0; trial < 3; ++trial) {
        if (trial == 0) {
          std::reverse(portfolio.actions.begin(), portfolio.actions.end());
        } else {
          std::shuffle(portfolio.actions.begin(), portfolio.actions.end(), shuffle);
        }
        REQUIRE(portfolio.actions != original);
        CHECK(block_of(scenario, portfolio.id, 19, 5) == listed);
        portfolio.actions = original;
      }
      ++portfolios;
    }
  }
  // orleans-proposals.toml: orleans-assises' 5 and assises-candidates;
  // saint-etienne-metropole.toml: 3
  CHECK(portfolios == 29);
}
