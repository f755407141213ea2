#include "traj/territory/propagation_graph.hpp"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/topological_sort.hpp>
#include <iterator>
#include <map>
#include <set>
#include <utility>

#include "traj/error.hpp"
#include "traj/string_distance.hpp"

namespace traj::territory {
namespace {

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;

std::string kind_name(NodeKind kind, ReportLanguage language = ReportLanguage::English) {
  const bool french = language == ReportLanguage::French;
  switch (kind) {
    case NodeKind::Action:
      return "action";
    case NodeKind::Cell:
      return french ? "cellule" : "cell";
    case NodeKind::Source:
      return "source";
    case NodeKind::Supply:
      return french ? "approvisionnement" : "supply";
    case NodeKind::Indicator:
      return french ? "indicateur" : "indicator";
    case NodeKind::Sector:
      return french ? "secteur" : "sector";
  }
  return "";
}

std::string escape(const std::string& text) {
  std::string result;
  for (const char c : text) {
    if (c == '"' || c == '\\') result += '\\';
    result += c;
  }
  return result;
}

}  // namespace

int PropagationGraph::node(NodeKind kind, const std::string& id, const std::string& label) {
  const int existing = find(id);
  if (existing >= 0) return existing;
  nodes_.push_back({kind, id, label});
  return static_cast<int>(nodes_.size()) - 1;
}

void PropagationGraph::edge(int from, int to) {
  const std::pair<int, int> link{from, to};
  if (std::find(edges_.begin(), edges_.end(), link) == edges_.end()) edges_.push_back(link);
}

int PropagationGraph::find(std::string_view id) const {
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    if (nodes_[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

PropagationGraph::PropagationGraph(std::string title, std::vector<GraphNode> nodes,
                                   std::vector<std::pair<int, int>> edges)
    : title_(std::move(title)),
      layered_(true),
      nodes_(std::move(nodes)),
      edges_(std::move(edges)) {}

PropagationGraph::PropagationGraph(const Scenario& scenario, const std::string& portfolio_id) {
  std::vector<int> actions;
  if (portfolio_id.empty() || portfolio_id == "*") {
    for (std::size_t a = 0; a < scenario.actions.size(); ++a)
      actions.push_back(static_cast<int>(a));
    title_ = scenario.name + " — every action";
  } else {
    const int index = scenario.find_portfolio(portfolio_id);
    if (index == NONE) {
      std::vector<std::string> ids;
      for (const auto& portfolio : scenario.portfolios) ids.push_back(portfolio.id);
      throw InputError("--portfolio: expected a portfolio of the scenario, found \"" +
                       portfolio_id + "\"" + did_you_mean(portfolio_id, ids));
    }
    actions = scenario.portfolios[static_cast<std::size_t>(index)].actions;
    title_ = scenario.name + " — portfolio " + portfolio_id;
  }
  const auto& sectors = scenario.sectors;
  const auto& carriers = scenario.carriers;
  auto cell_node = [&](int s, int c) {
    return node(
        NodeKind::Cell,
        "cell:" + sectors[static_cast<std::size_t>(s)] + "/" +
            carriers[static_cast<std::size_t>(c)],
        sectors[static_cast<std::size_t>(s)] + " × " + carriers[static_cast<std::size_t>(c)]);
  };
  auto supply_node = [&](int c) {
    return node(NodeKind::Supply, "supply:" + carriers[static_cast<std::size_t>(c)],
                carriers[static_cast<std::size_t>(c)] + " supply");
  };
  auto source_node = [&](int source) {
    return node(NodeKind::Source, "source:" + scenario.sources[static_cast<std::size_t>(source)].id,
                scenario.sources[static_cast<std::size_t>(source)].id);
  };
  auto indicator_node = [&](const std::string& id) {
    return node(NodeKind::Indicator, "indicator:" + id, id);
  };

  // Actions first, so that they lead the display.
  for (const int a : actions) {
    const auto& action = scenario.actions[static_cast<std::size_t>(a)];
    node(NodeKind::Action, "action:" + action.id, action.id + " (" + action.coalition + ")");
  }
  const int final_energy = indicator_node("final_energy");
  const int local_production = indicator_node("local_production");
  const int renewable_share = indicator_node("renewable_share");
  const int imports = indicator_node("energy_imports");
  std::vector<int> species_nodes;
  for (int species = 0; species < scenario.species_count(); ++species) {
    species_nodes.push_back(indicator_node(scenario.species_name(species)));
  }
  edge(final_energy, renewable_share);
  edge(local_production, renewable_share);

  // Cells that hold energy, with their carrier's supply and emissions.
  std::set<std::pair<int, int>> cells;
  for (int s = 0; s < static_cast<int>(sectors.size()); ++s) {
    for (int c = 0; c < static_cast<int>(carriers.size()); ++c) {
      if (scenario.in_inventory[static_cast<std::size_t>(scenario.cell(s, c))])
        cells.insert({s, c});
    }
  }
  auto link_cell = [&](int s, int c) {
    const int cell = cell_node(s, c);
    edge(cell, final_energy);
    edge(cell, supply_node(c));
    for (int species = 0; species < scenario.species_count(); ++species) {
      const auto& factor = scenario.factor(species, s, c);
      const bool derived = scenario.conversion_of(c) != nullptr;
      if (derived ||
          (factor.present && !(factor.constant.is_constant() && factor.constant.constant == 0.0 &&
                               !factor.is_trajectory()))) {
        edge(cell, species_nodes[static_cast<std::size_t>(species)]);
      }
    }
    return cell;
  };
  for (const auto& [s, c] : cells) link_cell(s, c);
  for (std::size_t c = 0; c < carriers.size(); ++c) {
    const int carrier = static_cast<int>(c);
    if (find("supply:" + carriers[c]) < 0) continue;
    edge(supply_node(carrier), imports);
  }
  for (const auto& conversion : scenario.conversions) {
    const int output = supply_node(conversion.carrier);
    for (const int input : conversion.input_carriers) {
      const int branch = scenario.find_sector("energy_branch");
      edge(output, supply_node(input));
      if (branch != NONE) {
        for (int species = 0; species < scenario.species_count(); ++species) {
          edge(supply_node(input), species_nodes[static_cast<std::size_t>(species)]);
        }
      }
    }
    if (conversion.renewable_source != NONE) {
      const int source = source_node(conversion.renewable_source);
      edge(output, source);
    }
  }
  for (std::size_t source = 0; source < scenario.sources.size(); ++source) {
    const auto& production = scenario.local_production[source];
    if (!(production.is_constant() && production.constant == 0.0))
      source_node(static_cast<int>(source));
  }

  // Effects.
  for (const int a : actions) {
    const auto& action = scenario.actions[static_cast<std::size_t>(a)];
    const int action_node = find("action:" + action.id);
    bool has_cost =
        !(action.costs.investment.is_constant() && action.costs.investment.constant == 0.0) ||
        !(action.costs.operating.is_constant() && action.costs.operating.constant == 0.0);
    if (has_cost) edge(action_node, indicator_node("cost_cumulative"));
    const auto species_node = [&](int species) {
      return species_nodes[static_cast<std::size_t>(species)];
    };
    for (const auto& effect : action.effects) {
      std::visit(
          Overloaded{
              [&](const ReduceEffect& reduce) {
                for (const int s : reduce.sectors) {
                  for (const int c : reduce.carriers) {
                    if (cells.count({s, c})) edge(action_node, cell_node(s, c));
                  }
                }
              },
              [&](const SwitchEffect& move) {
                for (const int s : move.sectors) {
                  const int from = link_cell(s, move.from);
                  const int to = link_cell(s, move.to);
                  edge(action_node, from);
                  edge(from, to);
                  if (move.ambient_heat_source != NONE)
                    edge(to, source_node(move.ambient_heat_source));
                  if (move.local_source != NONE) edge(to, source_node(move.local_source));
                }
              },
              [&](const ProduceEffect& produce) { edge(action_node, source_node(produce.source)); },
              [&](const FactorEffect& factor) {
                for (const int s : factor.sectors) {
                  for (const int c : factor.carriers) {
                    if (cells.count({s, c}) ||
                        find("cell:" + sectors[static_cast<std::size_t>(s)] + "/" +
                             carriers[static_cast<std::size_t>(c)]) >= 0) {
                      edge(action_node, species_node(factor.species));
                    }
                  }
                }
              },
              [&](const AbateEffect& abate) { edge(action_node, species_node(abate.species)); },
              [&](const IndicatorEffect& indicator) {
                edge(action_node,
                     indicator_node(
                         scenario.indicators[static_cast<std::size_t>(indicator.indicator)].id));
              },
          },
          effect.kind);
    }
  }
  for (std::size_t source = 0; source < nodes_.size(); ++source) {
    if (nodes_[source].kind != NodeKind::Source) continue;
    edge(static_cast<int>(source), local_production);
    const int index = scenario.find_source(nodes_[source].label);
    const int carrier = scenario.sources[static_cast<std::size_t>(index)].carrier;
    if (carrier != NONE && scenario.conversion_of(carrier) == nullptr) {
      edge(static_cast<int>(source), supply_node(carrier));
    }
  }
  for (const auto& indicator : scenario.indicators) indicator_node(indicator.id);
}

std::vector<int> PropagationGraph::topological_order() const {
  Graph graph(nodes_.size());
  for (const auto& [from, to] : edges_)
    boost::add_edge(static_cast<std::size_t>(from), static_cast<std::size_t>(to), graph);
  std::vector<std::size_t> reversed;
  boost::topological_sort(graph, std::back_inserter(reversed));
  std::vector<int> order;
  for (auto it = reversed.rbegin(); it != reversed.rend(); ++it)
    order.push_back(static_cast<int>(*it));
  if (!layered_) return order;
  std::vector<int> layer(nodes_.size(), 0);
  for (const int node : order) {
    for (const auto& [from, to] : edges_) {
      if (from == node)
        layer[static_cast<std::size_t>(to)] = std::max(layer[static_cast<std::size_t>(to)],
                                                       layer[static_cast<std::size_t>(node)] + 1);
    }
  }
  std::sort(order.begin(), order.end(), [&](int x, int y) {
    const auto lx = layer[static_cast<std::size_t>(x)], ly = layer[static_cast<std::size_t>(y)];
    return lx != ly ? lx < ly : x < y;
  });
  return order;
}

std::string PropagationGraph::to_dot() const {
  std::string dot = "digraph propagation {\n  label=\"" + escape(title_) +
                    "\";\n  labelloc=t;\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n";
  const std::map<NodeKind, std::string> styles = {
      {NodeKind::Action, "shape=box, style=filled, fillcolor=\"#fde9c9\""},
      {NodeKind::Cell, "shape=ellipse, style=filled, fillcolor=\"#dceefb\""},
      {NodeKind::Source, "shape=ellipse, style=filled, fillcolor=\"#dcf5dc\""},
      {NodeKind::Supply, "shape=hexagon, style=filled, fillcolor=\"#eeeeee\""},
      {NodeKind::Indicator, "shape=doubleoctagon, style=filled, fillcolor=\"#f6d6d6\""},
      {NodeKind::Sector, "shape=ellipse, style=filled, fillcolor=\"#dceefb\""},
  };
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    dot += "  n" + std::to_string(i) + " [label=\"" + escape(nodes_[i].label) + "\", " +
           styles.at(nodes_[i].kind) + "];\n";
  }
  for (const auto& [from, to] : edges_) {
    dot += "  n" + std::to_string(from) + " -> n" + std::to_string(to) + ";\n";
  }
  return dot + "}\n";
}

std::string PropagationGraph::to_text(ReportLanguage language) const {
  const bool french = language == ReportLanguage::French;
  std::string text =
      title_ + "\n" + std::to_string(nodes_.size()) + (french ? " nœuds, " : " nodes, ") +
      std::to_string(edges_.size()) +
      (french ? " arcs, dans l'ordre de propagation\u00a0:\n" : " edges, in propagation order:\n");
  for (const int index : topological_order()) {
    const auto& current = nodes_[static_cast<std::size_t>(index)];
    text += "  [" + kind_name(current.kind, language) + "] " + current.label;
    std::string targets;
    for (const auto& [from, to] : edges_) {
      if (from == index)
        targets += (targets.empty() ? "" : ", ") + nodes_[static_cast<std::size_t>(to)].label;
    }
    if (!targets.empty()) text += " -> " + targets;
    text += "\n";
  }
  return text;
}

}  // namespace traj::territory
