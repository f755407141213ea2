/// The [[territories]] array: the territories of a scenario that holds
/// several, their keys (population, dwellings, jobs), and either their
/// shares of the whole's inventory or an inventory of their own, with the
/// trends where they differ (docs/scenario-format.md#territories).

#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "reader_context.hpp"
#include "sections.hpp"

namespace traj::territory::loader {
namespace {

constexpr double SHARE_TOLERANCE = 1e-6;

/// One share a territory states for one part of the inventory: a fraction
/// or the name of a key.
struct ShareChoice {
  bool rejected = false;  ///< written but refused (reported): the part is not resolved
  std::optional<double> fraction;
  std::string key;  ///< "population", "dwellings" or "jobs" when no fraction
  const ConfigNode* node = nullptr;
  std::string path;
};

class TerritoriesReader {
 public:
  explicit TerritoriesReader(ReaderContext& context) : context_(context) {}

  void read(const ConfigNode* node) {
    if (node == nullptr) return;
    if (!node->is_array() || node->children.empty()) {
      report_type(context_.diagnostics, *node, "territories",
                  "a non-empty array of tables [[territories]]");
      return;
    }
    const std::size_t parts = part_count();
    std::set<std::string> ids;
    for (std::size_t i = 0; i < node->children.size(); ++i) {
      const ConfigNode& element = node->children[i];
      const std::string path = element_path("territories", element, i);
      TableReader table(&element, path, context_.diagnostics);
      if (!table.valid()) continue;
      Territory territory;
      territory.id = table.identifier("id", true).value_or("");
      if (!territory.id.empty() && !ids.insert(territory.id).second) {
        table.report("id",
                     "expected a unique territory id, found " + quoted(territory.id) + " twice");
      }
      territory.name = table.string("name", true).value_or(territory.id);
      territory.name_fr = table.string("name_fr", false).value_or("");
      territory.population = table.number("population", true, POSITIVE).value_or(0.0);
      territory.dwellings = table.number("dwellings", false, POSITIVE).value_or(0.0);
      territory.jobs = table.number("jobs", false, POSITIVE).value_or(0.0);
      territory.source = table.text("source", false).value_or("");
      territory.estimate = table.boolean("estimate", false).value_or(false);
      if (territory.source.empty() && !territory.estimate) {
        table.report("source",
                     "expected the source of the territory's figures and shares, or estimate = "
                     "true, found neither");
      }
      TerritorySpec spec;
      spec.node = &element;
      const ConfigNode* inventory = table.get("inventory", false, "an inventory table");
      spec.own_inventory = inventory != nullptr;
      choices_.emplace_back(parts);
      read_shares(table, spec.own_inventory, choices_.back());
      if (!spec.own_inventory && !context_.inventory_stated &&
          table.get("shares", false, "") != nullptr) {
        table.report("shares",
                     "expected an [inventory] of the scenario for its territories to share, "
                     "found none");
      }
      read_own_tables(table, territory.id, inventory, spec);
      table.finish({"id", "name", "name_fr", "population", "dwellings", "jobs", "source",
                    "estimate", "shares", "inventory", "trends"});
      context_.scenario.territories.push_back(std::move(territory));
      context_.territory_specs.push_back(std::move(spec));
    }
    resolve_shares();
    double population = 0.0;
    for (const Territory& territory : context_.scenario.territories)
      population += territory.population;
    context_.scenario.population = population;
  }

 private:
  /// Slots of a territory's shares: every sector, local production, the
  /// custom indicators.
  std::size_t part_count() const { return context_.scenario.sectors.size() + 2; }
  std::size_t production_part() const { return context_.scenario.sectors.size(); }
  std::size_t indicator_part() const { return context_.scenario.sectors.size() + 1; }

  std::optional<ShareChoice> read_choice(const ConfigNode& node, const std::string& path) {
    ShareChoice choice{false, std::nullopt, "", &node, path};
    if (node.is_string()) {
      if (node.text == "population" || node.text == "dwellings" || node.text == "jobs") {
        choice.key = node.text;
        return choice;
      }
    } else if (node.is_number()) {
      if (node.number >= 0.0 && node.number <= 1.0) {
        choice.fraction = node.number;
        return choice;
      }
    }
    report_type(context_.diagnostics, node, path,
                "a key (\"population\", \"dwellings\" or \"jobs\") or a fraction in [0, 1]");
    return std::nullopt;
  }

