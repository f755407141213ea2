#pragma once
/// Comparing portfolios on common random numbers (`traj compare`): every
/// portfolio runs on the same members, so that their differences are the
/// portfolios' and not sampling noise.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "traj/ensemble.hpp"
#include "traj/territory/objective_distance.hpp"
#include "traj/territory/plan.hpp"

namespace traj::territory {

/// A quantity compared member by member: an indicator in a year.
struct ComparedQuantity {
  std::size_t row = 0;
  int year = 0;
  std::string label;  ///< e.g. "ghg 2050"
  bool higher_is_better = false;
  bool operator==(const ComparedQuantity&) const = default;
};

/// An action's part in a portfolio's result: the portfolio with and without
/// it, on the same draws.
struct ActionContribution {
  std::string action;
  std::vector<double> probability;  ///< per objective: with − without (points of probability / 100)
  std::vector<double> mean;         ///< per compared quantity: mean with − mean without
};

struct PortfolioOutcome {
  std::string id;  ///< "baseline" for no action
  EnsembleResult result;
  double cost_discounted = 0.0;  ///< mean, M€, to the horizon
  /// The members' 5 %, 50 % and 95 % of that cost (exact order statistics of the
  /// recorded members; the cost row has no quantile sketch).
  double cost_p05 = 0.0, cost_median = 0.0, cost_p95 = 0.0;
  double ghg_avoided =
      0.0;  ///< mean cumulative GHG avoided against the baseline, ktCO2e, to the horizon
  double cost_per_tonne = 0.0;  ///< € per tCO2e avoided (NaN when nothing is avoided)
  std::vector<ObjectiveDistance> distances;  ///< per objective
  /// Portfolios at least as likely on every objective, at least as good on
  /// every outcome compared but the cost, and cheaper (`dominates`).
  std::vector<std::string> dominated_by;
  std::vector<ActionContribution> contributions;  ///< ranked, most important first
};

/// A paired difference of objective probabilities, A − B.
struct PairedDifference {
  std::size_t a = 0, b = 0, objective = 0;
  double difference = 0.0;
  double ci_low = 0.0, ci_high = 0.0;                    ///< paired 95 % interval
  double unpaired_ci_low = 0.0, unpaired_ci_high = 0.0;  ///< as if the runs were independent
};

/// How often A does better than B on a compared quantity, member by member.
struct BetterShare {
  std::size_t a = 0, b = 0, quantity = 0;
  double better = 0.0;  ///< share of members where A is strictly better
  double ties = 0.0;    ///< share of members where they are equal
};

/// Below this probability a portfolio is not "likely" to meet an objective:
/// its median falls short (docs/model.md#9-comparing-portfolios-traj-compare).
inline constexpr double LIKELY_LEVEL = 0.5;

/// Per objective, over the compared portfolios: whether any is likely to
/// meet it, and which gets closest.
struct ObjectiveVerdict {
  bool within_reach = false;    ///< some portfolio has probability ≥ LIKELY_LEVEL
  std::size_t most_likely = 0;  ///< highest probability (the first of equals)
  /// Smallest median shortfall (the first of equals; the largest margin
  /// when met); `portfolios` count when no distance is known.
  std::size_t closest = 0;
};

/// The verdict on one objective from each portfolio's probability and distance.
ObjectiveVerdict objective_verdict(const std::vector<double>& probabilities,
                                   const std::vector<ObjectiveDistance>& distances);

/// What dominance judges a portfolio on.
struct PortfolioStanding {
  std::vector<double> probabilities;  ///< per objective
  std::vector<double> outcomes;       ///< per outcome compared: the members' median
  double cost = 0.0;
};

/// Whether `other` dominates `portfolio`: at least as likely to meet every
/// objective, at least as good on every outcome compared (more is better
/// where `higher_is_better`), and strictly cheaper. A NaN anywhere never
/// dominates.
bool dominates(const PortfolioStanding& other, const PortfolioStanding& portfolio,
               const std::vector<bool>& higher_is_better);

struct PortfolioComparison {
  std::vector<PortfolioOutcome> portfolios;  ///< the baseline first
  std::vector<ObjectiveVerdict> verdicts;    ///< per objective
  std::vector<ComparedQuantity> quantities;
  std::vector<PairedDifference> differences;
  std::vector<BetterShare> better;
  std::uint64_t members = 0;
};

/// What compare (and `traj run --against`) compares member by member: each
/// objective's indicator in its year; final energy, renewable share, GHG and
/// each pollutant at every objective's year and at the horizon; the
/// discounted cost at the horizon.
std::vector<ComparedQuantity> compared_quantities(const Plan& plan);

/// Every member's outcomes, in member order.
struct MemberOutcomes {
  std::vector<std::vector<std::uint8_t>> successes;  ///< [objective][member], 0 or 1
  std::vector<std::vector<double>> values;           ///< [quantity][member]
};

/// Runs `plan`'s ensemble with `options` and, unless `outcomes` is null,
/// keeps every member's objective outcomes and values of `quantities`
/// (whose rows are `plan`'s). Two plans run with the same seed and member
/// count get the same draws of every parameter they share by name
/// (traj/ensemble.hpp: draws depend only on seed, name and member), even
/// when they come from two Scenario objects.
EnsembleResult run_recording(const Plan& plan, const std::vector<ComparedQuantity>& quantities,
                             const EnsembleOptions& options, MemberOutcomes* outcomes);

/// Runs the baseline and `portfolio_ids` (empty: every portfolio) on the
/// same members and compares them. With `contributions`, also runs each
/// portfolio once without each of its actions. The ensembles run side by
/// side on `options.threads` (each one's numbers do not depend on it; over
/// several MPI ranks, one after the other), and share one ParameterSampler.
/// Memory: comparison_bytes_per_member per member (at most
/// `options.max_members` with a precision target), plus what does not grow
/// with the members (docs/performance.md).
/// `progress(done, planned)` is called after each ensemble, never two at
/// once: one per portfolio, and one per action of each portfolio with
/// `contributions`; it may throw to stop the comparison. `options.progress`
/// is not called.
PortfolioComparison compare_portfolios(
    const Scenario& scenario, const std::vector<std::string>& portfolio_ids,
    const EnsembleOptions& options, bool contributions,
    const std::function<void(std::size_t, std::size_t)>& progress = {});

/// The bytes compare_portfolios keeps per member for the baseline and
/// `portfolio_ids` (empty: every portfolio): one byte per objective and one
/// float per compared quantity for each of them, and a float for the order
/// statistics of the costs.
std::uint64_t comparison_bytes_per_member(const Scenario& scenario,
                                          const std::vector<std::string>& portfolio_ids);

/// Paired 95 % interval of mean(a) − mean(b) for 0/1 outcomes of the same
/// members, and the unpaired one.
PairedDifference paired_difference(const std::vector<std::uint8_t>& a,
                                   const std::vector<std::uint8_t>& b);

}  // namespace traj::territory
