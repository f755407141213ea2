#pragma once
// The results report's sections for a scenario of several territories
// (territory_sections.cpp): each territory's commitments, and small
// multiples of its trajectories.

#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "traj/hdf5_file.hpp"
#include "traj/territory/language.hpp"

namespace traj::territory {

/// One territory's objective as the report shows it.
struct TerritoryCommitment {
  std::string indicator;  ///< `<indicator>@<territory>`
  std::string text;       ///< its description, or its id
  double probability = 0.0, low = 0.0, high = 0.0;
  std::string distance;  ///< in words
};

/// The quantiles `[year × level]` of a territory's indicator
/// (`<indicator>@<territory>`) from /territories, with its display units;
/// nothing when the file has none.
struct TerritoryQuantiles {
  std::vector<double> values;
  std::string units;
};
std::optional<TerritoryQuantiles> territory_quantiles(const std::string& path,
                                                      const hdf5::Group& root,
                                                      const std::string& indicator,
                                                      std::size_t years, std::size_t levels);

/// Every territory with its population and its commitments (or none).
void write_commitments_section(std::ostringstream& html, const hdf5::Group& root,
                               const std::vector<TerritoryCommitment>& commitments,
                               ReportLanguage language);

/// Final energy, renewable share and GHG of each territory, small fan charts side by side.
void write_small_multiples_section(std::ostringstream& html, const std::string& path,
                                   const hdf5::Group& root, const std::vector<int>& years,
                                   const std::vector<double>& levels, ReportLanguage language);

}  // namespace traj::territory
