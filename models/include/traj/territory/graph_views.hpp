#pragma once
/// What `traj graph` shows of the propagation graph: the summary (actions →
/// sectors → headline indicators) or the full graph, optionally narrowed to
/// the paths through one action, sector or indicator.

#include <string>

#include "traj/territory/propagation_graph.hpp"

namespace traj::territory {

struct GraphView {
  bool full = false;        ///< every cell, supply and source (the graph as built)
  bool pollutants = false;  ///< summary: one node per pollutant instead of one for all
  /// At most one of the three: keep only the paths through that node (its
  /// upstream and downstream), in the full graph, before summarising.
  std::string action;
  std::string sector;
  std::string indicator;
  /// The title's words (the nodes keep their ids).
  ReportLanguage language = ReportLanguage::English;
};

/// The view of `portfolio_id`'s graph ("" or "*": every action).
/// Throws InputError for an unknown portfolio, action, sector or indicator
/// (with the closest id), or for more than one of action, sector, indicator.
PropagationGraph graph_view(const Scenario& scenario, const std::string& portfolio_id,
                            const GraphView& view);

}  // namespace traj::territory
