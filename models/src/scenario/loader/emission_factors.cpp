/// The [emission_factors] section: constants or trajectories per species, sector and carrier.

#include <algorithm>
#include <cmath>

#include "reader_context.hpp"
#include "sections.hpp"
#include "traj/territory/default_sets.hpp"

namespace traj::territory::loader {
namespace {

class EmissionFactorReader {
 public:
  explicit EmissionFactorReader(ReaderContext& context) : context_(context) {}

  void read_emission_factors(TableReader factors) {
    if (!factors.valid()) return;
    const auto species_list = context_.species_names();
    for (const auto& species_id : factors.keys()) {
      TableReader species_table = factors.table(species_id, true);
      int species = index_of(species_list, species_id);
      if (species == NONE) {
        // A shared factor set covers every default pollutant; a territory
        // that tracks fewer simply does not use the others.
        if (!contains(default_pollutants(), species_id)) {
          context_.reference(factors, species_id, species_list, "species (ghg or a pollutant)");
        }
        for (const auto& key : species_table.keys()) species_table.skip(key);
        continue;
      }
      if (!species_table.valid()) continue;
      const Dimension dimension = species == 0 ? Dimension::GhgIntensity : Dimension::MassIntensity;
      const auto unit = context_.quantities.read_unit(species_table, true);
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
          for (int s = 0; s < static_cast<int>(context_.scenario.sectors.size()); ++s)
            sectors.push_back(s);
        } else {
          const int sector = index_of(context_.scenario.sectors, row_id);
          if (sector == NONE) {
            if (!contains(default_sectors(), row_id)) {
              context_.reference(species_table, row_id, context_.scenario.sectors,
                                 "sector (or all_sectors)");
            }
            for (const auto& key : row.keys()) row.skip(key);
            continue;
          }
          sectors.push_back(sector);
        }
        if (!row.valid()) continue;
        for (const auto& carrier_id : row.keys()) {
          const ConfigNode* node = row.get(carrier_id, true, "an emission factor");
          const int carrier = index_of(context_.scenario.carriers, carrier_id);
          if (carrier == NONE) {
            if (!contains(default_carriers(), carrier_id)) {
              context_.reference(row, carrier_id, context_.scenario.carriers, "carrier");
            }
            continue;
          }
          auto factor = read_factor(*node, row.path_of(carrier_id), dimension, unit);
          if (!factor) continue;
          for (const int sector : sectors) {
            context_.scenario.emission_factors[static_cast<std::size_t>(
                (species * static_cast<int>(context_.scenario.sectors.size()) + sector) *
                    static_cast<int>(context_.scenario.carriers.size()) +
                carrier)] = *factor;
          }
          context_.factor_where.push_back({carrier, node->where, row.path_of(carrier_id)});
        }
      }
    }
  }

 private:
  std::optional<EmissionFactor> read_factor(const ConfigNode& node, const std::string& path,
                                            Dimension dimension, const std::optional<Unit>& unit) {
    EmissionFactor factor;
    factor.present = true;
    if (node.is_table() && node.find("years") != nullptr) {
      TableReader table(&node, path, context_.diagnostics);
      const ConfigNode* years = table.get("years", true, "an array of years");
      const ConfigNode* values = table.get("values", true, "an array of numbers");
      const auto own_unit =
          node.find("unit") != nullptr ? context_.quantities.read_unit(table, false) : unit;
      table.finish({"years", "values", "unit"});
      if (years == nullptr || values == nullptr) return std::nullopt;
      if (own_unit && own_unit->dimension == Dimension::Unknown) return std::nullopt;
      if (!own_unit || own_unit->dimension != dimension) {
        context_.diagnostics.add(node.where, path,
                                 "expected a unit of " + describe(dimension) +
                                     " for this trajectory, found " +
                                     (own_unit ? describe(own_unit->dimension) : "none"));
        return std::nullopt;
      }
      const auto numbers = [&](const ConfigNode& array, const std::string& where_path,
                               bool integers) -> std::optional<std::vector<double>> {
        if (!array.is_array() || array.children.empty()) {
          report_type(context_.diagnostics, array, where_path, "a non-empty array");
          return std::nullopt;
        }
        std::vector<double> result;
        for (std::size_t i = 0; i < array.children.size(); ++i) {
          const auto& element = array.children[i];
          const bool ok = integers ? element.kind == ConfigNode::Kind::Integer
                                   : element.is_number() && std::isfinite(element.number);
          if (!ok || (!integers && element.number < 0)) {
            report_type(context_.diagnostics, element, where_path + "[" + std::to_string(i) + "]",
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
        context_.diagnostics.add(values->where, path + ".values",
                                 "expected as many values as years (" +
                                     std::to_string(year_values->size()) + "), found " +
                                     std::to_string(factor_values->size()));
        return std::nullopt;
      }
      if (!std::is_sorted(year_values->begin(), year_values->end(), std::less_equal<>())) {
        context_.diagnostics.add(years->where, path + ".years",
                                 "expected strictly increasing years, found them out of order");
        return std::nullopt;
      }
      factor.years = *year_values;
      for (const double value : *factor_values)
        factor.values.push_back(value * own_unit->to_canonical);
      return factor;
    }
    const auto value = context_.quantities.read(node, path, dimension, NON_NEGATIVE, unit);
    if (!value) return std::nullopt;
    factor.constant = *value;
    return factor;
  }

  ReaderContext& context_;
};

}  // namespace

void read_emission_factors(ReaderContext& context, TableReader factors) {
  EmissionFactorReader(context).read_emission_factors(std::move(factors));
}

}  // namespace traj::territory::loader
