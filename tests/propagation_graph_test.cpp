#include <catch2/catch.hpp>

#include "test_support.hpp"
#include "traj/territory/propagation_graph.hpp"
#include "traj/territory/substitution_cycles.hpp"

using namespace traj;
using namespace traj::territory;

TEST_CASE("the propagation graph is a DAG in topological order") {
  const Scenario scenario = testing::scenario_from_file("scenarios/examples/example.toml");
  const PropagationGraph graph(scenario, "plan");
  const auto order = graph.topological_order();
  REQUIRE(order.size() == graph.nodes().size());
  std::vector<std::size_t> position(order.size());
  for (std::size_t i = 0; i < order.size(); ++i) position[static_cast<std::size_t>(order[i])] = i;
  for (const auto& [from, to] : graph.edges()) {
    CHECK(position[static_cast<std::size_t>(from)] < position[static_cast<std::size_t>(to)]);
  }
  // An action reaches an objective's indicator: heat pumps → cells → … → ghg.
  const int heat_pumps = graph.find("action:heat-pumps");
  const int gas_cell = graph.find("cell:residential/natural_gas");
  const int electricity_cell = graph.find("cell:residential/electricity");
  const int ambient = graph.find("source:heat_pumps");
  REQUIRE(heat_pumps >= 0);
  REQUIRE(gas_cell >= 0);
  const auto has_edge = [&](int from, int to) {
    return std::find(graph.edges().begin(), graph.edges().end(), std::pair{from, to}) !=
           graph.edges().end();
  };
  CHECK(has_edge(heat_pumps, gas_cell));
  CHECK(has_edge(gas_cell, electricity_cell));
  CHECK(has_edge(electricity_cell, ambient));
  CHECK(has_edge(gas_cell, graph.find("indicator:ghg")));
  CHECK(
      has_edge(graph.find("indicator:local_production"), graph.find("indicator:renewable_share")));
  // The heat network's fuels feed the heat supply.
  CHECK(has_edge(graph.find("supply:district_heat"), graph.find("supply:wood")));
}

TEST_CASE("a portfolio's graph holds only its actions") {
  const Scenario scenario = testing::scenario_from_file("scenarios/examples/example.toml");
  const PropagationGraph commitments(scenario, "commitments");
  CHECK(commitments.find("action:pv-roofs") >= 0);
  CHECK(commitments.find("action:heat-pumps") < 0);
  CHECK_THROWS_AS(PropagationGraph(scenario, "plna"), InputError);
}

TEST_CASE("text and DOT outputs name every node") {
  const Scenario scenario = testing::scenario_from_file("scenarios/examples/example.toml");
  const PropagationGraph graph(scenario, "");
  const std::string dot = graph.to_dot();
  CHECK_THAT(dot, Catch::StartsWith("digraph propagation {"));
  CHECK_THAT(dot, Catch::Contains("renovation (Community of communes)"));
  const std::string text = graph.to_text();
  CHECK_THAT(text, Catch::Contains("[action] heat-pumps (Energy agency) -> "));
  CHECK_THAT(text, Catch::Contains("41 nodes"));
}

TEST_CASE("switch order puts every from before its to") {
  const Scenario scenario = testing::scenario_from_file("scenarios/examples/example.toml");
  std::vector<int> all(scenario.actions.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = static_cast<int>(i);
  const auto order = switch_order(scenario, scenario.find_sector("residential"), all);
  const auto gas = std::find(order.begin(), order.end(), scenario.find_carrier("natural_gas"));
  const auto electricity =
      std::find(order.begin(), order.end(), scenario.find_carrier("electricity"));
  CHECK(gas < electricity);
}

TEST_CASE("cycles of switches are found and named") {
  // The fixture's cycle: natural_gas -> electricity -> natural_gas.
  try {
    testing::scenario_from_file("scenarios/tests/errors/switch-cycle.toml");
    FAIL("expected the cycle to be reported");
  } catch (const InputError& error) {
    CHECK(error.total() == 1);
    CHECK_THAT(error.diagnostics().front().message,
               Catch::Contains("(actions back-to-gas, heat-pumps)"));
  }
}
