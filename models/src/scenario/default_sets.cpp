#include "traj/territory/default_sets.hpp"

namespace traj::territory {

const std::vector<std::string>& default_sectors() {
  static const std::vector<std::string> sectors = {
      "residential", "tertiary", "road_transport", "other_transport",
      "agriculture", "waste",    "industry",       "energy_branch"};
  return sectors;
}

const std::vector<std::string>& default_carriers() {
  static const std::vector<std::string> carriers = {
      "electricity", "natural_gas", "heating_oil", "diesel",     "gasoline",
      "lpg",         "coal",        "wood",        "biomethane", "district_heat"};
  return carriers;
}

const std::vector<std::string>& default_pollutants() {
  static const std::vector<std::string> pollutants = {"nox",   "pm10", "pm2_5",
                                                      "nmvoc", "so2",  "nh3"};
  return pollutants;
}

const std::vector<DefaultSource>& default_sources() {
  static const std::vector<DefaultSource> sources = {
      {"pv", "electricity"},
      {"wind", "electricity"},
      {"hydro", "electricity"},
      {"biogas_electricity", "electricity"},
      {"waste_to_energy_electricity", "electricity"},
      {"solar_thermal", "none"},
      {"biomass_heat", "wood"},
      {"heat_pumps", "none"},
      {"biomethane", "biomethane"},
      {"district_heat_renewable", "district_heat"},
  };
  return sources;
}

}  // namespace traj::territory
