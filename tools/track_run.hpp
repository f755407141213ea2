#pragma once
/// What `traj track` and `traj rerun` of a track file share: the
/// observations file with its text, the track run on every rank, the
/// reasons a track stops, and the track file's settings.

#include <string>
#include <vector>

#include "scenario_choice.hpp"
#include "traj/cluster.hpp"
#include "traj/ensemble.hpp"
#include "traj/territory/observations.hpp"
#include "traj/territory/plan.hpp"
#include "traj/territory/tracking.hpp"
#include "traj/territory/tracking_file.hpp"
#include "words.hpp"

namespace traj::cli {

/// The observations file at `path`, as read: its text goes into the track
/// file so that a rerun needs nothing else. InputError if it cannot be read.
territory::InputFile read_observations_file(const std::string& path);

/// Runs `plan`'s track on every rank of `cluster`: a progress bar on stderr
/// when it is a terminal and `progress`, stopped by SIGINT or SIGTERM
/// (then `cancelled`).
territory::Tracking run_track(const territory::Plan& plan,
                              const territory::ObservationSet& observations,
                              EnsembleOptions ensemble, const territory::TrackingOptions& options,
                              bool progress, const Cluster& cluster);

/// EXIT_OK for a complete track; otherwise says on stderr why there is
/// none (interrupted, impossible members) and gives the exit code.
int track_failure(const territory::Tracking& tracking, std::uint64_t seed);

/// The track file's settings of a track run from `chosen` (versions and
/// git hash of this traj).
territory::TrackSettings track_settings_of(const ChosenScenario& chosen,
                                           const std::string& portfolio,
                                           const EnsembleOptions& ensemble,
                                           const territory::TrackingOptions& options,
                                           const territory::Plan& plan,
                                           const std::string& command_line);

/// `traj rerun TRACK.h5`: the track again from the file alone, compared
/// dataset by dataset, said in `language`; the exit code (0 identical, 1
/// different).
int rerun_track(const std::string& path, const std::string& output, bool force, int threads,
                bool quiet, Language language, const Cluster& cluster);

}  // namespace traj::cli
