#include "traj/ensemble.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>

#include "ensemble/accumulator.hpp"
#include "ensemble/batch_plan.hpp"
#include "ensemble/batch_runner.hpp"
#include "ensemble/member_records.hpp"
#include "ensemble/rank_exchange.hpp"
#include "ensemble/stopping_rule.hpp"
#include "traj/cluster.hpp"
#include "traj/setting_ranges.hpp"

namespace traj {

namespace {

using namespace ensemble;

/// Where a run stands between rounds: the same on every rank.
struct RunState {
  BatchCounts accepted;       ///< counts of every accepted batch of every rank
  std::uint64_t next = 0;     ///< the first batch not accepted yet
  std::uint64_t planned = 0;  ///< members planned so far (for progress)
  bool extending = false;     ///< past the requested members, towards the precision target
  bool cancelled = false;
  bool precision_reached = true;

  RunState(std::size_t objectives, std::uint64_t requested)
      : accepted(objectives), planned(requested) {}
};

/// Runs this rank's batch of the round, if it has one: batch next + rank.
/// With several ranks a failure is reported to the others rather than thrown.
RankReport run_my_batch(BatchRunner& runner, const BatchPlan& plan, const RunState& state,
                        std::uint64_t round, const Cluster& cluster, const EnsembleOptions& options,
                        Accumulator& mine) {
  const auto rank = static_cast<std::uint64_t>(cluster.rank());
  RankReport report;
  if (options.cancelled && options.cancelled()) {
    report.cancelled = true;
    return report;
  }
  if (rank >= round) return report;
  const MemberRange batch = plan.batch(state.next + rank);
  if (cluster.size() == 1) {
    mine = runner.run_batch(batch);  // exceptions reach the caller as they are
  } else {
    try {
      mine = runner.run_batch(batch);
    } catch (const std::exception& error) {
      report.failed = true;
      report.failure = error.what();
      return report;
    }
  }
  report.ran = true;
  report.counts = mine.counts;
  return report;
}

/// One round: a batch per rank, their counts exchanged, the batches
/// accepted in order as a single process would, their records handed
/// over. Returns false when the run ends.
bool run_round(BatchRunner& runner, const BatchPlan& plan, const Cluster& cluster,
               const EnsembleOptions& options, RunState& state, RankTotals& totals) {
  const RoundDecision decision =
      decide_round(plan, state.next, static_cast<std::uint64_t>(cluster.size()), state.extending,
                   state.accepted);
  state.extending = decision.extending;
  state.precision_reached = decision.precision_reached;
  if (decision.batches == 0) return false;
  if (state.extending) state.planned = plan.batch(state.next + decision.batches - 1).end;

  Accumulator mine = runner.empty_accumulator();
  const RankReport report =
      run_my_batch(runner, plan, state, decision.batches, cluster, options, mine);
  std::vector<BatchCounts> batches;
  if (!exchange_round(cluster, decision.batches, state.accepted.successes.size(), report,
                      batches)) {
    state.cancelled = true;
    return false;
  }
  const Acceptance acceptance =
      accept_batches(batches, state.extending, plan.precision, state.accepted);
  if (acceptance.target_met) state.planned = plan.batch(state.next + acceptance.batches - 1).end;
  if (report.ran && static_cast<std::uint64_t>(cluster.rank()) < acceptance.batches)
    totals.add(mine);
  if (runner.records() != nullptr)
    hand_over_records(cluster, options, *runner.records(), plan, state.next, acceptance.batches);
  state.next += acceptance.batches;
  if (options.progress)
    options.progress(state.accepted.members, std::max(state.planned, state.accepted.members));
  return !acceptance.target_met;
}

/// Means, deviations, quantiles and proportions from the merged totals.
EnsembleResult summarize(const std::vector<ObjectiveSpec>& objectives,
                         const EnsembleOptions& options, const RunState& state,
                         const RankTotals& totals, std::size_t rows, std::size_t years) {
  const BatchCounts& counts = state.accepted;
  EnsembleResult result;
  result.members = counts.members;
  result.seed = options.seed;
  result.rows = rows;
  result.years = years;
  result.precision_reached = state.precision_reached;
  result.cancelled = state.cancelled;
  result.invalid_members = counts.invalid;
  result.invalid_examples = totals.invalid_examples;
  const std::size_t cells = rows * years;
  const double n = static_cast<double>(counts.members);
  result.mean.resize(cells);
  result.sd.resize(cells);
  for (std::size_t i = 0; i < cells; ++i) {
    const double sum = totals.sums.value(i), squares = totals.sums.value(cells + i);
    result.mean[i] = sum / n;
    const double variance = n > 1 ? (squares - sum * sum / n) / (n - 1) : 0.0;
    result.sd[i] = std::sqrt(std::max(0.0, variance));
  }
  result.quantile_levels = options.quantiles;
  result.quantile_rows = options.quantile_rows;
  for (const auto& sketch : totals.sketches) {
    for (const double level : options.quantiles) result.quantiles.push_back(sketch.quantile(level));
  }
  for (std::size_t o = 0; o < objectives.size(); ++o) {
    result.objectives.push_back({objectives[o].id, counts.successes[o],
                                 estimate_proportion(counts.successes[o], counts.members)});
  }
  result.joint_successes = counts.joint;
  result.joint = estimate_proportion(counts.joint, counts.members);
  return result;
}

}  // namespace

double EnsembleResult::quantile_at(std::size_t row, std::size_t year, std::size_t level) const {
  const auto found = std::find(quantile_rows.begin(), quantile_rows.end(), row);
  if (found == quantile_rows.end()) return std::numeric_limits<double>::quiet_NaN();
  const auto index = static_cast<std::size_t>(found - quantile_rows.begin());
  return quantiles[(index * years + year) * quantile_levels.size() + level];
}

void check_ensemble_options(const EnsembleOptions& options) {
  // A block of no members would never end (a forged results file once made
  // rerun spin so); the command line and the results reader refuse these
  // too, with the name of the option or attribute.
  check_setting("ensemble: block", std::uint64_t{options.block}, BLOCK_RANGE);
  check_setting("ensemble: threads", static_cast<std::int64_t>(options.threads), THREADS_RANGE);
  if (options.precision != 0.0)
    check_setting("ensemble: precision", options.precision, PRECISION_RANGE);
  check_setting("ensemble: quantile levels", std::uint64_t{options.quantiles.size()},
                IntegerRange{0, QUANTILE_COUNT_RANGE.high});
  for (const double level : options.quantiles)
    check_setting("ensemble: quantile level", level, QUANTILE_LEVEL_RANGE);
  check_setting("ensemble: quantile accuracy", options.sketch_accuracy, SKETCH_ACCURACY_RANGE);
}

EnsembleResult run_ensemble(const Model& model, const std::vector<ObjectiveSpec>& objectives,
                            const EnsembleOptions& options) {
  // Settings and the batches they make, refused before anything runs.
  check_ensemble_options(options);
  const BatchPlan plan = plan_batches(options);
  const SingleProcess alone;
  const Cluster& cluster = options.cluster != nullptr ? *options.cluster : alone;
  // The threads, their evaluators and what they accumulate.
  BatchRunner runner(model, objectives, options);
  RankTotals totals(runner.rows(), runner.years(), runner.empty_sketches());
  RunState state(objectives.size(), options.members);
  // One process keeping no records: nothing is decided between the
  // requested batches, so they run side by side.
  if (cluster.size() == 1 && runner.records() == nullptr && plan.requested_batches() > 0) {
    state.cancelled = runner.run_requested_side_by_side(plan, state.accepted, totals);
    state.next = plan.requested_batches();
  }
  // Round by round, a batch per rank: the rest of the requested members,
  // then one batch at a time towards the precision target or the cap.
  while (!state.cancelled && run_round(runner, plan, cluster, options, state, totals)) {
  }
  // Every rank's sums, sketches and examples of invalid members, merged.
  merge_rank_totals(cluster, totals);
  return summarize(objectives, options, state, totals, model.rows(), model.years());
}

}  // namespace traj
