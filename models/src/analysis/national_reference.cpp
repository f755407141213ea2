// France's structure for the diagnostic: every figure as its source states
// it, with the source; shared/data/REFERENCE.md (France section) collects
// them. [S] stated by the source, [D] derived here by arithmetic.

#include "traj/territory/national_reference.hpp"

#include <stdexcept>

#include "traj/units.hpp"

namespace traj::territory {
namespace {

/// `value` in `unit` (as the source writes it), in canonical units: the one conversion.
double stated(double value, const char* unit) {
  const auto parsed = parse_unit(unit);
  if (!parsed) throw std::logic_error(std::string("national reference: unknown unit ") + unit);
  return value * parsed->to_canonical;
}

constexpr const char* SDES_ENERGY = "SDES, Bilan énergétique de la France pour 2021";
constexpr const char* SDES_CARRIERS = "SDES";
constexpr const char* CITEPA = "Citepa, Secten";

/// Final energy by sector: the source's TWh, their shares of its total [D].
void add_energy_by_sector(NationalReference& france) {
  struct Stated {
    const char* group;
    std::vector<std::string> members;
    double twh;
  };
  const std::vector<Stated> sectors = {
      {"transport", {"road_transport", "other_transport"}, 501.1},
      {"residential", {"residential"}, 498.5},
      {"industry", {"industry"}, 311.7},
      {"tertiary", {"tertiary"}, 263.4},
      {"agriculture", {"agriculture"}, 52.1},  // agriculture and fishing
  };
  for (const Stated& sector : sectors) {
    france.shares.push_back({ShareBasis::EnergyBySector, "", sector.group, sector.members,
                             stated(sector.twh, "TWh") / france.final_energy.value, 2021,
                             SDES_ENERGY, true, ""});
  }
}

void add_energy_by_carrier(NationalReference& france) {
  const auto add = [&](const char* group, std::vector<std::string> members, double percent,
                       bool derived) {
    france.shares.push_back({ShareBasis::EnergyByCarrier, "", group, std::move(members),
                             stated(percent, "%"), 2023, SDES_CARRIERS, derived, ""});
  };
  add("oil_products", {"heating_oil", "diesel", "gasoline", "lpg"}, 38.0, false);
  add("electricity", {"electricity"}, 27.0, false);
  add("renewable_carriers", {"wood", "biomethane"}, 13.0, false);
  add("gas_heat_coal", {"natural_gas", "district_heat", "coal"}, 22.0, true);  // 100 − the others
}

/// GHG by sector, 2022, as Citepa states the shares (buildings: residential
/// 40 Mt and tertiary 24 Mt, kept together as the source groups them).
void add_ghg_by_sector(NationalReference& france) {
  const auto add = [&](const char* group, std::vector<std::string> members, double percent,
                       bool derived, bool like_for_like) {
    france.shares.push_back({ShareBasis::GhgBySector, "", group, std::move(members),
                             stated(percent, "%"), 2022, CITEPA, derived, "", like_for_like});
  };
  add("transport", {"road_transport", "other_transport"}, 32.0, false, true);
  add("agriculture", {"agriculture"}, 19.0, false, true);
  add("industry", {"industry"}, 18.0, false, true);
  add("buildings", {"residential", "tertiary"}, 16.0, false, true);
  // ≈ the rest [D]. France counts power plants' and refineries' emissions
  // where they are emitted, a territory's inventory in the sectors that
  // consume the energy: not the same thing.
  add("energy_waste", {"energy_branch", "waste"}, 15.0, true, false);
}

void add_pollutants_by_sector(NationalReference& france) {
  const auto add = [&](const char* pollutant, const char* group, std::vector<std::string> members,
                       double percent, int year, const char* national_group) {
    france.shares.push_back({ShareBasis::PollutantBySector, pollutant, group, std::move(members),
                             stated(percent, "%"), year, CITEPA, false, national_group});
  };
  add("nox", "transport", {"road_transport", "other_transport"}, 48.0, 2022, "");
  add("nox", "agriculture", {"agriculture"}, 24.0, 2022, "agriculture_forestry");
  add("nox", "industry", {"industry"}, 17.0, 2022, "");
  add("nox", "buildings", {"residential", "tertiary"}, 10.0, 2022, "");
  add("pm10", "residential", {"residential"}, 34.0, 2020, "");
  add("pm2_5", "residential", {"residential"}, 41.0, 2018, "wood_heating");
  add("pm2_5", "road_transport", {"road_transport"}, 17.0, 2018, "");
  add("nh3", "agriculture", {"agriculture"}, 94.0, 2022, "");
  add("so2", "industry", {"industry"}, 80.0, 2022, "");
}

NationalReference build() {
  NationalReference france;
  // Not in shared/data/REFERENCE.md: INSEE's population on 1 January 2022
  // (67 813 000, bilan démographique 2021), the divisor of both figures per
  // inhabitant (2021 energy, 2022 GHG).
  france.population = {67'813'000.0, 2022, "Insee, Bilan démographique 2021"};
  france.final_energy = {stated(1626.8, "TWh"), 2021, SDES_ENERGY};
  france.ghg = {stated(403.8, "MtCO2e"), 2022, CITEPA};
  // Of gross final consumption: every renewable the country consumes, not
  // only what it produces, against a territory's local production.
  france.renewable_share = {stated(22.2, "%"), 2023,
                            "SDES, Chiffres clés des énergies renouvelables 2024"};
  add_energy_by_sector(france);
  add_energy_by_carrier(france);
  add_ghg_by_sector(france);
  add_pollutants_by_sector(france);
  return france;
}

}  // namespace

const NationalReference& france_reference() {
  static const NationalReference france = build();
  return france;
}

}  // namespace traj::territory
