#pragma once
/// The writer and reader of each group of a results file
/// (docs/hdf5-layout.md), one file each, named from results_layout.hpp;
/// ResultsWriter and read_run_record (results_file.cpp) call them in order.

#include <string>
#include <vector>

#include "member_batch.hpp"
#include "traj/ensemble.hpp"
#include "traj/hdf5_file.hpp"
#include "traj/territory/plan.hpp"
#include "traj/territory/results_file.hpp"

namespace traj::territory::results {

// The root's attributes (settings.cpp).
void write_run_settings(hdf5::Group& root, const Scenario& scenario, const RunSettings& settings);
void write_run_outcome(hdf5::Group& root, const EnsembleResult& result);
/// Each setting checked against the range the command line uses.
RunSettings read_run_settings(const hdf5::Group& root, const std::string& path);

// The group `inputs` (inputs.cpp; its writer is write_inputs, public).
/// Each stored input checked against its SHA-256; `main` must be one of them.
/// The what-if edits stored with them go to `edits` (none in older files).
std::vector<InputFile> read_inputs(const hdf5::Group& root, const std::string& path,
                                   const std::string& main, ScenarioEdits& edits);

/// The groups written member by member (members.cpp): `parameters`,
/// `trajectories` and the per-member part of `objectives`. The groups and
/// their member scales are created first, their datasets by define() once
/// the root's attributes and inputs are written.
struct MemberGroups {
  MemberGroups(hdf5::Group& root, const Plan& plan);
  void define(const std::vector<std::size_t>& rows);
  /// The scenario's rank correlations, along `correlation`, when it states any.
  void write_correlations(const ParameterSet& parameters);
  /// Appends a batch compressed by StoredBatch::compress(MEMBER_CHUNK).
  void append(const CompressedBatch& batch);

  const Plan& plan;
  hdf5::Group parameters_group, trajectories_group, objectives_group;
  hdf5::Dataset parameter_members, parameter_values;
  hdf5::Dataset trajectory_members;
  std::vector<hdf5::Dataset> trajectories;
  hdf5::Dataset objective_members;
  std::vector<hdf5::Dataset> successes;  ///< zero or one dataset
};

// Once the run ends: the group `statistics` (statistics.cpp), the
// summaries of the group `objectives` (objectives.cpp).
void write_statistics(hdf5::Group& root, const Plan& plan, const EnsembleResult& result);
/// The rows /statistics (and /territories) store as variables along `year`
/// alone, in the order written: the totals, the costs, each custom
/// indicator and its cumulative sum.
std::vector<int> scalar_rows(const IndicatorCatalogue& catalogue, const Scenario& scenario);
/// The group `territories`, for a scenario with [[territories]] (territories.cpp).
void write_territories(hdf5::Group& root, const Plan& plan, const EnsembleResult& result);
void write_objective_summaries(hdf5::Group& objectives_group, const Scenario& scenario,
                               const EnsembleResult& result);

}  // namespace traj::territory::results
