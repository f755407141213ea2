#pragma once
/// What would it take (`traj target --objective`): the single changes to a
/// portfolio that would each reach an objective with a stated confidence,
/// ranked by cost, and the cheapest combination a greedy search finds
/// (docs/model.md#what-would-it-take).

#include <cstddef>
#include <functional>
#include <vector>

#include "traj/ensemble.hpp"
#include "traj/territory/plan.hpp"
#include "traj/territory/targets.hpp"

namespace traj::territory {

/// One ensemble of a changed plan, on the same members as every other.
struct PlanEvaluation {
  ProportionEstimate probability;  ///< of the objective
  /// The value of the objective's indicator reached with the confidence
  /// (the confidence quantile when less is better, 1 − confidence otherwise).
  double committed = 0.0;
  /// How far `committed` is from the target (> 0 short of it), in the indicator's unit.
  double shortfall = 0.0;
  double cost = 0.0;  ///< members' mean discounted cost at the horizon, M€
};

/// A change to one action: its ceiling × `ceiling_scale` (capped at full
/// adoption), its curve `years_earlier` years earlier.
struct ActionChange {
  std::size_t slot = 0;  ///< index into Plan::actions
  double ceiling_scale = 1.0;
  int years_earlier = 0;
  double planned_ceiling = 0.0;  ///< the action's central ceiling as planned
  double ceiling = 0.0;          ///< after the change, capped at 1
};

/// What one action alone would need.
struct SingleChange {
  /// False: the action is at full adoption in every member already, from
  /// the earliest start allowed (nothing evaluated; `at` is empty).
  bool changeable = true;
  ActionChange change;
  bool reaches = false;     ///< false: even at full adoption, started as early as allowed
  PlanEvaluation at;        ///< at the change found (or at the most it can do)
  double extra_cost = 0.0;  ///< M€ over the portfolio as planned
};

struct CombinedChange {
  bool reaches = false;
  std::vector<ActionChange> changes;  ///< in the order the search added them
  PlanEvaluation at;
  double extra_cost = 0.0;
};

/// Every ceiling × the same scale (capped at full adoption).
struct UniformChange {
  RequiredScale search;  ///< the smallest scale that reaches it, as required_scale finds it
  PlanEvaluation at;     ///< at that scale
  double extra_cost = 0.0;
};

struct WhatItTakes {
  double confidence = 0.8;
  double target = 0.0;  ///< the objective's threshold in the indicator's unit
  bool at_most = true;
  PlanEvaluation as_planned;
  /// The members' values of the indicator in the objective's year as
  /// planned, increasing (a relative objective's as the same share of the target).
  std::vector<double> values;
  /// Empty, with `combined` unchanged, when the plan as planned reaches it.
  /// Reaching ones by extra cost, then the others by shortfall, then the unchangeable.
  std::vector<SingleChange> single;
  CombinedChange combined;
  UniformChange uniform;
  int evaluations = 0;
};

/// The most an action's curve may start earlier, in years.
inline constexpr int MOST_YEARS_EARLIER = 10;

/// Searches what it would take for `plan` to meet objective `objective`
/// with probability ≥ `confidence`: each action alone (its ceiling by
/// bisection to `tolerance` between as planned and full adoption, then at
/// full adoption a start up to MOST_YEARS_EARLIER years earlier, never before
/// the base year), a greedy combination (each step adds the change that
/// gains most on the committed value per extra M€), and every ceiling
/// scaled alike. Every evaluation runs the same members (common random
/// numbers). `progress(done, planned)` after each evaluation.
WhatItTakes what_it_takes(const Plan& plan, std::size_t objective, double confidence,
                          const EnsembleOptions& options, double tolerance = 0.01,
                          const std::function<void(std::size_t, std::size_t)>& progress = {});

}  // namespace traj::territory
