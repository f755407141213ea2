#include "traj/ensemble.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_reduce.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <mutex>

#include "traj/cluster.hpp"
#include "traj/error.hpp"
#include "traj/exact_sum.hpp"
#include "traj/lane_clones.hpp"
#include "traj/lane_vector.hpp"
#include "traj/objective_judgement.hpp"
#include "traj/quantile_sketch.hpp"
#include "traj/random_stream.hpp"
#include "traj/setting_ranges.hpp"

namespace traj {
namespace {

// Members are reduced in chunks of a fixed size, whatever the block size or
// the thread count, so that the order of every floating-point sum is fixed.
constexpr std::uint64_t CHUNK = 1024;
constexpr std::uint64_t CHUNKS_PER_BATCH = 16;
// Sums are kept in PARTIALS interleaved accumulators, member m adding to
// partial m mod PARTIALS: each partial still sums its members in order
// (so results do not depend on the block size), and the loop vectorises.
constexpr std::size_t PARTIALS = 8;

/// For every row of one year of a block: marks the lanes whose value is not
/// finite or, for non-negative rows, negative; and adds each lane to the
/// partial sum of its member (member m → partial m mod PARTIALS). One call
/// per year, so that the loops below are compiled (and dispatched) once.
/// Values of single precision are widened exactly, lane by lane.
template <typename Value>
TRAJ_LANE_CLONES void accumulate_rows(const Value* values, std::size_t rows, std::size_t lanes,
                                      bool aligned, std::uint64_t first, const char* non_negative,
                                      double* sum, double* squares, std::size_t row_stride,
                                      char* invalid) {
  static_assert(PARTIALS == 8, "the aligned loop holds the partials in two Double4");
  constexpr double LARGEST = std::numeric_limits<double>::max();
  for (std::size_t row = 0; row < rows; ++row) {
    const Value* lanes_of = values + row * lanes;
    const double lowest = non_negative[row] != 0 ? 0.0 : -LARGEST;
    double* row_sum = sum + row * row_stride;
    double* row_squares = squares + row * row_stride;
    bool suspect = false;
    if (aligned) {
      // In registers: the sums may alias `values` as far as the compiler
      // knows, which would keep them in memory; same additions, same order.
      const Double4 low = {lowest, lowest, lowest, lowest};
      const Double4 high = {LARGEST, LARGEST, LARGEST, LARGEST};
      Double4 sum_low = load4(row_sum), sum_high = load4(row_sum + 4);
      Double4 squares_low = load4(row_squares), squares_high = load4(row_squares + 4);
      Mask4 outside = {0, 0, 0, 0};
      for (std::size_t l = 0; l < lanes; l += PARTIALS) {
        const Double4 first_half = load4(lanes_of + l);
        const Double4 second_half = load4(lanes_of + l + 4);
        // `!(v >= lowest && v <= max)` also catches NaN.
        outside |= ~((first_half >= low) & (first_half <= high));
        outside |= ~((second_half >= low) & (second_half <= high));
        sum_low += first_half;
        sum_high += second_half;
        squares_low += first_half * first_half;
        squares_high += second_half * second_half;
      }
      store4(row_sum, sum_low);
      store4(row_sum + 4, sum_high);
      store4(row_squares, squares_low);
      store4(row_squares + 4, squares_high);
      suspect = (outside[0] | outside[1] | outside[2] | outside[3]) != 0;
    } else {
      for (std::size_t l = 0; l < lanes; ++l) {
        const std::size_t k = (first + l) % PARTIALS;
        const double value = lanes_of[l];
        row_sum[k] += value;
        row_squares[k] += value * value;
      }
      suspect = true;
    }
    if (!suspect) continue;
    // Rare (or a partial block): find the lanes.
    for (std::size_t l = 0; l < lanes; ++l) {
      const double value = lanes_of[l];
      invalid[l] |= static_cast<char>(!(value >= lowest && value <= LARGEST));
    }
  }
}

// Members with impossible results are named by their smallest numbers.
constexpr std::size_t MAX_EXAMPLES = 5;

/// Keeps the MAX_EXAMPLES smallest distinct member numbers of `examples`.
void keep_smallest(std::vector<std::uint64_t>& examples) {
  std::sort(examples.begin(), examples.end());
  examples.erase(std::unique(examples.begin(), examples.end()), examples.end());
  if (examples.size() > MAX_EXAMPLES) examples.resize(MAX_EXAMPLES);
}

/// Sums, sketches and success counts of a set of members.
struct Accumulator {
  std::uint64_t members = 0;
  std::vector<double> sum, sum_squares;  ///< [(row × years + year) × PARTIALS + partial]
  std::vector<QuantileSketch> sketches;  ///< [quantile row × years + year]
  std::vector<std::uint64_t> successes;  ///< per objective
  std::uint64_t joint = 0;
  std::uint64_t invalid = 0;
  std::vector<std::uint64_t> invalid_examples;  ///< smallest member numbers (keep_smallest)

