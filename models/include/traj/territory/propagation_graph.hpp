#pragma once
/// How actions reach indicators: actions → sector × carrier cells → energy
/// supply → emissions and pollutants → indicators, as a Boost.Graph DAG.

#include <string>
#include <vector>

#include "traj/territory/language.hpp"
#include "traj/territory/scenario.hpp"

namespace traj::territory {

enum class NodeKind { Action, Cell, Source, Supply, Indicator, Sector };

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
  /// A graph made of given parts (a view of another one: graph_views.hpp).
  PropagationGraph(std::string title, std::vector<GraphNode> nodes,
                   std::vector<std::pair<int, int>> edges);

  const std::string& title() const { return title_; }
  /// The same graph under another title (a view's, or in another language).
  void retitle(std::string title) { title_ = std::move(title); }

  const std::vector<GraphNode>& nodes() const { return nodes_; }
  const std::vector<std::pair<int, int>>& edges() const { return edges_; }
  /// Nodes in an order where every edge goes forward: Boost's
  /// topological_sort for the graph built from a scenario; for a view (made
  /// of parts), by layer — the longest path from a node without inputs —
  /// then by node, so that actions lead, then sectors, then indicators.
  std::vector<int> topological_order() const;
  int find(std::string_view id) const;

  std::string to_dot() const;
  /// One line per node with its kind and what it reaches; the header and
  /// the kinds in `language`, the nodes by their ids.
  std::string to_text(ReportLanguage language = ReportLanguage::English) const;

 private:
  int node(NodeKind kind, const std::string& id, const std::string& label);
  void edge(int from, int to);

  std::string title_;
  bool layered_ = false;  ///< a view: topological_order() by layer
  std::vector<GraphNode> nodes_;
  std::vector<std::pair<int, int>> edges_;
};

}  // namespace traj::territory
