#include "ensemble/accumulator.hpp"

#include <algorithm>
#include <utility>

namespace traj::ensemble {

void keep_smallest(std::vector<std::uint64_t>& examples) {
  std::sort(examples.begin(), examples.end());
  examples.erase(std::unique(examples.begin(), examples.end()), examples.end());
  if (examples.size() > MAX_EXAMPLES) examples.resize(MAX_EXAMPLES);
}

void BatchCounts::add(const BatchCounts& other) {
  for (std::size_t o = 0; o < successes.size(); ++o) successes[o] += other.successes[o];
  joint += other.joint;
  members += other.members;
  invalid += other.invalid;
}

Accumulator::Accumulator(std::size_t cells, std::size_t objectives)
    : counts(objectives), sum(cells * PARTIALS, 0.0), sum_squares(cells * PARTIALS, 0.0) {}

void Accumulator::note_invalid(std::uint64_t member) {
  ++counts.invalid;
  invalid_examples.push_back(member);
  keep_smallest(invalid_examples);
}

void Accumulator::merge(const Accumulator& other) {
  invalid_examples.insert(invalid_examples.end(), other.invalid_examples.begin(),
                          other.invalid_examples.end());
  keep_smallest(invalid_examples);
  counts.add(other.counts);
  for (std::size_t i = 0; i < sum.size(); ++i) {
    sum[i] += other.sum[i];
    sum_squares[i] += other.sum_squares[i];
  }
  for (std::size_t i = 0; i < sketches.size(); ++i) sketches[i].merge(other.sketches[i]);
}

RankTotals::RankTotals(std::size_t rows, std::size_t years,
                       std::vector<QuantileSketch> empty_sketches)
    : sums(2 * rows * years), sketches(std::move(empty_sketches)), rows_(rows), years_(years) {}

void RankTotals::add(const Accumulator& batch) {
  const std::size_t cells = rows_ * years_;
  for (std::size_t row = 0; row < rows_; ++row) {
    for (std::size_t year = 0; year < years_; ++year) {
      const std::size_t cell = row * years_ + year;
      const std::size_t first = (year * rows_ + row) * PARTIALS;
      for (std::size_t k = 0; k < PARTIALS; ++k) {
        sums.add(cell, batch.sum[first + k]);
        sums.add(cells + cell, batch.sum_squares[first + k]);
      }
    }
  }
  // (Empty when the workers' sketches were merged here directly.)
  for (std::size_t i = 0; i < batch.sketches.size(); ++i) sketches[i].merge(batch.sketches[i]);
  invalid_examples.insert(invalid_examples.end(), batch.invalid_examples.begin(),
                          batch.invalid_examples.end());
  keep_smallest(invalid_examples);
}

}  // namespace traj::ensemble
