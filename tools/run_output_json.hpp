#pragma once
/// The JSON document `traj run --json` prints: of one deterministic run, and of an ensemble.

#include <iostream>
#include <ostream>
#include <string>
#include <vector>

#include "against_reference.hpp"
#include "traj/ensemble.hpp"
#include "traj/territory/kernel.hpp"
#include "traj/territory/objectives.hpp"
#include "traj/territory/plan.hpp"
#include "traj/territory/scenario_edits.hpp"

namespace traj::cli {

// Both documents carry `"edits"` after `"portfolio"` when the scenario was
// loaded with what-if edits (absent otherwise): {"set": [...], "shift": [...],
// "action_off": [...], "only": [...]}, each as typed.

/// Every indicator's value each year and every objective's outcome; with
/// `changed`, what changed against `reference` at the medians under "against".
void print_deterministic_json(const territory::Plan& plan, const territory::Trajectory& trajectory,
                              const std::vector<territory::ObjectiveResult>& results,
                              const std::string& scenario_name,
                              const territory::ScenarioEdits& edits,
                              const AgainstReference* reference = nullptr,
                              const territory::CentralChange* changed = nullptr,
                              std::ostream& out = std::cout);

/// The run's settings, each objective's probability, every indicator's mean,
/// deviation and (headline ones) quantiles each year; with `changed`, what
/// changed against `reference` under "against" (README, run --against).
/// Written to `out`: standard output for the CLI, a response for `traj serve`.
void print_ensemble_json(const territory::Plan& plan, const EnsembleResult& result,
                         const std::string& scenario_name, const territory::ScenarioEdits& edits,
                         int threads, int ranks, double seconds,
                         const AgainstReference* reference = nullptr,
                         const territory::WhatChanged* changed = nullptr,
                         std::ostream& out = std::cout);

}  // namespace traj::cli
