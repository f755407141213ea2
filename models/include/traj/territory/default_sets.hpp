#pragma once
/// The sets a scenario gets when it does not state its own.

#include <string>
#include <vector>

namespace traj::territory {

/// The eight PCAET sectors (arrêté du 4 août 2016 relatif au PCAET).
const std::vector<std::string>& default_sectors();
/// Common final-energy carriers of French territorial inventories.
const std::vector<std::string>& default_carriers();
/// The six regulated air pollutants of the PCAET (NOx, PM10, PM2.5, NMVOC, SO2, NH3).
const std::vector<std::string>& default_pollutants();

struct DefaultSource {
  std::string id;
  std::string carrier;  ///< "none" for energy used on site
};
/// Local renewable production sources, after the ORCAE/OREGES categories.
const std::vector<DefaultSource>& default_sources();

}  // namespace traj::territory
