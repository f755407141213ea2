#pragma once
/// What changed between a run and a reference plan (`traj run --against`):
/// both run on the same members (common random numbers), and every
/// difference is taken member by member, run − reference.

#include <cstdint>
#include <string>
#include <vector>

#include "traj/ensemble.hpp"
#include "traj/territory/comparison.hpp"
#include "traj/territory/kernel.hpp"
#include "traj/territory/objectives.hpp"
#include "traj/territory/plan.hpp"

namespace traj::territory {

/// An objective of the run, and its probability against the reference's
/// objective of the same id.
struct ObjectiveChange {
  std::string id;
  ProportionEstimate run, reference;
  PairedDifference difference;  ///< run − reference, with its paired 95 % interval
};

/// A compared quantity's member-wise differences, run − reference: their
/// median and their 5th and 95th percentiles (`difference_percentile`).
struct QuantityChange {
  ComparedQuantity quantity;  ///< row in the run's catalogue
  double median = 0.0, low = 0.0, high = 0.0;
};

struct WhatChanged {
  std::uint64_t members = 0;
  std::vector<ObjectiveChange> objectives;
  std::vector<QuantityChange> quantities;  ///< by year, then in the catalogue's order
  /// The two ensembles as recorded: their `cancelled` and `invalid_members`
  /// are the caller's to check before the differences are used.
  EnsembleResult run, reference;
};

/// Runs `run` and `reference` with the same `options` (a fixed member
/// count: `options.precision` must be 0) and compares them on the run's
/// compared_quantities and objectives. The two plans may come from two
/// Scenario objects (a scenario and the same files without edits): an
/// objective is matched by id, a quantity by indicator id and year; one that
/// the reference lacks (an edit added it) is left out.
/// Memory: per plan, one double per member and compared quantity and one
/// byte per member and objective.
WhatChanged what_changed(const Plan& run, const Plan& reference, const EnsembleOptions& options);

/// A reference's ensemble as `what_changed` records it, kept by a caller
/// that compares many runs with the same reference (the workspace: every
/// slider move is compared with the same starting portfolio).
struct RecordedReference {
  std::vector<ComparedQuantity> quantities;  ///< rows in the reference's catalogue
  EnsembleResult result;                     ///< its `cancelled` is the caller's to check
  MemberOutcomes outcomes;
};

/// The reference's quantities `what_changed` compares `run` on.
std::vector<ComparedQuantity> reference_quantities(const Plan& run, const Plan& reference);

/// Runs `reference`'s ensemble with `options`, recording what comparing
/// `run` with it needs.
RecordedReference record_reference(const Plan& run, const Plan& reference,
                                   const EnsembleOptions& options);

/// `what_changed` against a reference recorded with the same options
/// (members and seed), whose `quantities` equal `reference_quantities(run,
/// reference)` (else std::logic_error): only the run's ensemble is run, and
/// the numbers are those `what_changed` gives.
WhatChanged what_changed(const Plan& run, const Plan& reference, const RecordedReference& recorded,
                         const EnsembleOptions& options);

/// An objective judged in the run and in the reference, every uncertain
/// number at its median in both.
struct CentralObjectiveChange {
  ObjectiveResult run, reference;
};

/// A compared quantity in the run and in the reference, at the medians.
struct CentralQuantityChange {
  ComparedQuantity quantity;  ///< row in the run's catalogue
  double run = 0.0, reference = 0.0;
  double difference() const { return run - reference; }
};

/// What changed with every uncertain number at its median in both plans
/// (`traj run --deterministic --against`): one value each, so no band.
struct CentralChange {
  std::vector<CentralObjectiveChange> objectives;
  std::vector<CentralQuantityChange> quantities;  ///< by year, then in the catalogue's order
};

/// Compares the central runs `run_trajectory` of `run` and
/// `reference_trajectory` of `reference`, matched as `what_changed` does.
CentralChange what_changed_at_medians(const Plan& run, const Trajectory& run_trajectory,
                                      const Plan& reference,
                                      const Trajectory& reference_trajectory);

/// The q-quantile of `values` (sorted in place), 0 ≤ q ≤ 1: the smallest
/// value with at least a share q of the values at or below it (the inverse
/// of the empirical distribution); NaN when empty.
double difference_percentile(std::vector<double>& values, double q);

}  // namespace traj::territory
