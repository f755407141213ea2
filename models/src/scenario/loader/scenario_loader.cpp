#include "traj/territory/scenario_loader.hpp"

#include <cmath>
#include <cstdio>

#include "reader_context.hpp"
#include "sections.hpp"
#include "traj/document_edits.hpp"
#include "traj/document_loader.hpp"

namespace traj::territory::loader {
namespace {

/// Reads the sections in the order their references need: parameters
/// first, then the sets of the territory, then everything that names them.
class ScenarioReader {
 public:
  ScenarioReader(Scenario& scenario, Diagnostics& diagnostics, const ScenarioEdits& edits)
      : context_(scenario, diagnostics), edits_(edits) {}

  void read(const ConfigNode& root) {
    TableReader top(&root, "", context_.diagnostics);
    read_format(top);
    // Parameters first: any number below may refer to them.
    read_parameters(context_, top.table("parameters", false));
    read_correlations(context_,
                      top.get("correlations", false, "an array of tables [[correlations]]"));
    read_territory(context_, top.table("territory", true));
    if (!context_.territory_ok) {
      // Without the sets, every later reference would be reported as unknown.
      for (const auto& key : root.keys) top.skip(key);
      return;
    }
    context_.sized();
    const ConfigNode* territories =
        top.get("territories", false, "an array of tables [[territories]]");
    context_.inventory_stated = root.find("inventory") != nullptr;
    read_inventory(context_, top.table("inventory", territories == nullptr));
    read_trends(context_, top.table("trends", false));
    read_emission_factors(context_, top.table("emission_factors", true));
    read_energy_branch(context_, top.table("energy_branch", false));
    const double stated_population = context_.scenario.population;
    read_territories(context_, territories);
    if (territories != nullptr) check_whole_population(root, stated_population);
    read_actions(context_, top.get("actions", false, "an array of tables [[actions]]"));
    read_portfolios(context_, top.get("portfolios", false, "an array of tables [[portfolios]]"));
    apply_portfolio_edits(context_, edits_);
    read_objectives(context_, top.get("objectives", false, "an array of tables [[objectives]]"));
    top.finish({"format", "territory", "parameters", "correlations", "inventory", "trends",
                "emission_factors", "energy_branch", "territories", "actions", "portfolios",
                "objectives"});
    check_trends_present(context_);
    check_emission_factors_present(context_);
    check_substitution_cycles(context_);
    if (context_.diagnostics.total() == 0) expand_territories(context_);
  }

 private:
  /// With [[territories]] the whole's population is their sum: a stated
  /// `[territory] population` must agree with it.
  void check_whole_population(const ConfigNode& root, double stated) {
    const double sum = context_.scenario.population;
    if (!(stated > 0.0) || !(sum > 0.0) || std::abs(stated - sum) < 0.5) return;
    const ConfigNode* node = root.find("territory")->find("population");
    char message[200];
    std::snprintf(message, sizeof message,
                  "expected the sum of the populations of [[territories]], %.15g (the whole's "
                  "population is their sum), found %.15g; make it agree or remove it",
                  sum, stated);
    context_.diagnostics.add(node->where, "territory.population", message);
  }

  void read_format(TableReader& top) {
    const ConfigNode* format = top.get("format", true, "the format version 1");
    if (format != nullptr &&
        (format->kind != ConfigNode::Kind::Integer || format->integer != SCENARIO_FORMAT)) {
      report_type(context_.diagnostics, *format, "format",
                  "format = " + std::to_string(SCENARIO_FORMAT) + " (the version this traj reads)");
    }
  }

  ReaderContext context_;
  const ScenarioEdits& edits_;
};

}  // namespace
}  // namespace traj::territory::loader

namespace traj::territory {

Scenario load_scenario(const std::string& path, const SourceProvider& sources,
                       const ScenarioEdits& edits) {
  Diagnostics diagnostics;
  Document document = load_document(path, sources, diagnostics);
  diagnostics.throw_if_any();
  // Before any reader: an edited document is checked exactly like a file.
  // An edit that fails changes nothing: the reader still reports the others.
  apply_assignments(document.root, edits.sets, "--set", diagnostics);
  Scenario scenario;
  scenario.main_file = document.files.empty() ? path : document.files.front();
  scenario.files = document.files;
  scenario.file_texts = document.texts;
  loader::ScenarioReader(scenario, diagnostics, edits).read(document.root);
  diagnostics.throw_if_any();
  return scenario;
}

}  // namespace traj::territory
