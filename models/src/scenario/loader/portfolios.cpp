/// The [[portfolios]] array: the actions of each portfolio (its own list, or
/// another portfolio's with `extends`, `add` and `remove`) and its adoption
/// overrides.

#include <algorithm>
#include <set>
#include <tuple>

#include "reader_context.hpp"
#include "sections.hpp"
#include "traj/string_distance.hpp"

namespace traj::territory::loader {
namespace {

/// One override as written, with where it was written for the messages
/// that need the resolved list of actions.
struct WrittenOverride {
  AdoptionOverride change;
  SourceLocation where;
  std::string path;
  std::string action_id;
};

/// A portfolio as its table states it, before `extends` is resolved.
struct WrittenPortfolio {
  Portfolio portfolio;  ///< id and name; actions when it has no parent
  std::string path;
  std::optional<std::string> extends;
  SourceLocation extends_where;
  const ConfigNode* add = nullptr;
  const ConfigNode* remove = nullptr;
  std::vector<int> added, removed;
  std::vector<WrittenOverride> overrides;
  bool usable = true;  ///< false when its own table has errors that make it unresolvable
};

/// `key`'s element equal to `id` (for its location), or the key's node.
const ConfigNode& element_named(const ConfigNode& list, const std::string& id) {
  if (list.is_array()) {
    for (const auto& element : list.children)
      if (element.is_string() && element.text == id) return element;
  }
  return list;
}

/// The child's keys replace the parent's, one by one.
void merge_into(AdoptionOverride& parent, const AdoptionOverride& child) {
  if (child.ceiling) parent.ceiling = child.ceiling;
  if (child.start) parent.start = child.start;
  if (child.full_year) parent.full_year = child.full_year;
  if (child.midpoint) parent.midpoint = child.midpoint;
  if (child.steepness) parent.steepness = child.steepness;
  if (child.shift) parent.shift = child.shift;
}

class PortfolioReader {
 public:
  explicit PortfolioReader(ReaderContext& context) : context_(context) {
    for (const auto& action : context_.scenario.actions) action_ids_.push_back(action.id);
  }

  void read_portfolios(const ConfigNode* node) {
    if (node == nullptr) return;
    if (!node->is_array()) {
      report_type(context_.diagnostics, *node, "portfolios", "an array of tables [[portfolios]]");
      return;
    }
    std::set<std::string> ids;
    for (std::size_t i = 0; i < node->children.size(); ++i) {
      const ConfigNode& element = node->children[i];
      WrittenPortfolio written;
      written.path = element_path("portfolios", element, i);
      TableReader table(&element, written.path, context_.diagnostics);
      if (!table.valid()) continue;
      Portfolio& portfolio = written.portfolio;
      portfolio.id = table.identifier("id", true).value_or("");
      if (!portfolio.id.empty() && !ids.insert(portfolio.id).second) {
        table.report("id",
                     "expected a unique portfolio id, found " + quoted(portfolio.id) + " twice");
        written.usable = false;
      }
      portfolio.name = table.string("name", true).value_or(portfolio.id);
      portfolio.name_fr = table.string("name_fr", false).value_or("");
      read_action_list(table, written);
      TableReader overrides = table.table("overrides", false);
      table.skip("description");
      table.skip("description_fr");
      table.finish({"id", "name", "name_fr", "actions", "extends", "add", "remove", "overrides",
                    "description", "description_fr"});
      read_overrides(overrides, written);
      written_.push_back(std::move(written));
    }
    resolve_all();
  }

 private:
  enum class State { Unvisited, Visiting, Resolved, Failed };

  /// `actions = [...]`, or `extends` with `add` and `remove`.
  void read_action_list(TableReader& table, WrittenPortfolio& written) {
    const bool has_actions = table.get("actions", false, "") != nullptr;
    const ConfigNode* extends = table.get("extends", false, "");
    written.add = table.get("add", false, "");
    written.remove = table.get("remove", false, "");
    if (extends != nullptr) {
      written.extends = table.identifier("extends", true);
      written.extends_where = extends->where;
      if (!written.extends) written.usable = false;
      if (has_actions) {
        table.report("actions",
                     "expected either actions or extends (with add and remove), found both");
        written.usable = false;
      }
    } else if (!has_actions) {
      table.get("actions", true, "an array of action ids (or extends = \"portfolio\")");
      written.usable = false;
    } else {
      written.portfolio.actions =
          context_.read_references(table, "actions", action_ids_, "action", true);
    }
    for (const auto& [key, node, target] :
         {std::tuple{"add", written.add, &written.added},
          std::tuple{"remove", written.remove, &written.removed}}) {
      if (node == nullptr) continue;
      if (extends == nullptr) {
        table.report(key, std::string("expected ") + key +
                              " only beside extends = \"portfolio\", found it without extends");
        written.usable = false;
        continue;
      }
      const std::size_t errors = context_.diagnostics.total();
      *target = context_.read_references(table, key, action_ids_, "action", true);
      if (context_.diagnostics.total() != errors) written.usable = false;
    }
  }

