#pragma once
/// The tables `traj run` prints: of one deterministic run, and of an ensemble.

#include <string>
#include <vector>

#include "against_reference.hpp"
#include "traj/ensemble.hpp"
#include "traj/territory/kernel.hpp"
#include "traj/territory/objectives.hpp"
#include "traj/territory/plan.hpp"
#include "words.hpp"

namespace traj::cli {

/// The headline indicators at the table's years (with `territories`, each
/// territory's too), then each objective, met or missed.
void print_deterministic_table(const territory::Plan& plan, const territory::Trajectory& trajectory,
                               const std::vector<territory::ObjectiveResult>& results,
                               const std::string& portfolio_note, Language language,
                               bool territories = false);

/// Each objective's probability of success with its interval, then the
/// headline indicators' median and 5 %–95 % range at the table's years;
/// with `territories`, each territory's too.
void print_ensemble_table(const territory::Plan& plan, const EnsembleResult& result,
                          const std::string& portfolio_note, int threads, int ranks, double seconds,
                          Language language, bool territories = false);

/// What changed against `reference`: each objective's paired change of
/// probability with its interval and both probabilities, then each compared
/// quantity's median change with the 5 %–95 % band of the members' changes.
void print_against_table(const territory::Plan& plan, const AgainstReference& reference,
                         const territory::WhatChanged& changed, Language language);

/// What changed against `reference` with every uncertain number at its
/// median in both: each objective met or missed in both, then each compared
/// quantity's change and its two values.
void print_against_central_table(const territory::Plan& plan, const AgainstReference& reference,
                                 const territory::CentralChange& changed, Language language);

}  // namespace traj::cli
