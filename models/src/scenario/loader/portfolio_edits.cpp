/// The what-if edits on actions and portfolios (`--shift`, `--action-off`,
/// `--only`), applied once the portfolios are read: each is checked like a
/// file's value and located at its argument (`--shift #2: error: …`).

#include <cmath>
#include <cstdlib>
#include <set>

#include "reader_context.hpp"
#include "sections.hpp"
#include "traj/string_distance.hpp"

namespace traj::territory::loader {
namespace {

/// Where an edit was given: the option and its rank among its kind.
SourceLocation argument(const std::string& option, std::size_t index) {
  return {option + " #" + std::to_string(index + 1), 0, 0};
}

/// The years of `--shift ACTION=±YEARS`: a plain decimal number.
std::optional<double> shift_years(const std::string& text) {
  const bool plain = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+';
  });
  if (!plain) return std::nullopt;
  char* end = nullptr;
  const double years = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !std::isfinite(years)) return std::nullopt;
  return years;
}

class PortfolioEditor {
 public:
  PortfolioEditor(ReaderContext& context, const ScenarioEdits& edits)
      : context_(context), edits_(edits) {
    for (const auto& action : context_.scenario.actions) action_ids_.push_back(action.id);
    for (const auto& portfolio : context_.scenario.portfolios) {
      for (const int action : portfolio.actions) held_.insert(action);
    }
  }

  void apply() {
    for (std::size_t i = 0; i < edits_.shifts.size(); ++i) shift(edits_.shifts[i], i);
    std::vector<int> off;
    for (std::size_t i = 0; i < edits_.actions_off.size(); ++i) {
      const int action = held_action(edits_.actions_off[i], argument("--action-off", i));
      if (action != NONE) off.push_back(action);
    }
    for (const int action : off) {
      for (auto& portfolio : context_.scenario.portfolios)
        keep_if(portfolio, [&](int held) { return held != action; });
    }
    if (!edits_.only.empty()) keep_only();
  }

 private:
  /// `ACTION=±YEARS` or `all=±YEARS`: the action's curve moves in every
  /// portfolio (and in compile_plan's "*"), on top of the portfolio's shift.
  void shift(const std::string& text, std::size_t index) {
    const SourceLocation where = argument("--shift", index);
    const std::size_t equals = text.find('=');
    if (equals == std::string::npos || equals == 0) {
      context_.diagnostics.add(
          where, "",
          "expected ACTION=±YEARS (e.g. heat-pumps=+3, or all=-1.5), found " + quoted(text));
      return;
    }
    const std::string id = text.substr(0, equals);
    const std::string value = text.substr(equals + 1);
    const auto years = shift_years(value);
    if (!years) {
      context_.diagnostics.add(
          where, "",
          "expected a number of years after '=' (e.g. +3, -1.5), found " + quoted(value));
      return;
    }
    if (!SHIFT_RANGE.contains(*years)) {
      context_.diagnostics.add(
          where, "", "expected a shift " + std::string(SHIFT_RANGE.wording) + ", found " + value);
      return;
    }
    auto& actions = context_.scenario.actions;
    if (id == "all") {
      for (auto& action : actions) action.adoption.shift += *years;
      return;
    }
    if (index_of(action_ids_, id) == NONE) {
      std::vector<std::string> candidates = action_ids_;
      candidates.push_back("all");
      context_.diagnostics.add(where, "",
                               "expected an action of the scenario or all, found " + quoted(id) +
                                   did_you_mean(id, candidates));
      return;
    }
    // An action no portfolio holds would be shifted in no run.
    const int action = held_action(id, where);
    if (action != NONE) actions[static_cast<std::size_t>(action)].adoption.shift += *years;
  }

  /// The action `id` if the scenario has it and a portfolio holds it.
  int held_action(const std::string& id, const SourceLocation& where) {
    const int action = index_of(action_ids_, id);
    if (action == NONE) {
      context_.diagnostics.add(where, "",
                               "expected an action of the scenario, found " + quoted(id) +
                                   did_you_mean(id, action_ids_));
      return NONE;
    }
    if (held_.count(action) == 0) {
      context_.diagnostics.add(where, "",
                               "expected an action that a portfolio holds, found " + quoted(id) +
                                   " which no portfolio holds");
      return NONE;
    }
    return action;
  }

  /// `--only ID,ID` (one or several times): the intersection of each
  /// portfolio with these actions; a portfolio left empty runs as the baseline.
  void keep_only() {
    const SourceLocation where{"--only", 0, 0};
    std::vector<int> kept;
    for (const auto& list : edits_.only) {
      std::size_t from = 0;
      while (from <= list.size()) {
        const std::size_t comma = std::min(list.find(',', from), list.size());
        const std::string id = list.substr(from, comma - from);
        from = comma + 1;
        if (id.empty()) {
          context_.diagnostics.add(where, "",
                                   "expected action ids separated by commas, found " +
                                       quoted(list) + " with an empty id");
          return;
        }
        const int action = held_action(id, where);
        if (action != NONE) kept.push_back(action);
      }
    }
    for (auto& portfolio : context_.scenario.portfolios) {
      keep_if(portfolio, [&](int held) { return contains(kept, held); });
    }
  }

  template <typename Keep>
  static void keep_if(Portfolio& portfolio, Keep keep) {
    auto& actions = portfolio.actions;
    actions.erase(std::remove_if(actions.begin(), actions.end(), [&](int a) { return !keep(a); }),
                  actions.end());
    auto& overrides = portfolio.overrides;
    overrides.erase(std::remove_if(overrides.begin(), overrides.end(),
                                   [&](const AdoptionOverride& o) { return !keep(o.action); }),
                    overrides.end());
  }

  ReaderContext& context_;
  const ScenarioEdits& edits_;
  std::vector<std::string> action_ids_;
  std::set<int> held_;  ///< actions held by a portfolio of the file
};

}  // namespace

void apply_portfolio_edits(ReaderContext& context, const ScenarioEdits& edits) {
  PortfolioEditor(context, edits).apply();
}

}  // namespace traj::territory::loader
