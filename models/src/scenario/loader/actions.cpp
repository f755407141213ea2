/// The [[actions]] array: ids, adoption curves, costs; each effect is read by effects.cpp.

#include <set>

#include "reader_context.hpp"
#include "sections.hpp"

namespace traj::territory::loader {
namespace {

class ActionReader {
 public:
  explicit ActionReader(ReaderContext& context) : context_(context) {}

  void read_actions(const ConfigNode* node) {
    if (node == nullptr) return;
    if (!node->is_array()) {
      report_type(context_.diagnostics, *node, "actions", "an array of tables [[actions]]");
      return;
    }
    std::set<std::string> ids;
    for (std::size_t i = 0; i < node->children.size(); ++i) {
      const ConfigNode& element = node->children[i];
      const std::string path = element_path("actions", element, i);
      TableReader table(&element, path, context_.diagnostics);
      if (!table.valid()) continue;
      Action action;
      action.id = table.identifier("id", true).value_or("");
      if (!action.id.empty() && !ids.insert(action.id).second) {
        table.report("id", "expected a unique action id, found " + quoted(action.id) + " twice");
      }
      action.name = table.string("name", true).value_or(action.id);
      action.name_fr = table.string("name_fr", false).value_or("");
      action.coalition = table.string("coalition", true).value_or("");
      action.coalition_fr = table.string("coalition_fr", false).value_or("");
      action.theme = table.string("theme", true).value_or("");
      const ConfigNode* start = table.get("start", true, "a year");
      read_adoption(table, start, action.adoption);
      read_costs(table.table("costs", false), action.costs);
      const ConfigNode* effects =
          table.get("effects", true, "an array of tables [[actions.effects]]");
      table.skip("description");
      table.skip("description_fr");
      table.skip("source");
      std::vector<std::string> known = {
          "id",       "name",  "name_fr", "coalition",   "coalition_fr",   "theme", "start",
          "adoption", "costs", "effects", "description", "description_fr", "source"};
      if (!context_.scenario.territories.empty()) {
        read_where_and_split(context_, table, action);
        known.push_back("where");
        known.push_back("split");
      }
      table.finish(known);
      if (effects != nullptr) {
        if (!effects->is_array() || effects->children.empty()) {
          report_type(context_.diagnostics, *effects, table.path_of("effects"),
                      "a non-empty array of tables [[actions.effects]]");
        } else {
          for (std::size_t e = 0; e < effects->children.size(); ++e) {
            if (auto effect =
                    read_effect(context_, effects->children[e],
                                table.path_of("effects") + "[" + std::to_string(e) + "]")) {
              action.effects.push_back(std::move(*effect));
            }
          }
        }
      }
      context_.scenario.actions.push_back(std::move(action));
    }
  }

 private:
  void read_adoption(TableReader& action, const ConfigNode* start, Adoption& adoption) {
    if (start != nullptr) {
      if (auto value = context_.read_year(*start, action.path_of("start"))) adoption.start = *value;
    }
    TableReader table = action.table("adoption", true);
    if (!table.valid()) return;
    const auto curve = table.string("curve", true);
    const ConfigNode* ceiling = table.get("ceiling", true, "a fraction");
    if (ceiling != nullptr) {
      if (auto value = context_.quantities.read(*ceiling, table.path_of("ceiling"),
                                                Dimension::Fraction, FRACTION_RANGE)) {
        adoption.ceiling = *value;
      }
    }
    std::vector<std::string> known = {"curve", "ceiling"};
    if (curve == "step") {
      adoption.curve = CurveKind::Step;
    } else if (curve == "linear") {
      adoption.curve = CurveKind::Linear;
      known.push_back("full_year");
      if (const ConfigNode* full = table.get("full_year", true, "a year")) {
        if (auto value = context_.read_curve_year(*full, table.path_of("full_year"))) {
          adoption.full_year = *value;
          if (start != nullptr && adoption.start.is_constant() && value->is_constant() &&
              value->constant < adoption.start.constant) {
            table.report("full_year",
                         "expected a year ≥ start (" +
                             std::to_string(static_cast<int>(adoption.start.constant)) +
                             "), found " + std::to_string(static_cast<int>(value->constant)));
          }
        }
      }
    } else if (curve == "logistic") {
      adoption.curve = CurveKind::Logistic;
      known.push_back("midpoint");
      known.push_back("steepness");
      if (const ConfigNode* midpoint = table.get("midpoint", true, "a year")) {
        if (auto value = context_.read_curve_year(*midpoint, table.path_of("midpoint")))
          adoption.midpoint = *value;
      }
      if (const ConfigNode* steepness = table.get("steepness", true, "a steepness in 1/yr")) {
        if (auto value =
                context_.quantities.read(*steepness, table.path_of("steepness"),
                                         Dimension::Steepness, {0.01, 10.0, "in [0.01, 10]"})) {
          adoption.steepness = *value;
        }
      }
    } else if (curve) {
      table.report("curve",
                   "expected \"step\", \"linear\" or \"logistic\", found " + quoted(*curve));
      for (const auto& key : {"full_year", "midpoint", "steepness"}) table.skip(key);
    }
    table.finish(known);
  }

  void read_costs(TableReader table, Costs& costs) {
    if (!table.valid()) return;
    if (const ConfigNode* node = table.get("investment", false, "an amount of money")) {
      if (auto value = context_.quantities.read(*node, table.path_of("investment"),
                                                Dimension::Money, NON_NEGATIVE)) {
        costs.investment = *value;
      }
    }
    if (const ConfigNode* node = table.get("operating", false, "an amount of money per year")) {
      if (auto value = context_.quantities.read(*node, table.path_of("operating"),
                                                Dimension::MoneyRate, ANY_VALUE)) {
        costs.operating = *value;
      }
    }
    table.finish({"investment", "operating"});
  }

  ReaderContext& context_;
};

}  // namespace

void read_actions(ReaderContext& context, const ConfigNode* node) {
  ActionReader(context).read_actions(node);
}

}  // namespace traj::territory::loader
