#include "traj/importance_weights.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "traj/exact_sum.hpp"

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
  const ExactSums sums = sums_and_squares(weights);
  const double total = sums.value(0), squares = sums.value(1);
  if (!(total > 0.0) || !(squares > 0.0)) return 0.0;
  // (Σw)² / Σw² as (Σw / √Σw²)², which does not overflow for large weights.
  const double ratio = total / std::sqrt(squares);
  return ratio * ratio;
}

ProportionEstimate weighted_proportion(std::span<const double> weights,
                                       std::span<const std::uint8_t> outcomes, double z) {
  if (weights.size() != outcomes.size()) {
    throw std::invalid_argument("weighted_proportion: as many outcomes as weights expected");
  }
  ExactSums sums(1);
  for (std::size_t m = 0; m < weights.size(); ++m) {
    if (outcomes[m] != 0) sums.add(0, weights[m]);
  }
  const double total = sums_and_squares(weights).value(0);
  const double n = effective_sample_size(weights);
  ProportionEstimate estimate;
  if (!(total > 0.0) || !(n > 0.0)) return estimate;
  const double p = std::clamp(sums.value(0) / total, 0.0, 1.0);
  // Wilson (1927) at the effective size: Kish's design effect applied to the
  // binomial variance (Korn & Graubard 1998), as docs/model.md says.
  const double z2 = z * z;
  const double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const double half = z / (1 + z2 / n) * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n));
  estimate.probability = p;
  estimate.ci_low = std::max(0.0, centre - half);
  estimate.ci_high = std::min(1.0, centre + half);
  estimate.standard_error = std::sqrt(p * (1 - p) / n);
  return estimate;
}

double weighted_quantile(std::span<const double> values, std::span<const double> weights,
                         double level) {
  if (values.size() != weights.size() || values.empty()) {
    throw std::invalid_argument("weighted_quantile: as many (and some) weights as values expected");
  }
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&values](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  const double total = sums_and_squares(weights).value(0);
  const double wanted = std::clamp(level, 0.0, 1.0) * total;
  // A running double sum in the sorted order: the order depends only on the
  // values (and member numbers for ties), so the result does too.
  double cumulative = 0.0;
  for (const std::size_t m : order) {
    if (weights[m] <= 0.0) continue;
    cumulative += weights[m];
    if (cumulative >= wanted) return values[m];
  }
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    if (weights[*it] > 0.0) return values[*it];
  }
  return values[order.back()];
}

}  // namespace traj
