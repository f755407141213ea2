#pragma once
/// A portfolio search (`traj optimize --output search.h5`) as an HDF5 file
/// (netCDF-4 layout, docs/hdf5-layout.md#portfolio-search-files): the front
/// with each point's figures on the fresh and the common members, and each
/// point's level of every candidate action.

#include <cstdint>
#include <string>
#include <vector>

#include "traj/territory/portfolio_search.hpp"
#include "traj/territory/results_file.hpp"

namespace traj::territory {

inline constexpr const char* SEARCH_FILETYPE = "trajectoires-portfolio-search";
/// 2: `units` that UDUNITS-2 and pint read ("1e6" of `currency`, "Gg" of
/// `mass_of`), `display_units` as traj shows them; 1 had "M€", "ktCO2e".
inline constexpr std::int64_t SEARCH_FORMAT_VERSION = 2;

/// Writes `search` to `path` (created or truncated), with the inputs
/// verbatim and `settings` (versions, command line, edits).
void write_search(const std::string& path, const Scenario& scenario, const PortfolioSearch& search,
                  const std::vector<InputFile>& inputs, const RunSettings& settings);

}  // namespace traj::territory
