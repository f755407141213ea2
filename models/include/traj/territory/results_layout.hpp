#pragma once
/// The names of a results file (docs/hdf5-layout.md), in one place: the
/// writer and every reader (rerun, report) use these, so that they cannot
/// disagree on a name.

#include <string>

namespace traj::territory::results_layout {

// Groups of the root.
inline constexpr const char* INPUTS = "inputs";
inline constexpr const char* PARAMETERS = "parameters";
inline constexpr const char* TRAJECTORIES = "trajectories";
inline constexpr const char* OBJECTIVES = "objectives";
inline constexpr const char* STATISTICS = "statistics";
/// Only in files of a scenario with [[territories]].
inline constexpr const char* TERRITORIES = "territories";

/// Attributes of the root: what was run, by which traj, and how.
namespace run_attribute {
inline constexpr const char* FILETYPE = "filetype";
inline constexpr const char* FORMAT_VERSION = "format_version";
inline constexpr const char* TITLE = "title";
inline constexpr const char* TRAJ_VERSION = "traj_version";
inline constexpr const char* GIT_HASH = "git_hash";
inline constexpr const char* CREATED = "created";
inline constexpr const char* COMMAND_LINE = "command_line";
inline constexpr const char* TERRITORY = "territory";
inline constexpr const char* SCENARIO = "scenario";
inline constexpr const char* PORTFOLIO = "portfolio";
/// The portfolio's name as the scenario gives it, and in French (empty: the same).
inline constexpr const char* PORTFOLIO_NAME = "portfolio_name";
inline constexpr const char* PORTFOLIO_NAME_FR = "portfolio_name_fr";
inline constexpr const char* SEED = "seed";
inline constexpr const char* MEMBERS_REQUESTED = "members_requested";
inline constexpr const char* PRECISION = "precision";
inline constexpr const char* MAX_MEMBERS = "max_members";
inline constexpr const char* QUANTILE_LEVELS = "quantile_levels";
inline constexpr const char* QUANTILE_RELATIVE_ACCURACY = "quantile_relative_accuracy";
inline constexpr const char* TRAJECTORIES = "trajectories";
inline constexpr const char* THREADS = "threads";
inline constexpr const char* BLOCK = "block";
inline constexpr const char* MEMBERS = "members";
inline constexpr const char* PRECISION_REACHED = "precision_reached";
}  // namespace run_attribute

/// The group `inputs`: one text dataset per file read, `file_000` the main one.
namespace input_file {
inline constexpr const char* NAME_FORMAT = "file_%03zu";
inline constexpr const char* PATH = "path";
inline constexpr const char* SHA256 = "sha256";
inline constexpr const char* MAIN = "main";  ///< attribute of the group
// The what-if edits the files were loaded with (ScenarioEdits), each a 1-D
// string dataset present only when not empty: older files have none.
inline constexpr const char* EDITS_SET = "edits_set";
inline constexpr const char* EDITS_SHIFT = "edits_shift";
inline constexpr const char* EDITS_ACTION_OFF = "edits_action_off";
inline constexpr const char* EDITS_ONLY = "edits_only";
}  // namespace input_file

/// The groups written member by member (`parameters`, `trajectories`,
/// `objectives`): each has the coordinate `member`.
namespace member_dataset {
inline constexpr const char* MEMBER = "member";
inline constexpr const char* PARAMETER = "parameter";  ///< coordinate of `parameters`
inline constexpr const char* VALUES = "values";        ///< member × parameter
inline constexpr const char* UNITS = "units";
inline constexpr const char* DISTRIBUTION = "distribution";
/// Rank correlations between parameters, along `correlation` (only when stated).
inline constexpr const char* CORRELATION = "correlation";
inline constexpr const char* CORRELATION_FIRST = "correlation_first";
inline constexpr const char* CORRELATION_SECOND = "correlation_second";
inline constexpr const char* CORRELATION_RANK = "correlation_rank";
inline constexpr const char* SUCCESS = "success";  ///< of `objectives`: member × objective
}  // namespace member_dataset

/// The group `objectives`: one value per objective, along `objective`.
namespace objective_dataset {
inline constexpr const char* ID = "objective";
inline constexpr const char* DESCRIPTION = "description";
inline constexpr const char* DESCRIPTION_FR = "description_fr";  ///< empty: as `description`
inline constexpr const char* INDICATOR = "indicator";
inline constexpr const char* COMPARISON = "comparison";
inline constexpr const char* YEAR = "year";
inline constexpr const char* RELATIVE_TO = "relative_to";
inline constexpr const char* THRESHOLD = "threshold";
inline constexpr const char* REFERENCE_VALUE = "reference_value";
inline constexpr const char* PROBABILITY = "probability";
inline constexpr const char* CI_LOW = "ci_low";
inline constexpr const char* CI_HIGH = "ci_high";
inline constexpr const char* STANDARD_ERROR = "standard_error";
inline constexpr const char* SUCCESSES = "successes";
inline constexpr const char* ALL_PROBABILITY = "all_objectives_probability";
inline constexpr const char* ALL_CI_LOW = "all_objectives_ci_low";
inline constexpr const char* ALL_CI_HIGH = "all_objectives_ci_high";
inline constexpr const char* ALL_SUCCESSES = "all_objectives_successes";
}  // namespace objective_dataset

/// The group `statistics`: coordinates, then `<indicator>_<statistic>`
/// (and `<block>_<statistic>` for the blocks by sector, carrier, source,
/// pollutant).
namespace statistics_dataset {
inline constexpr const char* YEAR = "year";
inline constexpr const char* QUANTILE = "quantile";
inline constexpr const char* SECTOR = "sector";
inline constexpr const char* CARRIER = "carrier";
inline constexpr const char* SOURCE = "source";
inline constexpr const char* POLLUTANT = "pollutant";
inline constexpr const char* MEAN = "mean";
inline constexpr const char* SD = "sd";
inline constexpr const char* QUANTILES = "quantiles";
inline constexpr const char* POLLUTANTS = "pollutants";  ///< block: pollutant × (total, sectors)
/// `statistic` (MEAN, SD, QUANTILES) of an indicator or a block.
inline std::string of(const std::string& indicator, const char* statistic) {
  return indicator + "_" + statistic;
}
}  // namespace statistics_dataset

namespace territory_dataset {
inline constexpr const char* TERRITORY = "territory";
inline constexpr const char* NAME = "name";
inline constexpr const char* NAME_FR = "name_fr";
inline constexpr const char* POPULATION = "population";
}  // namespace territory_dataset

}  // namespace traj::territory::results_layout
