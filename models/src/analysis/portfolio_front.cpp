// The Pareto front of the portfolio search: NSGA-II from pagmo2 over the
// candidates' levels (integer decision variables), evaluated one
// individual at a time in this thread (each evaluation uses the ensemble's
// threads): no batch evaluator, so that the result does not depend on
// scheduling; pagmo's own random numbers come from the search's seed.

#include <algorithm>
#include <cmath>
#include <random>

#include <pagmo/algorithms/nsga2.hpp>
#include <pagmo/population.hpp>
#include <pagmo/problem.hpp>

#include "portfolio_search_parts.hpp"

namespace traj::territory::detail {
namespace {

/// The problem as pagmo sees it: minimise (cost, −probability, −GHG
/// avoided); a portfolio over the budget gets (cost, excess, excess × GHG
/// scale), which the empty portfolio (no cost, probability and GHG avoided
/// at least 0) dominates.
struct SearchProblem {
  SearchProblem() = default;
  SearchProblem(PortfolioEvaluator* evaluator, const GreedyResult* greedy, double budget)
      : evaluator_(evaluator), greedy_(greedy), budget_(budget), ghg_scale_(greedy->ghg_scale) {}

  /// The fitness of the portfolio repaired to fit the budget (the
  /// individual keeps its genes: Baldwinian repair), so that the search
  /// explores portfolios that fit.
  pagmo::vector_double fitness(const pagmo::vector_double& x) const {
    const PortfolioFigures& figures = evaluator_->evaluate(
        repaired(choice_of(x), *greedy_, budget_, evaluator_->levels().size()));
    if (figures.cost > budget_) {
      const double excess = (figures.cost - budget_) / std::max(1.0, std::abs(budget_));
      return {figures.cost, excess, excess * ghg_scale_};
    }
    return {figures.cost, -figures.probability.probability, -figures.ghg_avoided};
  }
  std::pair<pagmo::vector_double, pagmo::vector_double> get_bounds() const {
    const std::size_t count = evaluator_ == nullptr ? 1 : evaluator_->candidates();
    const double top = evaluator_ == nullptr ? 1.0 : double(evaluator_->levels().size() - 1);
    return {pagmo::vector_double(count, 0.0), pagmo::vector_double(count, top)};
  }
  pagmo::vector_double::size_type get_nobj() const { return 3; }
  pagmo::vector_double::size_type get_nix() const {
    return evaluator_ == nullptr ? 1 : evaluator_->candidates();
  }

  static LevelChoice choice_of(const pagmo::vector_double& x) {
    LevelChoice choice(x.size());
    for (std::size_t c = 0; c < x.size(); ++c)
      choice[c] = static_cast<std::uint8_t>(std::lround(x[c]));
    return choice;
  }

 private:
  PortfolioEvaluator* evaluator_ = nullptr;
  const GreedyResult* greedy_ = nullptr;
  double budget_ = 0.0, ghg_scale_ = 1.0;
};

pagmo::vector_double decision_of(const LevelChoice& choice) {
  return pagmo::vector_double(choice.begin(), choice.end());
}

/// pagmo's seeds are 32 bits: both halves of ours.
unsigned pagmo_seed(std::uint64_t seed) {
  return static_cast<unsigned>(seed ^ (seed >> 32));
}

/// a dominates b: no worse anywhere, better somewhere.
bool dominates(const PortfolioFigures& a, const PortfolioFigures& b) {
  const double pa = a.probability.probability, pb = b.probability.probability;
  if (a.cost > b.cost || pa < pb || a.ghg_avoided < b.ghg_avoided) return false;
  return a.cost < b.cost || pa > pb || a.ghg_avoided > b.ghg_avoided;
}

}  // namespace

void nsga2_search(PortfolioEvaluator& evaluator, const GreedyResult& greedy, double budget,
                  unsigned generations, unsigned population, std::uint64_t seed) {
  if (evaluator.stopped() || evaluator.candidates() == 0) return;
  pagmo::problem problem{SearchProblem(&evaluator, &greedy, budget)};
  pagmo::population individuals(problem, 0u, pagmo_seed(seed));
  // The greedy portfolios first (the last ones, the best), then random
  // portfolios of every density up to what the budget affords.
  std::vector<LevelChoice> starts(greedy.visited.rbegin(), greedy.visited.rend());
  if (starts.size() > population / 2) starts.resize(population / 2);
  for (const LevelChoice& start : starts) individuals.push_back(decision_of(start));
  std::mt19937_64 random(seed ^ 0x6A09E667F3BCC909ULL);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  const std::size_t levels = evaluator.levels().size();
  std::uniform_int_distribution<int> above_lowest(1, static_cast<int>(levels) - 1);
  while (individuals.size() < population && !evaluator.stopped()) {
    const double density = unit(random) * greedy.affordable_share;
    LevelChoice choice(evaluator.candidates(), 0);
    for (auto& level : choice) {
      if (levels > 1 && unit(random) < density)
        level = static_cast<std::uint8_t>(above_lowest(random));
    }
    individuals.push_back(decision_of(choice));
  }
  // One generation at a time, so that an interruption stops between them;
  // the algorithm keeps its random state from one call to the next.
  const double mutation = std::max(0.01, 1.0 / static_cast<double>(evaluator.candidates()));
  pagmo::nsga2 algorithm(1u, 0.95, 10.0, mutation, 50.0, pagmo_seed(seed * 0x9E3779B97F4A7C15ULL));
  for (unsigned g = 0; g < generations && !evaluator.stopped(); ++g)
    individuals = algorithm.evolve(individuals);
}

std::vector<SearchedPortfolio> non_dominated(const PortfolioEvaluator& evaluator, double budget) {
  std::vector<const std::pair<const LevelChoice, PortfolioFigures>*> feasible;
  for (const auto& seen : evaluator.seen()) {
    if (seen.second.cost <= budget) feasible.push_back(&seen);
  }
  std::vector<SearchedPortfolio> front;
  for (const auto* candidate : feasible) {
    const bool dominated = std::any_of(feasible.begin(), feasible.end(), [&](const auto* other) {
      return dominates(other->second, candidate->second);
    });
    if (!dominated) front.push_back({candidate->first, candidate->second, {}});
  }
  std::stable_sort(front.begin(), front.end(),
                   [](const SearchedPortfolio& a, const SearchedPortfolio& b) {
                     return a.common.cost < b.common.cost;
                   });
  return front;
}

}  // namespace traj::territory::detail
