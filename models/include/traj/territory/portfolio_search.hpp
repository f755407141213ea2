#pragma once
/// Which of the candidate actions to run, and how far (`traj optimize`): a
/// search over portfolios made of a set of candidates, each out or at one of
/// a few ambition levels (a scale of its adoption ceiling), judged on
/// discounted cost, the probability that the chosen objectives are all met
/// and the GHG avoided against the baseline. Every candidate portfolio runs
/// on the same common members (common random numbers); a greedy forward
/// selection with swaps gives a fast answer and the starting population of
/// NSGA-II (pagmo2), whose evaluations give the Pareto front. Every portfolio
/// reported is run again on fresh members (another seed), against the
/// optimiser's curse. docs/model.md, section "Portfolio search".

#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "traj/ensemble.hpp"
#include "traj/proportion.hpp"
#include "traj/territory/scenario.hpp"

namespace traj::territory {

/// What a search is asked.
struct SearchSettings {
  /// A portfolio id whose actions (with its overrides) are the candidates,
  /// or "*" for every action of the scenario.
  std::string candidates = "*";
  /// The values each candidate's ceiling scale may take, increasing, in
  /// [0, 1]; 0 is "not in the portfolio".
  std::vector<double> levels = {0.0, 1.0};
  /// Mean discounted cost to the horizon at most this (M€); +∞: no budget.
  double budget = std::numeric_limits<double>::infinity();
  /// Indices of the objectives that must all be met (empty: every one).
  std::vector<std::size_t> objectives;
  /// With a value: the portfolio chosen is the cheapest whose probability
  /// reaches it, instead of the most likely under the budget.
  std::optional<double> confidence;
  /// NSGA-II: generations and population (a multiple of 4, at least 8).
  unsigned generations = 40;
  unsigned population = 32;
  /// The common members (members, seed, threads, block) of every evaluation.
  EnsembleOptions ensemble;
  /// Called after every evaluation with (evaluations done, step: "greedy",
  /// "nsga2" or "fresh").
  std::function<void(std::uint64_t, const char*)> progress;
};

/// Seeds of the fresh members, derived from the common members' seed: never
/// equal to it, below 2^63 (traj/setting_ranges.hpp).
std::uint64_t fresh_seed(std::uint64_t seed);

/// One portfolio's figures on one set of members.
struct PortfolioFigures {
  double cost = 0.0;               ///< mean discounted cost to the horizon, M€
  double ghg_avoided = 0.0;        ///< mean cumulative GHG avoided against the baseline, ktCO2e
  ProportionEstimate probability;  ///< every chosen objective met, Wilson 95 % interval
  std::uint64_t successes = 0, members = 0;
};

/// A candidate portfolio: each candidate's level (an index into the levels).
struct SearchedPortfolio {
  std::vector<std::uint8_t> level;  ///< per candidate
  PortfolioFigures common;          ///< on the common members (what the search saw)
  PortfolioFigures fresh;           ///< on the fresh members (what to believe)
  std::size_t actions() const;      ///< candidates in (level above 0)
};

/// What the greedy selection did: each portfolio it accepted, in order.
struct GreedyStep {
  std::size_t candidate = 0;  ///< the candidate changed
  std::uint8_t level = 0;     ///< its new level
  bool swap = false;          ///< a swap (another candidate left)
  std::size_t removed = 0;    ///< the candidate that left, for a swap
  PortfolioFigures common;    ///< the portfolio after the step
};

struct PortfolioSearch {
  std::vector<int> candidates;  ///< indices into Scenario::actions, in scenario order
  std::vector<double> levels;
  std::vector<std::size_t> objectives;  ///< the objectives judged (indices)
  double budget = std::numeric_limits<double>::infinity();
  std::uint64_t seed = 0, fresh_seed = 0, members = 0;
  PortfolioFigures baseline;  ///< no action, on the common members
  std::vector<GreedyStep> greedy;
  SearchedPortfolio greedy_result;
  /// Non-dominated portfolios under the budget on the common members, by
  /// increasing cost, at most FRONT_POINTS (evenly spread by cost).
  std::vector<SearchedPortfolio> front;
  std::size_t front_found = 0;  ///< non-dominated portfolios before thinning
  /// Index into `front` of the chosen portfolio; none when nothing reaches
  /// the confidence (or nothing fits the budget).
  std::optional<std::size_t> chosen;
  std::uint64_t evaluations = 0;  ///< distinct portfolios run on the common members
  unsigned generations = 0, population = 0;
  double seconds_common = 0.0, seconds_fresh = 0.0;  ///< wall time of each part
  bool cancelled = false;
  /// Members whose results were not finite or negative (the search stops).
  std::uint64_t invalid_members = 0;
  std::uint64_t invalid_example = 0;
};

/// At most this many points of the front are reported (and run again).
inline constexpr std::size_t FRONT_POINTS = 40;

/// Runs the search. Throws InputError for settings out of range (no
/// candidate, levels not increasing in [0, 1], a budget ≤ 0, a confidence
/// outside (0, 1), an unknown objective index, a population not a multiple
/// of 4). The result depends on the settings and the seed only, never on
/// the threads.
PortfolioSearch search_portfolios(const Scenario& scenario, const SearchSettings& settings);

}  // namespace traj::territory
