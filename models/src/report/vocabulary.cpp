#include "vocabulary.hpp"

#include <algorithm>
#include <map>
#include <utility>

namespace traj::territory::report {
namespace {

/// Sectors as the PCAET decree names them (décret n° 2016-849, arrêté du
/// 4 août 2016), carriers and sources as the regional observatories do.
const std::map<std::string, std::pair<std::string, std::string>>& terms() {
  static const std::map<std::string, std::pair<std::string, std::string>> table = {
      {"residential", {"Residential", "Résidentiel"}},
      {"tertiary", {"Tertiary", "Tertiaire"}},
      {"road_transport", {"Road transport", "Transport routier"}},
      {"other_transport", {"Other transport", "Autres transports"}},
      {"agriculture", {"Agriculture", "Agriculture"}},
      {"waste", {"Waste", "Déchets"}},
      {"industry", {"Industry", "Industrie"}},
      {"energy_branch", {"Energy branch", "Branche énergie"}},
      {"electricity", {"Electricity", "Électricité"}},
      {"natural_gas", {"Natural gas", "Gaz naturel"}},
      {"heating_oil", {"Heating oil", "Fioul"}},
      {"diesel", {"Diesel", "Gazole"}},
      {"gasoline", {"Petrol", "Essence"}},
      {"lpg", {"LPG", "GPL"}},
      {"coal", {"Coal", "Charbon"}},
      {"wood", {"Wood", "Bois"}},
      {"biomethane", {"Biomethane", "Biométhane"}},
      {"district_heat", {"District heat", "Réseaux de chaleur"}},
      {"pv", {"Solar photovoltaics", "Solaire photovoltaïque"}},
      {"wind", {"Wind", "Éolien"}},
      {"hydro", {"Hydropower", "Hydroélectricité"}},
      {"biogas_electricity", {"Biogas electricity", "Électricité du biogaz"}},
      {"waste_to_energy_electricity", {"Waste-to-energy electricity", "Électricité des déchets"}},
      {"solar_thermal", {"Solar thermal", "Solaire thermique"}},
      {"biomass_heat", {"Biomass heat", "Chaleur biomasse"}},
      {"heat_pumps", {"Heat pumps", "Pompes à chaleur"}},
      {"district_heat_renewable", {"Renewable district heat", "Chaleur renouvelable des réseaux"}},
      {"nox", {"NOx", "NOx"}},
      {"pm10", {"PM10", "PM10"}},
      {"pm2_5", {"PM2.5", "PM2,5"}},
      {"nmvoc", {"NMVOC", "COVNM"}},
      {"so2", {"SO2", "SO2"}},
      {"nh3", {"NH3", "NH3"}},
  };
  return table;
}

}  // namespace

std::string term(const std::string& id, Language language) {
  const auto found = terms().find(id);
  if (found != terms().end())
    return language == Language::French ? found->second.second : found->second.first;
  std::string shown = id;
  std::replace(shown.begin(), shown.end(), '_', ' ');
  return shown;
}

}  // namespace traj::territory::report
