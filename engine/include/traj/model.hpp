#pragma once
/// The interface between the ensemble runner and any model (the territorial
/// model, or Ishigami in a test). Virtual calls happen once per block of
/// members and per year, never per member.

#include <cstddef>
#include <memory>
#include <vector>

#include "traj/parameter.hpp"

namespace traj {

/// Receives a block's results year by year, while they are in cache.
class YearSink {
 public:
  virtual ~YearSink() = default;
  /// `values[row × lanes + lane]` holds every output row of year `year_index`
  /// for the block's members.
  virtual void year(std::size_t year_index, const double* values, std::size_t lanes) = 0;
  /// The same from a model that computes in single precision: each value is
  /// widened to double exactly, as if the model had handed over doubles.
  virtual void year(std::size_t year_index, const float* values, std::size_t lanes) = 0;
  /// Rows [first_row, first_row + row_count) of year `year_index` alone,
  /// `values` still pointing at row 0: a model that computes its rows in
  /// parts (territory by territory) hands each part over while it is in
  /// cache. Every row of a year comes exactly once, in whatever parts and
  /// order; the sink ends as after one call to year().
  virtual void year_rows(std::size_t year_index, const float* values, std::size_t lanes,
                         std::size_t first_row, std::size_t row_count) = 0;
};

/// Evaluates blocks of members; one per thread (not thread safe).
class BlockEvaluator {
 public:
  virtual ~BlockEvaluator() = default;
  /// `parameters[p × lanes + lane]` is parameter p of each member of the block.
  virtual void run(const double* parameters, std::size_t lanes, YearSink& sink) = 0;
};

/// A model the ensemble runner can run. Implementations are immutable and
/// thread safe; evaluators hold the per-thread scratch memory.
class Model {
 public:
  virtual ~Model() = default;
  virtual const ParameterSet& parameters() const = 0;
  /// Output rows (indicators) per year, and the number of years.
  virtual std::size_t rows() const = 0;
  virtual std::size_t years() const = 0;
  virtual std::unique_ptr<BlockEvaluator> make_evaluator(std::size_t max_lanes) const = 0;
  /// Rows that cannot be negative (e.g. energy): a member that makes one
  /// negative is physically impossible and is reported, like a non-finite one.
  virtual std::vector<std::size_t> non_negative_rows() const { return {}; }
};

}  // namespace traj
