#pragma once
/// How far a plan is from each objective, in the indicator's own unit
/// (docs/model.md#8-objectives): "GHG 2050: 473 kt [440–510] for a target
/// of 223 kt — 250 kt short, 64 % of the way from 2018".

#include "traj/ensemble.hpp"
#include "traj/territory/indicators.hpp"
#include "traj/territory/scenario.hpp"

namespace traj::territory {

struct ObjectiveDistance {
  /// False when the indicator has no median and 5–95 % band in the
  /// objective's year, or the threshold cannot be stated in its unit.
  bool known = false;
  bool at_most = true;
  double median = 0.0, low = 0.0, high = 0.0;  ///< the indicator: median, 5 % and 95 % of members
  double target = 0.0;  ///< the threshold in the indicator's unit (relative ones converted)
  int start_year = 0;   ///< the base year, or the reference year of a relative objective
  double start = 0.0;   ///< the indicator's median in `start_year`
  /// Median gap to the target: > 0 short of it, ≤ 0 met by a margin of −shortfall.
  double shortfall = 0.0;
  double shortfall_low = 0.0, shortfall_high = 0.0;  ///< the gap of the 5–95 % band, low ≤ high
  /// Share of the way from `start` to `target` the median has come (1: reached);
  /// NaN when `start` already meets the target (no way to go).
  double progress = 0.0;

  bool met() const { return shortfall <= 0.0; }
};

/// The distance of a median `median` with band [`low`, `high`] to `target`
/// (at most when `at_most`, at least otherwise), from `start` in `start_year`.
ObjectiveDistance distance_from_values(bool at_most, double target, double median, double low,
                                       double high, int start_year, double start);

/// The threshold of `objective` in its indicator's unit: the threshold
/// itself, or for a relative objective the threshold times the stated
/// reference value or the reference year's median `reference_median`.
double target_in_unit(const Objective& objective, double reference_median);

/// The distance of an ensemble to `objective`, from the quantiles of the
/// objective's indicator (`result` must have them: every objective's
/// indicator is a headline row); `known` is false otherwise.
ObjectiveDistance distance_to_objective(const Objective& objective,
                                        const IndicatorCatalogue& catalogue, int base_year,
                                        const EnsembleResult& result);

}  // namespace traj::territory
