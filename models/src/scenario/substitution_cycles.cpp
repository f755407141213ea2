#include "traj/territory/substitution_cycles.hpp"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/depth_first_search.hpp>
#include <boost/graph/topological_sort.hpp>
#include <iterator>

namespace traj::territory {
namespace {

struct SwitchEdge {
  int action = NONE;
  int effect = NONE;
};
using CarrierGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS,
                                           boost::no_property, SwitchEdge>;
using CarrierVertex = boost::graph_traits<CarrierGraph>::vertex_descriptor;
using CarrierEdge = boost::graph_traits<CarrierGraph>::edge_descriptor;

CarrierGraph carrier_graph(const Scenario& scenario, int sector, const std::vector<int>& actions) {
  CarrierGraph graph(scenario.carriers.size());
  for (const int a : actions) {
    const auto& action = scenario.actions[static_cast<std::size_t>(a)];
    for (std::size_t e = 0; e < action.effects.size(); ++e) {
      const SwitchEffect* effect = action.effects[e].as<SwitchEffect>();
      if (effect == nullptr) continue;
      if (std::find(effect->sectors.begin(), effect->sectors.end(), sector) ==
          effect->sectors.end())
        continue;
      boost::add_edge(static_cast<CarrierVertex>(effect->from),
                      static_cast<CarrierVertex>(effect->to), SwitchEdge{a, static_cast<int>(e)},
                      graph);
    }
  }
  return graph;
}

// Records the DFS tree and the first back edge, which closes a cycle.
struct CycleFinder : boost::default_dfs_visitor {
  std::vector<CarrierEdge>* tree_edge_into;
  std::vector<bool>* has_tree_edge;
  std::optional<CarrierEdge>* back;

  void tree_edge(CarrierEdge edge, const CarrierGraph& graph) const {
    const auto target = boost::target(edge, graph);
    (*tree_edge_into)[target] = edge;
    (*has_tree_edge)[target] = true;
  }
  void back_edge(CarrierEdge edge, const CarrierGraph&) const {
    if (!*back) *back = edge;
  }
};

}  // namespace

std::string SubstitutionCycle::describe() const {
  std::string text;
  for (std::size_t i = 0; i < carriers.size(); ++i) text += (i ? " -> " : "") + carriers[i];
  text += " in sector \"" + sector_name + "\" (actions ";
  for (std::size_t i = 0; i < actions.size(); ++i) text += (i ? ", " : "") + actions[i];
  return text + ")";
}

std::vector<SubstitutionCycle> find_substitution_cycles(const Scenario& scenario) {
  std::vector<int> all_actions(scenario.actions.size());
  for (std::size_t a = 0; a < all_actions.size(); ++a) all_actions[a] = static_cast<int>(a);
  std::vector<SubstitutionCycle> cycles;
  for (int sector = 0; sector < static_cast<int>(scenario.sectors.size()); ++sector) {
    const CarrierGraph graph = carrier_graph(scenario, sector, all_actions);
    if (boost::num_edges(graph) == 0) continue;
    std::vector<CarrierEdge> tree_edge_into(boost::num_vertices(graph));
    std::vector<bool> has_tree_edge(boost::num_vertices(graph), false);
    std::optional<CarrierEdge> back;
    CycleFinder finder;
    finder.tree_edge_into = &tree_edge_into;
    finder.has_tree_edge = &has_tree_edge;
    finder.back = &back;
    std::vector<boost::default_color_type> colors(boost::num_vertices(graph));
    boost::depth_first_search(graph,
                              boost::visitor(finder).color_map(boost::make_iterator_property_map(
                                  colors.begin(), boost::get(boost::vertex_index, graph))));
    if (!back) continue;
    // The back edge u -> v closes the tree path v -> … -> u.
    const auto u = boost::source(*back, graph);
    const auto v = boost::target(*back, graph);
    std::vector<CarrierEdge> path_edges;
    for (auto vertex = u; vertex != v && has_tree_edge[vertex];) {
      path_edges.push_back(tree_edge_into[vertex]);
      vertex = boost::source(tree_edge_into[vertex], graph);
    }
    std::reverse(path_edges.begin(), path_edges.end());
    path_edges.push_back(*back);
    SubstitutionCycle cycle;
    cycle.sector = sector;
    cycle.sector_name = scenario.sectors[static_cast<std::size_t>(sector)];
    cycle.carriers.push_back(scenario.carriers[v]);
    for (const auto& edge : path_edges) {
      cycle.carriers.push_back(scenario.carriers[boost::target(edge, graph)]);
      const auto& action = scenario.actions[static_cast<std::size_t>(graph[edge].action)];
      cycle.actions.push_back(action.id);
    }
    const auto& closing = scenario.actions[static_cast<std::size_t>(graph[*back].action)]
                              .effects[static_cast<std::size_t>(graph[*back].effect)];
    cycle.where = closing.where;
    cycle.path = closing.path;
    cycles.push_back(std::move(cycle));
  }
  return cycles;
}

std::vector<int> switch_order(const Scenario& scenario, int sector,
                              const std::vector<int>& actions) {
  const CarrierGraph graph = carrier_graph(scenario, sector, actions);
  std::vector<CarrierVertex> reversed;
  boost::topological_sort(graph, std::back_inserter(reversed));
  return {reversed.rbegin(), reversed.rend()};
}

}  // namespace traj::territory
