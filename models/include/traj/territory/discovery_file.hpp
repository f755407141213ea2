#pragma once
/// A scenario discovery (`traj discover --output discover.h5`) as a
/// self-describing HDF5 file (netCDF-4 layout,
/// docs/hdf5-layout.md#discovery-files): the run's provenance and inputs, and
/// a group `discovery` with PRIM's peeling trajectory (dimensions `box` ×
/// `parameter`), the chosen box and its restrictions, each readable by
/// xarray as one Dataset.

#include <cstdint>
#include <string>
#include <vector>

#include "traj/prim.hpp"
#include "traj/territory/discovery.hpp"
#include "traj/territory/results_file.hpp"

namespace traj::territory {

/// The value of the root attribute `filetype` of a discovery file, and its layout version.
inline constexpr const char* DISCOVERY_FILETYPE = "trajectoires-discovery";
inline constexpr std::int64_t DISCOVERY_FORMAT_VERSION = 1;

/// What decided the discovery beyond its result: where it came from.
struct DiscoverySettings {
  std::string scenario_path;  ///< as the user named it
  ScenarioEdits edits;
  std::string command_line, traj_version, git_hash;
  std::uint64_t members_requested = 0;
  int threads = 0;
  PrimOptions prim;
};

/// Writes `discovery` of `plan` to `path` (created or truncated); `inputs`
/// are the scenario's files as read. Not thread safe.
void write_discovery(const std::string& path, const Plan& plan, const Discovery& discovery,
                     const std::vector<InputFile>& inputs, const DiscoverySettings& settings);

}  // namespace traj::territory
