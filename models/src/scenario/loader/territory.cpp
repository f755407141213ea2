/// The [territory] section: name, years, sets, sources, custom indicators.

#include <algorithm>
#include <set>

#include "reader_context.hpp"
#include "sections.hpp"
#include "traj/string_distance.hpp"
#include "traj/territory/default_sets.hpp"

namespace traj::territory::loader {
namespace {

class TerritoryReader {
 public:
  explicit TerritoryReader(ReaderContext& context) : context_(context) {}

  void read_territory(TableReader territory) {
    if (!territory.valid()) return;
    context_.scenario.name = territory.string("name", true).value_or("");
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
    context_.scenario.base_year = static_cast<int>(*base);
    context_.scenario.horizon = static_cast<int>(*horizon);
    context_.scenario.sectors = *sectors;
    context_.scenario.carriers = *carriers;
    context_.scenario.pollutants = *pollutants;
    context_.territory_ok = true;
    if (const ConfigNode* rate = territory.get("discount_rate", false, "a rate per year")) {
      if (auto value =
              context_.quantities.read(*rate, territory.path_of("discount_rate"), Dimension::Rate,
                                       {0.0, 0.2, "in [0 %/yr, 20 %/yr]"})) {
        context_.scenario.discount_rate = *value;
        context_.scenario.has_discount_rate = true;
      }
    }
    // Inhabitants: for figures per inhabitant (traj diagnose); absent, none is given.
    if (const auto population = territory.number("population", false, POSITIVE))
      context_.scenario.population = *population;
    read_sources(territory);
    read_custom_indicators(territory.table("indicators", false));
    territory.finish({"name", "base_year", "horizon", "sectors", "carriers", "pollutants",
                      "sources", "indicators", "discount_rate", "population"});
    check_distinct_names(territory);
  }

 private:
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
        context_.diagnostics.add(
            where, path,
            "expected an identifier (letters, digits, '_' and '-'), found " + quoted(name));
        ok = false;
      } else if (!seen.insert(name).second) {
        context_.diagnostics.add(where, path,
                                 "expected unique names, found " + quoted(name) + " twice");
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

  void read_sources(TableReader& territory) {
    const ConfigNode* node = territory.get("sources", false, "a table of sources");
    if (node == nullptr) {
      for (const auto& source : default_sources()) {
        const int carrier = index_of(context_.scenario.carriers, source.carrier);
        if (source.carrier == "none" || carrier != NONE) {
          context_.scenario.sources.push_back({source.id, carrier});
        }
      }
      return;
    }
    TableReader sources(node, "territory.sources", context_.diagnostics);
    for (const auto& id : sources.keys()) {
      TableReader source = sources.table(id, true);
      if (!source.valid()) continue;
      if (!is_identifier(id)) {
        context_.diagnostics.add(
            source.where(), source.path(),
            "expected a source id made of letters, digits, '_' and '-', found " + quoted(id));
      }
      const auto carrier = source.string("carrier", true);
      source.finish({"carrier"});
      if (!carrier) continue;
      int index = NONE;
      if (*carrier != "none") {
        index = index_of(context_.scenario.carriers, *carrier);
        if (index == NONE) {
          source.report("carrier", "expected a carrier of the territory or \"none\", found " +
                                       quoted(*carrier) +
                                       did_you_mean(*carrier, context_.scenario.carriers));
          continue;
        }
      }
      context_.scenario.sources.push_back({id, index});
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
        context_.diagnostics.add(
            indicator.where(), indicator.path(),
            "expected an indicator id made of letters, digits, '_' and '-', found " + quoted(id));
        continue;
      }
      if (base == nullptr) continue;
      const auto dimension = custom_indicator_dimension(*base, indicator.path_of("base"));
      if (!dimension) continue;
      custom.dimension = *dimension;
      const auto base_value =
          context_.quantities.read(*base, indicator.path_of("base"), *dimension, NON_NEGATIVE);
      custom.growth = Quantity::fixed(0.0);
      if (growth != nullptr) {
        if (auto value = context_.quantities.read(*growth, indicator.path_of("growth"),
                                                  Dimension::Rate, TREND_RANGE)) {
          custom.growth = *value;
        }
      }
      if (!base_value) continue;
      custom.base = *base_value;
      context_.scenario.indicators.push_back(std::move(custom));
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
      const int index = context_.scenario.parameters.find(reference->text);
      if (index < 0 || !context_.scenario.parameters[static_cast<std::size_t>(index)].named) {
        // Not a declared parameter: the reader says so, with the names it knows.
        context_.quantities.read(base, path, Dimension::Ratio, NON_NEGATIVE);
        return std::nullopt;
      }
      const Parameter& parameter = context_.scenario.parameters[static_cast<std::size_t>(index)];
      if (parameter.unitless || parameter.dimension == Dimension::Rate ||
          parameter.dimension == Dimension::Fraction) {
        context_.diagnostics.add(
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
      context_.diagnostics.add(
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
    for (const auto& sector : context_.scenario.sectors) names.emplace_back(sector, "sector");
    for (const auto& carrier : context_.scenario.carriers) names.emplace_back(carrier, "carrier");
    for (const auto& pollutant : context_.scenario.pollutants)
      names.emplace_back(pollutant, "pollutant");
    for (const auto& indicator : context_.scenario.indicators)
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
          context_.diagnostics.add(
              territory.where(), "territory",
              "expected distinct ids for sectors, carriers, pollutants and indicators, "
              "found " +
                  quoted(names[i].first) + " as " + article(names[j].second) + " and as " +
                  article(names[i].second));
        }
      }
    }
    std::set<std::string> sources;
    for (const auto& source : context_.scenario.sources) {
      if (!sources.insert(source.id).second) {
        context_.diagnostics.add(
            territory.where(), "territory.sources",
            "expected unique source ids, found " + quoted(source.id) + " twice");
      }
    }
  }

  ReaderContext& context_;
};

}  // namespace

void read_territory(ReaderContext& context, TableReader territory) {
  TerritoryReader(context).read_territory(std::move(territory));
}

}  // namespace traj::territory::loader
