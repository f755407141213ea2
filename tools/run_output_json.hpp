#pragma once
/// The JSON document `traj run --json` prints: of one deterministic run, and of an ensemble.

#include <string>
#include <vector>

#include "traj/ensemble.hpp"
#include "traj/territory/kernel.hpp"
#include "traj/territory/objectives.hpp"
#include "traj/territory/plan.hpp"

namespace traj::cli {

/// Every indicator's value each year and every objective's outcome.
void print_deterministic_json(const territory::Plan& plan, const territory::Trajectory& trajectory,
                              const std::vector<territory::ObjectiveResult>& results,
                              const std::string& scenario_name);

/// The run's settings, each objective's probability, every indicator's mean,
/// deviation and (headline ones) quantiles each year.
void print_ensemble_json(const territory::Plan& plan, const EnsembleResult& result,
                         const std::string& scenario_name, int threads, int ranks, double seconds);

}  // namespace traj::cli
