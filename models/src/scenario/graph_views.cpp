#include "traj/territory/graph_views.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "traj/error.hpp"
#include "traj/string_distance.hpp"

namespace traj::territory {
namespace {

using Links = std::vector<std::vector<int>>;

constexpr std::string_view ACTION = "action:";
constexpr std::string_view INDICATOR = "indicator:";
constexpr std::string_view CELL = "cell:";
/// The summary's node for every pollutant together, also a name for --indicator.
constexpr std::string_view POLLUTANTS = "pollutants";

/// The indicators every summary shows: what the objectives are usually about.
bool is_headline(std::string_view indicator) {
  return indicator == "final_energy" || indicator == "ghg" || indicator == "renewable_share";
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

/// The sector of a cell node's id "cell:sector/carrier".
std::string sector_of(std::string_view cell_id) {
  const auto rest = cell_id.substr(CELL.size());
  return std::string(rest.substr(0, rest.find('/')));
}

Links successors(const PropagationGraph& graph, bool forward) {
  Links links(graph.nodes().size());
  for (const auto& [from, to] : graph.edges()) {
    if (forward)
      links[static_cast<std::size_t>(from)].push_back(to);
    else
      links[static_cast<std::size_t>(to)].push_back(from);
  }
  return links;
}

/// The nodes reachable from `start` (itself included) along `links`.
std::vector<bool> reachable(const Links& links, const std::vector<int>& start) {
  std::vector<bool> seen(links.size(), false);
  std::vector<int> pending = start;
  for (const int node : start) seen[static_cast<std::size_t>(node)] = true;
  while (!pending.empty()) {
    const int node = pending.back();
    pending.pop_back();
    for (const int next : links[static_cast<std::size_t>(node)]) {
      if (seen[static_cast<std::size_t>(next)]) continue;
      seen[static_cast<std::size_t>(next)] = true;
      pending.push_back(next);
    }
  }
  return seen;
}

std::vector<std::string> ids_with_prefix(const PropagationGraph& graph, std::string_view prefix) {
  std::vector<std::string> ids;
  for (const auto& node : graph.nodes()) {
    if (starts_with(node.id, prefix)) ids.push_back(node.id.substr(prefix.size()));
  }
  return ids;
}

/// The nodes of the full graph that --action, --sector or --indicator names.
std::vector<int> focus_of(const Scenario& scenario, const PropagationGraph& graph,
                          const std::string& portfolio_id, const GraphView& view) {
  std::vector<int> focus;
  if (!view.action.empty()) {
    const int node = graph.find(std::string(ACTION) + view.action);
    if (node >= 0) return {node};
    if (scenario.find_action(view.action) != NONE) {
      throw InputError("--action: \"" + view.action + "\" is not in portfolio " + portfolio_id +
                       "; choose one of its actions or remove --portfolio");
    }
    throw InputError("--action: expected an action of the graph, found \"" + view.action + "\"" +
                     did_you_mean(view.action, ids_with_prefix(graph, ACTION)));
  }
  if (!view.sector.empty()) {
    if (scenario.find_sector(view.sector) == NONE) {
      throw InputError("--sector: expected a sector of the scenario, found \"" + view.sector +
                       "\"" + did_you_mean(view.sector, scenario.sectors));
    }
    for (std::size_t i = 0; i < graph.nodes().size(); ++i) {
      const auto& id = graph.nodes()[i].id;
      if (starts_with(id, CELL) && sector_of(id) == view.sector)
        focus.push_back(static_cast<int>(i));
    }
    if (focus.empty()) {
      throw InputError("--sector: \"" + view.sector +
                       "\" uses no energy in the inventory and no action moves energy to it: the "
                       "graph has no node of it");
    }
    return focus;
  }
  const int node = graph.find(std::string(INDICATOR) + view.indicator);
  if (node < 0 && view.indicator == POLLUTANTS) {
    for (const auto& pollutant : scenario.pollutants) {
      const int found = graph.find(std::string(INDICATOR) + pollutant);
      if (found >= 0) focus.push_back(found);
    }
    if (!focus.empty()) return focus;
  }
  if (node < 0) {
    throw InputError("--indicator: expected an indicator of the graph, found \"" + view.indicator +
                     "\"" + did_you_mean(view.indicator, ids_with_prefix(graph, INDICATOR)));
  }
  return {node};
}

/// Only the paths through `focus`: its upstream (every node with a path to
/// it) and its downstream (every node it reaches), with the edges that stay
/// on one side; an edge that bypasses the focus is left out.
PropagationGraph through(const PropagationGraph& graph, const std::vector<int>& focus,
                         const std::string& title) {
  const auto downstream = reachable(successors(graph, true), focus);
  const auto upstream = reachable(successors(graph, false), focus);
  std::vector<int> renumbered(graph.nodes().size(), -1);
  std::vector<GraphNode> nodes;
  for (std::size_t i = 0; i < graph.nodes().size(); ++i) {
    if (!upstream[i] && !downstream[i]) continue;
    renumbered[i] = static_cast<int>(nodes.size());
    nodes.push_back(graph.nodes()[i]);
  }
  std::vector<std::pair<int, int>> edges;
  for (const auto& [from, to] : graph.edges()) {
    const auto f = static_cast<std::size_t>(from), t = static_cast<std::size_t>(to);
    if ((upstream[f] && upstream[t]) || (downstream[f] && downstream[t]))
      edges.emplace_back(renumbered[f], renumbered[t]);
  }
  return PropagationGraph(title, std::move(nodes), std::move(edges));
}

/// The summary: actions, sectors (their cells merged), headline indicators
/// and the pollutants (one node unless `each_pollutant`); the other nodes are
/// folded into the edges that go through them. `kept` ids stay whatever they are.
PropagationGraph summary(const Scenario& scenario, const PropagationGraph& graph,
                         bool each_pollutant, const std::set<std::string>& kept,
                         const std::string& title) {
  const auto& full = graph.nodes();
  std::vector<int> target(full.size(), -1);
  std::vector<GraphNode> nodes;
  std::map<std::string, int> index;
  const auto add = [&](NodeKind kind, const std::string& id, const std::string& label) {
    const auto [found, added] = index.emplace(id, static_cast<int>(nodes.size()));
    if (added) nodes.push_back({kind, id, label});
    return found->second;
  };
  for (std::size_t i = 0; i < full.size(); ++i) {
    if (full[i].kind == NodeKind::Action)
      target[i] = add(NodeKind::Action, full[i].id, full[i].id.substr(ACTION.size()));
  }
  for (const auto& sector : scenario.sectors) {
    for (std::size_t i = 0; i < full.size(); ++i) {
      if (full[i].kind == NodeKind::Cell && sector_of(full[i].id) == sector)
        target[i] = add(NodeKind::Sector, "sector:" + sector, sector);
    }
  }
  const auto& pollutants = scenario.pollutants;
  for (std::size_t i = 0; i < full.size(); ++i) {
    if (full[i].kind != NodeKind::Indicator) continue;
    const std::string name = full[i].id.substr(INDICATOR.size());
    const bool pollutant =
        std::find(pollutants.begin(), pollutants.end(), name) != pollutants.end();
    if (kept.count(full[i].id) > 0 || is_headline(name) || (pollutant && each_pollutant))
      target[i] = add(NodeKind::Indicator, full[i].id, name);
    else if (pollutant)
      target[i] = add(NodeKind::Indicator, std::string(INDICATOR) + std::string(POLLUTANTS),
                      std::string(POLLUTANTS));
  }
  // An edge between two shown nodes for every path whose inner nodes are hidden.
  const Links next = successors(graph, true);
  std::vector<std::pair<int, int>> edges;
  for (std::size_t start = 0; start < full.size(); ++start) {
    if (target[start] < 0) continue;
    std::vector<bool> seen(full.size(), false);
    std::vector<int> pending = next[start];
    while (!pending.empty()) {
      const auto node = static_cast<std::size_t>(pending.back());
      pending.pop_back();
      if (seen[node]) continue;
      seen[node] = true;
      if (target[node] < 0) {
        pending.insert(pending.end(), next[node].begin(), next[node].end());
        continue;
      }
      const std::pair<int, int> link{target[start], target[node]};
      if (link.first != link.second && std::find(edges.begin(), edges.end(), link) == edges.end())
        edges.push_back(link);
    }
  }
  return PropagationGraph(title, std::move(nodes), std::move(edges));
}

}  // namespace

PropagationGraph graph_view(const Scenario& scenario, const std::string& portfolio_id,
                            const GraphView& view) {
  const int filters = static_cast<int>(!view.action.empty()) +
                      static_cast<int>(!view.sector.empty()) +
                      static_cast<int>(!view.indicator.empty());
  if (filters > 1) {
    throw InputError("--action, --sector, --indicator: expected at most one of them, found " +
                     std::to_string(filters) + "; keep the one whose paths you want to see");
  }
  if (view.full && view.pollutants) {
    throw InputError(
        "--pollutants: the full graph already shows each pollutant; remove --pollutants or "
        "--full");
  }
  PropagationGraph graph(scenario, portfolio_id);
  const bool french = view.language == ReportLanguage::French;
  std::string title = graph.title();
  if (french) {
    title = scenario.name + (portfolio_id.empty() || portfolio_id == "*"
                                 ? std::string(" — toutes les actions")
                                 : " — portefeuille " + portfolio_id);
    graph.retitle(title);
  }
  std::set<std::string> kept;
  if (filters == 1) {
    const std::vector<int> focus = focus_of(scenario, graph, portfolio_id, view);
    const std::string what = !view.action.empty() ? (french ? "l'action " : "action ") + view.action
                             : !view.sector.empty()
                                 ? (french ? "le secteur " : "sector ") + view.sector
                                 : (french ? "l'indicateur " : "indicator ") + view.indicator;
    title += (french ? " — chemins passant par " : " — paths through ") + what;
    // A node asked for stays itself, except the pollutants asked for together.
    if (graph.find(std::string(INDICATOR) + view.indicator) >= 0 || view.indicator != POLLUTANTS) {
      for (const int node : focus) kept.insert(graph.nodes()[static_cast<std::size_t>(node)].id);
    }
    graph = through(graph, focus, title);
  }
  if (view.full) return graph;
  return summary(scenario, graph, view.pollutants, kept,
                 title + (french ? " — résumé (--full\u00a0: chaque cellule, approvisionnement "
                                   "et source)"
                                 : " — summary (--full: every cell, energy supply and source)"));
}

}  // namespace traj::territory