  void note_invalid(std::uint64_t member) {
    ++invalid;
    invalid_examples.push_back(member);
    keep_smallest(invalid_examples);
  }

  void merge(const Accumulator& other) {
    invalid += other.invalid;
    invalid_examples.insert(invalid_examples.end(), other.invalid_examples.begin(),
                            other.invalid_examples.end());
    keep_smallest(invalid_examples);
    members += other.members;
    for (std::size_t i = 0; i < sum.size(); ++i) {
      sum[i] += other.sum[i];
      sum_squares[i] += other.sum_squares[i];
    }
    for (std::size_t i = 0; i < sketches.size(); ++i) sketches[i].merge(other.sketches[i]);
    for (std::size_t i = 0; i < successes.size(); ++i) successes[i] += other.successes[i];
    joint += other.joint;
  }
};

struct Context {
  const Model& model;
  const std::vector<ObjectiveSpec>& objectives;
  const EnsembleOptions& options;
  ParameterSampler draws;
  std::size_t rows, years;
  std::vector<int> quantile_index = {};     ///< per row: index among quantile rows, or -1
  std::vector<char> non_negative_row = {};  ///< per row: 1 if it cannot be negative
  // Per-member records of the current batch (when options.on_members is set).
  bool recording = false;
  std::uint64_t batch_first = 0;
  std::size_t capacity = 0;
  std::size_t draws_count = 0;  ///< parameters per member
  std::vector<double> recorded_parameters = {};
  std::vector<double> recorded_trajectories = {};
  std::vector<std::uint8_t> recorded_successes = {};

  std::vector<QuantileSketch> empty_sketches() const {
    return std::vector<QuantileSketch>(options.quantile_rows.size() * years,
                                       QuantileSketch(options.sketch_accuracy));
  }
  /// Sums and counts start at zero; sketches are left empty, as values go to
  /// the thread's sketches (Worker::sketches), drained into the batch's
  /// accumulator when a batch ends, or into the totals when batches run
  /// side by side.
  Accumulator empty() const {
    Accumulator accumulator;
    accumulator.sum.assign(rows * years * PARTIALS, 0.0);
    accumulator.sum_squares.assign(rows * years * PARTIALS, 0.0);
    accumulator.successes.assign(objectives.size(), 0);
    return accumulator;
  }
};

/// Per-thread scratch: the model's evaluator and the block's draws.
struct Worker {
  std::unique_ptr<BlockEvaluator> evaluator;
  std::vector<double> parameters;
  std::vector<double> objective_values;      ///< [objective × lanes]
  std::vector<double> objective_references;  ///< [objective × lanes]
  std::vector<char> invalid;                 ///< per lane: the member's results are not valid
  /// This thread's share of the sketches [quantile row × years + year] since
  /// they were last drained (drain_sketches). Counts are integers, so
  /// which thread counted a member changes nothing; kept per thread rather
  /// than per chunk, they are not rebuilt and merged every CHUNK members.
  std::vector<QuantileSketch> sketches;
};

class AccumulatingSink final : public YearSink {
 public:
  AccumulatingSink(Context& context, Accumulator& accumulator, Worker& worker, std::uint64_t first)
      : context_(context), accumulator_(accumulator), worker_(worker), first_(first) {
    std::fill(worker_.invalid.begin(), worker_.invalid.end(), 0);
  }

