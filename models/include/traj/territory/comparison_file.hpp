#pragma once
/// A portfolio comparison as an HDF5 file (netCDF-4 layout, docs/hdf5-layout.md).

#include <string>
#include <vector>

#include "traj/territory/coalition_shares.hpp"
#include "traj/territory/comparison.hpp"
#include "traj/territory/results_file.hpp"

namespace traj::territory {

inline constexpr const char* COMPARISON_FILETYPE = "trajectoires-comparison";

/// Writes `comparison` to `path` (created or truncated), with the inputs
/// verbatim and `settings` (seed, members, versions, command line), and
/// what each player brings (`traj compare --shares`) when `shares` are given.
void write_comparison(const std::string& path, const Scenario& scenario,
                      const PortfolioComparison& comparison, const std::vector<InputFile>& inputs,
                      const RunSettings& settings, const std::vector<PortfolioShares>& shares = {});

/// The group `shares` of a comparison file: a subgroup per portfolio
/// (dimensions player × outcome). Written by write_comparison.
void write_shares_group(hdf5::Group& root, const std::vector<PortfolioShares>& shares);

}  // namespace traj::territory
