#include "traj/importance_weights.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <limits>
#include <memory>
#include <stdexcept>
#include <utility>

#include "traj/exact_sum.hpp"
#include "traj/sorted_members.hpp"
#include "traj/weighted_selection.hpp"

namespace traj {
namespace {

/// Exact Σ values (index 0) and Σ values² (index 1), read in member order.
ExactSums sums_and_squares(std::span<const double> weights) {
  ExactSums sums(2);
  std::size_t since_normalize = 0;
  for (const double w : weights) {
    sums.add(0, w);
    sums.add(1, w * w);
    if (++since_normalize == (std::size_t{1} << 30)) {
      sums.normalize();
      since_normalize = 0;
    }
  }
  return sums;
}

/// The definition: the members sorted by value (ties by member order), the
/// first of positive weight whose running sum of weights in that order
/// reaches level × the sum of all.
std::vector<double> sorted_quantiles(std::span<const double> values,
                                     std::span<const std::uint32_t> order,
                                     std::span<const double> weights,
                                     std::span<const double> levels) {
  std::vector<double> cumulative(values.size()), sorted_weights(values.size());
  double running = 0.0;
  for (std::size_t i = 0; i < order.size(); ++i) {
    sorted_weights[i] = std::max(0.0, weights[order[i]]);
    running += sorted_weights[i];
    cumulative[i] = running;
  }
  std::vector<double> quantiles;
  for (const double level : levels) {
    const double wanted = std::clamp(level, 0.0, 1.0) * running;
    // The first member with positive weight whose cumulative weight reaches it.
    const auto at = std::lower_bound(cumulative.begin(), cumulative.end(), wanted);
    auto index = static_cast<std::size_t>(at - cumulative.begin());
    while (index < order.size() && sorted_weights[index] <= 0.0) ++index;
    if (index == order.size()) {  // beyond the last positive weight: the last one
      index = order.size() - 1;
      while (index > 0 && sorted_weights[index] <= 0.0) --index;
    }
    quantiles.push_back(values[order[index]]);
  }
  return quantiles;
}

}  // namespace

ImportanceWeights importance_weights(std::span<const double> log_likelihoods) {
  double largest = -std::numeric_limits<double>::infinity();
  for (const double l : log_likelihoods) {
    if (std::isnan(l)) throw std::invalid_argument("importance_weights: a log-likelihood is NaN");
    largest = std::max(largest, l);
  }
  if (!std::isfinite(largest)) {
    throw std::invalid_argument("importance_weights: no member has a positive likelihood");
  }
  ImportanceWeights result;
  result.members = log_likelihoods.size();
  result.weights.resize(log_likelihoods.size());
  std::transform(log_likelihoods.begin(), log_likelihoods.end(), result.weights.begin(),
                 [largest](double l) { return std::exp(l - largest); });
  const double total = sums_and_squares(result.weights).value(0);
  for (double& w : result.weights) w /= total;
  result.effective_size = effective_sample_size(result.weights);
  return result;
}

double effective_sample_size(std::span<const double> weights) {
  return weight_totals(weights).effective_size;
}

WeightTotals weight_totals(std::span<const double> weights) {
  const ExactSums sums = sums_and_squares(weights);
  const double total = sums.value(0), squares = sums.value(1);
  if (!(total > 0.0) || !(squares > 0.0)) return WeightTotals{total, 0.0};
  // (Σw)² / Σw² as (Σw / √Σw²)², which does not overflow for large weights.
  const double ratio = total / std::sqrt(squares);
  return WeightTotals{total, ratio * ratio};
}

ProportionEstimate weighted_proportion(std::span<const double> weights,
                                       std::span<const std::uint8_t> outcomes, double z) {
  return weighted_proportion(weights, outcomes, weight_totals(weights), z);
}

ProportionEstimate weighted_proportion(std::span<const double> weights,
                                       std::span<const std::uint8_t> outcomes,
                                       const WeightTotals& totals, double z) {
  if (weights.size() != outcomes.size()) {
    throw std::invalid_argument("weighted_proportion: as many outcomes as weights expected");
  }
  ExactSums sums(1);
  for (std::size_t m = 0; m < weights.size(); ++m) {
    if (outcomes[m] != 0) sums.add(0, weights[m]);
  }
  const double total = totals.total;
  const double n = totals.effective_size;
  if (!(total > 0.0) || !(n > 0.0)) return ProportionEstimate{};
  // Wilson (1927) at the effective size: Kish's design effect applied to the
  // binomial variance (Korn & Graubard 1998), as docs/model.md says.
  return wilson_at(std::clamp(sums.value(0) / total, 0.0, 1.0), n, z);
}

double weighted_quantile(std::span<const double> values, std::span<const double> weights,
                         double level) {
  const double levels[] = {level};
  return weighted_quantiles(values, {weights}, levels)[0][0];
}

std::vector<std::vector<double>> weighted_quantiles(
    std::span<const double> values, const std::vector<std::span<const double>>& weightings,
    std::span<const double> levels) {
  for (const auto& weights : weightings) {
    if (values.size() != weights.size() || values.empty()) {
      throw std::invalid_argument(
          "weighted_quantiles: as many (and some) weights as values expected");
    }
  }
  if (values.size() >= (std::size_t{1} << 32)) {
    throw std::invalid_argument("weighted_quantiles: at most 2^32 − 1 values");
  }
  // Selection finds the sorted path's values without sorting (equal
  // weights always, others unless a level lies within rounding of a
  // boundary); the sort is done at most once, when needed.
  const auto keys = std::make_unique_for_overwrite<std::uint64_t[]>(values.size());
  std::transform(values.begin(), values.end(), keys.get(), ordered_key);
  const QuantileSelector selector(std::span<const std::uint64_t>(keys.get(), values.size()));
  std::vector<std::uint32_t> order;
  std::vector<std::vector<double>> result;
  for (const auto& weights : weightings) {
    const double first = std::max(0.0, weights[0]);
    const bool equal = std::all_of(weights.begin(), weights.end(),
                                   [first](double w) { return std::max(0.0, w) == first; });
    if (equal) {
      result.push_back(selector.equal_weights(first, levels));
    } else if (auto selected = selector.weighted(weights, levels)) {
      result.push_back(std::move(*selected));
    } else {
      if (order.empty()) order = sorted_members(values);
      result.push_back(sorted_quantiles(values, order, weights, levels));
    }
  }
  return result;
}

}  // namespace traj
