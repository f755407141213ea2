/// The [inventory] section: final energy, local production, non-energy emissions.

#include <algorithm>

#include "reader_context.hpp"
#include "sections.hpp"

namespace traj::territory::loader {
namespace {

class InventoryReader {
 public:
  explicit InventoryReader(ReaderContext& context) : context_(context) {}

  void read_inventory(TableReader inventory) {
    if (!inventory.valid()) return;
    read_final_energy(inventory.table("final_energy", true));
    read_local_production(inventory.table("local_production", false));
    read_non_energy(inventory.table("non_energy_emissions", false));
    inventory.finish({"final_energy", "local_production", "non_energy_emissions"});
  }

 private:
  void read_final_energy(TableReader table) {
    if (!table.valid()) return;
    const auto unit = context_.quantities.read_unit(table, false);
    for (const auto& sector_id : table.keys()) {
      if (sector_id == "unit") continue;
      TableReader row = table.table(sector_id, true);
      const int sector = context_.reference(table, sector_id, context_.scenario.sectors, "sector");
      if (!row.valid() || sector == NONE) {
        for (const auto& key : row.keys()) row.skip(key);
        continue;
      }
      const auto row_unit =
          row.keys().end() != std::find(row.keys().begin(), row.keys().end(), "unit")
              ? context_.quantities.read_unit(row, false)
              : unit;
      for (const auto& carrier_id : row.keys()) {
        if (carrier_id == "unit") continue;
        const ConfigNode* node = row.get(carrier_id, true, "an energy");
        const int carrier =
            context_.reference(row, carrier_id, context_.scenario.carriers, "carrier");
        if (carrier == NONE) continue;
        const auto value = context_.quantities.read(*node, row.path_of(carrier_id),
                                                    Dimension::Energy, NON_NEGATIVE, row_unit);
        if (!value) continue;
        const int cell = context_.scenario.cell(sector, carrier);
        context_.scenario.final_energy[static_cast<std::size_t>(cell)] = *value;
        context_.scenario.in_inventory[static_cast<std::size_t>(cell)] = true;
        context_.note_cell_use(sector, carrier, node->where, row.path_of(carrier_id));
      }
    }
  }

  void read_local_production(TableReader table) {
    if (!table.valid()) return;
    const auto unit = context_.quantities.read_unit(table, false);
    std::vector<std::string> ids;
    for (const auto& source : context_.scenario.sources) ids.push_back(source.id);
    for (const auto& source_id : table.keys()) {
      if (source_id == "unit") continue;
      const ConfigNode* node = table.get(source_id, true, "an energy");
      const int source = context_.reference(table, source_id, ids, "local production source");
      if (source == NONE) continue;
      if (const auto value = context_.quantities.read(*node, table.path_of(source_id),
                                                      Dimension::Energy, NON_NEGATIVE, unit)) {
        context_.scenario.local_production[static_cast<std::size_t>(source)] = *value;
        context_.production_stated_at.emplace_back(source, node->where);
      }
    }
  }

  void read_non_energy(TableReader table) {
    if (!table.valid()) return;
    const auto species_list = context_.species_names();
    for (const auto& species_id : table.keys()) {
      TableReader row = table.table(species_id, true);
      const int species =
          context_.reference(table, species_id, species_list, "species (ghg or a pollutant)");
      if (!row.valid() || species == NONE) {
        for (const auto& key : row.keys()) row.skip(key);
        continue;
      }
      const Dimension dimension = species == 0 ? Dimension::GhgMass : Dimension::Mass;
      const auto unit = context_.quantities.read_unit(row, false);
      for (const auto& sector_id : row.keys()) {
        if (sector_id == "unit") continue;
        const ConfigNode* node = row.get(sector_id, true, "an emission");
        const int sector = context_.reference(row, sector_id, context_.scenario.sectors, "sector");
        if (sector == NONE) continue;
        if (const auto value = context_.quantities.read(*node, row.path_of(sector_id), dimension,
                                                        NON_NEGATIVE, unit)) {
          context_.scenario.non_energy_emissions[static_cast<std::size_t>(
              species * static_cast<int>(context_.scenario.sectors.size()) + sector)] = *value;
          context_.non_energy_sectors.push_back({sector, node->where, row.path_of(sector_id)});
        }
      }
    }
  }

  ReaderContext& context_;
};

}  // namespace

void read_inventory(ReaderContext& context, TableReader inventory) {
  InventoryReader(context).read_inventory(std::move(inventory));
}

}  // namespace traj::territory::loader
