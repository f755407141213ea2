// The ensemble's batch plan and precision stopping rule, as pure functions
// (engine/src/ensemble/): no model, no threads, no ranks. Every expected
// value is computed by hand: batches of 16 × 1 024 = 16 384 members, and
// Wilson half-widths at p = 1/2 (about 0.98 / √n).
#include <catch2/catch.hpp>
#include <cstdint>
#include <vector>

#include "ensemble/batch_plan.hpp"
#include "ensemble/stopping_rule.hpp"
#include "traj/error.hpp"

using namespace traj;
using namespace traj::ensemble;

namespace {

BatchPlan plan(std::uint64_t members, std::uint64_t max_members, double precision) {
  EnsembleOptions options;
  options.members = members;
  options.max_members = max_members;
  options.precision = precision;
  return plan_batches(options);
}

BatchCounts counts(std::uint64_t successes, std::uint64_t members) {
  BatchCounts counts(1);
  counts.successes[0] = successes;
  counts.members = members;
  return counts;
}

struct Outcome {
  std::uint64_t members = 0;
  bool precision_reached = true;
  std::uint64_t rounds = 0;
};

/// The run loop of run_ensemble over `ranks`, with batches in which exactly
/// half the members meet the one objective.
Outcome simulate(const BatchPlan& plan, std::uint64_t ranks) {
  Outcome outcome;
  BatchCounts accepted(1);
  std::uint64_t next = 0;
  bool extending = false;
  while (true) {
    const RoundDecision decision = decide_round(plan, next, ranks, extending, accepted);
    extending = decision.extending;
    outcome.precision_reached = decision.precision_reached;
    if (decision.batches == 0) break;
    ++outcome.rounds;
    REQUIRE(outcome.rounds <= 10);  // a broken plan must fail, not spin
    std::vector<BatchCounts> round;
    for (std::uint64_t i = 0; i < decision.batches; ++i) {
      const MemberRange batch = plan.batch(next + i);
      round.push_back(counts(batch.size() / 2, batch.size()));
    }
    const Acceptance acceptance = accept_batches(round, extending, plan.precision, accepted);
    next += acceptance.batches;
    if (acceptance.target_met) break;
  }
  outcome.members = accepted.members;
  return outcome;
}

}  // namespace

TEST_CASE("batch plan: the requested members in batches of 16 384, the last one partial") {
  CHECK(BATCH_MEMBERS == 16384);
  const BatchPlan twenty_thousand = plan(20000, 10'000'000, 0.0);
  CHECK(twenty_thousand.requested_batches() == 2);
  CHECK(twenty_thousand.batch(0) == MemberRange{0, 16384});
  CHECK(twenty_thousand.batch(1) == MemberRange{16384, 20000});
  CHECK(twenty_thousand.batch(0).chunks() == 16);
  CHECK(twenty_thousand.batch(1).chunks() == 4);  // 3 616 members: 3 chunks and a partial one
  const BatchPlan exact = plan(32768, 10'000'000, 0.0);
  CHECK(exact.requested_batches() == 2);
  CHECK(exact.batch(1) == MemberRange{16384, 32768});
  CHECK(plan(1, 10'000'000, 0.0).batch(0) == MemberRange{0, 1});
  const BatchPlan none = plan(0, 10'000'000, 0.0);
  CHECK(none.requested_batches() == 0);
  CHECK(none.round_size(0, 1, false) == 0);
}

TEST_CASE("batch plan: past the requested members, one batch at a time up to the cap") {
  const BatchPlan extended = plan(20000, 40000, 0.01);
  CHECK(extended.batch(2) == MemberRange{20000, 36384});
  CHECK(extended.batch(3) == MemberRange{36384, 40000});
  CHECK(extended.batch(4).size() == 0);  // starts at 52 768, past the cap
  CHECK(extended.round_size(2, 1, true) == 1);
  CHECK(extended.round_size(2, 4, true) == 2);
  CHECK(extended.round_size(4, 1, true) == 0);
  // A cap below the requested members adds nothing.
  const BatchPlan low_cap = plan(20000, 10000, 0.01);
  CHECK(low_cap.requested_batches() == 2);
  CHECK(low_cap.round_size(2, 1, true) == 0);
}

TEST_CASE("batch plan: a round is one batch per rank, within the requested ones unless extending") {
  const BatchPlan fifty_thousand = plan(50000, 70000, 0.01);
  CHECK(fifty_thousand.requested_batches() == 4);
  CHECK(fifty_thousand.batch(3) == MemberRange{49152, 50000});
  CHECK(fifty_thousand.round_size(0, 3, false) == 3);
  CHECK(fifty_thousand.round_size(3, 3, false) == 1);
  CHECK(fifty_thousand.round_size(4, 3, false) == 0);
  CHECK(fifty_thousand.batch(4) == MemberRange{50000, 66384});
  CHECK(fifty_thousand.batch(5) == MemberRange{66384, 70000});
  CHECK(fifty_thousand.round_size(3, 3, true) == 3);
  CHECK(fifty_thousand.round_size(4, 3, true) == 2);
  CHECK(fifty_thousand.round_size(0, 1, false) == 1);
}

