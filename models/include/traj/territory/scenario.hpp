#pragma once
/// The validated territorial scenario: every name resolved to an index, every
/// number in canonical units (GWh, ktCO2e, t, M€, …), every uncertain number a
/// parameter. Built by `load_scenario`; immutable afterwards.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "traj/parameter.hpp"
#include "traj/territory/effect.hpp"
#include "traj/units.hpp"

namespace traj::territory {

/// A local production source and the carrier it delivers (NONE: used on site,
/// e.g. ambient heat captured by heat pumps).
struct Source {
  std::string id;
  int carrier = NONE;
};

/// Another indicator a territory tracks (water, land take): base × trend.
struct CustomIndicator {
  std::string id;
  std::string name;
  Dimension dimension = Dimension::Volume;
  Quantity base;
  Quantity growth;  ///< per year
};

/// An emission factor of one species for one cell: a constant (possibly
/// uncertain) or a year → value trajectory (linear interpolation, held
/// constant outside its years).
struct EmissionFactor {
  bool present = false;
  Quantity constant;
  std::vector<double> years;
  std::vector<double> values;

  bool is_trajectory() const { return !years.empty(); }
};

/// A carrier produced inside the territory from other carriers (district heat).
struct Conversion {
  int carrier = NONE;
  Quantity efficiency;  ///< GWh out per GWh of fuel in
  std::vector<int> input_carriers;
  std::vector<Quantity> input_shares;  ///< shares of the fuel input, sum to 1
  Quantity renewable_share;            ///< share of the output that is renewable or recovered
  int renewable_source = NONE;         ///< source the renewable output counts as
};

enum class CurveKind { Step, Linear, Logistic };

struct Adoption {
  CurveKind curve = CurveKind::Step;
  Quantity start;      ///< year
  Quantity full_year;  ///< linear: year the ceiling is reached
  Quantity midpoint;   ///< logistic: year of half the ceiling
  Quantity steepness;  ///< logistic: 1/yr
  Quantity ceiling;    ///< fraction of the full effect reached, in [0, 1]
  /// Years the whole curve is moved by (start, full year, midpoint): a
  /// portfolio's `shift` and `--shift`; α_shifted(t) = α(t − shift).
  double shift = 0.0;
};

/// Costs stated for the action at its planned (central) ceiling.
struct Costs {
  Quantity investment = Quantity::fixed(0.0);  ///< M€, spread as adoption grows
  Quantity operating = Quantity::fixed(0.0);   ///< M€/yr at the planned ceiling
};

/// Text a person reads has an optional French version (`name_fr`…,
/// docs/scenario-format.md#french-texts); empty: the one text serves both.
struct Action {
  std::string id;
  std::string name, name_fr;
  std::string coalition, coalition_fr;
  std::string theme;
  Adoption adoption;
  Costs costs;
  std::vector<Effect> effects;
  /// In a scenario of several territories: those it acts in (indices of
  /// Scenario::territories, empty: every one), and per territory the share
  /// of its sizes stated in absolute terms (production, changes of custom
  /// indicators, costs) it takes there, 0 outside `where`.
  std::vector<int> where;
  std::vector<double> territory_share;
};

/// A portfolio's change to one action's adoption curve.
struct AdoptionOverride {
  int action = NONE;
  std::optional<Quantity> ceiling;
  std::optional<Quantity> start;
  std::optional<Quantity> full_year;
  std::optional<Quantity> midpoint;
  std::optional<Quantity> steepness;
  std::optional<double> shift;  ///< years, applied after the other keys
};

struct Portfolio {
  std::string id;
  std::string name, name_fr;
  std::vector<int> actions;
  std::vector<AdoptionOverride> overrides;
};

enum class Comparison { AtMost, AtLeast };

struct Objective {
  std::string id;
  std::string description, description_fr;
  std::string indicator;
  int year = 0;
  Comparison comparison = Comparison::AtMost;
  double threshold = 0.0;  ///< canonical unit, or a ratio when relative
  std::optional<int> relative_to;
  std::optional<double> reference_value;  ///< canonical unit, for years before the base year
  /// The territory it is judged on (its indicator is `<indicator>@<territory>`); NONE: the whole.
  int territory = NONE;
};

struct Scenario;

/// One of the territories of a scenario that holds several (communes inside
/// an intercommunality, docs/scenario-format.md#territories). Its `scenario`
/// is the territory as a scenario of its own: the whole's sets, emission
/// factors, energy branch and parameters; its own inventory (stated, or its
/// shares of the whole's) and trends; the actions whose `where` names it,
/// their sizes and costs split to it. It holds no territories, portfolios
/// or objectives: the whole judges every objective.
struct Territory {
  std::string id;
  std::string name, name_fr;
  double population = 0.0;  ///< inhabitants
  double dwellings = 0.0;   ///< 0 when not stated
  double jobs = 0.0;        ///< 0 when not stated
  std::string source;       ///< where its figures and shares come from
  bool estimate = false;    ///< its figures or shares are estimates
  std::shared_ptr<const Scenario> scenario;
};

struct Scenario {
  std::string name;
  std::string main_file;
  std::vector<std::string> files;
  std::vector<std::string> file_texts;  ///< the text of each of `files`, as it was read
  int base_year = 0;
  int horizon = 0;

