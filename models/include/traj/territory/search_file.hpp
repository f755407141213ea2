#pragma once
/// A portfolio search (`traj optimize --output search.h5`) as an HDF5 file
/// (netCDF-4 layout, docs/hdf5-layout.md#portfolio-search-files): the front
/// with each point's figures on the fresh and the common members, and each
/// point's level of every candidate action.

#include <string>
#include <vector>

#include "traj/territory/portfolio_search.hpp"
#include "traj/territory/results_file.hpp"

namespace traj::territory {

inline constexpr const char* SEARCH_FILETYPE = "trajectoires-portfolio-search";

/// Writes `search` to `path` (created or truncated), with the inputs
/// verbatim and `settings` (versions, command line, edits).
void write_search(const std::string& path, const Scenario& scenario, const PortfolioSearch& search,
                  const std::vector<InputFile>& inputs, const RunSettings& settings);

}  // namespace traj::territory
