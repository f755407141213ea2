#pragma once
/// France's structure, as the diagnostic (`traj diagnose`) sets a territory
/// against it: final energy by sector and by carrier, GHG and pollutants by
/// sector, the renewable share, the population and the figures per
/// inhabitant derived from them. Every figure is written once, in
/// models/src/analysis/national_reference.cpp, in the unit its source states
/// with that source (shared/data/REFERENCE.md, France section), and
/// converted there once to canonical units (GWh, ktCO2e, fractions).

#include <string>
#include <vector>

namespace traj::territory {

/// What a national share divides.
enum class ShareBasis {
  EnergyBySector,     ///< final energy, by sector
  EnergyByCarrier,    ///< final energy, by carrier
  GhgBySector,        ///< GHG emissions, by sector
  PollutantBySector,  ///< one pollutant's emissions, by sector
};

/// The part of one group of sectors or carriers in France's total.
struct NationalShare {
  ShareBasis basis = ShareBasis::EnergyBySector;
  std::string pollutant;  ///< for PollutantBySector: its id (nox, pm2_5, …)
  /// The group's id (transport, oil_products, buildings, …): a sector or
  /// carrier id when the group is one, else a name of its own.
  std::string group;
  /// The territory's sectors or carriers (default ids) the group covers.
  std::vector<std::string> members;
  double share = 0.0;  ///< fraction of the national total
  int year = 0;
  std::string source;    ///< the publication (a proper name: the same in every language)
  bool derived = false;  ///< [D] computed here from the source's figures; else [S] stated
  /// The national figure's own group when it is narrower or wider than
  /// `members` (an id: "wood_heating", "agriculture_forestry"); empty otherwise.
  std::string national_group;
  /// False when France counts the group another way than a territory's
  /// inventory does: shown beside it, never called out as a finding.
  bool like_for_like = true;
};

/// One national total or rate.
struct NationalFigure {
  double value = 0.0;  ///< canonical unit: GWh, ktCO2e, inhabitants or a fraction
  int year = 0;
  std::string source;  ///< the publication; the figure is stated there [S]
};

struct NationalReference {
  NationalFigure population;       ///< inhabitants
  NationalFigure final_energy;     ///< GWh
  NationalFigure ghg;              ///< ktCO2e
  NationalFigure renewable_share;  ///< fraction of gross final consumption
  std::vector<NationalShare> shares;

  /// GWh per inhabitant and ktCO2e per inhabitant [D].
  double final_energy_per_inhabitant() const { return final_energy.value / population.value; }
  double ghg_per_inhabitant() const { return ghg.value / population.value; }
};

/// France's figures (built once; thread safe).
const NationalReference& france_reference();

}  // namespace traj::territory