  void year(std::size_t year_index, const double* values, std::size_t lanes) override {
    take_year(year_index, values, lanes);
  }
  void year(std::size_t year_index, const float* values, std::size_t lanes) override {
    take_year(year_index, values, lanes);
  }

  void finish_block(std::size_t lanes) {
    accumulator_.members += lanes;
    for (std::size_t l = 0; l < lanes; ++l) {
      if (worker_.invalid[l] != 0) accumulator_.note_invalid(first_ + l);
    }
    for (std::size_t l = 0; l < lanes; ++l) {
      bool all = true;
      for (std::size_t o = 0; o < context_.objectives.size(); ++o) {
        const ObjectiveSpec& objective = context_.objectives[o];
        double value = worker_.objective_values[o * lanes + l];
        if (objective.relative) {
          const double reference = objective.reference_from_year
                                       ? worker_.objective_references[o * lanes + l]
                                       : objective.reference_value;
          value = ratio_to_reference(value, reference);
        }
        const bool met = meets_threshold(objective.at_most, objective.threshold, value);
        accumulator_.successes[o] += met ? 1 : 0;
        all = all && met;
        if (context_.recording) {
          context_
              .recorded_successes[(first_ - context_.batch_first + l) * context_.objectives.size() +
                                  o] = met ? 1 : 0;
        }
      }
      accumulator_.joint += all ? 1 : 0;
    }
  }

 private:
  template <typename Value>
  void take_year(std::size_t year_index, const Value* values, std::size_t lanes) {
    const std::size_t years = context_.years;
    const bool aligned = first_ % PARTIALS == 0 && lanes % PARTIALS == 0;
    // Guards (non-finite or impossible values mark the member as invalid) and sums.
    accumulate_rows(values, context_.rows, lanes, aligned, first_, context_.non_negative_row.data(),
                    accumulator_.sum.data() + year_index * PARTIALS,
                    accumulator_.sum_squares.data() + year_index * PARTIALS, years * PARTIALS,
                    worker_.invalid.data());
    for (std::size_t row = 0; row < context_.rows; ++row) {
      const Value* lanes_of = values + row * lanes;
      const int quantile = context_.quantile_index[row];
      if (quantile >= 0) {
        QuantileSketch& sketch =
            worker_.sketches[static_cast<std::size_t>(quantile) * years + year_index];
        sketch.add(lanes_of, lanes);
      }
    }
    if (context_.recording) {
      const std::size_t offset = first_ - context_.batch_first;
      for (std::size_t r = 0; r < context_.options.recorded_rows.size(); ++r) {
        const Value* lanes_of = values + context_.options.recorded_rows[r] * lanes;
        double* out = context_.recorded_trajectories.data() +
                      (r * context_.capacity + offset) * years + year_index;
        for (std::size_t l = 0; l < lanes; ++l) out[l * years] = lanes_of[l];
      }
    }
    for (std::size_t o = 0; o < context_.objectives.size(); ++o) {
      const ObjectiveSpec& objective = context_.objectives[o];
      if (objective.year_index == year_index) {
        std::copy_n(values + objective.row * lanes, lanes,
                    worker_.objective_values.data() + o * lanes);
      }
      if (objective.relative && objective.reference_from_year &&
          objective.reference_year_index == year_index) {
        std::copy_n(values + objective.row * lanes, lanes,
                    worker_.objective_references.data() + o * lanes);
      }
    }
  }

  Context& context_;
  Accumulator& accumulator_;
  Worker& worker_;
  std::uint64_t first_;  ///< member number of lane 0
};

class ChunkBody {
 public:
  ChunkBody(Context& context, tbb::enumerable_thread_specific<Worker>& workers,
            std::uint64_t first_member, std::uint64_t end_member)
      : context_(context),
        workers_(workers),
        first_(first_member),
        end_(end_member),
        accumulator_(context.empty()) {}
  ChunkBody(ChunkBody& other, tbb::split)
      : context_(other.context_),
        workers_(other.workers_),
        first_(other.first_),
        end_(other.end_),
        accumulator_(other.context_.empty()) {}

