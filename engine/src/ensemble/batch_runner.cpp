#include "ensemble/batch_runner.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_reduce.h>

#include <algorithm>
#include <atomic>
#include <mutex>

namespace traj::ensemble {

namespace {

/// The chunks of one batch, for tbb::parallel_deterministic_reduce: each
/// chunk's blocks on one thread, chunks joined in a fixed order.
class ChunkBody {
 public:
  ChunkBody(RunContext& context, tbb::enumerable_thread_specific<Worker>& workers,
            MemberRange batch)
      : context_(context), workers_(workers), batch_(batch), accumulator_(context.empty()) {}
  ChunkBody(ChunkBody& other, tbb::split)
      : context_(other.context_),
        workers_(other.workers_),
        batch_(other.batch_),
        accumulator_(other.context_.empty()) {}

  void operator()(const tbb::blocked_range<std::uint64_t>& chunks) {
    Worker& worker = workers_.local();
    const std::size_t block = context_.options.block;
    for (std::uint64_t chunk = chunks.begin(); chunk != chunks.end(); ++chunk) {
      const std::uint64_t chunk_first = batch_.first + chunk * CHUNK;
      const std::uint64_t chunk_end = std::min(batch_.end, chunk_first + CHUNK);
      for (std::uint64_t member = chunk_first; member < chunk_end; member += block) {
        const auto lanes =
            static_cast<std::size_t>(std::min<std::uint64_t>(block, chunk_end - member));
        context_.draws.fill(member, lanes, worker.parameters.data());
        if (context_.records != nullptr) record_parameters(member, lanes, worker.parameters.data());
        BlockSink sink(context_, accumulator_, worker, member);
        worker.evaluator->run(worker.parameters.data(), lanes, sink);
        sink.finish_block(lanes);
      }
    }
  }

  void join(ChunkBody& right) { accumulator_.merge(right.accumulator_); }

  Accumulator& accumulator() { return accumulator_; }

 private:
  // Members of a batch write to disjoint places: no lock needed.
  void record_parameters(std::uint64_t member, std::size_t lanes, const double* values) {
    BatchRecords& records = *context_.records;
    const std::size_t count = records.parameters;
    double* out = records.parameter_values.data() + (member - records.first) * count;
    // [parameter][lane] to [lane][parameter], PARAMETER_TILE parameters at a
    // time: a member's values are written a cache line after another.
    constexpr std::size_t PARAMETER_TILE = 16;
    for (std::size_t p0 = 0; p0 < count; p0 += PARAMETER_TILE) {
      const std::size_t p_end = std::min(count, p0 + PARAMETER_TILE);
      for (std::size_t l = 0; l < lanes; ++l) {
        for (std::size_t p = p0; p < p_end; ++p) out[l * count + p] = values[p * lanes + l];
      }
    }
  }

  RunContext& context_;
  tbb::enumerable_thread_specific<Worker>& workers_;
  MemberRange batch_;
  Accumulator accumulator_;
};

/// The most lanes a block of the run can have: a block, or every member
/// the run may have when they are fewer (an ensemble of 100 members, as
/// compare runs one per action, then holds 100 lanes of working arrays, not
/// 256: what a lane computes does not depend on the arrays' size).
std::size_t worker_lanes(const EnsembleOptions& options) {
  const std::uint64_t most =
      options.precision > 0.0 ? std::max(options.members, options.max_members) : options.members;
  return static_cast<std::size_t>(
      std::max<std::uint64_t>(1, std::min<std::uint64_t>(options.block, most)));
}

int thread_count(const EnsembleOptions& options) {
  return options.threads > 0 ? options.threads : tbb::this_task_arena::max_concurrency();
}

}  // namespace

BatchRunner::BatchRunner(const Model& model, const std::vector<ObjectiveSpec>& objectives,
                         const EnsembleOptions& options)
    : context_(model, objectives, options),
      workers_(
          [&model, this, lanes = worker_lanes(options)] { return Worker(model, context_, lanes); }),
      arena_(thread_count(options)) {
  if (options.on_members) {
    const std::size_t recorded_years =
        options.recorded_years.empty() ? context_.years : options.recorded_years.size();
    records_.emplace(options, model.parameters().size(), objectives.size(), recorded_years);
    context_.records = &*records_;
  }
}

Accumulator BatchRunner::run_batch(MemberRange batch) {
  if (records_) records_->first = batch.first;
  ChunkBody body(context_, workers_, batch);
  on_threads([&] {
    tbb::parallel_deterministic_reduce(tbb::blocked_range<std::uint64_t>(0, batch.chunks(), 1),
                                       body);
  });
  Accumulator result = std::move(body.accumulator());
  result.sketches = context_.empty_sketches();
  drain_sketches(result.sketches);
  return result;
}

bool BatchRunner::run_requested_side_by_side(const BatchPlan& plan, BatchCounts& accepted,
                                             RankTotals& totals) {
  const EnsembleOptions& options = context_.options;
  std::mutex totals_mutex;
  std::atomic<bool> stopping = false;
  on_threads([&] {
    tbb::parallel_for(
        tbb::blocked_range<std::uint64_t>(0, plan.requested_batches(), 1),
        [&](const tbb::blocked_range<std::uint64_t>& batches) {
          for (std::uint64_t k = batches.begin(); k != batches.end(); ++k) {
            if (stopping.load() || (options.cancelled && options.cancelled())) {
              stopping = true;
              return;
            }
            const MemberRange range = plan.batch(k);
            ChunkBody body(context_, workers_, range);
            tbb::parallel_deterministic_reduce(
                tbb::blocked_range<std::uint64_t>(0, range.chunks(), 1), body);
            const Accumulator& batch = body.accumulator();
            const std::lock_guard lock(totals_mutex);
            accepted.add(batch.counts);
            totals.add(batch);
            if (options.progress) options.progress(accepted.members, options.members);
          }
        },
        tbb::simple_partitioner());
  });
  drain_sketches(totals.sketches);
  return stopping.load();
}

void BatchRunner::drain_sketches(std::vector<QuantileSketch>& into) {
  const double accuracy = context_.options.sketch_accuracy;
  for (Worker& worker : workers_) {
    for (std::size_t i = 0; i < into.size(); ++i) {
      into[i].merge(worker.sketches[i]);
      worker.sketches[i] = QuantileSketch(accuracy);
    }
  }
}

}  // namespace traj::ensemble
