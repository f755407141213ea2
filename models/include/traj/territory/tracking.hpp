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

struct Tracking {
  std::string method = "importance sampling";
  std::uint64_t members = 0;
  std::uint64_t seed = 0;
  double effective_size = 0.0;  ///< Kish
  std::vector<ObjectiveUpdate> objectives;
  ProportionEstimate joint_before, joint_after;
  std::vector<ObservationCheck> checks;    ///< parallel to the observations
  std::vector<ParameterShift> parameters;  ///< uncertain ones, most moved first
  std::vector<double> weights;             ///< per member, summing to 1
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
Tracking track_plan(const Plan& plan, const ObservationSet& observations,
                    const EnsembleOptions& options);

/// "ahead", "on track", "behind"
const char* verdict_name(Verdict verdict);

}  // namespace traj::territory