  void read_overrides(TableReader& overrides, WrittenPortfolio& written) {
    for (const auto& action_id : overrides.keys()) {
      TableReader entry = overrides.table(action_id, true);
      const int action = index_of(action_ids_, action_id);
      if (action == NONE) {
        overrides.report(action_id, "expected an action of this portfolio, found " +
                                        quoted(action_id) + did_you_mean(action_id, action_ids_));
        for (const auto& key : entry.keys()) entry.skip(key);
        continue;
      }
      if (!entry.valid()) continue;
      WrittenOverride written_override{read_override(entry, action), entry.where(),
                                       overrides.path_of(action_id), action_id};
      written.overrides.push_back(std::move(written_override));
    }
  }

  AdoptionOverride read_override(TableReader& entry, int action) {
    AdoptionOverride change;
    change.action = action;
    const auto& adoption = context_.scenario.actions[static_cast<std::size_t>(action)].adoption;
    if (const ConfigNode* value = entry.get("ceiling", false, "a fraction")) {
      change.ceiling = context_.quantities.read(*value, entry.path_of("ceiling"),
                                                Dimension::Fraction, FRACTION_RANGE);
    }
    if (const ConfigNode* value = entry.get("start", false, "a year")) {
      change.start = context_.read_year(*value, entry.path_of("start"));
    }
    for (const auto& [key, target] :
         {std::pair{"full_year", &change.full_year}, std::pair{"midpoint", &change.midpoint}}) {
      if (const ConfigNode* value = entry.get(key, false, "a year")) {
        *target = context_.read_curve_year(*value, entry.path_of(key));
      }
    }
    if (change.full_year && adoption.curve != CurveKind::Linear) {
      entry.report("full_year",
                   "expected full_year only for a linear curve, found it for another curve");
    }
    if ((change.midpoint) && adoption.curve != CurveKind::Logistic) {
      entry.report("midpoint",
                   "expected midpoint only for a logistic curve, found it for another curve");
    }
    if (entry.get("steepness", false, "") != nullptr && adoption.curve != CurveKind::Logistic) {
      entry.report("steepness",
                   "expected steepness only for a logistic curve, found it for another curve");
    }
    if (const ConfigNode* value = entry.get("steepness", false, "a steepness")) {
      change.steepness = context_.quantities.read(
          *value, entry.path_of("steepness"), Dimension::Steepness, {0.01, 10.0, "in [0.01, 10]"});
    }
    // A number of years, not a distribution: the shift is a what-if, not an uncertainty.
    change.shift = entry.number("shift", false, SHIFT_RANGE);
    entry.finish({"ceiling", "start", "full_year", "midpoint", "steepness", "shift"});
    return change;
  }

  /// Resolves every portfolio in file order (a parent may come later) and
  /// keeps those that resolve.
  void resolve_all() {
    for (const auto& written : written_) written_ids_.push_back(written.portfolio.id);
    states_.assign(written_.size(), State::Unvisited);
    for (std::size_t i = 0; i < written_.size(); ++i) {
      std::vector<std::size_t> chain;
      resolve(i, chain);
    }
    for (std::size_t i = 0; i < written_.size(); ++i) {
      if (states_[i] == State::Resolved)
        context_.scenario.portfolios.push_back(written_[i].portfolio);
    }
  }

