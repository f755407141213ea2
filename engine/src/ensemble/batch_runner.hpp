#pragma once
/// Runs batches of members on the run's threads (a oneTBB arena): each
/// batch is cut into chunks of CHUNK members reduced in a fixed order
/// (tbb::parallel_deterministic_reduce), each chunk into blocks of the
/// model's lanes on one thread. Results do not depend on the thread count
/// or the block size.

#include <tbb/enumerable_thread_specific.h>
#include <tbb/task_arena.h>

#include <optional>
#include <vector>

#include "ensemble/accumulator.hpp"
#include "ensemble/batch_plan.hpp"
#include "ensemble/block_sink.hpp"
#include "ensemble/member_records.hpp"

namespace traj::ensemble {

class BatchRunner {
 public:
  BatchRunner(const Model& model, const std::vector<ObjectiveSpec>& objectives,
              const EnsembleOptions& options);
  BatchRunner(const BatchRunner&) = delete;  // the context points into it
  BatchRunner& operator=(const BatchRunner&) = delete;

  std::size_t cells() const { return context_.cells(); }
  std::size_t rows() const { return context_.rows; }
  std::size_t years() const { return context_.years; }
  std::vector<QuantileSketch> empty_sketches() const { return context_.empty_sketches(); }
  Accumulator empty_accumulator() const { return context_.empty(); }
  /// Per-member records of the last batch run (with options.on_members), or null.
  const BatchRecords* records() const { return context_.records; }

  /// Runs one batch on every thread: its sums, counts and sketches (and
  /// its records).
  Accumulator run_batch(MemberRange batch);

  /// Runs the plan's requested batches side by side, so that no thread
  /// waits for the last chunk of a batch before the next begins; each
  /// batch is still reduced in its own fixed order. For one process keeping
  /// no per-member records, where nothing is decided between them (every
  /// one is accepted, and what they add is exact or an integer, so order
  /// does not matter). Adds them to `accepted` and `totals`; returns
  /// whether the run was cancelled.
  bool run_requested_side_by_side(const BatchPlan& plan, BatchCounts& accepted, RankTotals& totals);

 private:
  /// Moves what the threads counted into `into` (counts: any order is exact).
  void drain_sketches(std::vector<QuantileSketch>& into);
  /// Runs `work` on the run's threads: its own arena, or the caller's
  /// (EnsembleOptions::in_callers_arena).
  template <typename Work>
  void on_threads(const Work& work) {
    if (context_.options.in_callers_arena) {
      work();
    } else {
      arena_.execute(work);
    }
  }

  RunContext context_;
  std::optional<BatchRecords> records_;
  tbb::enumerable_thread_specific<Worker> workers_;
  tbb::task_arena arena_;
};

}  // namespace traj::ensemble