  std::vector<std::string> sectors;
  std::vector<std::string> carriers;
  std::vector<std::string> pollutants;
  std::vector<Source> sources;
  std::vector<CustomIndicator> indicators;

  /// [sector × carriers + carrier], GWh; zero where the inventory is silent.
  std::vector<Quantity> final_energy;
  std::vector<bool> in_inventory;
  std::vector<Quantity> local_production;  ///< per source, GWh
  /// [species × sectors + sector]: ktCO2e for GHG (species 0), t for pollutants.
  std::vector<Quantity> non_energy_emissions;
  std::vector<Quantity> activity_growth;        ///< per sector, per year
  std::vector<Quantity> autonomous_efficiency;  ///< per sector, per year
  /// [(species × sectors + sector) × carriers + carrier]; ktCO2e/GWh or t/GWh.
  std::vector<EmissionFactor> emission_factors;
  /// Discount rate of costs (per year); zero unless the scenario states one.
  Quantity discount_rate = Quantity::fixed(0.0);
  bool has_discount_rate = false;
  std::vector<Quantity> network_losses;   ///< per carrier, fraction of gross supply
  std::vector<Quantity> own_consumption;  ///< per carrier, fraction of gross supply
  std::vector<Conversion> conversions;

  ParameterSet parameters;
  std::vector<Action> actions;
  std::vector<Portfolio> portfolios;
  std::vector<Objective> objectives;
  /// Inhabitants: `[territory] population`, or the sum of the territories'; 0 when not stated.
  double population = 0.0;
  /// Empty for a scenario of one territory. Otherwise the whole's indicators
  /// are, member by member, the sums of these territories' (the renewable
  /// share recomputed from the sums), and every territory's indicators are
  /// rows of their own (IndicatorCatalogue::territory_row).
  std::vector<Territory> territories;

  int species_count() const { return 1 + static_cast<int>(pollutants.size()); }
  std::string species_name(int species) const {
    return species == 0 ? "ghg" : pollutants[static_cast<std::size_t>(species - 1)];
  }
  int cell(int sector, int carrier) const {
    return sector * static_cast<int>(carriers.size()) + carrier;
  }
  std::size_t cell_count() const { return sectors.size() * carriers.size(); }
  const EmissionFactor& factor(int species, int sector, int carrier) const {
    return emission_factors[static_cast<std::size_t>(
        (species * static_cast<int>(sectors.size()) + sector) * static_cast<int>(carriers.size()) +
        carrier)];
  }
  int find_sector(std::string_view id) const;
  int find_carrier(std::string_view id) const;
  int find_source(std::string_view id) const;
  int find_species(std::string_view id) const;
  int find_indicator(std::string_view id) const;
  int find_action(std::string_view id) const;
  int find_portfolio(std::string_view id) const;
  int find_territory(std::string_view id) const;
  /// The conversion producing `carrier`, or nullptr.
  const Conversion* conversion_of(int carrier) const;
};

}  // namespace traj::territory