  /// `chain`: the portfolios being resolved that led here, for the cycle's name.
  bool resolve(std::size_t i, std::vector<std::size_t>& chain) {
    if (states_[i] == State::Resolved) return true;
    if (states_[i] == State::Failed) return false;
    WrittenPortfolio& written = written_[i];
    if (states_[i] == State::Visiting) {
      report_cycle(i, chain);
      return false;
    }
    states_[i] = State::Visiting;
    chain.push_back(i);
    bool ok = written.usable;
    if (ok && written.extends) ok = inherit(written, chain);
    chain.pop_back();
    if (ok) ok = attach_overrides(written);
    // A portfolio already reported as part of a cycle stays failed.
    if (states_[i] == State::Visiting) states_[i] = ok ? State::Resolved : State::Failed;
    return states_[i] == State::Resolved;
  }

  void report_cycle(std::size_t i, const std::vector<std::size_t>& chain) {
    std::string cycle;
    auto first = std::find(chain.begin(), chain.end(), i);
    for (auto at = first; at != chain.end(); ++at) cycle += written_[*at].portfolio.id + " → ";
    cycle += written_[i].portfolio.id;
    const WrittenPortfolio& start = written_[i];
    context_.diagnostics.add(
        start.extends_where, join_path(start.path, "extends"),
        "expected portfolios that extend each other without a cycle, found " + cycle);
    for (auto at = first; at != chain.end(); ++at) states_[*at] = State::Failed;
  }

  /// The parent's actions and overrides, then `remove` and `add`.
  bool inherit(WrittenPortfolio& written, std::vector<std::size_t>& chain) {
    const std::string& parent_id = *written.extends;
    const int parent = index_of(written_ids_, parent_id);
    if (parent == NONE) {
      context_.diagnostics.add(written.extends_where, join_path(written.path, "extends"),
                               "expected a portfolio of the scenario, found " + quoted(parent_id) +
                                   did_you_mean(parent_id, written_ids_));
      return false;
    }
    // A parent with errors was reported where it is written.
    if (!resolve(static_cast<std::size_t>(parent), chain)) return false;
    const Portfolio& inherited = written_[static_cast<std::size_t>(parent)].portfolio;
    std::vector<int> actions = inherited.actions;
    bool ok = true;
    for (const int action : written.removed) {
      const std::string& id = action_ids_[static_cast<std::size_t>(action)];
      if (!contains(actions, action)) {
        context_.diagnostics.add(element_named(*written.remove, id).where,
                                 join_path(written.path, "remove"),
                                 "expected an action of the parent portfolio " + quoted(parent_id) +
                                     ", found " + quoted(id) + " which it does not hold");
        ok = false;
      }
      actions.erase(std::remove(actions.begin(), actions.end(), action), actions.end());
    }
    for (const int action : written.added) {
      const std::string& id = action_ids_[static_cast<std::size_t>(action)];
      if (contains(inherited.actions, action)) {
        context_.diagnostics.add(element_named(*written.add, id).where,
                                 join_path(written.path, "add"),
                                 "expected an action the parent portfolio " + quoted(parent_id) +
                                     " does not hold, found " + quoted(id) + " which it holds");
        ok = false;
      } else if (!contains(actions, action)) {
        actions.push_back(action);
      }
    }
    written.portfolio.actions = std::move(actions);
    for (const auto& change : inherited.overrides) {
      if (contains(written.portfolio.actions, change.action))
        written.portfolio.overrides.push_back(change);
    }
    return ok;
  }

  /// The portfolio's own overrides, on top of those it inherited.
  bool attach_overrides(WrittenPortfolio& written) {
    bool ok = true;
    for (const auto& written_override : written.overrides) {
      const AdoptionOverride& change = written_override.change;
      if (!contains(written.portfolio.actions, change.action)) {
        context_.diagnostics.add(written_override.where, written_override.path,
                                 "expected an action of this portfolio, found " +
                                     quoted(written_override.action_id) +
                                     " which it does not hold");
        ok = false;
        continue;
      }
      auto& overrides = written.portfolio.overrides;
      const auto inherited = std::find_if(
          overrides.begin(), overrides.end(),
          [&](const AdoptionOverride& other) { return other.action == change.action; });
      if (inherited != overrides.end()) {
        merge_into(*inherited, change);
      } else {
        overrides.push_back(change);
      }
    }
    return ok;
  }

  ReaderContext& context_;
  std::vector<std::string> action_ids_;
  std::vector<WrittenPortfolio> written_;
  std::vector<std::string> written_ids_;
  std::vector<State> states_;
};

}  // namespace

void read_portfolios(ReaderContext& context, const ConfigNode* node) {
  PortfolioReader(context).read_portfolios(node);
}

}  // namespace traj::territory::loader
