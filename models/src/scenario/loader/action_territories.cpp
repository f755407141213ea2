/// Where an action acts in a scenario of several territories (`where`), and
/// how its sizes stated in absolute terms are divided among them (`split`).

#include <cmath>

#include "reader_context.hpp"
#include "sections.hpp"
#include "traj/string_distance.hpp"

namespace traj::territory::loader {
namespace {

constexpr double SPLIT_TOLERANCE = 1e-6;

std::vector<std::string> territory_ids(const Scenario& scenario) {
  std::vector<std::string> ids;
  for (const Territory& territory : scenario.territories) ids.push_back(territory.id);
  return ids;
}

double key_value(const Territory& territory, const std::string& key) {
  if (key == "population") return territory.population;
  if (key == "dwellings") return territory.dwellings;
  return territory.jobs;
}

}  // namespace

void read_where_and_split(ReaderContext& context, TableReader& table, Action& action) {
  const Scenario& scenario = context.scenario;
  const auto ids = territory_ids(scenario);
  action.territory_share.assign(ids.size(), 0.0);
  std::vector<char> acts(ids.size(), 0);
  if (auto where = table.strings("where", false)) {
    if (where->empty()) table.report("where", "expected at least one territory, found none");
    for (const auto& id : *where) {
      const int t = index_of(ids, id);
      if (t == NONE) {
        table.report("where", "expected a territory of the scenario, found " + quoted(id) +
                                  did_you_mean(id, ids));
      } else if (acts[static_cast<std::size_t>(t)] == 0) {
        acts[static_cast<std::size_t>(t)] = 1;
        action.where.push_back(t);
      }
    }
  } else {
    acts.assign(ids.size(), 1);
  }
  const ConfigNode* split = table.get("split", false, "a key or a table of fractions");
  if (split != nullptr && split->is_table()) {
    TableReader fractions(split, table.path_of("split"), context.diagnostics);
    const std::size_t errors_before = context.diagnostics.total();
    double total = 0.0;
    for (const auto& id : fractions.keys()) {
      const int t = index_of(ids, id);
      const auto fraction = fractions.number(id, true, FRACTION_RANGE);
      if (t == NONE) {
        fractions.report(id, "expected a territory of the scenario, found " + quoted(id) +
                                 did_you_mean(id, ids));
        continue;
      }
      if (acts[static_cast<std::size_t>(t)] == 0) {
        fractions.report(id, "expected a territory of the action's `where`, found " + quoted(id));
        continue;
      }
      if (fraction) {
        action.territory_share[static_cast<std::size_t>(t)] = *fraction;
        total += *fraction;
      }
    }
    for (std::size_t t = 0; t < ids.size(); ++t) {
      if (acts[t] != 0 && action.territory_share[t] == 0.0 &&
          std::find(fractions.keys().begin(), fractions.keys().end(), ids[t]) ==
              fractions.keys().end()) {
        fractions.report(ids[t], "expected a fraction for territory " + quoted(ids[t]) +
                                     " (in the action's `where`), found none");
      }
    }
    // A fraction refused above would make the sum wrong a second time.
    if (context.diagnostics.total() == errors_before && std::abs(total - 1.0) > SPLIT_TOLERANCE) {
      table.report("split", "expected fractions summing to 1, found " + std::to_string(total));
    }
    return;
  }
  std::string key = "population";
  if (split != nullptr) {
    if (split->is_string() &&
        (split->text == "population" || split->text == "dwellings" || split->text == "jobs")) {
      key = split->text;
    } else {
      report_type(context.diagnostics, *split, table.path_of("split"),
                  "a key (\"population\", \"dwellings\" or \"jobs\") or a table of fractions "
                  "{ <territory> = fraction }");
      return;
    }
  }
  double total = 0.0;
  for (std::size_t t = 0; t < ids.size(); ++t) {
    if (acts[t] == 0) continue;
    const double value = key_value(scenario.territories[t], key);
    if (value <= 0.0) {
      table.report("split", "expected `" + key + "` stated for territory " + quoted(ids[t]) +
                                " (the action is split by it), found none");
    }
    total += value;
  }
  if (total <= 0.0) return;
  for (std::size_t t = 0; t < ids.size(); ++t) {
    if (acts[t] != 0) {
      action.territory_share[t] = key_value(scenario.territories[t], key) / total;
    }
  }
}

}  // namespace traj::territory::loader
