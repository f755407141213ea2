#pragma once
/// Where a block's results go, year by year while they are in cache: the
/// guards against impossible values, the partial sums, the threads'
/// sketches, the objectives' outcomes and the per-member records. The hot
/// path of the ensemble (one call per year of each block).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "ensemble/accumulator.hpp"
#include "ensemble/member_records.hpp"
#include "traj/ensemble.hpp"
#include "traj/model.hpp"
#include "traj/quantile_sketch.hpp"

namespace traj::ensemble {

/// What every thread reads while a batch runs.
struct RunContext {
  const std::vector<ObjectiveSpec>& objectives;
  const EnsembleOptions& options;
  /// options.draws, or the run's own.
  std::shared_ptr<const ParameterSampler> prepared;
  const ParameterSampler& draws;
  std::size_t rows, years;
  std::vector<int> quantile_index;     ///< per row: index among quantile rows, or -1
  std::vector<char> non_negative_row;  ///< per row: 1 if it cannot be negative
  /// Per year: its place among the recorded years (options.recorded_years),
  /// or -1 when it is not recorded.
  std::vector<int> recorded_year_slot;
  BatchRecords* records = nullptr;  ///< the batch's records (with options.on_members)

  RunContext(const Model& model, const std::vector<ObjectiveSpec>& objectives,
             const EnsembleOptions& options);
  std::size_t cells() const { return rows * years; }
  std::vector<QuantileSketch> empty_sketches() const;
  /// Sums and counts start at zero; sketches are left empty, as values go to
  /// the thread's sketches (Worker::sketches), drained into the batch's
  /// accumulator when a batch ends, or into the totals when batches run
  /// side by side.
  Accumulator empty() const { return Accumulator(cells(), objectives.size()); }
};

/// Per-thread scratch: the model's evaluator and the block's draws.
struct Worker {
  std::unique_ptr<BlockEvaluator> evaluator;
  std::vector<double> parameters;
  std::vector<double> objective_values;      ///< [objective × lanes]
  std::vector<double> objective_references;  ///< [objective × lanes]
  std::vector<char> invalid;                 ///< per lane: the member's results are not valid
  /// This thread's share of the sketches [quantile row × years + year] since
  /// they were last drained (BatchRunner). Counts are integers, so which
  /// thread counted a member changes nothing; kept per thread rather than
  /// per chunk, they are not rebuilt and merged every CHUNK members.
  std::vector<QuantileSketch> sketches;
  /// With records: the block's recorded trajectories as the kernel hands
  /// them over, [recorded row × recorded year + slot][lane], copied lane
  /// after lane at the end of the block into the records' member-major
  /// layout (writing there year by year touched a cache line per value).
  std::vector<double> record_stage;

  Worker(const Model& model, const RunContext& context, std::size_t block);
};

/// Takes one block's years into `accumulator`, then (finish_block) its
/// objectives' outcomes.
class BlockSink final : public YearSink {
 public:
  BlockSink(RunContext& context, Accumulator& accumulator, Worker& worker, std::uint64_t first);

  void year(std::size_t year_index, const double* values, std::size_t lanes) override;
  void year(std::size_t year_index, const float* values, std::size_t lanes) override;
  void year_rows(std::size_t year_index, const float* values, std::size_t lanes,
                 std::size_t first_row, std::size_t row_count) override;
  /// After the block's last year: its members, invalid members and successes,
  /// and its recorded trajectories.
  void finish_block(std::size_t lanes);

 private:
  template <typename Value>
  void take_rows(std::size_t year_index, const Value* values, std::size_t lanes,
                 std::size_t first_row, std::size_t row_count);
  void record_trajectories(std::size_t lanes);

  RunContext& context_;
  Accumulator& accumulator_;
  Worker& worker_;
  std::uint64_t first_;  ///< member number of lane 0
};

}  // namespace traj::ensemble
