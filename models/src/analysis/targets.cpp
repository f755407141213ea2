#include "traj/territory/targets.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "traj/territory/territorial_model.hpp"

namespace traj::territory {

bool higher_is_better(const IndicatorCatalogue& catalogue, std::size_t row) {
  const auto& id = catalogue[row].id;
  return id == "renewable_share" || id.rfind("local_production", 0) == 0;
}

Commitment commitment(const Plan& plan, std::size_t row, int year, double confidence,
                      const EnsembleOptions& base_options) {
  const TerritorialModel model(plan);
  const auto year_index = static_cast<std::size_t>(year - plan.scenario->base_year);
  std::vector<double> values;
  EnsembleOptions options = base_options;
  options.recorded_rows = {row};
  options.record_parameters = false;
  options.on_members = [&](const MemberRecords& records) {
    for (std::size_t m = 0; m < records.count; ++m) {
      values.push_back(records.trajectories[m * records.years + year_index]);
    }
  };
  run_ensemble(model, {}, options);
  std::sort(values.begin(), values.end());
  Commitment result;
  result.members = values.size();
  result.higher_is_better = higher_is_better(plan.catalogue, row);
  const double n = static_cast<double>(values.size());
  // Quantile level q: P(X ≥ value) ≥ c when more is better (q = 1 − c),
  // P(X ≤ value) ≥ c otherwise (q = c).
  const double q = result.higher_is_better ? 1.0 - confidence : confidence;
  const auto rank = [&](double position) {
    return static_cast<std::size_t>(std::clamp(position, 0.0, n - 1.0));
  };
  result.value = result.higher_is_better ? values[rank(std::floor(q * n))]
                                         : values[rank(std::ceil(q * n) - 1.0)];
  // Ranks j < k with P(X_(j) ≤ ξ_q ≤ X_(k)) ≈ 95 % (normal approximation of
  // the binomial count of members below the quantile).
  const double spread = 1.959963984540054 * std::sqrt(n * q * (1.0 - q));
  result.ci_low = values[rank(std::floor(n * q - spread) - 1.0)];
  result.ci_high = values[rank(std::ceil(n * q + spread))];
  result.values = std::move(values);
  return result;
}

namespace {
ProportionEstimate probability_at(Plan& plan, double scale, std::size_t objective,
                                  const EnsembleOptions& options) {
  plan.adoption_scale = scale;
  const TerritorialModel model(plan);
  const auto specs = model.objective_specs();
  const auto result = run_ensemble(model, {specs[objective]}, options);
  return result.objectives.front().estimate;
}
}  // namespace

RequiredScale required_scale(Plan plan, std::size_t objective, double confidence,
                             const EnsembleOptions& options, double tolerance,
                             const std::function<void(std::size_t, std::size_t)>& progress) {
  RequiredScale result;
  // Beyond this scale every ceiling, even its lowest possible draw, is at 1.
  double full = 1.0;
  for (const auto& planned : plan.actions) {
    const Quantity& ceiling = planned.adoption.ceiling;
    const double lowest =
        ceiling.is_constant()
            ? ceiling.constant
            : plan.scenario->parameters[static_cast<std::size_t>(ceiling.parameter)]
                  .distribution.support_min();
    if (lowest > 0.0) full = std::max(full, 1.0 / lowest);
  }
  result.full_adoption_scale = full;
  result.at_planned = probability_at(plan, 1.0, objective, options);
  const ProportionEstimate at_full = probability_at(plan, full, objective, options);
  result.evaluations = 2;
  // Worst case: 2 + the bisection steps from the whole range down to the tolerance.
  const auto planned =
      static_cast<std::size_t>(2 + std::ceil(std::log2(std::max(2.0, full / tolerance))));
  if (progress) progress(2, planned);
  if (at_full.probability < confidence) {
    result.scale = full;
    result.probability = at_full;
    return result;
  }
  result.reachable = true;
  double low = 0.0, high = full;
  ProportionEstimate best = at_full;
  if (result.at_planned.probability >= confidence) {
    high = 1.0;
    best = result.at_planned;
  } else {
    low = 1.0;
  }
  while (high - low > tolerance) {
    const double middle = 0.5 * (low + high);
    const ProportionEstimate estimate = probability_at(plan, middle, objective, options);
    ++result.evaluations;
    if (progress) progress(static_cast<std::size_t>(result.evaluations), planned);
    if (estimate.probability >= confidence) {
      high = middle;
      best = estimate;
    } else {
      low = middle;
    }
  }
  result.scale = high;
  result.probability = best;
  return result;
}

}  // namespace traj::territory
