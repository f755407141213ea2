#pragma once
/// Are we on track? (`traj track`): a plan's ensemble conditioned on
/// observed yearly values by importance weighting
/// (docs/model.md#12-conditioning-on-observations-traj-track). The members are the plan's own,
/// unchanged; each gets the likelihood of the observations under their stated errors, and every
/// probability and quantile after the observations is weighted by it.

#include <cstdint>
#include <string>
#include <vector>

#include "traj/ensemble.hpp"
#include "traj/territory/observations.hpp"
#include "traj/territory/plan.hpp"

namespace traj::territory {

/// An observation refused as incompatible when no member comes within this
/// many of its standard deviations.
inline constexpr double INCOMPATIBLE_SD = 5.0;
/// The percentiles of the plan's band that bound "on track".
inline constexpr double ON_TRACK_LOW = 0.25, ON_TRACK_HIGH = 0.75;

struct ObjectiveUpdate {
  std::string id;
  ProportionEstimate before;  ///< the plan's ensemble, equal weights
  ProportionEstimate after;   ///< weighted (interval at the effective size)
};

enum class Verdict { Ahead, OnTrack, Behind };

/// Where an observation falls in the plan's band (the members before weighting).
struct ObservationCheck {
  double percentile = 0.0;  ///< share of members below the observed value (ties count half)
  double plan_median = 0.0, plan_low = 0.0, plan_high = 0.0;  ///< 50 %, 5 %, 95 %
  double gap = 0.0;  ///< observed − plan median, canonical unit
  double member_min = 0.0, member_max = 0.0;
  bool higher_is_better = false;
  Verdict verdict = Verdict::OnTrack;
};

/// A parameter before and after the observations.
struct ParameterShift {
  std::string name;
  double prior_median = 0.0, prior_low = 0.0, prior_high = 0.0;  ///< 50 %, 5 %, 95 %
  double posterior_median = 0.0, posterior_low = 0.0, posterior_high = 0.0;
  /// |posterior median − prior median| / prior 90 % width: how far the data moved it.
  double shift = 0.0;
};

/// One indicator's fan chart: its quantiles every year of the scenario,
/// before the observations (equal weights) and after (weighted, or the SMC
/// population).
struct TrackedSeries {
  std::size_t row = 0;  ///< in the plan's IndicatorCatalogue
  std::vector<int> years;
  /// [year × level] at SERIES_LEVELS
  std::vector<double> before, after;
};
inline constexpr double SERIES_LEVELS[] = {0.05, 0.25, 0.5, 0.75, 0.95};

/// One tempering stage of the sequential Monte Carlo sampler.
struct SmcStage {
  double temperature = 0.0;     ///< the likelihood's exponent reached
  double effective_size = 0.0;  ///< Kish, of the reweighting to it, before resampling
  double acceptance = 0.0;      ///< of its MCMC moves
  double step = 0.0;            ///< the moves' pCN step ρ, after the stage
  int moves = 0;                ///< MCMC moves of every particle
};

enum class TrackingMethod { Auto, ImportanceSampling, SequentialMonteCarlo };

struct TrackingOptions {
  TrackingMethod method = TrackingMethod::Auto;
  /// Indicators that get a fan chart (TrackedSeries); none by default,
  /// since weighting every year of N members costs memory.
  std::vector<std::size_t> series_rows;
};

struct Tracking {
  /// "importance sampling" or "sequential Monte Carlo"
  std::string method = "importance sampling";
  std::uint64_t members = 0;
  std::uint64_t seed = 0;
  /// Kish's of the weights reported (importance sampling), or of the SMC's
  /// last reweighting.
  double effective_size = 0.0;
  /// Kish's of importance sampling, whichever method ran: what decided.
  double importance_effective_size = 0.0;
  std::vector<SmcStage> stages;        ///< SMC only
  std::uint64_t model_runs = 0;        ///< SMC: the model's runs, the start's included
  std::uint64_t distinct_members = 0;  ///< SMC: distinct particles in the final population
  /// SMC: the final population's uncertain parameters, [particle × parameter],
  /// named by population_parameters (the uncertain ones, in the scenario's order).
  std::vector<std::string> population_parameters;
  std::vector<double> population;
  std::vector<TrackedSeries> series;  ///< parallel to TrackingOptions::series_rows
  std::vector<ObjectiveUpdate> objectives;
  ProportionEstimate joint_before, joint_after;
  std::vector<ObservationCheck> checks;    ///< parallel to the observations
  std::vector<ParameterShift> parameters;  ///< uncertain ones, most moved first
  /// Per member, summing to 1 (importance sampling); SMC: 1/N per particle.
  std::vector<double> weights;
  /// The run stopped (EnsembleOptions::cancelled) or gave impossible
  /// members: then nothing above is computed, the caller says why.
  bool cancelled = false;
  std::uint64_t invalid_members = 0;
  std::vector<std::uint64_t> invalid_examples;
};

/// The effective size below which importance weighting is not trusted:
/// max(1 000, 1 % of the members), capped at the members.
double effective_size_threshold(std::uint64_t members);

/// Runs `plan`'s ensemble and weights it by `observations`. Throws
/// InputError naming the observation when it is incompatible with the
/// ensemble (no member within INCOMPATIBLE_SD of its standard deviations),
/// or when no member fits all the observations at once.
/// Uses importance sampling unless its effective size is below
/// effective_size_threshold (TrackingMethod::Auto) or SMC is asked for.
Tracking track_plan(const Plan& plan, const ObservationSet& observations,
                    const EnsembleOptions& options, const TrackingOptions& tracking = {});

/// "ahead", "on track", "behind"
const char* verdict_name(Verdict verdict);

}  // namespace traj::territory
