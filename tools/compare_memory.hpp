#pragma once
/// The memory `traj compare` will hold, checked before the first ensemble
/// runs (as `run --output` checks the disk): every member's outcomes of
/// every compared portfolio are kept for the paired statistics.

#include <cstdint>
#include <string>
#include <vector>

#include "traj/ensemble.hpp"
#include "traj/territory/scenario.hpp"

namespace traj::cli {

/// Refuses (InputError, exit 2) a comparison of the baseline and
/// `portfolio_ids` (empty: every portfolio) whose members' outcomes, at the
/// most members `ensemble` may run, would not fit in the memory available
/// now (`MemAvailable`), with the estimate and the most members that fit.
/// Checks nothing when the available memory is not known.
void refuse_comparison_beyond_memory(const territory::Scenario& scenario,
                                     const std::vector<std::string>& portfolio_ids,
                                     const EnsembleOptions& ensemble);

}  // namespace traj::cli
