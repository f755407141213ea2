#pragma once
/// The reference of `traj run --against REF`: a portfolio or the baseline as
/// the scenario files define them, without the run's edits (--set, --shift,
/// --action-off, --only), which apply to the run only.

#include <memory>
#include <optional>
#include <string>

#include "scenario_choice.hpp"
#include "traj/cluster.hpp"
#include "traj/territory/plan.hpp"
#include "traj/territory/results_file.hpp"
#include "traj/territory/scenario.hpp"
#include "traj/territory/what_changed.hpp"

namespace traj::cli {

struct AgainstReference {
  std::string name;            ///< as printed and in JSON: a portfolio id, or "baseline"
  bool without_edits = false;  ///< the run has edits: the reference is loaded again without them
  /// The scenario the reference is compiled from when it is not the run's
  /// (held here so that `plan.scenario` stays valid).
  std::unique_ptr<territory::Scenario> files_scenario;
  territory::Plan plan;
};

/// Resolves `--against` (`against`: empty when not given) for a run of
/// `run_portfolio` ("" for the baseline) on `chosen`. Without --against,
/// the reference is the run's portfolio without the edits when there are
/// edits, and there is none (nothing is compared) when there are none.
/// Throws InputError for a reference the files do not have (with "did you
/// mean") and for the run's own portfolio without edits (nothing to compare).
std::optional<AgainstReference> choose_reference(const ChosenScenario& chosen,
                                                 const std::string& run_portfolio,
                                                 const std::string& against);

/// Runs `run` and the reference on the same `members` (the run's final
/// count, also after --precision) with the run's seed, threads and block,
/// over the ranks of `cluster`; stops when interrupted (the result's
/// `run.cancelled` or `reference.cancelled` is then set).
territory::WhatChanged run_against(const AgainstReference& reference, const territory::Plan& run,
                                   const territory::RunSettings& settings, std::uint64_t members,
                                   bool show_progress, const Cluster& cluster);

}  // namespace traj::cli
