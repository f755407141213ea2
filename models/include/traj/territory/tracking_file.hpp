#pragma once
/// A track (`traj track --output track.h5`) as a self-describing HDF5 file
/// (netCDF-4 layout, docs/hdf5-layout.md#track-files): the run's provenance
/// and inputs, the observations file verbatim, and a group `track` with the
/// weights (or the SMC population), the observations against the plan, the
/// objectives before and after, the parameters the data moved and the fan
/// charts; and what `traj rerun` reads back to reproduce it.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "traj/setting_ranges.hpp"
#include "traj/territory/observations.hpp"
#include "traj/territory/results_file.hpp"
#include "traj/territory/tracking.hpp"

namespace traj::territory {

/// The value of the root attribute `filetype` of a track file, and its layout version.
inline constexpr const char* TRACK_FILETYPE = "trajectoires-track";
inline constexpr std::int64_t TRACK_FORMAT_VERSION = 1;

/// The names of a track file, in one place for its writer and its reader.
namespace track_layout {
// Root attributes beyond the results file's (results_layout::run_attribute).
inline constexpr const char* METHOD_REQUESTED = "method_requested";  ///< auto | importance | smc
inline constexpr const char* SERIES = "series";  ///< fan-chart indicator ids, comma-separated
/// The observations file, verbatim: /inputs/observations (attributes path, sha256).
inline constexpr const char* OBSERVATIONS_INPUT = "observations";
// The group `track` and its attributes.
inline constexpr const char* TRACK = "track";
inline constexpr const char* METHOD = "method";
inline constexpr const char* EFFECTIVE_SIZE = "effective_size";
inline constexpr const char* IMPORTANCE_EFFECTIVE_SIZE = "importance_effective_size";
inline constexpr const char* EFFECTIVE_SIZE_THRESHOLD = "effective_size_threshold";
inline constexpr const char* DISTINCT_MEMBERS = "distinct_members";
inline constexpr const char* ILLUSTRATIVE = "illustrative";
inline constexpr const char* SOURCE = "source";
inline constexpr const char* WEIGHTS = "weights";  ///< (member)
// Its subgroups, each one xarray Dataset.
inline constexpr const char* OBSERVATIONS = "observations";  ///< dimension `observation`
inline constexpr const char* OBJECTIVES = "objectives";      ///< dimension `objective`
inline constexpr const char* PARAMETERS = "parameters";      ///< dimension `parameter`
inline constexpr const char* SERIES_GROUP = "series";        ///< (indicator, year, level)
inline constexpr const char* STAGES = "stages";              ///< SMC only: dimension `stage`
inline constexpr const char* POPULATION = "population";      ///< SMC only: (particle, parameter)
}  // namespace track_layout

/// The members `traj track` runs (its --members), checked again when read back.
inline constexpr IntegerRange TRACK_MEMBERS_RANGE{100, 10'000'000};

/// `--method`'s words: "auto", "importance", "smc".
const char* tracking_method_option(TrackingMethod method);
/// The method of `--method`'s word; nullopt for another word.
std::optional<TrackingMethod> tracking_method_of(const std::string& option);

/// Everything that decides a track, and some context that does not.
struct TrackSettings {
  /// scenario_path, portfolio, seed, members_requested, edits; and the
  /// context: versions, command line, threads.
  RunSettings run;
  TrackingMethod method = TrackingMethod::Auto;
  std::vector<std::string>
      series;  ///< indicator ids of the fan charts (TrackingOptions::series_rows)
};

/// Writes the track to `path` (created or truncated). `observations_file`
/// is the observations file as read (path and text), `inputs` the
/// scenario's files. Not thread safe.
void write_tracking(const std::string& path, const Plan& plan, const ObservationSet& observations,
                    const InputFile& observations_file, const Tracking& tracking,
                    const std::vector<InputFile>& inputs, const TrackSettings& settings);

/// What a rerun reads back from a track file.
struct TrackRecord {
  TrackSettings settings;
  std::vector<InputFile> inputs;
  InputFile observations;
};
/// Throws InputError for a file that is not a track file, of an unknown
/// format version, damaged, or whose settings are out of the command
/// line's ranges.
TrackRecord read_track_record(const std::string& path);

/// The root attribute `filetype` of a file traj wrote; "" when it has none
/// or cannot be opened (no or a wrong integrity stamp, not HDF5): then the
/// reader of the expected kind says what is wrong.
std::string file_type(const std::string& path);

}  // namespace traj::territory