  void operator()(const tbb::blocked_range<std::uint64_t>& chunks) {
    Worker& worker = workers_.local();
    const std::size_t block = context_.options.block;
    for (std::uint64_t chunk = chunks.begin(); chunk != chunks.end(); ++chunk) {
      const std::uint64_t chunk_first = first_ + chunk * CHUNK;
      const std::uint64_t chunk_end = std::min(end_, chunk_first + CHUNK);
      for (std::uint64_t member = chunk_first; member < chunk_end; member += block) {
        const auto lanes =
            static_cast<std::size_t>(std::min<std::uint64_t>(block, chunk_end - member));
        context_.draws.fill(member, lanes, worker.parameters.data());
        if (context_.recording) record_parameters(member, lanes, worker.parameters.data());
        AccumulatingSink sink(context_, accumulator_, worker, member);
        worker.evaluator->run(worker.parameters.data(), lanes, sink);
        sink.finish_block(lanes);
      }
    }
  }

  void join(ChunkBody& right) { accumulator_.merge(right.accumulator_); }

  // Members of a batch write to disjoint places: no lock needed.
  void record_parameters(std::uint64_t member, std::size_t lanes, const double* values) {
    const std::size_t count = context_.draws_count;
    double* out = context_.recorded_parameters.data() + (member - context_.batch_first) * count;
    for (std::size_t p = 0; p < count; ++p) {
      for (std::size_t l = 0; l < lanes; ++l) out[l * count + p] = values[p * lanes + l];
    }
  }
  Accumulator& accumulator() { return accumulator_; }

 private:
  Context& context_;
  tbb::enumerable_thread_specific<Worker>& workers_;
  std::uint64_t first_, end_;
  Accumulator accumulator_;
};

double half_width(const ProportionEstimate& estimate) {
  return (estimate.ci_high - estimate.ci_low) / 2.0;
}

}  // namespace

double EnsembleResult::quantile_at(std::size_t row, std::size_t year, std::size_t level) const {
  const auto found = std::find(quantile_rows.begin(), quantile_rows.end(), row);
  if (found == quantile_rows.end()) return std::numeric_limits<double>::quiet_NaN();
  const auto index = static_cast<std::size_t>(found - quantile_rows.begin());
  return quantiles[(index * years + year) * quantile_levels.size() + level];
}

ParameterSampler::ParameterSampler(const ParameterSet& parameters, std::uint64_t seed) {
  for (const auto& parameter : parameters.all()) {
    samplers_.emplace_back(parameter.distribution);
    keys_.push_back(stream_key(seed, parameter.name));
  }
}

ParameterSampler::~ParameterSampler() = default;

void ParameterSampler::fill(std::uint64_t first, std::size_t lanes, double* values) const {
  for (std::size_t p = 0; p < samplers_.size(); ++p) {
    const Sampler& sampler = samplers_[p];
    double* row = values + p * lanes;
    uniform_draws(keys_[p], first, lanes, row);
    sampler.transform(row, lanes);
  }
}

void sample_parameters(const ParameterSet& parameters, std::uint64_t seed, std::uint64_t first,
                       std::size_t lanes, double* values) {
  ParameterSampler(parameters, seed).fill(first, lanes, values);
}

namespace {

/// What a rank keeps of the batches it ran, merged exactly: sums and sums of
/// squares (exact, so their order does not matter), sketches (integers).
struct RankTotals {
  ExactSums sums;  ///< [cell] sums, then [cells + cell] sums of squares
  std::vector<QuantileSketch> sketches;
  std::vector<std::uint64_t> invalid_examples;

