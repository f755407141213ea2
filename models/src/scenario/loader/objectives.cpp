/// The [[objectives]] array: an indicator, a year, a comparison and a threshold.

#include <set>

#include "reader_context.hpp"
#include "sections.hpp"
#include "traj/string_distance.hpp"
#include "traj/territory/indicators.hpp"

namespace traj::territory::loader {
namespace {

class ObjectiveReader {
 public:
  explicit ObjectiveReader(ReaderContext& context) : context_(context) {}

  void read_objectives(const ConfigNode* node) {
    if (node == nullptr) return;
    if (!node->is_array()) {
      report_type(context_.diagnostics, *node, "objectives", "an array of tables [[objectives]]");
      return;
    }
    const IndicatorCatalogue catalogue(context_.scenario);
    std::set<std::string> ids;
    for (std::size_t i = 0; i < node->children.size(); ++i) {
      const ConfigNode& element = node->children[i];
      const std::string path = element_path("objectives", element, i);
      TableReader table(&element, path, context_.diagnostics);
      if (!table.valid()) continue;
      const std::size_t errors_before = context_.diagnostics.total();
      Objective objective;
      objective.id = table.identifier("id", true).value_or("");
      if (!objective.id.empty() && !ids.insert(objective.id).second) {
        table.report("id",
                     "expected a unique objective id, found " + quoted(objective.id) + " twice");
      }
      objective.description = table.text("description", false).value_or("");
      objective.description_fr = table.text("description_fr", false).value_or("");
      objective.indicator = table.string("indicator", true).value_or("");
      if (!context_.scenario.territories.empty()) {
        if (auto territory = table.string("territory", false)) {
          std::vector<std::string> territory_ids;
          for (const Territory& each : context_.scenario.territories)
            territory_ids.push_back(each.id);
          objective.territory = index_of(territory_ids, *territory);
          if (objective.territory == NONE) {
            table.report("territory", "expected a territory of the scenario, found " +
                                          quoted(*territory) +
                                          did_you_mean(*territory, territory_ids));
          } else if (objective.indicator.find('@') != std::string::npos) {
            table.report("indicator",
                         "expected an indicator without @<territory> beside "
                         "territory = " +
                             quoted(*territory) + ", found " + quoted(objective.indicator));
            objective.indicator.clear();
          } else if (!objective.indicator.empty()) {
            objective.indicator.append("@").append(*territory);
          }
        }
      }
      int row = -1;
      if (!objective.indicator.empty()) {
        row = catalogue.find(objective.indicator);
        if (row < 0) {
          table.report(
              "indicator",
              "expected an indicator of the model (docs/scenario-format.md#indicators), found " +
                  quoted(objective.indicator) + did_you_mean(objective.indicator, catalogue.ids()));
        }
      }
      context_.year_wording = "in [" + std::to_string(context_.scenario.base_year) + ", " +
                              std::to_string(context_.scenario.horizon) +
                              "] (base year to horizon)";
      objective.year = static_cast<int>(table
                                            .integer("year", true, context_.scenario.base_year,
                                                     context_.scenario.horizon,
                                                     "a year " + context_.year_wording)
                                            .value_or(0));
      const auto comparison = table.string("comparison", true);
      if (comparison == "<=") {
        objective.comparison = Comparison::AtMost;
      } else if (comparison == ">=") {
        objective.comparison = Comparison::AtLeast;
      } else if (comparison) {
        table.report("comparison", "expected \"<=\" or \">=\", found " + quoted(*comparison));
      }
      objective.relative_to = table.integer("relative_to", false, 1900, context_.scenario.horizon,
                                            "a year up to the horizon");
      const ConfigNode* reference = table.get("reference_value", false, "a quantity with its unit");
      const ConfigNode* threshold = table.get("threshold", true, "a number");
      table.finish({"id", "description", "description_fr", "indicator", "year", "comparison",
                    "threshold", "relative_to", "reference_value", "territory"});
      if (row < 0) continue;
      const Dimension dimension = catalogue[static_cast<std::size_t>(row)].dimension;
      if (objective.relative_to) {
        if (*objective.relative_to < context_.scenario.base_year) {
          if (reference == nullptr) {
            table.report("relative_to", "expected reference_value (the indicator's value in " +
                                            std::to_string(*objective.relative_to) +
                                            ", before the base year), found none");
          } else if (auto value = context_.quantities.read(
                         *reference, table.path_of("reference_value"), dimension, POSITIVE)) {
            if (!value->is_constant()) {
              context_.diagnostics.add(reference->where, table.path_of("reference_value"),
                                       "expected a fixed value, found a distribution");
            } else {
              objective.reference_value = value->constant;
            }
          }
        } else if (reference != nullptr) {
          context_.diagnostics.add(
              reference->where, table.path_of("reference_value"),
              "expected no reference_value when relative_to is a model year (the value "
              "is computed), found one");
        }
      } else if (reference != nullptr) {
        context_.diagnostics.add(reference->where, table.path_of("reference_value"),
                                 "expected relative_to beside reference_value, found none");
      }
      if (threshold != nullptr) {
        const bool relative = objective.relative_to.has_value();
        const Dimension threshold_dimension = relative ? Dimension::Ratio : dimension;
        // A share typed as a percentage (30 for 30 %) would be a threshold
        // of 3000 % that no member meets: refused with the hint to write
        // 0.3 or "30 %" (QuantityReader).
        const ValueRange range = relative                           ? NON_NEGATIVE
                                 : dimension == Dimension::Fraction ? FRACTION_RANGE
                                                                    : ANY_VALUE;
        if (auto value = context_.quantities.read(*threshold, table.path_of("threshold"),
                                                  threshold_dimension, range)) {
          if (!value->is_constant()) {
            context_.diagnostics.add(threshold->where, table.path_of("threshold"),
                                     "expected a fixed threshold, found a distribution");
          } else {
            objective.threshold = value->constant;
          }
        }
      }
      if (context_.diagnostics.total() == errors_before)
        context_.scenario.objectives.push_back(std::move(objective));
    }
  }

 private:
  ReaderContext& context_;
};

}  // namespace

void read_objectives(ReaderContext& context, const ConfigNode* node) {
  ObjectiveReader(context).read_objectives(node);
}

}  // namespace traj::territory::loader
