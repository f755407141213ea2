#pragma once
/// What every section reader of a scenario file shares: the scenario being
/// built, where errors go, the parameters and the quantity reader, what an
/// earlier section noted for the cross-checks, and the helpers that read a
/// reference, a year or a list of ids the same way in every section.

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "traj/config_reader.hpp"
#include "traj/territory/scenario.hpp"

namespace traj::territory::loader {

inline constexpr ValueRange TREND_RANGE{-0.5, 0.5, "in [-50 %/yr, 50 %/yr]"};
inline constexpr ValueRange LOSS_RANGE{0.0, 0.5, "in [0, 0.5]"};
/// How far a curve may be moved, and how far past the horizon its full year
/// or midpoint may lie: beyond, the horizon sees nothing of the move.
inline constexpr double MAX_SHIFT_YEARS = 50.0;
inline constexpr ValueRange SHIFT_RANGE{-MAX_SHIFT_YEARS, MAX_SHIFT_YEARS, "in [-50, 50] years"};

template <typename T>
bool contains(const std::vector<T>& values, const T& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

int index_of(const std::vector<std::string>& names, std::string_view name);
/// `text` between double quotes, as messages show what was found.
std::string quoted(std::string_view text);
/// "a sector", "an action".
std::string article(std::string_view noun);

/// The path of element `i` of an array of tables ([[actions]], …) in
/// messages: `<array>.<id>` when it has a valid id, else `<array>[i]`.
std::string element_path(const std::string& array, const ConfigNode& element, std::size_t i);

/// What [[territories]] states for one territory, before the territory is
/// built as a scenario of its own (territory_expansion.cpp).
struct TerritorySpec {
  const ConfigNode* node = nullptr;
  bool own_inventory = false;
  /// The share of the whole's inventory of each sector, of local production
  /// and of the custom indicators' base values (own inventory: only the last).
  std::vector<double> sector_share;
  double production_share = 0.0;
  double indicator_share = 0.0;
  /// Its own inventory when it states one; its trends (the whole's, where
  /// it states none). Read with the whole's sets into a copy of the whole.
  std::vector<Quantity> final_energy, local_production, non_energy_emissions;
  std::vector<bool> in_inventory;
  std::vector<Quantity> activity_growth, autonomous_efficiency;
};

struct ReaderContext {
  ReaderContext(Scenario& target, Diagnostics& sink);

  /// Sizes the scenario's tables and the notes below once the sets are known.
  void sized();

  /// The index of `key` in `names`; reports it (with a suggestion) and
  /// returns NONE when it is not there.
  int reference(TableReader& table, std::string_view key, const std::vector<std::string>& names,
                std::string_view what);
  /// Notes the first place that uses a (sector, carrier) cell, for the
  /// messages asking for its emission factor or trend.
  void note_cell_use(int sector, int carrier, const SourceLocation& where, const std::string& path);
  /// "ghg" then the territory's pollutants.
  std::vector<std::string> species_names() const;
  int energy_branch_sector() const;
  std::vector<std::string> source_ids() const;
  ValueRange year_range() const;
  std::optional<Quantity> read_year(const ConfigNode& node, const std::string& path);
  /// A curve's full year or midpoint: from the base year to 50 years past
  /// the horizon (a ramp ending in 2053 reaches what it reaches by 2050).
  std::optional<Quantity> read_curve_year(const ConfigNode& node, const std::string& path);
  std::vector<int> read_references(TableReader& table, std::string_view key,
                                   const std::vector<std::string>& names, std::string_view what,
                                   bool required);
  std::optional<int> read_reference(TableReader& table, std::string_view key,
                                    const std::vector<std::string>& names, std::string_view what);

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

  Scenario& scenario;
  Diagnostics& diagnostics;
  QuantityReader quantities;
  bool territory_ok = false;
  /// The wording of year_range(); a member because ValueRange only views it.
  std::string year_wording;
  std::vector<SourceLocation> cell_used_at;
  std::vector<std::string> cell_used_by;
  std::vector<bool> trend_stated;
  std::vector<SectorUse> non_energy_sectors;
  std::vector<FactorUse> factor_where;
  std::vector<std::pair<int, SourceLocation>> production_stated_at;
  /// Whether the file has an [inventory] (with [[territories]] that all
  /// state their own, it need not).
  bool inventory_stated = false;
  /// Parallel to scenario.territories.
  std::vector<TerritorySpec> territory_specs;
  /// Named parameters declared `per_territory = true`.
  std::vector<int> per_territory_parameters;
};

}  // namespace traj::territory::loader