  void add(const Accumulator& batch, std::size_t cells) {
    for (std::size_t cell = 0; cell < cells; ++cell) {
      for (std::size_t k = 0; k < PARTIALS; ++k) {
        sums.add(cell, batch.sum[cell * PARTIALS + k]);
        sums.add(cells + cell, batch.sum_squares[cell * PARTIALS + k]);
      }
    }
    // (Empty when the workers' sketches were merged here directly.)
    for (std::size_t i = 0; i < batch.sketches.size(); ++i) sketches[i].merge(batch.sketches[i]);
    invalid_examples.insert(invalid_examples.end(), batch.invalid_examples.begin(),
                            batch.invalid_examples.end());
    keep_smallest(invalid_examples);
  }
};

/// Integers a batch contributes to the counts every rank keeps.
struct BatchCounts {
  std::vector<std::uint64_t> successes;
  std::uint64_t joint = 0, members = 0, invalid = 0;
};

// Per-member records of a batch, as bytes (to another rank).
std::vector<unsigned char> pack_records(const MemberRecords& records, std::size_t parameters,
                                        std::size_t recorded_rows, std::size_t objectives) {
  const std::size_t count = records.count, years = records.years;
  std::vector<double> numbers;
  numbers.reserve(2 + count * parameters + recorded_rows * count * years);
  numbers.push_back(static_cast<double>(records.first));
  numbers.push_back(static_cast<double>(count));
  numbers.insert(numbers.end(), records.parameters, records.parameters + count * parameters);
  for (std::size_t r = 0; r < recorded_rows; ++r) {
    const double* row = records.trajectories + r * records.capacity * years;
    numbers.insert(numbers.end(), row, row + count * years);
  }
  std::vector<unsigned char> bytes(numbers.size() * sizeof(double) + count * objectives);
  std::memcpy(bytes.data(), numbers.data(), numbers.size() * sizeof(double));
  std::memcpy(bytes.data() + numbers.size() * sizeof(double), records.successes,
              count * objectives);
  return bytes;
}

struct UnpackedRecords {
  std::vector<double> parameters, trajectories;
  std::vector<std::uint8_t> successes;
  MemberRecords records;
};

UnpackedRecords unpack_records(const std::vector<unsigned char>& bytes, std::size_t parameters,
                               std::size_t recorded_rows, std::size_t objectives,
                               std::size_t years) {
  UnpackedRecords unpacked;
  double header[2];
  std::memcpy(header, bytes.data(), sizeof header);
  const auto count = static_cast<std::size_t>(header[1]);
  const unsigned char* at = bytes.data() + sizeof header;
  unpacked.parameters.resize(count * parameters);
  std::memcpy(unpacked.parameters.data(), at, unpacked.parameters.size() * sizeof(double));
  at += unpacked.parameters.size() * sizeof(double);
  unpacked.trajectories.resize(recorded_rows * count * years);
  std::memcpy(unpacked.trajectories.data(), at, unpacked.trajectories.size() * sizeof(double));
  at += unpacked.trajectories.size() * sizeof(double);
  unpacked.successes.assign(at, at + count * objectives);
  MemberRecords& records = unpacked.records;
  records.first = static_cast<std::uint64_t>(header[0]);
  records.count = count;
  records.capacity = count;
  records.years = years;
  records.parameters = parameters > 0 ? unpacked.parameters.data() : nullptr;
  records.trajectories = unpacked.trajectories.data();
  records.successes = unpacked.successes.data();
  return unpacked;
}

}  // namespace

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
  check_ensemble_options(options);
  const std::uint64_t most =
      options.precision > 0.0 ? std::max(options.members, options.max_members) : options.members;
  if (most > QuantileSketch::MAX_COUNT) {
    throw InputError("an ensemble holds at most " + std::to_string(QuantileSketch::MAX_COUNT) +
                     " members (the quantile sketches count in 32 bits), found " +
                     std::to_string(most));
  }
  const SingleProcess alone;
  const Cluster& cluster = options.cluster != nullptr ? *options.cluster : alone;
  const auto ranks = static_cast<std::uint64_t>(cluster.size());
  const auto rank = static_cast<std::uint64_t>(cluster.rank());
  Context context{model,        objectives,
                  options,      ParameterSampler(model.parameters(), options.seed),
                  model.rows(), model.years()};
  context.quantile_index.assign(context.rows, -1);
  context.non_negative_row.assign(context.rows, 0);
  for (const std::size_t row : model.non_negative_rows()) context.non_negative_row[row] = 1;
  for (std::size_t i = 0; i < options.quantile_rows.size(); ++i) {
    context.quantile_index[options.quantile_rows[i]] = static_cast<int>(i);
  }
  const std::size_t block = std::max<std::size_t>(1, options.block);
  tbb::enumerable_thread_specific<Worker> workers([&] {
    Worker worker;
    worker.evaluator = model.make_evaluator(block);
    worker.parameters.assign(model.parameters().size() * block, 0.0);
    worker.objective_values.assign(objectives.size() * block, 0.0);
    worker.objective_references.assign(objectives.size() * block, 1.0);
    worker.invalid.assign(block, 0);
    worker.sketches = context.empty_sketches();
    return worker;
  });
  if (options.on_members) {
    context.recording = true;
    context.capacity = CHUNK * CHUNKS_PER_BATCH;
    context.draws_count = options.record_parameters ? model.parameters().size() : 0;
    context.recorded_parameters.assign(context.capacity * context.draws_count, 0.0);
    context.recorded_trajectories.assign(
        options.recorded_rows.size() * context.capacity * context.years, 0.0);
    context.recorded_successes.assign(context.capacity * objectives.size(), 0);
  }

