#include <algorithm>

#include "traj/territory/scenario.hpp"

namespace traj::territory {
namespace {
int index_in(const std::vector<std::string>& names, std::string_view id) {
  const auto found = std::find(names.begin(), names.end(), id);
  return found == names.end() ? NONE : static_cast<int>(found - names.begin());
}
}  // namespace

int Scenario::find_sector(std::string_view id) const {
  return index_in(sectors, id);
}
int Scenario::find_carrier(std::string_view id) const {
  return index_in(carriers, id);
}
int Scenario::find_species(std::string_view id) const {
  if (id == "ghg") return 0;
  const int pollutant = index_in(pollutants, id);
  return pollutant == NONE ? NONE : pollutant + 1;
}
int Scenario::find_source(std::string_view id) const {
  for (std::size_t i = 0; i < sources.size(); ++i) {
    if (sources[i].id == id) return static_cast<int>(i);
  }
  return NONE;
}
int Scenario::find_indicator(std::string_view id) const {
  for (std::size_t i = 0; i < indicators.size(); ++i) {
    if (indicators[i].id == id) return static_cast<int>(i);
  }
  return NONE;
}
int Scenario::find_action(std::string_view id) const {
  for (std::size_t i = 0; i < actions.size(); ++i) {
    if (actions[i].id == id) return static_cast<int>(i);
  }
  return NONE;
}
int Scenario::find_portfolio(std::string_view id) const {
  for (std::size_t i = 0; i < portfolios.size(); ++i) {
    if (portfolios[i].id == id) return static_cast<int>(i);
  }
  return NONE;
}
int Scenario::find_territory(std::string_view id) const {
  for (std::size_t i = 0; i < territories.size(); ++i) {
    if (territories[i].id == id) return static_cast<int>(i);
  }
  return NONE;
}
const Conversion* Scenario::conversion_of(int carrier) const {
  for (const auto& conversion : conversions) {
    if (conversion.carrier == carrier) return &conversion;
  }
  return nullptr;
}

}  // namespace traj::territory
