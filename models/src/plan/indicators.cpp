#include "traj/territory/indicators.hpp"

namespace traj::territory {

int IndicatorCatalogue::add(std::string id, std::string description, Dimension dimension) {
  entries_.push_back({std::move(id), std::move(description), dimension});
  return static_cast<int>(entries_.size()) - 1;
}

IndicatorCatalogue::IndicatorCatalogue(const Scenario& scenario) {
  final_energy = add("final_energy", "Final energy consumption", Dimension::Energy);
  final_energy_by_sector = static_cast<int>(entries_.size());
  for (const auto& sector : scenario.sectors) {
    add("final_energy." + sector, "Final energy, " + sector, Dimension::Energy);
  }
  final_energy_by_carrier = static_cast<int>(entries_.size());
  for (const auto& carrier : scenario.carriers) {
    add("final_energy." + carrier, "Final energy, " + carrier, Dimension::Energy);
  }
  local_production = add("local_production", "Local renewable production", Dimension::Energy);
  local_production_by_source = static_cast<int>(entries_.size());
  for (const auto& source : scenario.sources) {
    add("local_production." + source.id, "Local production, " + source.id, Dimension::Energy);
  }
  renewable_share =
      add("renewable_share", "Local renewable production / final energy", Dimension::Fraction);
  energy_imports = add("energy_imports", "Net energy imports", Dimension::Energy);
  ghg = add("ghg", "GHG emissions (energy and non-energy)", Dimension::GhgMass);
  ghg_by_sector = static_cast<int>(entries_.size());
  for (const auto& sector : scenario.sectors) {
    add("ghg." + sector, "GHG emissions, " + sector, Dimension::GhgMass);
  }
  ghg_cumulative = add("ghg_cumulative", "GHG emitted since the base year", Dimension::GhgMass);
  pollutants = static_cast<int>(entries_.size());
  for (const auto& pollutant : scenario.pollutants) {
    add(pollutant, pollutant + " emissions", Dimension::Mass);
    for (const auto& sector : scenario.sectors) {
      add(pollutant + "." + sector, pollutant + " emissions, " + sector, Dimension::Mass);
    }
  }
  custom = static_cast<int>(entries_.size());
  for (const auto& indicator : scenario.indicators) {
    add(indicator.id, indicator.name, indicator.dimension);
    add(indicator.id + "_cumulative", indicator.name + ", cumulative since the base year",
        indicator.dimension);
  }
  cost_investment = add("cost_investment", "Investment in the year", Dimension::Money);
  cost_operating = add("cost_operating", "Operating cost in the year", Dimension::Money);
  cost_cumulative = add("cost_cumulative", "Costs since the base year", Dimension::Money);
  cost_discounted = add("cost_discounted", "Costs since the base year, discounted to the base year",
                        Dimension::Money);
  base_size_ = entries_.size();
  territory_count_ = scenario.territories.size();
  for (const Territory& territory : scenario.territories) {
    for (std::size_t row = 0; row < base_size_; ++row) {
      IndicatorInfo entry = entries_[row];
      entry.id.append("@").append(territory.id);
      entry.description.append(", ").append(territory.name);
      entries_.push_back(std::move(entry));
    }
  }
}

std::vector<std::size_t> IndicatorCatalogue::territory_headline_rows(std::size_t territory) const {
  std::vector<std::size_t> rows;
  for (const int row : {final_energy, local_production, renewable_share, ghg})
    rows.push_back(territory_row(territory, static_cast<std::size_t>(row)));
  return rows;
}

int IndicatorCatalogue::find(std::string_view id) const {
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    if (entries_[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

std::vector<std::string> IndicatorCatalogue::ids() const {
  std::vector<std::string> result;
  for (const auto& entry : entries_) result.push_back(entry.id);
  return result;
}

}  // namespace traj::territory