TEST_CASE(
    "batch plan: more members than the sketches count are refused, the cap only with a target") {
  const std::uint64_t too_many = std::uint64_t{UINT32_MAX} + 1;
  CHECK_THROWS_AS(plan(too_many, 10'000'000, 0.0), InputError);
  CHECK_THROWS_WITH(plan(1000, too_many, 0.01),
                    Catch::Contains("at most 4294967295") && Catch::Contains("found 4294967296"));
  CHECK_NOTHROW(plan(1000, too_many, 0.0));  // without a target the cap is never reached
  CHECK_NOTHROW(plan(UINT32_MAX, 10'000'000, 0.0));
}

TEST_CASE("stopping rule: every objective's 95 % half-width at most the precision") {
  // p = 1/2: 10 000 members give 0.009798, 9 000 give 0.010328.
  CHECK(half_width(estimate_proportion(5000, 10000)) == Approx(0.00979793818).epsilon(1e-9));
  CHECK(precise_enough(counts(5000, 10000), 0.01));
  CHECK_FALSE(precise_enough(counts(4500, 9000), 0.01));
  CHECK(precise_enough(counts(4500, 9000), 0.0));  // no target
  CHECK(precise_enough(BatchCounts(1), 0.0));      // nor members
  BatchCounts two(2);
  two.members = 9000;
  two.successes = {0, 4500};  // 0 of 9 000: half-width 0.000213; 1/2: 0.010328
  CHECK_FALSE(precise_enough(two, 0.01));
  two.successes = {0, 0};
  CHECK(precise_enough(two, 0.01));
}

TEST_CASE("stopping rule: after the requested members, extend only while imprecise") {
  const BatchPlan target = plan(16384, 65536, 0.005);
  // Within the requested members nothing is decided.
  const RoundDecision first = decide_round(target, 0, 1, false, BatchCounts(1));
  CHECK(first.batches == 1);
  CHECK_FALSE(first.extending);
  // 16 384 members at p = 1/2: half-width 0.007655 > 0.005, so one more batch.
  const RoundDecision more = decide_round(target, 1, 1, false, counts(8192, 16384));
  CHECK(more.batches == 1);
  CHECK(more.extending);
  CHECK(more.precision_reached);
  // With a precision of 0.01 the requested members are enough.
  const RoundDecision enough =
      decide_round(plan(16384, 65536, 0.01), 1, 1, false, counts(8192, 16384));
  CHECK(enough.batches == 0);
  CHECK(enough.precision_reached);
  // At the cap (35 000: batch 3 would start at 49 152) short of the target.
  const RoundDecision capped =
      decide_round(plan(16384, 35000, 0.005), 3, 1, true, counts(17500, 35000));
  CHECK(capped.batches == 0);
  CHECK_FALSE(capped.precision_reached);
}

TEST_CASE("stopping rule: a round's batches are accepted up to the first that meets the target") {
  std::vector<BatchCounts> round(3, counts(8192, 16384));
  // From 16 384 members: 32 768 give 0.005413, 49 152 give 0.004420 ≤ 0.005.
  BatchCounts accepted = counts(8192, 16384);
  const Acceptance extending = accept_batches(round, true, 0.005, accepted);
  CHECK(extending.batches == 2);
  CHECK(extending.target_met);
  CHECK(accepted.members == 49152);
  CHECK(accepted.successes[0] == 24576);
  // The requested batches are all accepted, whatever the precision.
  BatchCounts requested = counts(8192, 16384);
  const Acceptance all = accept_batches(round, false, 0.005, requested);
  CHECK(all.batches == 3);
  CHECK_FALSE(all.target_met);
  CHECK(requested.members == 65536);
}

TEST_CASE("stopping rule: the same members at 1, 2 and 3 ranks") {
  // Target met after 49 152 members: 1 + 2 batches; the cap: 35 000 members.
  for (const std::uint64_t ranks : {1, 2, 3}) {
    INFO("ranks: " << ranks);
    const Outcome met = simulate(plan(16384, 65536, 0.005), ranks);
    CHECK(met.members == 49152);
    CHECK(met.precision_reached);
    const Outcome capped = simulate(plan(16384, 35000, 0.005), ranks);
    CHECK(capped.members == 35000);
    CHECK_FALSE(capped.precision_reached);
    const Outcome no_target = simulate(plan(50000, 65536, 0.0), ranks);
    CHECK(no_target.members == 50000);
    CHECK(no_target.precision_reached);
  }
  CHECK(simulate(plan(50000, 65536, 0.0), 1).rounds == 4);
  CHECK(simulate(plan(50000, 65536, 0.0), 3).rounds == 2);
  CHECK(simulate(plan(16384, 65536, 0.005), 1).rounds == 3);
  CHECK(simulate(plan(16384, 65536, 0.005), 3).rounds == 2);
}
