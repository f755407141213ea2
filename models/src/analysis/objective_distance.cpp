#include "traj/territory/objective_distance.hpp"

#include <cmath>
#include <limits>

namespace traj::territory {
namespace {

constexpr double NOT_A_NUMBER = std::numeric_limits<double>::quiet_NaN();

/// Index of quantile `level` in `levels`, or `levels.size()`.
std::size_t level_index(const std::vector<double>& levels, double level) {
  for (std::size_t i = 0; i < levels.size(); ++i) {
    if (std::abs(levels[i] - level) < 1e-9) return i;
  }
  return levels.size();
}

}  // namespace

ObjectiveDistance distance_from_values(bool at_most, double target, double median, double low,
                                       double high, int start_year, double start) {
  ObjectiveDistance distance;
  distance.at_most = at_most;
  distance.median = median;
  distance.low = low;
  distance.high = high;
  distance.target = target;
  distance.start_year = start_year;
  distance.start = start;
  distance.known =
      std::isfinite(target) && std::isfinite(median) && std::isfinite(low) && std::isfinite(high);
  // The gap is monotone in the value, so the band's gaps are the gaps of the band.
  distance.shortfall = at_most ? median - target : target - median;
  distance.shortfall_low = at_most ? low - target : target - high;
  distance.shortfall_high = at_most ? high - target : target - low;
  const double way = at_most ? start - target : target - start;
  distance.progress = std::isfinite(start) && way > 0.0
                          ? (at_most ? start - median : median - start) / way
                          : NOT_A_NUMBER;
  return distance;
}

double target_in_unit(const Objective& objective, double reference_median) {
  if (!objective.relative_to) return objective.threshold;
  const double reference =
      objective.reference_value ? *objective.reference_value : reference_median;
  // No target to state against a reference that is not positive (docs/model.md#8-objectives).
  return reference > 0.0 ? objective.threshold * reference : NOT_A_NUMBER;
}

ObjectiveDistance distance_to_objective(const Objective& objective,
                                        const IndicatorCatalogue& catalogue, int base_year,
                                        const EnsembleResult& result) {
  const int found = catalogue.find(objective.indicator);
  const std::size_t low = level_index(result.quantile_levels, 0.05);
  const std::size_t median = level_index(result.quantile_levels, 0.5);
  const std::size_t high = level_index(result.quantile_levels, 0.95);
  const int last_year = base_year + static_cast<int>(result.years) - 1;
  const auto in_run = [&](int year) { return year >= base_year && year <= last_year; };
  if (found < 0 || median == result.quantile_levels.size() ||
      low == result.quantile_levels.size() || high == result.quantile_levels.size() ||
      !in_run(objective.year)) {
    return {};
  }
  const auto row = static_cast<std::size_t>(found);
  const auto at = [&](int year, std::size_t level) {
    return result.quantile_at(row, static_cast<std::size_t>(year - base_year), level);
  };
  // From the reference year when the run has it (the member's own value is
  // the reference), from the base year otherwise.
  const int start_year =
      objective.relative_to && !objective.reference_value && in_run(*objective.relative_to)
          ? *objective.relative_to
          : base_year;
  const double start = at(start_year, median);
  const double target = target_in_unit(objective, start);
  return distance_from_values(objective.comparison == Comparison::AtMost, target,
                              at(objective.year, median), at(objective.year, low),
                              at(objective.year, high), start_year, start);
}

}  // namespace traj::territory
