#pragma once
/// The precision stopping rule: after the requested members, add one batch
/// at a time until every objective's 95 % interval is narrow enough, or the
/// cap. Pure functions of the counts: no model, no threads, no ranks; every
/// rank takes the same decisions from the same counts.

#include <cstdint>
#include <vector>

#include "ensemble/accumulator.hpp"
#include "ensemble/batch_plan.hpp"
#include "traj/proportion.hpp"

namespace traj::ensemble {

/// Half the width of the 95 % interval.
double half_width(const ProportionEstimate& estimate);

/// True without a target (`precision` ≤ 0), or when every objective's
/// half-width among `counts.members` is at most `precision`.
bool precise_enough(const BatchCounts& counts, double precision);

/// What to do after the batches before `next`.
struct RoundDecision {
  std::uint64_t batches = 0;      ///< in the next round; 0: stop
  bool extending = false;         ///< past the requested members, towards the target
  bool precision_reached = true;  ///< false: stopped at the cap short of the target
};

/// The next round over `ranks`, given the counts of the batches accepted
/// so far (`accepted`) and whether the run was already `extending`.
RoundDecision decide_round(const BatchPlan& plan, std::uint64_t next, std::uint64_t ranks,
                           bool extending, const BatchCounts& accepted);

/// How many batches of a round are kept.
struct Acceptance {
  std::uint64_t batches = 0;
  bool target_met = false;  ///< the last kept batch met the precision target
};

/// Adds the round's batches to `accepted` in order as a single process
/// would: all of them, or when `extending`, up to the first after which the
/// target is met.
Acceptance accept_batches(const std::vector<BatchCounts>& round, bool extending, double precision,
                          BatchCounts& accepted);

}  // namespace traj::ensemble