  void read_shares(TableReader& table, bool own_inventory, std::vector<ShareChoice>& choices) {
    const ConfigNode* node = table.get("shares", false, "a key or a table of shares");
    const std::string path = table.path_of("shares");
    // By default a territory's custom indicators follow its population.
    for (auto& choice : choices) choice = {false, std::nullopt, "population", nullptr, path};
    if (node == nullptr) {
      if (!own_inventory) {
        table.report("shares",
                     "expected shares of the scenario's [inventory] (e.g. shares = "
                     "\"population\") or an inventory of its own, found neither");
      }
      return;
    }
    if (!node->is_table()) {
      if (own_inventory) {
        report_type(context_.diagnostics, *node, path,
                    "no shares beside an inventory of its own, except { indicators = … }");
        return;
      }
      const auto choice = read_choice(*node, path);
      for (auto& part : choices) {
        if (choice) {
          part = *choice;
        } else {
          part.rejected = true;
        }
      }
      return;
    }
    TableReader shares(node, path, context_.diagnostics);
    std::vector<std::string> known = {"default", "local_production", "indicators"};
    if (own_inventory) {
      known = {"indicators"};
    } else if (const ConfigNode* fallback = shares.get("default", false, "a key or a fraction")) {
      const auto choice = read_choice(*fallback, shares.path_of("default"));
      for (auto& part : choices) {
        if (choice) {
          part = *choice;
        } else {
          part.rejected = true;
        }
      }
    }
    for (const auto& key : shares.keys()) {
      if (key == "default") continue;
      std::size_t part = 0;
      if (key == "local_production" && !own_inventory) {
        part = production_part();
      } else if (key == "indicators") {
        part = indicator_part();
      } else if (!own_inventory) {
        const int sector = context_.reference(shares, key, context_.scenario.sectors, "sector");
        if (sector == NONE) {
          shares.skip(key);  // reported above, once
          continue;
        }
        part = static_cast<std::size_t>(sector);
      } else {
        continue;  // reported by finish
      }
      if (const ConfigNode* value = shares.get(key, true, "a key or a fraction")) {
        if (auto choice = read_choice(*value, shares.path_of(key))) {
          choices[part] = *choice;
        } else {
          choices[part].rejected = true;
        }
      }
    }
    if (!own_inventory) {
      for (const auto& sector : context_.scenario.sectors) known.push_back(sector);
    }
    shares.finish(known);
  }

  /// An inventory and trends of its own, read with the whole's sets into a
  /// copy of the whole, so that messages, units and parameters work as for
  /// the whole's tables.
  void read_own_tables(TableReader& table, const std::string& id, const ConfigNode* inventory,
                       TerritorySpec& spec) {
    const ConfigNode* trends = table.get("trends", false, "a trends table");
    Scenario part = context_.scenario;
    ReaderContext own(part, context_.diagnostics);
    own.territory_ok = true;
    own.sized();
    part.activity_growth = context_.scenario.activity_growth;
    part.autonomous_efficiency = context_.scenario.autonomous_efficiency;
    part.emission_factors = context_.scenario.emission_factors;
    part.network_losses = context_.scenario.network_losses;
    part.own_consumption = context_.scenario.own_consumption;
    own.trend_stated = context_.trend_stated;
    const std::string prefix = "territories." + (id.empty() ? std::string("?") : id);
    if (inventory != nullptr) {
      read_inventory(own, TableReader(inventory, prefix + ".inventory", context_.diagnostics));
    } else {
      part.final_energy = context_.scenario.final_energy;
      part.in_inventory = context_.scenario.in_inventory;
      own.cell_used_at = context_.cell_used_at;
      own.cell_used_by = context_.cell_used_by;
      own.non_energy_sectors = context_.non_energy_sectors;
    }
    if (trends != nullptr) {
      read_trends(own, TableReader(trends, prefix + ".trends", context_.diagnostics));
    }
    if (inventory != nullptr) {
      check_trends_present(own);
      check_emission_factors_present(own);
    }
    // Uncertain numbers of its tables became parameters of the copy.
    context_.scenario.parameters = part.parameters;
    spec.final_energy = std::move(part.final_energy);
    spec.in_inventory = std::move(part.in_inventory);
    spec.local_production = std::move(part.local_production);
    spec.non_energy_emissions = std::move(part.non_energy_emissions);
    spec.activity_growth = std::move(part.activity_growth);
    spec.autonomous_efficiency = std::move(part.autonomous_efficiency);
  }

