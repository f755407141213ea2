#pragma once
/// What the root of every file traj writes states first, and in this order
/// (docs/hdf5-layout.md#provenance): `Conventions = "CF-1.8"` (its units
/// follow CF, docs/hdf5-layout.md#units), what the file is, who wrote it,
/// when, how, and of which territory; then, for a file of one portfolio,
/// the scenario file and the portfolio.

#include <cstdint>
#include <string>

#include "traj/hdf5_file.hpp"
#include "traj/territory/scenario.hpp"

namespace traj::territory::results {

struct Provenance {
  std::string filetype;  ///< e.g. "trajectoires-results"
  std::int64_t format_version = 1;
  std::string title;  ///< e.g. "Trajectoires ensemble: Brest métropole"
  std::string traj_version, git_hash, command_line;
};

/// Conventions, filetype, format_version, title, traj_version, git_hash,
/// created (now, UTC), command_line and territory (the scenario's name).
void write_provenance(hdf5::Group& root, const Provenance& provenance, const Scenario& scenario);

/// scenario (the main file as the user named it), portfolio ("baseline"
/// for none), and the portfolio's names when the scenario defines it.
void write_portfolio_attributes(hdf5::Group& root, const Scenario& scenario,
                                const std::string& scenario_path, const std::string& portfolio);

}  // namespace traj::territory::results
