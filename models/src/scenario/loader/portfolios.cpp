/// The [[portfolios]] array: the actions of each portfolio and its adoption overrides.

#include <set>

#include "reader_context.hpp"
#include "sections.hpp"
#include "traj/string_distance.hpp"

namespace traj::territory::loader {
namespace {

class PortfolioReader {
 public:
  explicit PortfolioReader(ReaderContext& context) : context_(context) {}

  void read_portfolios(const ConfigNode* node) {
    if (node == nullptr) return;
    if (!node->is_array()) {
      report_type(context_.diagnostics, *node, "portfolios", "an array of tables [[portfolios]]");
      return;
    }
    std::vector<std::string> action_ids;
    for (const auto& action : context_.scenario.actions) action_ids.push_back(action.id);
    std::set<std::string> ids;
    for (std::size_t i = 0; i < node->children.size(); ++i) {
      const ConfigNode& element = node->children[i];
      const std::string path = element_path("portfolios", element, i);
      TableReader table(&element, path, context_.diagnostics);
      if (!table.valid()) continue;
      Portfolio portfolio;
      portfolio.id = table.identifier("id", true).value_or("");
      if (!portfolio.id.empty() && !ids.insert(portfolio.id).second) {
        table.report("id",
                     "expected a unique portfolio id, found " + quoted(portfolio.id) + " twice");
      }
      portfolio.name = table.string("name", true).value_or(portfolio.id);
      portfolio.actions = context_.read_references(table, "actions", action_ids, "action", true);
      TableReader overrides = table.table("overrides", false);
      table.skip("description");
      table.finish({"id", "name", "actions", "overrides", "description"});
      for (const auto& action_id : overrides.keys()) {
        TableReader entry = overrides.table(action_id, true);
        const int action = index_of(action_ids, action_id);
        if (action == NONE || !contains(portfolio.actions, action)) {
          overrides.report(action_id, "expected an action of this portfolio, found " +
                                          quoted(action_id) + did_you_mean(action_id, action_ids));
          for (const auto& key : entry.keys()) entry.skip(key);
          continue;
        }
        AdoptionOverride change;
        change.action = action;
        const auto& adoption = context_.scenario.actions[static_cast<std::size_t>(action)].adoption;
        if (const ConfigNode* value = entry.get("ceiling", false, "a fraction")) {
          change.ceiling = context_.quantities.read(*value, entry.path_of("ceiling"),
                                                    Dimension::Fraction, FRACTION_RANGE);
        }
        for (const auto& [key, target] :
             {std::pair{"start", &change.start}, std::pair{"full_year", &change.full_year},
              std::pair{"midpoint", &change.midpoint}}) {
          if (const ConfigNode* value = entry.get(key, false, "a year")) {
            *target = context_.read_year(*value, entry.path_of(key));
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
          change.steepness =
              context_.quantities.read(*value, entry.path_of("steepness"), Dimension::Steepness,
                                       {0.01, 10.0, "in [0.01, 10]"});
        }
        entry.finish({"ceiling", "start", "full_year", "midpoint", "steepness"});
        portfolio.overrides.push_back(change);
      }
      context_.scenario.portfolios.push_back(std::move(portfolio));
    }
  }

 private:
  ReaderContext& context_;
};

}  // namespace

void read_portfolios(ReaderContext& context, const ConfigNode* node) {
  PortfolioReader(context).read_portfolios(node);
}

}  // namespace traj::territory::loader
