#include "ensemble/block_sink.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

#include "traj/lane_clones.hpp"
#include "traj/lane_vector.hpp"
#include "traj/objective_judgement.hpp"

namespace traj::ensemble {

namespace {

/// Lane `l` of a row adds to the partial sum of its member (first + l) mod
/// PARTIALS, scalar, in memory; marks `outside` if its value is out of range.
template <typename Value>
[[gnu::always_inline]] inline void accumulate_lanes(const Value* lanes_of, std::size_t from,
                                                    std::size_t to, std::uint64_t first,
                                                    double lowest, double* row_sum,
                                                    double* row_squares, bool& outside) {
  for (std::size_t l = from; l < to; ++l) {
    const std::size_t k = (first + l) % PARTIALS;
    const double value = lanes_of[l];
    row_sum[k] += value;
    row_squares[k] += value * value;
    outside = outside || !(value >= lowest && value <= std::numeric_limits<double>::max());
  }
}

/// For every row of one year of a block: marks the lanes whose value is not
/// finite or, for non-negative rows, negative; and adds each lane to the
/// partial sum of its member (member m → partial m mod PARTIALS). One call
/// per year, so that the loops below are compiled (and dispatched) once.
/// Values of single precision are widened exactly, lane by lane. The lanes
/// from the first member whose number is a multiple of PARTIALS, in groups
/// of PARTIALS, are summed in registers; the few before and after them (a
/// block of 100 members, the last block of a run) one by one: each partial
/// gets the same values in the same order either way.
template <typename Value>
TRAJ_LANE_CLONES void accumulate_rows(const Value* values, std::size_t rows, std::size_t lanes,
                                      std::uint64_t first, const char* non_negative, double* sum,
                                      double* squares, std::size_t row_stride, char* invalid) {
  static_assert(PARTIALS == 8, "the grouped loop holds the partials in two Double4");
  constexpr double LARGEST = std::numeric_limits<double>::max();
  const std::size_t head = std::min<std::size_t>(
      lanes, static_cast<std::size_t>((PARTIALS - first % PARTIALS) % PARTIALS));
  const std::size_t groups_end = head + (lanes - head) / PARTIALS * PARTIALS;
  for (std::size_t row = 0; row < rows; ++row) {
    const Value* lanes_of = values + row * lanes;
    const double lowest = non_negative[row] != 0 ? 0.0 : -LARGEST;
    double* row_sum = sum + row * row_stride;
    double* row_squares = squares + row * row_stride;
    bool suspect = false;
    accumulate_lanes(lanes_of, 0, head, first, lowest, row_sum, row_squares, suspect);
    if (groups_end > head) {
      // In registers: the sums may alias `values` as far as the compiler
      // knows, which would keep them in memory; same additions, same order.
      const Double4 low = {lowest, lowest, lowest, lowest};
      const Double4 high = {LARGEST, LARGEST, LARGEST, LARGEST};
      Double4 sum_low = load4(row_sum), sum_high = load4(row_sum + 4);
      Double4 squares_low = load4(row_squares), squares_high = load4(row_squares + 4);
      Mask4 outside = {0, 0, 0, 0};
      for (std::size_t l = head; l < groups_end; l += PARTIALS) {
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
      suspect = suspect || (outside[0] | outside[1] | outside[2] | outside[3]) != 0;
    }
    accumulate_lanes(lanes_of, groups_end, lanes, first, lowest, row_sum, row_squares, suspect);
    if (!suspect) continue;
    // Rare: find the lanes.
    for (std::size_t l = 0; l < lanes; ++l) {
      const double value = lanes_of[l];
      invalid[l] |= static_cast<char>(!(value >= lowest && value <= LARGEST));
    }
  }
}

/// The draws the run was given, checked, or its own.
std::shared_ptr<const ParameterSampler> prepared_draws(const ParameterSet& parameters,
                                                       const EnsembleOptions& options) {
  if (!options.draws) return std::make_shared<const ParameterSampler>(parameters, options.seed);
  if (!options.draws->prepared_for(parameters, options.seed))
    throw std::logic_error(
        "EnsembleOptions::draws: prepared for another parameter set or seed than the run's");
  return options.draws;
}

}  // namespace

RunContext::RunContext(const Model& model, const std::vector<ObjectiveSpec>& specs,
                       const EnsembleOptions& settings)
    : objectives(specs),
      options(settings),
      prepared(prepared_draws(model.parameters(), settings)),
      draws(*prepared),
      rows(model.rows()),
      years(model.years()),
      quantile_index(rows, -1),
      non_negative_row(rows, 0),
      recorded_year_slot(years, -1) {
  for (const std::size_t row : model.non_negative_rows()) non_negative_row[row] = 1;
  if (options.recorded_years.empty()) {
    for (std::size_t y = 0; y < years; ++y) recorded_year_slot[y] = static_cast<int>(y);
  }
  for (std::size_t k = 0; k < options.recorded_years.size(); ++k) {
    const std::size_t year = options.recorded_years[k];
    if (year >= years || (k > 0 && year <= options.recorded_years[k - 1]))
      throw std::logic_error(
          "EnsembleOptions::recorded_years: expected increasing years of the run");
    recorded_year_slot[year] = static_cast<int>(k);
  }
  for (std::size_t i = 0; i < options.quantile_rows.size(); ++i) {
    quantile_index[options.quantile_rows[i]] = static_cast<int>(i);
  }
}

std::vector<QuantileSketch> RunContext::empty_sketches() const {
  return std::vector<QuantileSketch>(options.quantile_rows.size() * years,
                                     QuantileSketch(options.sketch_accuracy));
}

Worker::Worker(const Model& model, const RunContext& context, std::size_t block)
    : evaluator(model.make_evaluator(block)),
      parameters(model.parameters().size() * block, 0.0),
      objective_values(context.objectives.size() * block, 0.0),
      objective_references(context.objectives.size() * block, 1.0),
      invalid(block, 0),
      sketches(context.empty_sketches()) {
  if (context.records != nullptr) {
    record_stage.assign(context.options.recorded_rows.size() * context.records->years * block, 0.0);
  }
}

BlockSink::BlockSink(RunContext& context, Accumulator& accumulator, Worker& worker,
                     std::uint64_t first)
    : context_(context), accumulator_(accumulator), worker_(worker), first_(first) {
  std::fill(worker_.invalid.begin(), worker_.invalid.end(), 0);
}

void BlockSink::year(std::size_t year_index, const double* values, std::size_t lanes) {
  take_rows(year_index, values, lanes, 0, context_.rows);
}

void BlockSink::year(std::size_t year_index, const float* values, std::size_t lanes) {
  take_rows(year_index, values, lanes, 0, context_.rows);
}

void BlockSink::year_rows(std::size_t year_index, const float* values, std::size_t lanes,
                          std::size_t first_row, std::size_t row_count) {
  take_rows(year_index, values, lanes, first_row, row_count);
}

void BlockSink::record_trajectories(std::size_t lanes) {
  const BatchRecords& records = *context_.records;
  const std::size_t years = records.years;  // the recorded years
  const std::size_t offset = first_ - records.first;
  for (std::size_t r = 0; r < context_.options.recorded_rows.size(); ++r) {
    const double* stage = worker_.record_stage.data() + r * years * lanes;
    double* out = context_.records->trajectories.data() + (r * records.capacity + offset) * years;
    for (std::size_t l = 0; l < lanes; ++l) {
      for (std::size_t y = 0; y < years; ++y) out[l * years + y] = stage[y * lanes + l];
    }
  }
}

void BlockSink::finish_block(std::size_t lanes) {
  if (context_.records != nullptr) record_trajectories(lanes);
  BatchCounts& counts = accumulator_.counts;
  counts.members += lanes;
  for (std::size_t l = 0; l < lanes; ++l) {
    if (worker_.invalid[l] != 0) accumulator_.note_invalid(first_ + l);
  }
  const std::vector<ObjectiveSpec>& objectives = context_.objectives;
  BatchRecords* records = context_.records;
  for (std::size_t l = 0; l < lanes; ++l) {
    bool all = true;
    for (std::size_t o = 0; o < objectives.size(); ++o) {
      const ObjectiveSpec& objective = objectives[o];
      double value = worker_.objective_values[o * lanes + l];
      if (objective.relative) {
        const double reference = objective.reference_from_year
                                     ? worker_.objective_references[o * lanes + l]
                                     : objective.reference_value;
        value = ratio_to_reference(value, reference);
      }
      const bool met = meets_threshold(objective.at_most, objective.threshold, value);
      counts.successes[o] += met ? 1 : 0;
      all = all && met;
      if (records != nullptr) {
        records->successes[(first_ - records->first + l) * objectives.size() + o] = met ? 1 : 0;
      }
    }
    counts.joint += all ? 1 : 0;
  }
}

/// Each row's statistics are its own (sums, sketch, records, objectives),
/// so a year taken in parts of rows ends as if taken at once.
template <typename Value>
void BlockSink::take_rows(std::size_t year_index, const Value* values, std::size_t lanes,
                          std::size_t first_row, std::size_t row_count) {
  const std::size_t years = context_.years;
  const std::size_t end_row = first_row + row_count;
  const auto in_part = [first_row, end_row](std::size_t row) {
    return row >= first_row && row < end_row;
  };
  // Guards (non-finite or impossible values mark the member as invalid) and sums.
  const std::size_t first_cell = (year_index * context_.rows + first_row) * PARTIALS;
  accumulate_rows(values + first_row * lanes, row_count, lanes, first_,
                  context_.non_negative_row.data() + first_row,
                  accumulator_.sum.data() + first_cell,
                  accumulator_.sum_squares.data() + first_cell, PARTIALS, worker_.invalid.data());
  for (std::size_t row = first_row; row < end_row; ++row) {
    const Value* lanes_of = values + row * lanes;
    const int quantile = context_.quantile_index[row];
    if (quantile >= 0) {
      QuantileSketch& sketch =
          worker_.sketches[static_cast<std::size_t>(quantile) * years + year_index];
      sketch.add(lanes_of, lanes);
    }
  }
  const BatchRecords* records = context_.records;
  if (const int slot = context_.recorded_year_slot[year_index]; records != nullptr && slot >= 0) {
    const std::vector<std::size_t>& recorded_rows = context_.options.recorded_rows;
    for (std::size_t r = 0; r < recorded_rows.size(); ++r) {
      if (!in_part(recorded_rows[r])) continue;
      std::copy_n(values + recorded_rows[r] * lanes, lanes,
                  worker_.record_stage.data() +
                      (r * records->years + static_cast<std::size_t>(slot)) * lanes);
    }
  }
  for (std::size_t o = 0; o < context_.objectives.size(); ++o) {
    const ObjectiveSpec& objective = context_.objectives[o];
    if (!in_part(objective.row)) continue;
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

}  // namespace traj::ensemble
