#pragma once
// The parts of traj track (tracking.cpp) shared with its SMC path
// (tracking_smc.cpp): how far a member is from an observation, and the
// posterior by the tempered SMC sampler.

#include <cmath>
#include <limits>

#include "traj/tempered_smc.hpp"
#include "traj/territory/tracking.hpp"

namespace traj::territory {

inline constexpr double NEGATIVE_INFINITY = -std::numeric_limits<double>::infinity();

/// How many standard deviations `value` is from the observation (infinite
/// for a non-positive value of an observation on the log).
inline double standardised_gap(const Observation& observation, double value) {
  if (observation.on_log) {
    if (!(value > 0.0)) return std::numeric_limits<double>::infinity();
    return (std::log(value) - std::log(observation.value)) / observation.sd;
  }
  return (value - observation.value) / observation.sd;
}

/// The 5 %, 50 % and 95 % quantiles of column `column` of an SMC population
/// of `stride` values per particle, equally weighted.
std::vector<double> population_band(const TemperedSmcResult& smc, std::size_t column,
                                    std::size_t stride);

/// The posterior by the tempered SMC sampler (traj/tempered_smc.hpp) from
/// the plan's own members: the method, its stages and population, and the
/// objectives after the observations, into `tracking`. Its outputs: the
/// observations, the objectives' successes, then the series rows' years.
TemperedSmcResult condition_by_smc(const Plan& plan, const ObservationSet& observations,
                                   const EnsembleOptions& options,
                                   const TrackingOptions& tracking_options, Tracking& tracking);

}  // namespace traj::territory
