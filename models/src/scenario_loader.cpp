#include "traj/territory/scenario_loader.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "traj/config_reader.hpp"
#include "traj/document_loader.hpp"
#include "traj/string_distance.hpp"
#include "traj/territory/default_sets.hpp"
#include "traj/territory/indicators.hpp"
#include "traj/territory/substitution_cycles.hpp"

namespace traj::territory {
namespace {

constexpr ValueRange TREND_RANGE{-0.5, 0.5, "in [-50 %/yr, 50 %/yr]"};
constexpr ValueRange LOSS_RANGE{0.0, 0.5, "in [0, 0.5]"};

template <typename T>
bool contains(const std::vector<T>& values, const T& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

int index_of(const std::vector<std::string>& names, std::string_view name) {
  const auto found = std::find(names.begin(), names.end(), name);
  return found == names.end() ? NONE : static_cast<int>(found - names.begin());
}

std::string quoted(std::string_view text) {
  return "\"" + std::string(text) + "\"";
}

std::string article(std::string_view noun) {
  const bool vowel =
      !noun.empty() && std::string_view("aeiou").find(noun.front()) != std::string_view::npos;
  return (vowel ? "an " : "a ") + std::string(noun);
}

class ScenarioReader {
 public:
  ScenarioReader(Scenario& scenario, Diagnostics& diagnostics)
      : scenario_(scenario),
        diagnostics_(diagnostics),
        quantities_(scenario.parameters, diagnostics) {}

  void read(const ConfigNode& root) {
    TableReader top(&root, "", diagnostics_);
    read_format(top);
    // Parameters first: any number below may refer to them.
    read_parameters(top.table("parameters", false));
    read_territory(top.table("territory", true));
    if (!territory_ok_) {
      // Without the sets, every later reference would be reported as unknown.
      for (const auto& key : root.keys) top.skip(key);
      return;
    }
    sized();
    read_inventory(top.table("inventory", true));
    read_trends(top.table("trends", false));
    read_emission_factors(top.table("emission_factors", true));
    read_energy_branch(top.table("energy_branch", false));
    read_actions(top.get("actions", false, "an array of tables [[actions]]"));
    read_portfolios(top.get("portfolios", false, "an array of tables [[portfolios]]"));
    read_objectives(top.get("objectives", false, "an array of tables [[objectives]]"));
    top.finish({"format", "territory", "parameters", "inventory", "trends", "emission_factors",
                "energy_branch", "actions", "portfolios", "objectives"});
    check_trends_present();
    check_emission_factors_present();
    check_substitution_cycles();
  }

 private:
  // ---------------------------------------------------------------- format
  void read_format(TableReader& top) {
    const ConfigNode* format = top.get("format", true, "the format version 1");
    if (format != nullptr &&
        (format->kind != ConfigNode::Kind::Integer || format->integer != SCENARIO_FORMAT)) {
      report_type(diagnostics_, *format, "format",
                  "format = " + std::to_string(SCENARIO_FORMAT) + " (the version this traj reads)");
    }
  }

  // ------------------------------------------------------------- territory
  std::optional<std::vector<std::string>> read_set(TableReader& table, std::string_view key,
                                                   const std::vector<std::string>& defaults) {
    if (table.valid() && table.keys().end() == std::find(table.keys().begin(), table.keys().end(),
                                                         std::string(key))) {
      table.skip(key);
      return defaults;
    }
    auto names = table.strings(key, false);
    if (!names) return std::nullopt;
    const ConfigNode* node = table.get(key, false, "");
    std::set<std::string> seen;
    bool ok = true;
    for (std::size_t i = 0; i < names->size(); ++i) {
      const auto& name = (*names)[i];
      const SourceLocation& where = node->is_array() ? node->children[i].where : node->where;
      const std::string path = table.path_of(key) + "[" + std::to_string(i) + "]";
      if (!is_identifier(name)) {
        diagnostics_.add(
            where, path,
            "expected an identifier (letters, digits, '_' and '-'), found " + quoted(name));
        ok = false;
      } else if (!seen.insert(name).second) {
        diagnostics_.add(where, path, "expected unique names, found " + quoted(name) + " twice");
        ok = false;
      }
    }
    if (names->empty()) {
      table.report(key, "expected at least one name, found an empty array");
      ok = false;
    }
    if (!ok) return std::nullopt;
    return names;
  }

  void read_territory(TableReader territory) {
    if (!territory.valid()) return;
    scenario_.name = territory.string("name", true).value_or("");
    const auto base = territory.integer("base_year", true, 1900, 2100, "a year in [1900, 2100]");
    const auto horizon = territory.integer("horizon", true, 1900, 2200, "a year in [1900, 2200]");
    if (base && horizon && *horizon <= *base) {
      territory.report("horizon", "expected a year after base_year " + std::to_string(*base) +
                                      ", found " + std::to_string(*horizon));
    }
    auto sectors = read_set(territory, "sectors", default_sectors());
    auto carriers = read_set(territory, "carriers", default_carriers());
    auto pollutants = read_set(territory, "pollutants", default_pollutants());
    if (!base || !horizon || *horizon <= *base || !sectors || !carriers || !pollutants) {
      territory.skip("sources");
      territory.skip("indicators");
      territory.finish({});
      return;
    }
    scenario_.base_year = static_cast<int>(*base);
    scenario_.horizon = static_cast<int>(*horizon);
    scenario_.sectors = *sectors;
    scenario_.carriers = *carriers;
    scenario_.pollutants = *pollutants;
    territory_ok_ = true;
    if (const ConfigNode* rate = territory.get("discount_rate", false, "a rate per year")) {
      if (auto value = quantities_.read(*rate, territory.path_of("discount_rate"), Dimension::Rate,
                                        {0.0, 0.2, "in [0 %/yr, 20 %/yr]"})) {
        scenario_.discount_rate = *value;
        scenario_.has_discount_rate = true;
      }
    }
    read_sources(territory);
    read_custom_indicators(territory.table("indicators", false));
    territory.finish({"name", "base_year", "horizon", "sectors", "carriers", "pollutants",
                      "sources", "indicators", "discount_rate"});
    check_distinct_names(territory);
  }

  void read_sources(TableReader& territory) {
    const ConfigNode* node = territory.get("sources", false, "a table of sources");
    if (node == nullptr) {
      for (const auto& source : default_sources()) {
        const int carrier = index_of(scenario_.carriers, source.carrier);
        if (source.carrier == "none" || carrier != NONE) {
          scenario_.sources.push_back({source.id, carrier});
        }
      }
      return;
    }
    TableReader sources(node, "territory.sources", diagnostics_);
    for (const auto& id : sources.keys()) {
      TableReader source = sources.table(id, true);
      if (!source.valid()) continue;
      if (!is_identifier(id)) {
        diagnostics_.add(
            source.where(), source.path(),
            "expected a source id made of letters, digits, '_' and '-', found " + quoted(id));
      }
      const auto carrier = source.string("carrier", true);
      source.finish({"carrier"});
      if (!carrier) continue;
      int index = NONE;
      if (*carrier != "none") {
        index = index_of(scenario_.carriers, *carrier);
        if (index == NONE) {
          source.report("carrier", "expected a carrier of the territory or \"none\", found " +
                                       quoted(*carrier) +
                                       did_you_mean(*carrier, scenario_.carriers));
          continue;
        }
      }
      scenario_.sources.push_back({id, index});
    }
  }

  void read_custom_indicators(TableReader indicators) {
    if (!indicators.valid()) return;
    for (const auto& id : indicators.keys()) {
      TableReader indicator = indicators.table(id, true);
      if (!indicator.valid()) continue;
      CustomIndicator custom;
      custom.id = id;
      custom.name = indicator.string("name", true).value_or(id);
      const ConfigNode* base = indicator.get("base", true, "a quantity with its unit");
      const ConfigNode* growth = indicator.get("growth", false, "a rate per year");
      indicator.finish({"name", "base", "growth"});
      if (!is_identifier(id)) {
        diagnostics_.add(
            indicator.where(), indicator.path(),
            "expected an indicator id made of letters, digits, '_' and '-', found " + quoted(id));
        continue;
      }
      if (base == nullptr) continue;
      const auto dimension = custom_indicator_dimension(*base, indicator.path_of("base"));
      if (!dimension) continue;
      custom.dimension = *dimension;
      const auto base_value =
          quantities_.read(*base, indicator.path_of("base"), *dimension, NON_NEGATIVE);
      custom.growth = Quantity::fixed(0.0);
      if (growth != nullptr) {
        if (auto value = quantities_.read(*growth, indicator.path_of("growth"), Dimension::Rate,
                                          TREND_RANGE)) {
          custom.growth = *value;
        }
      }
      if (!base_value) continue;
      custom.base = *base_value;
      scenario_.indicators.push_back(std::move(custom));
    }
  }

  /// The dimension of a custom indicator, decided by its base value's unit:
  /// the unit written beside the value, or the unit a named parameter
  /// (`{ parameter = "…" }`) was declared with. Reports and returns nothing
  /// when there is none, or when it is a rate or a fraction.
  std::optional<Dimension> custom_indicator_dimension(const ConfigNode& base,
                                                      const std::string& path) {
    const ConfigNode* reference = base.is_table() ? base.find("parameter") : nullptr;
    if (reference != nullptr && reference->is_string()) {
      const int index = scenario_.parameters.find(reference->text);
      if (index < 0 || !scenario_.parameters[static_cast<std::size_t>(index)].named) {
        // Not a declared parameter: the reader says so, with the names it knows.
        quantities_.read(base, path, Dimension::Ratio, NON_NEGATIVE);
        return std::nullopt;
      }
      const Parameter& parameter = scenario_.parameters[static_cast<std::size_t>(index)];
      if (parameter.unitless || parameter.dimension == Dimension::Rate ||
          parameter.dimension == Dimension::Fraction) {
        diagnostics_.add(
            reference->where, path + ".parameter",
            "expected a parameter declared with the unit of a quantity (e.g. unit = "
            "\"Mm3\"), found " +
                quoted(reference->text) +
                (parameter.unitless ? ", a plain number" : ", " + describe(parameter.dimension)));
        return std::nullopt;
      }
      return parameter.dimension;
    }
    const ConfigNode* unit_node = base.is_table() ? base.find("unit") : nullptr;
    const auto unit =
        unit_node != nullptr && unit_node->is_string() ? parse_unit(unit_node->text) : std::nullopt;
    if (!unit || unit->dimension == Dimension::Rate || unit->dimension == Dimension::Fraction) {
      diagnostics_.add(
          base.where, path,
          "expected a quantity with a unit (e.g. { value = 3.2, unit = \"Mm3\" }) or a named "
          "parameter declared with one, found " +
              (unit_node != nullptr ? "unit " + unit_node->describe() : base.describe()));
      return std::nullopt;
    }
    return unit->dimension;
  }

  void check_distinct_names(TableReader& territory) {
    // Indicator names are built from these ids (ghg.residential, nox, …), so
    // they must not collide.
    std::vector<std::pair<std::string, std::string>> names;
    for (const auto& sector : scenario_.sectors) names.emplace_back(sector, "sector");
    for (const auto& carrier : scenario_.carriers) names.emplace_back(carrier, "carrier");
    for (const auto& pollutant : scenario_.pollutants) names.emplace_back(pollutant, "pollutant");
    for (const auto& indicator : scenario_.indicators)
      names.emplace_back(indicator.id, "indicator");
    names.emplace_back("ghg", "species");
    // Indicators the model computes keep their names.
    for (const char* reserved :
         {"final_energy", "local_production", "renewable_share", "energy_imports", "ghg_cumulative",
          "cost_investment", "cost_operating", "cost_cumulative", "cost_discounted"}) {
      names.emplace_back(reserved, "built-in indicator");
    }
    for (std::size_t i = 0; i < names.size(); ++i) {
      for (std::size_t j = 0; j < i; ++j) {
        if (names[i].first == names[j].first) {
          diagnostics_.add(
              territory.where(), "territory",
              "expected distinct ids for sectors, carriers, pollutants and indicators, "
              "found " +
                  quoted(names[i].first) + " as " + article(names[j].second) + " and as " +
                  article(names[i].second));
        }
      }
    }
    std::set<std::string> sources;
    for (const auto& source : scenario_.sources) {
      if (!sources.insert(source.id).second) {
        diagnostics_.add(territory.where(), "territory.sources",
                         "expected unique source ids, found " + quoted(source.id) + " twice");
      }
    }
  }

  void sized() {
    const std::size_t sectors = scenario_.sectors.size();
    const std::size_t carriers = scenario_.carriers.size();
    const std::size_t species = static_cast<std::size_t>(scenario_.species_count());
    scenario_.final_energy.assign(sectors * carriers, Quantity::fixed(0.0));
    scenario_.in_inventory.assign(sectors * carriers, false);
    cell_used_at_.assign(sectors * carriers, {});
    cell_used_by_.assign(sectors * carriers, {});
    scenario_.local_production.assign(scenario_.sources.size(), Quantity::fixed(0.0));
    scenario_.non_energy_emissions.assign(species * sectors, Quantity::fixed(0.0));
    scenario_.activity_growth.assign(sectors, Quantity::fixed(0.0));
    scenario_.autonomous_efficiency.assign(sectors, Quantity::fixed(0.0));
    trend_stated_.assign(2 * sectors, false);
    scenario_.emission_factors.assign(species * sectors * carriers, {});
    scenario_.network_losses.assign(carriers, Quantity::fixed(0.0));
    scenario_.own_consumption.assign(carriers, Quantity::fixed(0.0));
  }

  // ------------------------------------------------------------ parameters
  void read_parameters(TableReader parameters) {
    if (!parameters.valid()) return;
    for (const auto& name : parameters.keys()) {
      const ConfigNode* node = parameters.get(name, true, "a parameter table");
      if (node != nullptr) quantities_.declare_parameter(*node, name, parameters.path_of(name));
    }
  }

  // ------------------------------------------------------------- inventory
  int reference(TableReader& table, std::string_view key, const std::vector<std::string>& names,
                std::string_view what) {
    const int index = index_of(names, key);
    if (index == NONE) {
      table.report(key, "expected " + article(what) + " of the territory, found " + quoted(key) +
                            did_you_mean(key, names));
    }
    return index;
  }

  void note_cell_use(int sector, int carrier, const SourceLocation& where,
                     const std::string& path) {
    const auto cell = static_cast<std::size_t>(scenario_.cell(sector, carrier));
    if (cell_used_by_[cell].empty()) {
      cell_used_at_[cell] = where;
      cell_used_by_[cell] = path;
    }
  }

  void read_inventory(TableReader inventory) {
    if (!inventory.valid()) return;
    read_final_energy(inventory.table("final_energy", true));
    read_local_production(inventory.table("local_production", false));
    read_non_energy(inventory.table("non_energy_emissions", false));
    inventory.finish({"final_energy", "local_production", "non_energy_emissions"});
  }

  void read_final_energy(TableReader table) {
    if (!table.valid()) return;
    const auto unit = quantities_.read_unit(table, false);
    for (const auto& sector_id : table.keys()) {
      if (sector_id == "unit") continue;
      TableReader row = table.table(sector_id, true);
      const int sector = reference(table, sector_id, scenario_.sectors, "sector");
      if (!row.valid() || sector == NONE) {
        for (const auto& key : row.keys()) row.skip(key);
        continue;
      }
      const auto row_unit =
          row.keys().end() != std::find(row.keys().begin(), row.keys().end(), "unit")
              ? quantities_.read_unit(row, false)
              : unit;
      for (const auto& carrier_id : row.keys()) {
        if (carrier_id == "unit") continue;
        const ConfigNode* node = row.get(carrier_id, true, "an energy");
        const int carrier = reference(row, carrier_id, scenario_.carriers, "carrier");
        if (carrier == NONE) continue;
        const auto value = quantities_.read(*node, row.path_of(carrier_id), Dimension::Energy,
                                            NON_NEGATIVE, row_unit);
        if (!value) continue;
        const int cell = scenario_.cell(sector, carrier);
        scenario_.final_energy[static_cast<std::size_t>(cell)] = *value;
        scenario_.in_inventory[static_cast<std::size_t>(cell)] = true;
        note_cell_use(sector, carrier, node->where, row.path_of(carrier_id));
      }
    }
  }

  void read_local_production(TableReader table) {
    if (!table.valid()) return;
    const auto unit = quantities_.read_unit(table, false);
    std::vector<std::string> ids;
    for (const auto& source : scenario_.sources) ids.push_back(source.id);
    for (const auto& source_id : table.keys()) {
      if (source_id == "unit") continue;
      const ConfigNode* node = table.get(source_id, true, "an energy");
      const int source = reference(table, source_id, ids, "local production source");
      if (source == NONE) continue;
      if (const auto value = quantities_.read(*node, table.path_of(source_id), Dimension::Energy,
                                              NON_NEGATIVE, unit)) {
        scenario_.local_production[static_cast<std::size_t>(source)] = *value;
        production_stated_at_.emplace_back(source, node->where);
      }
    }
  }

  std::vector<std::string> species_names() const {
    std::vector<std::string> names = {"ghg"};
    names.insert(names.end(), scenario_.pollutants.begin(), scenario_.pollutants.end());
    return names;
  }

  void read_non_energy(TableReader table) {
    if (!table.valid()) return;
    const auto species_list = species_names();
    for (const auto& species_id : table.keys()) {
      TableReader row = table.table(species_id, true);
      const int species =
          reference(table, species_id, species_list, "species (ghg or a pollutant)");
      if (!row.valid() || species == NONE) {
        for (const auto& key : row.keys()) row.skip(key);
        continue;
      }
      const Dimension dimension = species == 0 ? Dimension::GhgMass : Dimension::Mass;
      const auto unit = quantities_.read_unit(row, false);
      for (const auto& sector_id : row.keys()) {
        if (sector_id == "unit") continue;
        const ConfigNode* node = row.get(sector_id, true, "an emission");
        const int sector = reference(row, sector_id, scenario_.sectors, "sector");
        if (sector == NONE) continue;
        if (const auto value =
                quantities_.read(*node, row.path_of(sector_id), dimension, NON_NEGATIVE, unit)) {
          scenario_.non_energy_emissions[static_cast<std::size_t>(
              species * static_cast<int>(scenario_.sectors.size()) + sector)] = *value;
          non_energy_sectors_.push_back({sector, node->where, row.path_of(sector_id)});
        }
      }
    }
  }

  // ---------------------------------------------------------------- trends
  void read_trends(TableReader trends) {
    if (!trends.valid()) return;
    read_trend(trends.table("activity_growth", false), scenario_.activity_growth, 0);
    read_trend(trends.table("autonomous_efficiency", false), scenario_.autonomous_efficiency, 1);
    trends.finish({"activity_growth", "autonomous_efficiency"});
  }

  void read_trend(TableReader table, std::vector<Quantity>& target, int kind) {
    if (!table.valid()) return;
    const auto unit = quantities_.read_unit(table, true);
    for (const auto& sector_id : table.keys()) {
      if (sector_id == "unit") continue;
      const ConfigNode* node = table.get(sector_id, true, "a rate per year");
      const int sector = reference(table, sector_id, scenario_.sectors, "sector");
      if (sector == NONE) continue;
      trend_stated_[static_cast<std::size_t>(kind * static_cast<int>(scenario_.sectors.size()) +
                                             sector)] = true;
      if (const auto value = quantities_.read(*node, table.path_of(sector_id), Dimension::Rate,
                                              TREND_RANGE, unit)) {
        target[static_cast<std::size_t>(sector)] = *value;
      }
    }
  }

  void check_trends_present() {
    // A trend left out would silently mean "no change": ask for it instead.
    const auto sectors = scenario_.sectors.size();
    std::vector<std::pair<int, std::pair<SourceLocation, std::string>>> users;
    for (std::size_t s = 0; s < sectors; ++s) {
      for (std::size_t c = 0; c < scenario_.carriers.size(); ++c) {
        const auto cell = s * scenario_.carriers.size() + c;
        if (scenario_.in_inventory[cell]) {
          users.push_back({static_cast<int>(s), {cell_used_at_[cell], cell_used_by_[cell]}});
        }
      }
    }
    for (const auto& use : non_energy_sectors_)
      users.push_back({use.sector, {use.where, use.path}});
    std::set<std::pair<int, int>> reported;
    for (const auto& [sector, use] : users) {
      for (int kind = 0; kind < 2; ++kind) {
        if (kind == 1 && !sector_has_energy(sector)) continue;  // efficiency applies to energy only
        if (trend_stated_[static_cast<std::size_t>(kind * static_cast<int>(sectors) + sector)])
          continue;
        if (!reported.insert({sector, kind}).second) continue;
        const std::string table =
            kind == 0 ? "trends.activity_growth" : "trends.autonomous_efficiency";
        diagnostics_.add(use.first,
                         table + "." + scenario_.sectors[static_cast<std::size_t>(sector)],
                         "expected a trend for sector " +
                             quoted(scenario_.sectors[static_cast<std::size_t>(sector)]) +
                             " (used by " + use.second + "; write 0 for none), found none");
      }
    }
  }

  bool sector_has_energy(int sector) const {
    for (std::size_t c = 0; c < scenario_.carriers.size(); ++c) {
      if (scenario_.in_inventory[static_cast<std::size_t>(sector) * scenario_.carriers.size() + c])
        return true;
    }
    return false;
  }

  // ------------------------------------------------------ emission factors
  void read_emission_factors(TableReader factors) {
    if (!factors.valid()) return;
    const auto species_list = species_names();
    for (const auto& species_id : factors.keys()) {
      TableReader species_table = factors.table(species_id, true);
      int species = index_of(species_list, species_id);
      if (species == NONE) {
        // A shared factor set covers every default pollutant; a territory
        // that tracks fewer simply does not use the others.
        if (!contains(default_pollutants(), species_id)) {
          reference(factors, species_id, species_list, "species (ghg or a pollutant)");
        }
        for (const auto& key : species_table.keys()) species_table.skip(key);
        continue;
      }
      if (!species_table.valid()) continue;
      const Dimension dimension = species == 0 ? Dimension::GhgIntensity : Dimension::MassIntensity;
      const auto unit = quantities_.read_unit(species_table, true);
      species_table.string("source", false);
      // all_sectors first, so that sector rows override it whatever their order.
      std::vector<std::string> rows;
      if (contains(species_table.keys(), std::string("all_sectors"))) rows.push_back("all_sectors");
      for (const auto& key : species_table.keys()) {
        if (key != "all_sectors" && key != "unit" && key != "source") rows.push_back(key);
      }
      for (const auto& row_id : rows) {
        TableReader row = species_table.table(row_id, true);
        std::vector<int> sectors;
        if (row_id == "all_sectors") {
          for (int s = 0; s < static_cast<int>(scenario_.sectors.size()); ++s) sectors.push_back(s);
        } else {
          const int sector = index_of(scenario_.sectors, row_id);
          if (sector == NONE) {
            if (!contains(default_sectors(), row_id)) {
              reference(species_table, row_id, scenario_.sectors, "sector (or all_sectors)");
            }
            for (const auto& key : row.keys()) row.skip(key);
            continue;
          }
          sectors.push_back(sector);
        }
        if (!row.valid()) continue;
        for (const auto& carrier_id : row.keys()) {
          const ConfigNode* node = row.get(carrier_id, true, "an emission factor");
          const int carrier = index_of(scenario_.carriers, carrier_id);
          if (carrier == NONE) {
            if (!contains(default_carriers(), carrier_id)) {
              reference(row, carrier_id, scenario_.carriers, "carrier");
            }
            continue;
          }
          auto factor = read_factor(*node, row.path_of(carrier_id), dimension, unit);
          if (!factor) continue;
          for (const int sector : sectors) {
            scenario_.emission_factors[static_cast<std::size_t>(
                (species * static_cast<int>(scenario_.sectors.size()) + sector) *
                    static_cast<int>(scenario_.carriers.size()) +
                carrier)] = *factor;
          }
          factor_where_.push_back({carrier, node->where, row.path_of(carrier_id)});
        }
      }
    }
  }

  std::optional<EmissionFactor> read_factor(const ConfigNode& node, const std::string& path,
                                            Dimension dimension, const std::optional<Unit>& unit) {
    EmissionFactor factor;
    factor.present = true;
    if (node.is_table() && node.find("years") != nullptr) {
      TableReader table(&node, path, diagnostics_);
      const ConfigNode* years = table.get("years", true, "an array of years");
      const ConfigNode* values = table.get("values", true, "an array of numbers");
      const auto own_unit =
          node.find("unit") != nullptr ? quantities_.read_unit(table, false) : unit;
      table.finish({"years", "values", "unit"});
      if (years == nullptr || values == nullptr) return std::nullopt;
      if (own_unit && own_unit->dimension == Dimension::Unknown) return std::nullopt;
      if (!own_unit || own_unit->dimension != dimension) {
        diagnostics_.add(node.where, path,
                         "expected a unit of " + describe(dimension) +
                             " for this trajectory, found " +
                             (own_unit ? describe(own_unit->dimension) : "none"));
        return std::nullopt;
      }
      const auto numbers = [&](const ConfigNode& array, const std::string& where_path,
                               bool integers) -> std::optional<std::vector<double>> {
        if (!array.is_array() || array.children.empty()) {
          report_type(diagnostics_, array, where_path, "a non-empty array");
          return std::nullopt;
        }
        std::vector<double> result;
        for (std::size_t i = 0; i < array.children.size(); ++i) {
          const auto& element = array.children[i];
          const bool ok = integers ? element.kind == ConfigNode::Kind::Integer
                                   : element.is_number() && std::isfinite(element.number);
          if (!ok || (!integers && element.number < 0)) {
            report_type(diagnostics_, element, where_path + "[" + std::to_string(i) + "]",
                        integers ? "a year" : "a finite number ≥ 0");
            return std::nullopt;
          }
          result.push_back(element.number);
        }
        return result;
      };
      const auto year_values = numbers(*years, path + ".years", true);
      const auto factor_values = numbers(*values, path + ".values", false);
      if (!year_values || !factor_values) return std::nullopt;
      if (year_values->size() != factor_values->size()) {
        diagnostics_.add(values->where, path + ".values",
                         "expected as many values as years (" +
                             std::to_string(year_values->size()) + "), found " +
                             std::to_string(factor_values->size()));
        return std::nullopt;
      }
      if (!std::is_sorted(year_values->begin(), year_values->end(), std::less_equal<>())) {
        diagnostics_.add(years->where, path + ".years",
                         "expected strictly increasing years, found them out of order");
        return std::nullopt;
      }
      factor.years = *year_values;
      for (const double value : *factor_values)
        factor.values.push_back(value * own_unit->to_canonical);
      return factor;
    }
    const auto value = quantities_.read(node, path, dimension, NON_NEGATIVE, unit);
    if (!value) return std::nullopt;
    factor.constant = *value;
    return factor;
  }

  // --------------------------------------------------------- energy branch
  void read_energy_branch(TableReader branch) {
    if (!branch.valid()) return;
    read_carrier_fractions(branch.table("network_losses", false), scenario_.network_losses);
    TableReader own_consumption = branch.table("own_consumption", false);
    TableReader conversions = branch.table("conversions", false);
    if (energy_branch_sector() == NONE) {
      // Own consumption and the conversions' fuels are counted in that sector.
      for (TableReader* table : {&own_consumption, &conversions}) {
        if (!table->valid()) continue;
        diagnostics_.add(table->where(), table->path(),
                         "expected the sector \"energy_branch\" among the territory's sectors "
                         "(the energy branch's own consumption and fuels are counted there), "
                         "found none");
        for (const auto& key : table->keys()) table->skip(key);
      }
      branch.finish({"network_losses", "own_consumption", "conversions"});
      return;
    }
    read_carrier_fractions(own_consumption, scenario_.own_consumption);
    for (const auto& carrier_id : conversions.keys()) {
      TableReader table = conversions.table(carrier_id, true);
      const int carrier = reference(conversions, carrier_id, scenario_.carriers, "carrier");
      if (!table.valid() || carrier == NONE) {
        for (const auto& key : table.keys()) table.skip(key);
        continue;
      }
      read_conversion(table, carrier);
    }
    branch.finish({"network_losses", "own_consumption", "conversions"});
    for (std::size_t c = 0; c < scenario_.carriers.size(); ++c) {
      const auto& losses = scenario_.network_losses[c];
      const auto& own = scenario_.own_consumption[c];
      if (losses.is_constant() && own.is_constant() && losses.constant + own.constant >= 0.9) {
        diagnostics_.add(branch.where(), "energy_branch",
                         "expected network_losses + own_consumption < 0.9 for " +
                             quoted(scenario_.carriers[c]) + ", found " +
                             std::to_string(losses.constant + own.constant));
      }
    }
  }

  void read_carrier_fractions(TableReader table, std::vector<Quantity>& target) {
    if (!table.valid()) return;
    for (const auto& carrier_id : table.keys()) {
      const ConfigNode* node = table.get(carrier_id, true, "a fraction");
      const int carrier = reference(table, carrier_id, scenario_.carriers, "carrier");
      if (carrier == NONE) continue;
      if (const auto value =
              quantities_.read(*node, table.path_of(carrier_id), Dimension::Fraction, LOSS_RANGE)) {
        target[static_cast<std::size_t>(carrier)] = *value;
      }
    }
  }

  void read_conversion(TableReader& table, int carrier) {
    Conversion conversion;
    conversion.carrier = carrier;
    const ConfigNode* efficiency = table.get("efficiency", true, "a positive number");
    const ConfigNode* renewable = table.get("renewable_share", false, "a fraction");
    const auto renewable_source = table.identifier("renewable_source", false);
    TableReader inputs = table.table("inputs", true);
    table.finish({"efficiency", "inputs", "renewable_share", "renewable_source"});
    bool ok = true;
    if (efficiency != nullptr) {
      if (auto value = quantities_.read(*efficiency, table.path_of("efficiency"), Dimension::Ratio,
                                        {0.05, 10.0, "in [0.05, 10]"})) {
        conversion.efficiency = *value;
      } else {
        ok = false;
      }
    } else {
      ok = false;
    }
    conversion.renewable_share = Quantity::fixed(0.0);
    if (renewable != nullptr) {
      if (auto value = quantities_.read(*renewable, table.path_of("renewable_share"),
                                        Dimension::Fraction, FRACTION_RANGE)) {
        conversion.renewable_share = *value;
      }
    }
    if (renewable_source) {
      const int source = index_of(source_ids(), *renewable_source);
      if (source == NONE) {
        table.report("renewable_source", "expected a local production source, found " +
                                             quoted(*renewable_source) +
                                             did_you_mean(*renewable_source, source_ids()));
        ok = false;
      } else if (scenario_.sources[static_cast<std::size_t>(source)].carrier != carrier) {
        table.report("renewable_source",
                     "expected a source delivering " +
                         quoted(scenario_.carriers[static_cast<std::size_t>(carrier)]) +
                         ", found " + quoted(*renewable_source));
        ok = false;
      } else {
        conversion.renewable_source = source;
      }
    } else if (renewable != nullptr) {
      table.report("renewable_share",
                   "expected renewable_source beside renewable_share (the source its renewable "
                   "heat counts as), found none");
    }
    double share_sum = 0.0;
    for (const auto& input_id : inputs.keys()) {
      const ConfigNode* node = inputs.get(input_id, true, "a share");
      const int input = reference(inputs, input_id, scenario_.carriers, "carrier");
      if (input == NONE) {
        ok = false;
        continue;
      }
      if (input == carrier) {
        inputs.report(input_id,
                      "expected fuels other than the carrier produced, found " + quoted(input_id));
        ok = false;
        continue;
      }
      const auto share =
          quantities_.read(*node, inputs.path_of(input_id), Dimension::Fraction, FRACTION_RANGE);
      if (!share) {
        ok = false;
        continue;
      }
      if (!share->is_constant()) {
        inputs.report(input_id,
                      "expected a fixed share (shares must sum to 1), found a distribution");
        ok = false;
        continue;
      }
      share_sum += share->constant;
      conversion.input_carriers.push_back(input);
      conversion.input_shares.push_back(*share);
      note_cell_use(energy_branch_sector(), input, node->where, inputs.path_of(input_id));
    }
    if (inputs.valid() && ok && std::abs(share_sum - 1.0) > 1e-6) {
      diagnostics_.add(
          inputs.where(), inputs.path(),
          "expected input shares summing to 1, found a sum of " + std::to_string(share_sum));
      ok = false;
    }
    if (inputs.valid() && conversion.input_carriers.empty() && ok) {
      diagnostics_.add(inputs.where(), inputs.path(), "expected at least one input, found none");
      ok = false;
    }
    // Kept even when wrong (the errors stop the load anyway), so that the
    // carrier stays known as converted and no factor is asked for it.
    scenario_.conversions.push_back(std::move(conversion));
  }

  int energy_branch_sector() const {
    const int sector = index_of(scenario_.sectors, "energy_branch");
    return sector;
  }

  std::vector<std::string> source_ids() const {
    std::vector<std::string> ids;
    for (const auto& source : scenario_.sources) ids.push_back(source.id);
    return ids;
  }

  // --------------------------------------------------------------- actions
  void read_actions(const ConfigNode* node) {
    if (node == nullptr) return;
    if (!node->is_array()) {
      report_type(diagnostics_, *node, "actions", "an array of tables [[actions]]");
      return;
    }
    std::set<std::string> ids;
    for (std::size_t i = 0; i < node->children.size(); ++i) {
      const ConfigNode& element = node->children[i];
      std::string path = "actions[" + std::to_string(i) + "]";
      const ConfigNode* id_node = element.is_table() ? element.find("id") : nullptr;
      if (id_node != nullptr && id_node->is_string() && is_identifier(id_node->text)) {
        path = "actions." + id_node->text;
      }
      TableReader table(&element, path, diagnostics_);
      if (!table.valid()) continue;
      Action action;
      action.id = table.identifier("id", true).value_or("");
      if (!action.id.empty() && !ids.insert(action.id).second) {
        table.report("id", "expected a unique action id, found " + quoted(action.id) + " twice");
      }
      action.name = table.string("name", true).value_or(action.id);
      action.coalition = table.string("coalition", true).value_or("");
      action.theme = table.string("theme", true).value_or("");
      const ConfigNode* start = table.get("start", true, "a year");
      read_adoption(table, start, action.adoption);
      read_costs(table.table("costs", false), action.costs);
      const ConfigNode* effects =
          table.get("effects", true, "an array of tables [[actions.effects]]");
      table.skip("description");
      table.skip("source");
      table.finish({"id", "name", "coalition", "theme", "start", "adoption", "costs", "effects",
                    "description", "source"});
      if (effects != nullptr) {
        if (!effects->is_array() || effects->children.empty()) {
          report_type(diagnostics_, *effects, table.path_of("effects"),
                      "a non-empty array of tables [[actions.effects]]");
        } else {
          for (std::size_t e = 0; e < effects->children.size(); ++e) {
            if (auto effect = read_effect(effects->children[e], table.path_of("effects") + "[" +
                                                                    std::to_string(e) + "]")) {
              action.effects.push_back(std::move(*effect));
            }
          }
        }
      }
      scenario_.actions.push_back(std::move(action));
    }
  }

  ValueRange year_range() const {
    return {static_cast<double>(scenario_.base_year), static_cast<double>(scenario_.horizon),
            year_wording_};
  }

  std::optional<Quantity> read_year(const ConfigNode& node, const std::string& path) {
    year_wording_ = "in [" + std::to_string(scenario_.base_year) + ", " +
                    std::to_string(scenario_.horizon) + "] (base year to horizon)";
    return quantities_.read(node, path, Dimension::Year, year_range());
  }

  void read_adoption(TableReader& action, const ConfigNode* start, Adoption& adoption) {
    if (start != nullptr) {
      if (auto value = read_year(*start, action.path_of("start"))) adoption.start = *value;
    }
    TableReader table = action.table("adoption", true);
    if (!table.valid()) return;
    const auto curve = table.string("curve", true);
    const ConfigNode* ceiling = table.get("ceiling", true, "a fraction");
    if (ceiling != nullptr) {
      if (auto value = quantities_.read(*ceiling, table.path_of("ceiling"), Dimension::Fraction,
                                        FRACTION_RANGE)) {
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
        if (auto value = read_year(*full, table.path_of("full_year"))) {
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
        if (auto value = read_year(*midpoint, table.path_of("midpoint")))
          adoption.midpoint = *value;
      }
      if (const ConfigNode* steepness = table.get("steepness", true, "a steepness in 1/yr")) {
        if (auto value = quantities_.read(*steepness, table.path_of("steepness"),
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
      if (auto value = quantities_.read(*node, table.path_of("investment"), Dimension::Money,
                                        NON_NEGATIVE)) {
        costs.investment = *value;
      }
    }
    if (const ConfigNode* node = table.get("operating", false, "an amount of money per year")) {
      if (auto value = quantities_.read(*node, table.path_of("operating"), Dimension::MoneyRate,
                                        ANY_VALUE)) {
        costs.operating = *value;
      }
    }
    table.finish({"investment", "operating"});
  }

  std::vector<int> read_references(TableReader& table, std::string_view key,
                                   const std::vector<std::string>& names, std::string_view what,
                                   bool required) {
    std::vector<int> result;
    const auto ids = table.strings(key, required);
    if (!ids) return result;
    const ConfigNode* node = table.get(key, false, "");
    for (std::size_t i = 0; i < ids->size(); ++i) {
      const int index = index_of(names, (*ids)[i]);
      const SourceLocation& where = node->is_array() ? node->children[i].where : node->where;
      if (index == NONE) {
        diagnostics_.add(
            where, table.path_of(key) + (node->is_array() ? "[" + std::to_string(i) + "]" : ""),
            "expected " + article(what) + " of the territory, found " + quoted((*ids)[i]) +
                did_you_mean((*ids)[i], names));
      } else if (!contains(result, index)) {
        result.push_back(index);
      }
    }
    return result;
  }

  std::optional<int> read_reference(TableReader& table, std::string_view key,
                                    const std::vector<std::string>& names, std::string_view what) {
    const auto id = table.string(key, true);
    if (!id) return std::nullopt;
    const int index = index_of(names, *id);
    if (index == NONE) {
      table.report(
          key, "expected " + article(what) + ", found " + quoted(*id) + did_you_mean(*id, names));
      return std::nullopt;
    }
    return index;
  }

  std::optional<Effect> read_effect(const ConfigNode& node, const std::string& path) {
    TableReader table(&node, path, diagnostics_);
    if (!table.valid()) return std::nullopt;
    const auto type = table.string("type", true);
    if (!type) {
      for (const auto& key : table.keys()) table.skip(key);
      return std::nullopt;
    }
    Effect effect;
    effect.path = path;
    effect.where = node.where;
    const std::size_t errors_before = diagnostics_.total();
    std::vector<std::string> known = {"type", "description", "source"};
    table.skip("description");
    table.skip("source");
    auto quantity = [&](std::string_view key, Dimension dimension, const ValueRange& range,
                        bool required) -> std::optional<Quantity> {
      known.emplace_back(key);
      const ConfigNode* value = table.get(key, required, describe(dimension));
      if (value == nullptr) return std::nullopt;
      return quantities_.read(*value, table.path_of(key), dimension, range);
    };
    // Two ways of saying one thing: take neither silently.
    auto exclusive = [&](const char* first, const char* second) {
      if (contains(table.keys(), std::string(first)) &&
          contains(table.keys(), std::string(second))) {
        table.report(second,
                     std::string("expected either ") + first + " or " + second + ", found both");
        table.skip(second);
        return true;
      }
      return false;
    };
    auto all_carriers = [&] {
      std::vector<int> carriers;
      for (int c = 0; c < static_cast<int>(scenario_.carriers.size()); ++c) carriers.push_back(c);
      return carriers;
    };
    // Carriers with a stated factor: all but those produced by a conversion.
    auto stated_factor_carriers = [&] {
      std::vector<int> carriers;
      for (int c = 0; c < static_cast<int>(scenario_.carriers.size()); ++c) {
        if (scenario_.conversion_of(c) == nullptr) carriers.push_back(c);
      }
      return carriers;
    };
    if (*type == "reduce") {
      effect.type = EffectType::Reduce;
      known.insert(known.end(), {"sectors", "carriers"});
      effect.sectors = read_references(table, "sectors", scenario_.sectors, "sector", true);
      effect.carriers =
          contains(table.keys(), std::string("carriers"))
              ? read_references(table, "carriers", scenario_.carriers, "carrier", true)
              : all_carriers();
      if (auto value = quantity("fraction", Dimension::Fraction, FRACTION_RANGE, true)) {
        effect.fraction = *value;
      }
    } else if (*type == "switch") {
      effect.type = EffectType::Switch;
      known.insert(known.end(), {"sectors", "from", "to", "ambient_heat_source", "local_source"});
      effect.sectors = read_references(table, "sectors", scenario_.sectors, "sector", true);
      effect.from = read_reference(table, "from", scenario_.carriers, "carrier of the territory")
                        .value_or(NONE);
      effect.to = read_reference(table, "to", scenario_.carriers, "carrier of the territory")
                      .value_or(NONE);
      if (effect.from != NONE && effect.from == effect.to) {
        table.report("to", "expected a carrier other than from, found the same " +
                               quoted(scenario_.carriers[static_cast<std::size_t>(effect.to)]));
      }
      if (auto value = quantity("share", Dimension::Fraction, FRACTION_RANGE, true))
        effect.share = *value;
      const bool has_ratio = contains(table.keys(), std::string("ratio"));
      if (has_ratio) {
        exclusive("ratio", "from_efficiency");
        exclusive("ratio", "to_efficiency");
      }
      constexpr ValueRange EFFICIENCY{0.05, 10.0, "in [0.05, 10]"};
      if (has_ratio) {
        if (auto value = quantity("ratio", Dimension::Ratio, {0.01, 10.0, "in [0.01, 10]"}, true)) {
          effect.ratio = *value;
        }
      } else {
        const auto from_efficiency =
            quantity("from_efficiency", Dimension::Ratio, EFFICIENCY, true);
        const auto to_efficiency = quantity("to_efficiency", Dimension::Ratio, EFFICIENCY, true);
        if (from_efficiency && to_efficiency) {
          effect.from_efficiency = *from_efficiency;
          effect.to_efficiency = *to_efficiency;
          effect.has_efficiencies = true;
        }
      }
      known.insert(known.end(), {"ratio", "from_efficiency", "to_efficiency"});
      if (contains(table.keys(), std::string("ambient_heat_source"))) {
        if (auto source = read_reference(table, "ambient_heat_source", source_ids(),
                                         "local production source")) {
          if (!effect.has_efficiencies) {
            table.report("ambient_heat_source",
                         "expected from_efficiency and to_efficiency (the heat pump's COP) to "
                         "compute the ambient heat, found a ratio");
          } else if (scenario_.sources[static_cast<std::size_t>(*source)].carrier != NONE) {
            table.report("ambient_heat_source",
                         "expected a source used on site (carrier = \"none\"), found " +
                             quoted(scenario_.sources[static_cast<std::size_t>(*source)].id));
          } else {
            effect.ambient_heat_source = *source;
          }
        }
      }
      if (contains(table.keys(), std::string("local_source"))) {
        if (auto source =
                read_reference(table, "local_source", source_ids(), "local production source")) {
          if (scenario_.sources[static_cast<std::size_t>(*source)].carrier != effect.to) {
            table.report("local_source",
                         "expected a source delivering the carrier switched to, found " +
                             quoted(scenario_.sources[static_cast<std::size_t>(*source)].id));
          } else {
            effect.local_source = *source;
          }
        }
      }
      if (effect.from != NONE && effect.to != NONE) {
        for (const int sector : effect.sectors) {
          note_cell_use(sector, effect.to, node.where, path);
        }
      }
    } else if (*type == "produce") {
      effect.type = EffectType::Produce;
      known.push_back("source");
      effect.source =
          read_reference(table, "source", source_ids(), "local production source").value_or(NONE);
      const bool by_capacity = contains(table.keys(), std::string("capacity"));
      exclusive("capacity", "energy");
      if (by_capacity) {
        effect.by_capacity = true;
        if (auto value = quantity("capacity", Dimension::Power, NON_NEGATIVE, true))
          effect.capacity = *value;
        if (auto value = quantity("yield", Dimension::SpecificYield, NON_NEGATIVE, true))
          effect.yield = *value;
      } else if (contains(table.keys(), std::string("energy"))) {
        if (auto value = quantity("energy", Dimension::Energy, NON_NEGATIVE, true))
          effect.energy = *value;
      } else {
        diagnostics_.add(node.where, path, "expected capacity and yield, or energy, found neither");
      }
      known.insert(known.end(), {"capacity", "yield", "energy"});
    } else if (*type == "factor" || *type == "abate") {
      const bool is_factor = *type == "factor";
      effect.type = is_factor ? EffectType::Factor : EffectType::Abate;
      known.insert(known.end(), {"species", "sectors"});
      const auto species_list = species_names();
      effect.species =
          read_reference(table, "species", species_list, "species (ghg or a pollutant)")
              .value_or(NONE);
      effect.sectors = read_references(table, "sectors", scenario_.sectors, "sector", true);
      if (is_factor) {
        known.push_back("carriers");
        effect.carriers =
            contains(table.keys(), std::string("carriers"))
                ? read_references(table, "carriers", scenario_.carriers, "carrier", true)
                : stated_factor_carriers();
        exclusive("new_factor", "fraction");
        for (const int carrier : effect.carriers) {
          if (scenario_.conversion_of(carrier) != nullptr) {
            table.report("carriers",
                         "expected carriers whose factor is stated, found " +
                             quoted(scenario_.carriers[static_cast<std::size_t>(carrier)]) +
                             " whose factor derives from its conversion's fuels (change theirs)");
          }
        }
        if (contains(table.keys(), std::string("new_factor"))) {
          const Dimension dimension =
              effect.species == 0 ? Dimension::GhgIntensity : Dimension::MassIntensity;
          if (auto value = quantity("new_factor", dimension, NON_NEGATIVE, true)) {
            effect.new_factor = *value;
            effect.has_new_factor = true;
          }
        } else if (auto value = quantity("fraction", Dimension::Fraction, FRACTION_RANGE, true)) {
          effect.fraction = *value;
        }
        known.insert(known.end(), {"new_factor", "fraction"});
      } else if (auto value = quantity("fraction", Dimension::Fraction, FRACTION_RANGE, true)) {
        effect.fraction = *value;
      }
    } else if (*type == "indicator") {
      effect.type = EffectType::Indicator;
      known.push_back("indicator");
      std::vector<std::string> ids;
      for (const auto& indicator : scenario_.indicators) ids.push_back(indicator.id);
      effect.indicator =
          read_reference(table, "indicator", ids, "custom indicator of [territory.indicators]")
              .value_or(NONE);
      exclusive("change", "fraction");
      if (contains(table.keys(), std::string("change"))) {
        if (effect.indicator != NONE) {
          const Dimension dimension =
              scenario_.indicators[static_cast<std::size_t>(effect.indicator)].dimension;
          if (auto value = quantity("change", dimension, ANY_VALUE, true)) {
            effect.change = *value;
            effect.has_change = true;
          }
        } else {
          table.skip("change");
        }
      } else if (auto value = quantity("fraction", Dimension::Fraction, FRACTION_RANGE, true)) {
        effect.fraction = *value;
      }
      known.insert(known.end(), {"change", "fraction"});
    } else {
      table.report(
          "type",
          "expected one of reduce, switch, produce, abate, factor, indicator, found " +
              quoted(*type) +
              did_you_mean(*type, std::vector<std::string>{"reduce", "switch", "produce", "abate",
                                                           "factor", "indicator"}));
      for (const auto& key : table.keys()) table.skip(key);
      return std::nullopt;
    }
    table.finish(known);
    if (diagnostics_.total() != errors_before) return std::nullopt;
    return effect;
  }

  // ------------------------------------------------------------ portfolios
  void read_portfolios(const ConfigNode* node) {
    if (node == nullptr) return;
    if (!node->is_array()) {
      report_type(diagnostics_, *node, "portfolios", "an array of tables [[portfolios]]");
      return;
    }
    std::vector<std::string> action_ids;
    for (const auto& action : scenario_.actions) action_ids.push_back(action.id);
    std::set<std::string> ids;
    for (std::size_t i = 0; i < node->children.size(); ++i) {
      const ConfigNode& element = node->children[i];
      std::string path = "portfolios[" + std::to_string(i) + "]";
      const ConfigNode* id_node = element.is_table() ? element.find("id") : nullptr;
      if (id_node != nullptr && id_node->is_string() && is_identifier(id_node->text)) {
        path = "portfolios." + id_node->text;
      }
      TableReader table(&element, path, diagnostics_);
      if (!table.valid()) continue;
      Portfolio portfolio;
      portfolio.id = table.identifier("id", true).value_or("");
      if (!portfolio.id.empty() && !ids.insert(portfolio.id).second) {
        table.report("id",
                     "expected a unique portfolio id, found " + quoted(portfolio.id) + " twice");
      }
      portfolio.name = table.string("name", true).value_or(portfolio.id);
      portfolio.actions = read_references(table, "actions", action_ids, "action", true);
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
        const auto& adoption = scenario_.actions[static_cast<std::size_t>(action)].adoption;
        if (const ConfigNode* value = entry.get("ceiling", false, "a fraction")) {
          change.ceiling = quantities_.read(*value, entry.path_of("ceiling"), Dimension::Fraction,
                                            FRACTION_RANGE);
        }
        for (const auto& [key, target] :
             {std::pair{"start", &change.start}, std::pair{"full_year", &change.full_year},
              std::pair{"midpoint", &change.midpoint}}) {
          if (const ConfigNode* value = entry.get(key, false, "a year")) {
            *target = read_year(*value, entry.path_of(key));
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
          change.steepness = quantities_.read(*value, entry.path_of("steepness"),
                                              Dimension::Steepness, {0.01, 10.0, "in [0.01, 10]"});
        }
        entry.finish({"ceiling", "start", "full_year", "midpoint", "steepness"});
        portfolio.overrides.push_back(change);
      }
      scenario_.portfolios.push_back(std::move(portfolio));
    }
  }

  // ------------------------------------------------------------ objectives
  void read_objectives(const ConfigNode* node) {
    if (node == nullptr) return;
    if (!node->is_array()) {
      report_type(diagnostics_, *node, "objectives", "an array of tables [[objectives]]");
      return;
    }
    const IndicatorCatalogue catalogue(scenario_);
    std::set<std::string> ids;
    for (std::size_t i = 0; i < node->children.size(); ++i) {
      const ConfigNode& element = node->children[i];
      std::string path = "objectives[" + std::to_string(i) + "]";
      const ConfigNode* id_node = element.is_table() ? element.find("id") : nullptr;
      if (id_node != nullptr && id_node->is_string() && is_identifier(id_node->text)) {
        path = "objectives." + id_node->text;
      }
      TableReader table(&element, path, diagnostics_);
      if (!table.valid()) continue;
      const std::size_t errors_before = diagnostics_.total();
      Objective objective;
      objective.id = table.identifier("id", true).value_or("");
      if (!objective.id.empty() && !ids.insert(objective.id).second) {
        table.report("id",
                     "expected a unique objective id, found " + quoted(objective.id) + " twice");
      }
      objective.description = table.text("description", false).value_or("");
      objective.indicator = table.string("indicator", true).value_or("");
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
      year_wording_ = "in [" + std::to_string(scenario_.base_year) + ", " +
                      std::to_string(scenario_.horizon) + "] (base year to horizon)";
      objective.year = static_cast<int>(table
                                            .integer("year", true, scenario_.base_year,
                                                     scenario_.horizon, "a year " + year_wording_)
                                            .value_or(0));
      const auto comparison = table.string("comparison", true);
      if (comparison == "<=") {
        objective.comparison = Comparison::AtMost;
      } else if (comparison == ">=") {
        objective.comparison = Comparison::AtLeast;
      } else if (comparison) {
        table.report("comparison", "expected \"<=\" or \">=\", found " + quoted(*comparison));
      }
      objective.relative_to =
          table.integer("relative_to", false, 1900, scenario_.horizon, "a year up to the horizon");
      const ConfigNode* reference = table.get("reference_value", false, "a quantity with its unit");
      const ConfigNode* threshold = table.get("threshold", true, "a number");
      table.finish({"id", "description", "indicator", "year", "comparison", "threshold",
                    "relative_to", "reference_value"});
      if (row < 0) continue;
      const Dimension dimension = catalogue[static_cast<std::size_t>(row)].dimension;
      if (objective.relative_to) {
        if (*objective.relative_to < scenario_.base_year) {
          if (reference == nullptr) {
            table.report("relative_to", "expected reference_value (the indicator's value in " +
                                            std::to_string(*objective.relative_to) +
                                            ", before the base year), found none");
          } else if (auto value = quantities_.read(*reference, table.path_of("reference_value"),
                                                   dimension, POSITIVE)) {
            if (!value->is_constant()) {
              diagnostics_.add(reference->where, table.path_of("reference_value"),
                               "expected a fixed value, found a distribution");
            } else {
              objective.reference_value = value->constant;
            }
          }
        } else if (reference != nullptr) {
          diagnostics_.add(
              reference->where, table.path_of("reference_value"),
              "expected no reference_value when relative_to is a model year (the value "
              "is computed), found one");
        }
      } else if (reference != nullptr) {
        diagnostics_.add(reference->where, table.path_of("reference_value"),
                         "expected relative_to beside reference_value, found none");
      }
      if (threshold != nullptr) {
        const bool relative = objective.relative_to.has_value();
        const Dimension threshold_dimension = relative ? Dimension::Ratio : dimension;
        if (auto value =
                quantities_.read(*threshold, table.path_of("threshold"), threshold_dimension,
                                 relative ? NON_NEGATIVE : ANY_VALUE)) {
          if (!value->is_constant()) {
            diagnostics_.add(threshold->where, table.path_of("threshold"),
                             "expected a fixed threshold, found a distribution");
          } else {
            objective.threshold = value->constant;
          }
        }
      }
      if (diagnostics_.total() == errors_before)
        scenario_.objectives.push_back(std::move(objective));
    }
  }

  // ------------------------------------------------------- cross checks
  void check_emission_factors_present() {
    // Cells reached by the energy branch: own consumption.
    const int branch = energy_branch_sector();
    for (std::size_t c = 0; c < scenario_.carriers.size(); ++c) {
      const auto& own = scenario_.own_consumption[c];
      if (branch != NONE && !(own.is_constant() && own.constant == 0.0)) {
        const auto cell = static_cast<std::size_t>(scenario_.cell(branch, static_cast<int>(c)));
        if (scenario_.in_inventory[cell]) {
          diagnostics_.add(cell_used_at_[cell], cell_used_by_[cell],
                           "expected no inventory for the energy branch's own consumption of " +
                               quoted(scenario_.carriers[c]) +
                               " (it is computed from energy_branch.own_consumption), found one");
        }
        note_cell_use(branch, static_cast<int>(c), {},
                      "energy_branch.own_consumption." + scenario_.carriers[c]);
      }
    }
    if (branch == NONE) {
      for (std::size_t c = 0; c < scenario_.carriers.size(); ++c) {
        const auto& own = scenario_.own_consumption[c];
        if (!(own.is_constant() && own.constant == 0.0)) {
          diagnostics_.add(
              {}, "energy_branch.own_consumption." + scenario_.carriers[c],
              "expected the sector \"energy_branch\" in the territory (own consumption is "
              "its final energy), found none");
        }
      }
    }
    for (const auto& conversion : scenario_.conversions) {
      for (const int input : conversion.input_carriers) {
        if (scenario_.conversion_of(input) != nullptr) {
          diagnostics_.add(
              {},
              "energy_branch.conversions." +
                  scenario_.carriers[static_cast<std::size_t>(conversion.carrier)] + ".inputs." +
                  scenario_.carriers[static_cast<std::size_t>(input)],
              "expected fuels that are not themselves converted in the territory, found " +
                  quoted(scenario_.carriers[static_cast<std::size_t>(input)]));
        }
      }
    }
    std::vector<bool> derived(scenario_.carriers.size(), false);
    for (const auto& conversion : scenario_.conversions) {
      derived[static_cast<std::size_t>(conversion.carrier)] = true;
      if (conversion.renewable_source != NONE) {
        for (const auto& [source, where] : production_stated_at_) {
          if (source == conversion.renewable_source) {
            diagnostics_.add(where,
                             "inventory.local_production." +
                                 scenario_.sources[static_cast<std::size_t>(source)].id,
                             "expected no inventory for a source computed from its conversion "
                             "(renewable_share), found one");
          }
        }
      }
    }
    for (const auto& stated : factor_where_) {
      if (derived[static_cast<std::size_t>(stated.carrier)]) {
        diagnostics_.add(stated.where, stated.path,
                         "expected no emission factor for " +
                             quoted(scenario_.carriers[static_cast<std::size_t>(stated.carrier)]) +
                             " (derived from its conversion inputs), found one");
      }
    }
    const int sectors = static_cast<int>(scenario_.sectors.size());
    const int carriers = static_cast<int>(scenario_.carriers.size());
    for (int s = 0; s < sectors; ++s) {
      for (int c = 0; c < carriers; ++c) {
        const auto cell = static_cast<std::size_t>(scenario_.cell(s, c));
        if (cell_used_by_[cell].empty() || derived[static_cast<std::size_t>(c)]) continue;
        for (int species = 0; species < scenario_.species_count(); ++species) {
          if (scenario_.factor(species, s, c).present) continue;
          diagnostics_.add(cell_used_at_[cell],
                           "emission_factors." + scenario_.species_name(species) + "." +
                               scenario_.sectors[static_cast<std::size_t>(s)] + "." +
                               scenario_.carriers[static_cast<std::size_t>(c)],
                           "expected an emission factor for this cell (used by " +
                               cell_used_by_[cell] +
                               "), found none in this sector's row or all_sectors");
        }
      }
    }
  }

  void check_substitution_cycles() {
    for (const auto& cycle : find_substitution_cycles(scenario_)) {
      diagnostics_.add(
          cycle.where, cycle.path,
          "expected carrier switches without cycles, found the cycle " + cycle.describe());
    }
  }

  struct SectorUse {
    int sector;
    SourceLocation where;
    std::string path;
  };
  struct FactorUse {
    int carrier;
    SourceLocation where;
    std::string path;
  };

  Scenario& scenario_;
  Diagnostics& diagnostics_;
  QuantityReader quantities_;
  bool territory_ok_ = false;
  std::string year_wording_;
  std::vector<SourceLocation> cell_used_at_;
  std::vector<std::string> cell_used_by_;
  std::vector<bool> trend_stated_;
  std::vector<SectorUse> non_energy_sectors_;
  std::vector<FactorUse> factor_where_;
  std::vector<std::pair<int, SourceLocation>> production_stated_at_;
};

}  // namespace

Scenario load_scenario(const std::string& path, const SourceProvider& sources) {
  Diagnostics diagnostics;
  Document document = load_document(path, sources, diagnostics);
  diagnostics.throw_if_any();
  Scenario scenario;
  scenario.main_file = document.files.empty() ? path : document.files.front();
  scenario.files = document.files;
  scenario.file_texts = document.texts;
  ScenarioReader(scenario, diagnostics).read(document.root);
  diagnostics.throw_if_any();
  return scenario;
}

}  // namespace traj::territory
