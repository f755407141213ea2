#pragma once
/// Importance weighting of an ensemble by observations: normalised weights
/// from per-member log-likelihoods, Kish's effective sample size, and
/// weighted probabilities and quantiles (docs/model.md#12-conditioning-on-observations-traj-track).
///
/// Every function reads its inputs in member order and sums exactly
/// (ExactSums), so that its result depends only on the per-member values,
/// never on how many threads or processes computed them.

#include <cstdint>
#include <span>
#include <vector>

#include "traj/proportion.hpp"

namespace traj {

struct ImportanceWeights {
  std::vector<double> weights;  ///< per member, summing to 1 (0 for an impossible member)
  double effective_size = 0.0;  ///< Kish: (Σw)² / Σw²
  std::uint64_t members = 0;
};

/// Weights proportional to exp(log_likelihood − max): the largest is 1
/// before normalising, so that no weight underflows because all likelihoods
/// are small. Members at −inf get weight 0. Throws std::invalid_argument if
/// every member is at −inf (or the span is empty): there is nothing to weight.
ImportanceWeights importance_weights(std::span<const double> log_likelihoods);

/// Kish's effective sample size (Σw)² / Σw² of any non-negative weights,
/// normalised or not; 0 for no positive weight.
double effective_sample_size(std::span<const double> weights);

/// Σw and Kish's effective size of some weights: what weighted_proportion
/// needs of them, computed once for many outcomes.
struct WeightTotals {
  double total = 0.0;
  double effective_size = 0.0;
};
WeightTotals weight_totals(std::span<const double> weights);

/// Σ w·outcome / Σ w, with a Wilson 95 % interval at n = the weights'
/// effective sample size (for equal weights: the usual Wilson interval).
ProportionEstimate weighted_proportion(std::span<const double> weights,
                                       std::span<const std::uint8_t> outcomes,
                                       double z = 1.959963984540054);
/// The same, the weights' totals given (weight_totals of the same weights).
ProportionEstimate weighted_proportion(std::span<const double> weights,
                                       std::span<const std::uint8_t> outcomes,
                                       const WeightTotals& totals, double z = 1.959963984540054);

/// The smallest value whose cumulative weight, values sorted (ties by member
/// order), reaches `level` × Σw (Σw summed in that order too). `level` in [0, 1].
double weighted_quantile(std::span<const double> values, std::span<const double> weights,
                         double level);

/// The same for several weightings of the same values and several levels,
/// the values sorted once: result[weighting][level].
std::vector<std::vector<double>> weighted_quantiles(
    std::span<const double> values, const std::vector<std::span<const double>>& weightings,
    std::span<const double> levels);

}  // namespace traj
