#pragma once
/// The JSON documents `traj target --json` prints: shared with the Python
/// module (docs/python.md), so that both print the same.

#include <ostream>
#include <string>

#include "traj/territory/objective_distance.hpp"
#include "traj/territory/plan.hpp"
#include "traj/territory/scenario_edits.hpp"
#include "traj/territory/targets.hpp"
#include "traj/territory/what_it_takes.hpp"

namespace traj::cli {

/// `--indicator --year`: the value `portfolio` ("" for the baseline) reaches
/// with `confidence`, its interval and members.
void print_commitment_json(const std::string& portfolio, const territory::ScenarioEdits& edits,
                           const std::string& indicator, int year, double confidence,
                           const territory::Commitment& result, std::ostream& out);

/// `--objective`: the adoption scale `target` needs with `confidence`, the
/// distance as planned, and what it takes (write_what_it_takes_json).
void print_objective_target_json(const std::string& portfolio,
                                 const territory::ScenarioEdits& edits,
                                 const territory::Objective& target, double confidence,
                                 const territory::WhatItTakes& takes,
                                 const territory::ObjectiveDistance& distance,
                                 const territory::Plan& plan, std::ostream& out);

}  // namespace traj::cli