  const std::size_t cells = context.rows * context.years;
  RankTotals totals{ExactSums(2 * cells), context.empty_sketches(), {}};
  // Counts over every accepted batch of every rank: the same on all ranks.
  BatchCounts global;
  global.successes.assign(objectives.size(), 0);
  const auto precise_enough = [&] {
    if (options.precision <= 0.0) return true;
    for (const auto successes : global.successes) {
      if (half_width(estimate_proportion(successes, global.members)) > options.precision)
        return false;
    }
    return true;
  };

  // The batches, numbered k = 0, 1, …, are those a single process runs in
  // turn: first the requested members, then (with a precision target) one
  // more batch at a time until the target or the cap. Batch k of a round
  // goes to rank k mod R.
  const std::uint64_t batch_size = CHUNK * CHUNKS_PER_BATCH;
  const std::uint64_t first_batches = (options.members + batch_size - 1) / batch_size;
  const auto bounds = [&](std::uint64_t k) -> std::pair<std::uint64_t, std::uint64_t> {
    if (k < first_batches) {
      return {k * batch_size, std::min(options.members, (k + 1) * batch_size)};
    }
    const std::uint64_t start = options.members + (k - first_batches) * batch_size;
    if (start >= options.max_members) return {start, start};
    return {start, std::min(options.max_members, start + batch_size)};
  };

  const std::size_t count_words = objectives.size() + 3;  // successes, joint, members, invalid
  bool cancelled = false;
  bool reached = true;
  bool extending = false;  // past the requested members, towards the precision target
  const int threads =
      options.threads > 0 ? options.threads : tbb::this_task_arena::max_concurrency();
  tbb::task_arena arena(threads);
  std::uint64_t next = 0;
  std::uint64_t planned = options.members;
  // Moves what the threads counted into `into` (counts: any order is exact).
  const auto drain_sketches = [&](std::vector<QuantileSketch>& into) {
    for (Worker& worker : workers) {
      for (std::size_t i = 0; i < into.size(); ++i) {
        into[i].merge(worker.sketches[i]);
        worker.sketches[i] = QuantileSketch(options.sketch_accuracy);
      }
    }
  };

  // One process keeping no per-member records: nothing is decided between
  // the requested batches (every one is accepted, and what they add to the
  // totals is exact or an integer, so order does not matter). They run side
  // by side, so that no thread waits for the last chunk of a batch before
  // the next begins; each batch is still reduced in its own fixed order.
  if (ranks == 1 && !context.recording && first_batches > 0) {
    std::mutex totals_mutex;
    std::atomic<bool> stopping = false;
    arena.execute([&] {
      tbb::parallel_for(
          tbb::blocked_range<std::uint64_t>(0, first_batches, 1),
          [&](const tbb::blocked_range<std::uint64_t>& batches) {
            for (std::uint64_t k = batches.begin(); k != batches.end(); ++k) {
              if (stopping.load() || (options.cancelled && options.cancelled())) {
                stopping = true;
                return;
              }
              const auto [start, end] = bounds(k);
              ChunkBody body(context, workers, start, end);
              tbb::parallel_deterministic_reduce(
                  tbb::blocked_range<std::uint64_t>(0, (end - start + CHUNK - 1) / CHUNK, 1), body);
              const Accumulator& batch = body.accumulator();
              const std::lock_guard lock(totals_mutex);
              for (std::size_t o = 0; o < objectives.size(); ++o)
                global.successes[o] += batch.successes[o];
              global.joint += batch.joint;
              global.members += batch.members;
              global.invalid += batch.invalid;
              totals.add(batch, cells);
              if (options.progress) options.progress(global.members, planned);
            }
          },
          tbb::simple_partitioner());
    });
    drain_sketches(totals.sketches);
    next = first_batches;
    cancelled = stopping.load();
  }

