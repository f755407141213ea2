#pragma once
/// How actions reach indicators: actions → sector × carrier cells → energy
/// supply → emissions and pollutants → indicators, as a Boost.Graph DAG.

#include <string>
#include <vector>

#include "traj/territory/scenario.hpp"

namespace traj::territory {

enum class NodeKind { Action, Cell, Source, Supply, Indicator };

struct GraphNode {
  NodeKind kind = NodeKind::Indicator;
  std::string id;     ///< unique, e.g. "action:heat-pumps", "cell:residential/natural_gas"
  std::string label;  ///< for display
};

class PropagationGraph {
 public:
  /// The graph of `portfolio_id`'s actions ("" or "*": every action).
  /// Throws InputError for an unknown portfolio.
  PropagationGraph(const Scenario& scenario, const std::string& portfolio_id);

  const std::vector<GraphNode>& nodes() const { return nodes_; }
  const std::vector<std::pair<int, int>>& edges() const { return edges_; }
  /// Nodes in an order where every edge goes forward (Boost topological_sort).
  std::vector<int> topological_order() const;
  int find(std::string_view id) const;

  std::string to_dot() const;
  std::string to_text() const;

 private:
  int node(NodeKind kind, const std::string& id, const std::string& label);
  void edge(int from, int to);

  std::string title_;
  std::vector<GraphNode> nodes_;
  std::vector<std::pair<int, int>> edges_;
};

}  // namespace traj::territory
