#pragma once
/// The indicators the model computes for a scenario, by name.
///
/// Names: final_energy, final_energy.<sector>, final_energy.<carrier>,
/// local_production, local_production.<source>, renewable_share,
/// energy_imports, ghg, ghg.<sector>, ghg_cumulative, <pollutant>,
/// <pollutant>.<sector>, <indicator>, <indicator>_cumulative (custom
/// indicators), cost_investment, cost_operating, cost_cumulative,
/// cost_discounted. In a scenario of several territories, the rows above
/// are the whole's, and each territory's follow in the same order, named
/// `<indicator>@<territory>` (final_energy@saint-chamond).

#include <string>
#include <vector>

#include "traj/territory/scenario.hpp"
#include "traj/units.hpp"

namespace traj::territory {

struct IndicatorInfo {
  std::string id;
  std::string description;
  Dimension dimension;  ///< canonical unit given by `canonical_symbol`
};

/// Every indicator of the scenario, in a fixed order: the rows of a trajectory.
class IndicatorCatalogue {
 public:
  explicit IndicatorCatalogue(const Scenario& scenario);

  std::size_t size() const { return entries_.size(); }
  const IndicatorInfo& operator[](std::size_t row) const { return entries_[row]; }
  const std::vector<IndicatorInfo>& all() const { return entries_; }
  /// Row of `id`, -1 if unknown.
  int find(std::string_view id) const;
  std::vector<std::string> ids() const;

  /// Rows of the whole (every row when the scenario has no territories).
  std::size_t base_size() const { return base_size_; }
  std::size_t territory_count() const { return territory_count_; }
  /// Row of the whole's `row` for territory `territory`.
  std::size_t territory_row(std::size_t territory, std::size_t row) const {
    return base_size_ * (1 + territory) + row;
  }
  /// A territory's final energy, local production, renewable share and GHG:
  /// the rows with quantiles (its small multiples, its lines of `traj run --territories`).
  std::vector<std::size_t> territory_headline_rows(std::size_t territory) const;

  // First rows of each block, for the kernel.
  int final_energy = 0, final_energy_by_sector = 0, final_energy_by_carrier = 0;
  int local_production = 0, local_production_by_source = 0, renewable_share = 0;
  int energy_imports = 0;
  int ghg = 0, ghg_by_sector = 0, ghg_cumulative = 0;
  int pollutants = 0;  ///< per pollutant: total, then by sector
  int custom = 0;      ///< per custom indicator: value, then cumulative
  int cost_investment = 0, cost_operating = 0, cost_cumulative = 0, cost_discounted = 0;

 private:
  int add(std::string id, std::string description, Dimension dimension);
  std::vector<IndicatorInfo> entries_;
  std::size_t base_size_ = 0;
  std::size_t territory_count_ = 0;
};

}  // namespace traj::territory