  while (!cancelled) {
    if (!extending && next >= first_batches) {
      if (precise_enough()) break;
      extending = true;
    }
    // The batches of this round.
    std::uint64_t round = 0;
    while (round < ranks) {
      const std::uint64_t k = next + round;
      if (!extending && k >= first_batches) break;
      const auto [start, end] = bounds(k);
      if (start >= end) break;
      ++round;
    }
    if (round == 0) {
      reached = false;  // at the cap without the precision target
      break;
    }
    if (extending) planned = bounds(next + round - 1).second;

    // This rank's batch.
    Accumulator mine = context.empty();
    bool ran = false;
    std::int64_t stop = 0;  // 1: cancelled, 2 + r: rank r failed
    std::string failure;
    if (options.cancelled && options.cancelled()) stop = 1;
    if (stop == 0 && rank < round) {
      const auto [start, end] = bounds(next + rank);
      const auto run_batch = [&, start = start, end = end] {
        const std::uint64_t chunks = (end - start + CHUNK - 1) / CHUNK;
        context.batch_first = start;
        ChunkBody body(context, workers, start, end);
        arena.execute([&] {
          tbb::parallel_deterministic_reduce(tbb::blocked_range<std::uint64_t>(0, chunks, 1), body);
        });
        mine = std::move(body.accumulator());
        mine.sketches = context.empty_sketches();
        drain_sketches(mine.sketches);
      };
      if (ranks == 1) {
        run_batch();  // exceptions reach the caller as they are
      } else {
        try {
          run_batch();
        } catch (const std::exception& error) {
          stop = 2 + static_cast<std::int64_t>(rank);
          failure = error.what();
        }
      }
      ran = stop == 0;
    }

    // Every rank learns every batch's counts, and whether to stop.
    std::vector<std::int64_t> counts(round * count_words, 0);
    if (ran) {
      std::int64_t* slot = counts.data() + rank * count_words;
      for (std::size_t o = 0; o < objectives.size(); ++o)
        slot[o] = static_cast<std::int64_t>(mine.successes[o]);
      slot[objectives.size()] = static_cast<std::int64_t>(mine.joint);
      slot[objectives.size() + 1] = static_cast<std::int64_t>(mine.members);
      slot[objectives.size() + 2] = static_cast<std::int64_t>(mine.invalid);
    }
    if (ranks > 1) {
      std::vector<std::int64_t> flag = {stop};
      cluster.max(flag);
      cluster.sum(counts);
      stop = flag.front();
    }
    if (stop >= 2) {
      const int failed = static_cast<int>(stop - 2);
      std::vector<unsigned char> message(failure.begin(), failure.end());
      cluster.broadcast(message, failed);
      throw Error("rank " + std::to_string(failed) + " of " + std::to_string(ranks) +
                  " failed: " + std::string(message.begin(), message.end()));
    }
    if (stop == 1) {
      cancelled = true;
      break;
    }

    // Accept batches in order as a single process would: all of them, or
    // with a precision target up to the first after which it is met.
    std::uint64_t accepted = 0;
    bool target_met = false;
    for (std::uint64_t i = 0; i < round; ++i) {
      const std::int64_t* slot = counts.data() + i * count_words;
      for (std::size_t o = 0; o < objectives.size(); ++o)
        global.successes[o] += static_cast<std::uint64_t>(slot[o]);
      global.joint += static_cast<std::uint64_t>(slot[objectives.size()]);
      global.members += static_cast<std::uint64_t>(slot[objectives.size() + 1]);
      global.invalid += static_cast<std::uint64_t>(slot[objectives.size() + 2]);
      ++accepted;
      if (extending && precise_enough()) {
        target_met = true;
        planned = bounds(next + i).second;
        break;
      }
    }
    if (ran && rank < accepted) totals.add(mine, cells);

    // Per-member records, batch by batch in member order.
    if (context.recording) {
      const std::size_t parameter_count = context.draws_count;
      const std::size_t recorded = options.recorded_rows.size();
      for (std::uint64_t i = 0; i < accepted; ++i) {
        const auto owner = static_cast<int>(i);
        const auto [start, end] = bounds(next + i);
        MemberRecords local;
        if (rank == i) {
          local.first = start;
          local.count = static_cast<std::size_t>(end - start);
          local.capacity = context.capacity;
          local.years = context.years;
          local.parameters =
              options.record_parameters ? context.recorded_parameters.data() : nullptr;
          local.trajectories = context.recorded_trajectories.data();
          local.successes = context.recorded_successes.data();
        }
        if (ranks == 1) {
          options.on_members(local);
        } else if (options.records_on_root_only) {
          if (owner == 0 && rank == 0) {
            options.on_members(local);
          } else if (rank == i) {
            cluster.send(pack_records(local, parameter_count, recorded, objectives.size()), 0);
          } else if (rank == 0) {
            const auto unpacked = unpack_records(cluster.receive(owner), parameter_count, recorded,
                                                 objectives.size(), context.years);
            options.on_members(unpacked.records);
          }
        } else {
          std::vector<unsigned char> bytes;
          if (rank == i) bytes = pack_records(local, parameter_count, recorded, objectives.size());
          cluster.broadcast(bytes, owner);
          const auto unpacked =
              unpack_records(bytes, parameter_count, recorded, objectives.size(), context.years);
          options.on_members(unpacked.records);
        }
      }
    }
    next += accepted;
    if (options.progress) options.progress(global.members, std::max(planned, global.members));
    if (target_met) break;
  }

