#pragma once
/// Targets backed by simulations (`traj target`): the value a portfolio
/// reaches with a given confidence, and the ambition an objective needs.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "traj/ensemble.hpp"
#include "traj/territory/plan.hpp"

namespace traj::territory {

/// Whether more is better for an indicator (renewable share, local
/// production); for every other indicator (energy, emissions, costs, water,
/// land take) less is better.
bool higher_is_better(const IndicatorCatalogue& catalogue, std::size_t row);

struct Commitment {
  double value = 0.0;   ///< reached with probability ≥ confidence
  double ci_low = 0.0;  ///< 95 % distribution-free interval of that quantile
  double ci_high = 0.0;
  bool higher_is_better = false;
  std::uint64_t members = 0;
  std::vector<double> values;  ///< every member's value, increasing
};

/// The most ambitious value of indicator `row` in year `year` that the plan
/// reaches with probability ≥ `confidence`: the (1 − confidence) quantile
/// of the members when more is better, the `confidence` quantile otherwise,
/// from the exact order statistics, with the binomial (distribution-free)
/// 95 % interval of that quantile.
Commitment commitment(const Plan& plan, std::size_t row, int year, double confidence,
                      const EnsembleOptions& options);

struct RequiredScale {
  bool reachable = false;
  double scale = 0.0;              ///< smallest scale found (reachable), or the full-adoption scale
  ProportionEstimate probability;  ///< at that scale
  ProportionEstimate at_planned;   ///< at scale 1 (the portfolio as planned)
  double full_adoption_scale = 1.0;  ///< beyond it every action is at full adoption
  int evaluations = 0;
};

/// The smallest uniform scaling of every action's ceiling (capped at full
/// adoption) at which objective `objective` is met with probability ≥
/// `confidence`, by bisection on common random numbers (every evaluation
/// runs the same members), to `tolerance` on the scale.
/// `progress(done, planned)` after each evaluation (planned: the bisection's
/// worst case).
RequiredScale required_scale(Plan plan, std::size_t objective, double confidence,
                             const EnsembleOptions& options, double tolerance = 0.01,
                             const std::function<void(std::size_t, std::size_t)>& progress = {});

}  // namespace traj::territory
