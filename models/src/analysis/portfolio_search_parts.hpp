#pragma once
/// The parts of the portfolio search (traj/territory/portfolio_search.hpp),
/// library-private: the evaluator of candidate portfolios on one set of
/// members, the greedy selection and the NSGA-II front over it.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "traj/territory/portfolio_search.hpp"

namespace traj::territory::detail {

using LevelChoice = std::vector<std::uint8_t>;  ///< per candidate, an index into the levels

/// Lexicographic order of choices, element by element (std::less's
/// three-way comparison of byte vectors trips GCC 12's -Wstringop-overread).
struct ChoiceOrder {
  bool operator()(const LevelChoice& a, const LevelChoice& b) const {
    for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
      if (a[i] != b[i]) return a[i] < b[i];
    }
    return a.size() < b.size();
  }
};

/// Runs candidate portfolios on one set of members (one seed), each once:
/// every evaluation is kept, so that the search never runs a portfolio
/// twice and its front is read from every portfolio it saw. Not thread
/// safe; each evaluation uses the ensemble's threads, and its figures
/// depend on the seed and the members only.
class PortfolioEvaluator {
 public:
  PortfolioEvaluator(const Scenario& scenario, const SearchSettings& settings,
                     const std::vector<int>& candidates, const EnsembleOptions& members,
                     const char* step);

  /// The figures of the portfolio `choice`; zeros once stopped().
  const PortfolioFigures& evaluate(const LevelChoice& choice);
  /// No action at all, on the same members.
  const PortfolioFigures& baseline() const { return baseline_; }

  /// Interrupted, or a member gave invalid results: nothing more runs.
  bool stopped() const { return cancelled_ || invalid_members_ > 0; }
  bool cancelled() const { return cancelled_; }
  std::uint64_t invalid_members() const { return invalid_members_; }
  std::uint64_t invalid_example() const { return invalid_example_; }
  std::uint64_t evaluations() const { return evaluations_; }
  /// Every portfolio evaluated, by its choice (ordered: deterministic).
  const std::map<LevelChoice, PortfolioFigures, ChoiceOrder>& seen() const { return seen_; }
  std::size_t candidates() const { return candidates_.size(); }
  const std::vector<double>& levels() const { return levels_; }
  void set_step(const char* step) { step_ = step; }

 private:
  PortfolioFigures run(const LevelChoice& choice);
  /// `actions` (in scenario order) with their ceilings scaled by `scales`.
  PortfolioFigures run_actions(const std::vector<int>& actions, const std::vector<double>& scales);

  const Scenario& scenario_;
  std::string portfolio_;
  std::vector<int> candidates_;
  std::vector<double> levels_;
  std::vector<std::size_t> objectives_;
  EnsembleOptions options_;
  std::function<void(std::uint64_t, const char*)> progress_;
  const char* step_;
  double baseline_ghg_ = 0.0;
  PortfolioFigures baseline_;
  std::map<LevelChoice, PortfolioFigures, ChoiceOrder> seen_;
  PortfolioFigures stopped_figures_;
  std::uint64_t evaluations_ = 0;
  bool cancelled_ = false;
  std::uint64_t invalid_members_ = 0, invalid_example_ = 0;
};

/// The single number the greedy selection climbs: the probability, plus
/// GHG_WEIGHT times the GHG avoided over `ghg_scale` (so that GHG guides
/// the first steps, while the probability is still flat).
inline constexpr double GHG_WEIGHT = 0.5;
double greedy_score(const PortfolioFigures& figures, double ghg_scale);

/// What the greedy selection gives the optimiser.
struct GreedyResult {
  std::vector<GreedyStep> steps;
  LevelChoice start, result;         ///< the empty portfolio (lowest levels), and the last
  std::vector<LevelChoice> visited;  ///< every portfolio accepted, in order
  double ghg_scale = 1.0;
  double affordable_share = 1.0;  ///< the budget over every candidate's own cost, at most 1
  /// [candidate × level]: each candidate alone at each level, against the
  /// start: its extra cost (costs add up over actions: each action's cost
  /// follows its own adoption only) and its gain of greedy_score per M€.
  std::vector<double> own_cost, own_ratio;
  double start_cost = 0.0;
};

/// `choice` made to fit the budget by the costs of the candidates alone:
/// the candidates with the lowest gain per M€ alone dropped to the lowest
/// level until the sum fits (the repair of knapsack genetic algorithms, Chu
/// & Beasley 1998). Unchanged when it fits.
LevelChoice repaired(const LevelChoice& choice, const GreedyResult& greedy, double budget,
                     std::size_t levels);

/// Whether `a` is a better choice than `b`: with a confidence, reaching it,
/// then cheaper, then more likely; without, more likely, then more GHG
/// avoided, then cheaper.
bool better_choice(const PortfolioFigures& a, const PortfolioFigures& b,
                   const std::optional<double>& confidence);

/// Local search from `choice` (within the budget): every change of one
/// candidate's level and every swap of one candidate in for one out that
/// the costs alone say fits, best first by better_choice, until none
/// improves or `evaluations` more portfolios have run. Returns the best.
LevelChoice polished(PortfolioEvaluator& evaluator, const GreedyResult& greedy,
                     const LevelChoice& choice, double budget,
                     const std::optional<double>& confidence, std::uint64_t evaluations);

/// Greedy forward selection (lazy evaluation of the best gain of
/// greedy_score per M€ under the budget, Minoux 1978), then swaps of one
/// candidate in for one out while they improve the score.
GreedyResult greedy_selection(PortfolioEvaluator& evaluator, double budget);

/// NSGA-II (Deb et al. 2002, pagmo2) over the candidates' levels, from the
/// greedy portfolios and random ones (pagmo and the random ones seeded from
/// `seed`): minimise the cost, maximise the probability and the GHG
/// avoided; portfolios over the budget are dominated by the empty one.
void nsga2_search(PortfolioEvaluator& evaluator, const GreedyResult& greedy, double budget,
                  unsigned generations, unsigned population, std::uint64_t seed);

/// The portfolios seen that fit the budget and that no other seen one
/// dominates (cost no higher, probability and GHG avoided no lower, one of
/// them strictly better), by increasing cost.
std::vector<SearchedPortfolio> non_dominated(const PortfolioEvaluator& evaluator, double budget);

}  // namespace traj::territory::detail
