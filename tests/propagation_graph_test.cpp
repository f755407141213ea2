#include <catch2/catch.hpp>

#include "test_support.hpp"
#include "traj/territory/graph_views.hpp"
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

namespace {

std::size_t nodes_of_kind(const PropagationGraph& graph, NodeKind kind) {
  return static_cast<std::size_t>(
      std::count_if(graph.nodes().begin(), graph.nodes().end(),
                    [&](const GraphNode& n) { return n.kind == kind; }));
}

bool links(const PropagationGraph& graph, const std::string& from, const std::string& to) {
  const std::pair<int, int> edge{graph.find(from), graph.find(to)};
  return std::find(graph.edges().begin(), graph.edges().end(), edge) != graph.edges().end();
}

}  // namespace

TEST_CASE("the summary of Brest - actions, sectors, headline indicators, pollutants as one") {
  const Scenario scenario = testing::scenario_from_file("scenarios/brest-metropole.toml");
  GraphView everything;
  everything.full = true;
  const PropagationGraph full = graph_view(scenario, "", everything);
  REQUIRE(full.nodes().size() == 83);
  REQUIRE(full.edges().size() == 368);
  const PropagationGraph summary = graph_view(scenario, "", GraphView{});
  // 23 actions, the 7 sectors with energy, final energy, GHG, renewable share
  // and one node for the 6 pollutants.
  CHECK(nodes_of_kind(summary, NodeKind::Action) == 23);
  CHECK(nodes_of_kind(summary, NodeKind::Sector) == 7);
  CHECK(nodes_of_kind(summary, NodeKind::Indicator) == 4);
  CHECK(summary.nodes().size() == 34);
  // 25 action → sector, 10 action → indicator (production → renewable share,
  // non-energy abatement → GHG, stove factors → pollutants), 22 sector →
  // indicator (7 × final energy and GHG, 6 × pollutants (not waste), 2 ×
  // renewable share through heat pumps' ambient heat), final energy →
  // renewable share.
  CHECK(summary.edges().size() == 58);
  CHECK(links(summary, "action:tinergie-renovation", "sector:residential"));
  CHECK(links(summary, "action:rooftop-pv", "indicator:renewable_share"));
  CHECK(links(summary, "action:wood-stove-renewal", "indicator:pollutants"));
  CHECK(links(summary, "sector:residential", "indicator:renewable_share"));
  CHECK(links(summary, "indicator:final_energy", "indicator:renewable_share"));
  CHECK_FALSE(links(summary, "sector:waste", "indicator:pollutants"));
  CHECK(summary.find("indicator:nox") < 0);
  CHECK(summary.find("supply:electricity") < 0);
  CHECK_THAT(summary.to_text(), Catch::Contains("[action] tinergie-renovation -> residential\n"));
  CHECK_THAT(summary.to_text(), Catch::Contains("34 nodes, 58 edges"));
  // Each pollutant on its own: 5 more nodes, 90 edges.
  GraphView each;
  each.pollutants = true;
  const PropagationGraph pollutants = graph_view(scenario, "", each);
  CHECK(pollutants.nodes().size() == 39);
  CHECK(pollutants.edges().size() == 90);
  CHECK(pollutants.find("indicator:pollutants") < 0);
  CHECK(pollutants.find("indicator:nox") >= 0);
}

TEST_CASE("graph filters keep the paths through one action, sector or indicator") {
  const Scenario scenario = testing::scenario_from_file("scenarios/brest-metropole.toml");
  GraphView action;
  action.action = "tinergie-renovation";
  const PropagationGraph tinergie = graph_view(scenario, "", action);
  CHECK(tinergie.nodes().size() == 6);
  CHECK(tinergie.edges().size() == 6);
  CHECK(links(tinergie, "action:tinergie-renovation", "sector:residential"));
  CHECK(links(tinergie, "sector:residential", "indicator:pollutants"));
  CHECK(tinergie.find("action:deep-renovation") < 0);
  action.full = true;
  const PropagationGraph tinergie_full = graph_view(scenario, "", action);
  CHECK(tinergie_full.nodes().size() == 30);
  CHECK(tinergie_full.edges().size() == 96);
  GraphView sector;
  sector.sector = "road_transport";
  const PropagationGraph road = graph_view(scenario, "", sector);
  CHECK(road.nodes().size() == 12);
  CHECK(road.edges().size() == 11);
  CHECK(road.find("sector:residential") < 0);
  sector.full = true;
  const PropagationGraph road_full = graph_view(scenario, "", sector);
  CHECK(road_full.nodes().size() == 27);
  CHECK(road_full.edges().size() == 59);
  GraphView renewable;
  renewable.indicator = "renewable_share";
  const PropagationGraph share = graph_view(scenario, "", renewable);
  CHECK(share.nodes().size() == 31);
  CHECK(share.edges().size() == 39);
  renewable.full = true;
  const PropagationGraph share_full = graph_view(scenario, "", renewable);
  CHECK(share_full.nodes().size() == 65);
  CHECK(share_full.edges().size() == 117);
  // A pollutant asked for stays itself in the summary.
  GraphView nox;
  nox.indicator = "nox";
  const PropagationGraph nox_graph = graph_view(scenario, "", nox);
  CHECK(nox_graph.nodes().size() == 26);
  CHECK(nox_graph.edges().size() == 28);
  CHECK(nox_graph.find("indicator:nox") >= 0);
  CHECK(nox_graph.find("indicator:pollutants") < 0);
  // The summary's node for all pollutants may be asked for by its name.
  GraphView pollutants;
  pollutants.indicator = "pollutants";
  const PropagationGraph all_pollutants = graph_view(scenario, "", pollutants);
  CHECK(all_pollutants.find("indicator:pollutants") >= 0);
  CHECK(all_pollutants.find("indicator:nox") < 0);
  CHECK(links(all_pollutants, "action:wood-stove-renewal", "indicator:pollutants"));
  CHECK(all_pollutants.find("sector:waste") < 0);
  CHECK(all_pollutants.find("indicator:ghg") < 0);
}

TEST_CASE("graph views refuse unknown ids and contradictory choices") {
  const Scenario scenario = testing::scenario_from_file("scenarios/brest-metropole.toml");
  const auto message = [&](const std::string& portfolio, const GraphView& view) {
    try {
      graph_view(scenario, portfolio, view);
    } catch (const InputError& error) {
      return std::string(error.what());
    }
    return std::string("no error");
  };
  GraphView view;
  view.action = "tinergie-renovaton";
  CHECK_THAT(message("", view), Catch::Contains("--action: expected an action of the graph, found "
                                                "\"tinergie-renovaton\" (did you mean "
                                                "'tinergie-renovation'?)"));
  view.action = "ground-pv";
  CHECK_THAT(message("commitments", view),
             Catch::Contains("--action: \"ground-pv\" is not in portfolio commitments"));
  view = {};
  view.sector = "residentiel";
  CHECK_THAT(message("", view), Catch::Contains("(did you mean 'residential'?)"));
  view = {};
  view.indicator = "ghgg";
  CHECK_THAT(message("", view), Catch::Contains("(did you mean 'ghg'?)"));
  view.action = "rooftop-pv";
  CHECK_THAT(message("", view), Catch::Contains("expected at most one of them, found 2"));
  view = {};
  view.full = true;
  view.pollutants = true;
  CHECK_THAT(message("", view), Catch::Contains("--pollutants: the full graph already shows"));
}