  // Every rank's sums, sketches and examples of invalid members, merged.
  totals.sums.normalize();
  if (ranks > 1) {
    cluster.sum(totals.sums.words());
    std::vector<std::int64_t> range(totals.sketches.size() * QuantileSketch::RANGE_WORDS,
                                    QuantileSketch::EMPTY_RANGE);
    for (std::size_t i = 0; i < totals.sketches.size(); ++i)
      totals.sketches[i].widen_range(range.data() + i * QuantileSketch::RANGE_WORDS);
    cluster.max(range);
    std::vector<std::size_t> offsets;
    std::size_t words = 0;
    for (std::size_t i = 0; i < totals.sketches.size(); ++i) {
      offsets.push_back(words);
      words += QuantileSketch::dense_size(range.data() + i * QuantileSketch::RANGE_WORDS);
    }
    std::vector<std::int64_t> dense(words);
    for (std::size_t i = 0; i < totals.sketches.size(); ++i)
      totals.sketches[i].write_dense(range.data() + i * QuantileSketch::RANGE_WORDS,
                                     dense.data() + offsets[i]);
    cluster.sum(dense);
    for (std::size_t i = 0; i < totals.sketches.size(); ++i)
      totals.sketches[i].read_dense(range.data() + i * QuantileSketch::RANGE_WORDS,
                                    dense.data() + offsets[i]);
    std::vector<std::int64_t> examples(ranks * MAX_EXAMPLES, -1);
    for (std::size_t e = 0; e < totals.invalid_examples.size(); ++e)
      examples[rank * MAX_EXAMPLES + e] = static_cast<std::int64_t>(totals.invalid_examples[e]);
    cluster.max(examples);
    totals.invalid_examples.clear();
    for (const auto member : examples) {
      if (member >= 0) totals.invalid_examples.push_back(static_cast<std::uint64_t>(member));
    }
    keep_smallest(totals.invalid_examples);
  }

  EnsembleResult result;
  result.members = global.members;
  result.seed = options.seed;
  result.rows = context.rows;
  result.years = context.years;
  result.precision_reached = reached;
  result.cancelled = cancelled;
  result.invalid_members = global.invalid;
  result.invalid_examples = totals.invalid_examples;
  const double n = static_cast<double>(global.members);
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
    result.objectives.push_back({objectives[o].id, global.successes[o],
                                 estimate_proportion(global.successes[o], global.members)});
  }
  result.joint_successes = global.joint;
  result.joint = estimate_proportion(global.joint, global.members);
  return result;
}

}  // namespace traj
