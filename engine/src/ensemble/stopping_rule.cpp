#include "ensemble/stopping_rule.hpp"

namespace traj::ensemble {

double half_width(const ProportionEstimate& estimate) {
  return (estimate.ci_high - estimate.ci_low) / 2.0;
}

bool precise_enough(const BatchCounts& counts, double precision) {
  if (precision <= 0.0) return true;
  for (const auto successes : counts.successes) {
    if (half_width(estimate_proportion(successes, counts.members)) > precision) return false;
  }
  return true;
}

RoundDecision decide_round(const BatchPlan& plan, std::uint64_t next, std::uint64_t ranks,
                           bool extending, const BatchCounts& accepted) {
  RoundDecision decision;
  decision.extending = extending;
  if (!extending && next >= plan.requested_batches()) {
    if (precise_enough(accepted, plan.precision)) return decision;
    decision.extending = true;
  }
  decision.batches = plan.round_size(next, ranks, decision.extending);
  // At the cap without the precision target.
  if (decision.batches == 0) decision.precision_reached = false;
  return decision;
}

Acceptance accept_batches(const std::vector<BatchCounts>& round, bool extending, double precision,
                          BatchCounts& accepted) {
  Acceptance acceptance;
  for (const BatchCounts& batch : round) {
    accepted.add(batch);
    ++acceptance.batches;
    if (extending && precise_enough(accepted, precision)) {
      acceptance.target_met = true;
      break;
    }
  }
  return acceptance;
}

}  // namespace traj::ensemble