  double key_value(const Territory& territory, const std::string& key) const {
    if (key == "population") return territory.population;
    if (key == "dwellings") return territory.dwellings;
    return territory.jobs;
  }

  /// Fractions as stated; keys share what the fractions leave, in proportion
  /// to each territory's key. Own-inventory territories take part only in
  /// the custom indicators' split.
  void resolve_shares() {
    auto& specs = context_.territory_specs;
    const auto& territories = context_.scenario.territories;
    for (auto& spec : specs) {
      spec.sector_share.assign(context_.scenario.sectors.size(), 0.0);
    }
    for (std::size_t part = 0; part < part_count(); ++part) {
      double stated = 0.0;
      std::map<std::string, double> key_total;
      std::size_t takers = 0;
      const ShareChoice* last = nullptr;
      bool rejected = false;
      for (std::size_t t = 0; t < specs.size(); ++t) {
        if (specs[t].own_inventory && part != indicator_part()) continue;
        ++takers;
        const ShareChoice& choice = choices_[t][part];
        if (choice.rejected) {
          rejected = true;  // reported where it was written
          continue;
        }
        last = &choice;
        if (choice.fraction) {
          stated += *choice.fraction;
        } else {
          const double value = key_value(territories[t], choice.key);
          if (value <= 0.0) {
            context_.diagnostics.add(
                choice.node != nullptr ? choice.node->where : specs[t].node->where, choice.path,
                "expected `" + choice.key + "` stated for territory " + quoted(territories[t].id) +
                    " (its shares use that key), found none");
          }
          key_total[choice.key] += value;
        }
      }
      if (takers == 0 || last == nullptr || rejected) continue;
      const std::string what = part_name(part);
      if (stated > 1.0 + SHARE_TOLERANCE) {
        context_.diagnostics.add(
            last->node != nullptr ? last->node->where : SourceLocation{}, last->path,
            "expected shares of " + what + " summing to at most 1 over the territories, found " +
                std::to_string(stated));
        continue;
      }
      if (key_total.empty() && std::abs(stated - 1.0) > SHARE_TOLERANCE) {
        context_.diagnostics.add(
            last->node != nullptr ? last->node->where : SourceLocation{}, last->path,
            "expected shares of " + what +
                " summing to 1 over the territories (or a key for some of them), found " +
                std::to_string(stated));
        continue;
      }
      if (key_total.size() > 1) {
        // Two keys would each claim what the fractions leave.
        context_.diagnostics.add(
            last->node != nullptr ? last->node->where : SourceLocation{}, last->path,
            "expected one key for the shares of " + what + " across the territories, found " +
                key_total.begin()->first + " and " + std::next(key_total.begin())->first);
        continue;
      }
      // What the stated fractions leave goes to the key's users.
      const double left = std::max(0.0, 1.0 - stated);
      for (std::size_t t = 0; t < specs.size(); ++t) {
        if (specs[t].own_inventory && part != indicator_part()) continue;
        const ShareChoice& choice = choices_[t][part];
        double share = 0.0;
        if (choice.fraction) {
          share = *choice.fraction;
        } else if (key_total[choice.key] > 0.0) {
          share = left * key_value(territories[t], choice.key) / key_total[choice.key];
        }
        if (part == production_part()) {
          specs[t].production_share = share;
        } else if (part == indicator_part()) {
          specs[t].indicator_share = share;
        } else {
          specs[t].sector_share[part] = share;
        }
      }
    }
  }

  std::string part_name(std::size_t part) const {
    if (part == production_part()) return "local production";
    if (part == indicator_part()) return "the custom indicators";
    return "sector " + quoted(context_.scenario.sectors[part]);
  }

  ReaderContext& context_;
  std::vector<std::vector<ShareChoice>> choices_;
};

}  // namespace

void read_territories(ReaderContext& context, const ConfigNode* node) {
  TerritoriesReader(context).read(node);
}

}  // namespace traj::territory::loader
