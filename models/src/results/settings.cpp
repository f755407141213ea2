// The root's attributes: what was run, by which traj, and how (written when
// the file is created, read back by a rerun), and the run's outcome
// (written when it ends).

#include <sstream>

#include "groups.hpp"
#include "provenance.hpp"
#include "scales.hpp"
#include "traj/error.hpp"
#include "traj/setting_ranges.hpp"
#include "traj/territory/results_layout.hpp"

namespace traj::territory::results {

using namespace results_layout;
using hdf5::Group;

namespace {

/// The levels of attribute `quantile_levels` ("0.05,0.5,0.95"), each checked
/// as the command line checks --quantiles.
std::vector<double> split_quantile_levels(const std::string& text, const std::string& path) {
  std::vector<double> values;
  std::stringstream stream(text);
  std::string item;
  while (std::getline(stream, item, ',')) {
    double level = 0.0;
    const std::string problem = number_problem(item, QUANTILE_LEVEL_RANGE, level);
    if (!problem.empty()) {
      throw InputError(path + ": attribute quantile_levels: each level " + problem + " in \"" +
                       text + "\"");
    }
    values.push_back(level);
  }
  check_setting(path + ": attribute quantile_levels: the number of levels",
                std::uint64_t{values.size()}, QUANTILE_COUNT_RANGE);
  return values;
}

}  // namespace

void write_run_settings(Group& root, const Scenario& scenario, const RunSettings& settings) {
  write_provenance(
      root,
      {RESULTS_FILETYPE, RESULTS_FORMAT_VERSION, "Trajectoires ensemble: " + scenario.name,
       settings.traj_version, settings.git_hash, settings.command_line},
      scenario);
  write_portfolio_attributes(root, scenario, settings.scenario_path, settings.portfolio);
  root.set_attribute(run_attribute::SEED, static_cast<std::int64_t>(settings.seed));
  root.set_attribute(run_attribute::MEMBERS_REQUESTED,
                     static_cast<std::int64_t>(settings.members_requested));
  root.set_attribute(run_attribute::PRECISION, settings.precision);
  root.set_attribute(run_attribute::MAX_MEMBERS, static_cast<std::int64_t>(settings.max_members));
  root.set_attribute(run_attribute::QUANTILE_LEVELS, join_numbers(settings.quantiles));
  root.set_attribute(run_attribute::QUANTILE_RELATIVE_ACCURACY, settings.sketch_accuracy);
  root.set_attribute(run_attribute::TRAJECTORIES, settings.trajectories);
  root.set_attribute(run_attribute::THREADS, static_cast<std::int64_t>(settings.threads));
  root.set_attribute(run_attribute::BLOCK, static_cast<std::int64_t>(settings.block));
}

void write_run_outcome(Group& root, const EnsembleResult& result) {
  root.set_attribute(run_attribute::MEMBERS, static_cast<std::int64_t>(result.members));
  root.set_attribute(run_attribute::PRECISION_REACHED,
                     static_cast<std::int64_t>(result.precision_reached ? 1 : 0));
}

RunSettings read_run_settings(const Group& root, const std::string& path) {
  RunSettings settings;
  settings.traj_version = root.string_attribute(run_attribute::TRAJ_VERSION);
  settings.git_hash = root.string_attribute(run_attribute::GIT_HASH);
  settings.scenario_path = root.string_attribute(run_attribute::SCENARIO);
  const std::string portfolio = root.string_attribute(run_attribute::PORTFOLIO);
  settings.portfolio = portfolio == "baseline" ? "" : portfolio;
  // Every setting a rerun uses, against the ranges the command line uses: a
  // file can be edited and its stamp recomputed (a checksum, not a signature).
  const auto integer = [&](const std::string& name, IntegerRange range) {
    const std::int64_t value = root.int_attribute(name);
    check_setting(path + ": attribute " + name, value, range);
    return static_cast<std::uint64_t>(value);
  };
  settings.seed = integer(run_attribute::SEED, SEED_RANGE);
  settings.members_requested = integer(run_attribute::MEMBERS_REQUESTED, MEMBERS_RANGE);
  settings.precision = root.double_attribute(run_attribute::PRECISION);
  if (settings.precision != 0.0)
    check_setting(path + ": attribute precision (0: none)", settings.precision, PRECISION_RANGE);
  settings.max_members = integer(run_attribute::MAX_MEMBERS, MEMBERS_RANGE);
  settings.quantiles =
      split_quantile_levels(root.string_attribute(run_attribute::QUANTILE_LEVELS), path);
  settings.sketch_accuracy = root.double_attribute(run_attribute::QUANTILE_RELATIVE_ACCURACY);
  check_setting(path + ": attribute quantile_relative_accuracy", settings.sketch_accuracy,
                SKETCH_ACCURACY_RANGE);
  settings.trajectories = root.string_attribute(run_attribute::TRAJECTORIES);
  settings.block = static_cast<std::size_t>(integer(run_attribute::BLOCK, BLOCK_RANGE));
  return settings;
}

}  // namespace traj::territory::results
