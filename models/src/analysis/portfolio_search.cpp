#include "traj/territory/portfolio_search.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "portfolio_search_parts.hpp"
#include "traj/error.hpp"
#include "traj/territory/plan.hpp"

namespace traj::territory {
namespace {

using detail::LevelChoice;
using detail::PortfolioEvaluator;

void check_settings(const Scenario& scenario, const SearchSettings& settings,
                    const std::vector<int>& candidates) {
  if (candidates.empty()) {
    throw InputError(
        std::string("--candidates: expected at least one candidate action, found none in ") +
        (settings.candidates == "*" ? std::string("the scenario")
                                    : std::string("portfolio ") + settings.candidates));
  }
  if (candidates.size() > 100000) throw InputError("--candidates: expected at most 100000 actions");
  const auto& levels = settings.levels;
  if (levels.size() < 2 || levels.size() > 16)
    throw InputError(std::string("--levels: expected 2 to 16 levels, found ") +
                     std::to_string(levels.size()));
  for (std::size_t l = 0; l < levels.size(); ++l) {
    if (!(levels[l] >= 0.0 && levels[l] <= 1.0))
      throw InputError(std::string("--levels: expected levels between 0 and 1, found ") +
                       std::to_string(levels[l]));
    if (l > 0 && !(levels[l] > levels[l - 1]))
      throw InputError(std::string("--levels: expected increasing levels, found ") +
                       std::to_string(levels[l]) + std::string(" after ") +
                       std::to_string(levels[l - 1]));
  }
  if (!(settings.budget > 0.0))
    throw InputError(std::string("--budget: expected a budget above 0 M€, found ") +
                     std::to_string(settings.budget));
  if (settings.confidence && !(*settings.confidence > 0.0 && *settings.confidence < 1.0))
    throw InputError(
        std::string("--confidence: expected a probability strictly between 0 and 1, found ") +
        std::to_string(*settings.confidence));
  if (scenario.objectives.empty())
    throw InputError("the scenario has no objective: optimize needs at least one to judge on");
  for (const std::size_t o : settings.objectives) {
    if (o >= scenario.objectives.size())
      throw InputError(std::string("--objectives: objective index ") + std::to_string(o) +
                       " out of range");
  }
  if (settings.population < 8 || settings.population % 4 != 0 || settings.population > 1024)
    throw InputError(std::string("--population: expected a multiple of 4 from 8 to 1024, found ") +
                     std::to_string(settings.population));
}

/// The local search after NSGA-II runs at most this many portfolios per candidate.
constexpr std::size_t POLISH_EVALUATIONS_PER_CANDIDATE = 4;

/// The chosen portfolio among `front`: the cheapest reaching the
/// confidence, or the most likely (then the most GHG avoided, then the
/// cheapest) under the budget.
std::optional<std::size_t> choose(const std::vector<SearchedPortfolio>& front,
                                  const std::optional<double>& confidence) {
  std::optional<std::size_t> chosen;
  for (std::size_t i = 0; i < front.size(); ++i) {
    if (confidence && front[i].common.probability.probability < *confidence) continue;
    if (!chosen || detail::better_choice(front[i].common, front[*chosen].common, confidence))
      chosen = i;
  }
  return chosen;
}

/// At most FRONT_POINTS of the front, evenly spread over its order by cost,
/// with its first, its last and the chosen one.
std::vector<SearchedPortfolio> thinned(const std::vector<SearchedPortfolio>& front,
                                       std::optional<std::size_t>& chosen) {
  if (front.size() <= FRONT_POINTS) return front;
  std::vector<std::size_t> kept;
  for (std::size_t k = 0; k < FRONT_POINTS; ++k)
    kept.push_back(k * (front.size() - 1) / (FRONT_POINTS - 1));
  if (chosen && std::find(kept.begin(), kept.end(), *chosen) == kept.end()) {
    // Replace the nearest kept point that is neither end.
    std::size_t nearest = 1;
    for (std::size_t k = 1; k + 1 < kept.size(); ++k) {
      const auto distance = [&](std::size_t i) {
        return kept[i] > *chosen ? kept[i] - *chosen : *chosen - kept[i];
      };
      if (distance(k) < distance(nearest)) nearest = k;
    }
    kept[nearest] = *chosen;
    std::sort(kept.begin(), kept.end());
  }
  std::vector<SearchedPortfolio> points;
  std::optional<std::size_t> moved;
  for (const std::size_t i : kept) {
    if (chosen && i == *chosen) moved = points.size();
    points.push_back(front[i]);
  }
  chosen = moved;
  return points;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

std::uint64_t fresh_seed(std::uint64_t seed) {
  // An odd constant added modulo 2^63: a bijection that moves every seed.
  constexpr std::uint64_t MASK = (std::uint64_t{1} << 63) - 1;
  return (seed + 0x5851F42D4C957F2DULL) & MASK;
}

std::size_t SearchedPortfolio::actions() const {
  return static_cast<std::size_t>(
      std::count_if(level.begin(), level.end(), [](std::uint8_t l) { return l > 0; }));
}

PortfolioSearch search_portfolios(const Scenario& scenario, const SearchSettings& asked) {
  SearchSettings settings = asked;
  PortfolioSearch search;
  for (const PlannedAction& slot : compile_plan(scenario, settings.candidates).actions)
    search.candidates.push_back(slot.action);
  check_settings(scenario, settings, search.candidates);
  if (settings.objectives.empty()) {
    for (std::size_t o = 0; o < scenario.objectives.size(); ++o) settings.objectives.push_back(o);
  }
  search.levels = settings.levels;
  search.objectives = settings.objectives;
  search.budget = settings.budget;
  search.seed = settings.ensemble.seed;
  search.fresh_seed = fresh_seed(settings.ensemble.seed);
  search.members = settings.ensemble.members;
  search.generations = settings.generations;
  search.population = settings.population;
  const auto stop = [&](const PortfolioEvaluator& evaluator) {
    search.cancelled = evaluator.cancelled();
    search.invalid_members = evaluator.invalid_members();
    search.invalid_example = evaluator.invalid_example();
    return evaluator.stopped();
  };

  // 1. The greedy selection and NSGA-II on the common members.
  const auto started = std::chrono::steady_clock::now();
  PortfolioEvaluator common(scenario, settings, search.candidates, settings.ensemble, "greedy");
  search.baseline = common.baseline();
  const detail::GreedyResult greedy = detail::greedy_selection(common, settings.budget);
  search.greedy = greedy.steps;
  search.greedy_result.level = greedy.result;
  search.greedy_result.common = common.evaluate(greedy.result);
  common.set_step("nsga2");
  detail::nsga2_search(common, greedy, settings.budget, settings.generations, settings.population,
                       settings.ensemble.seed);
  if (stop(common)) return search;
  // The best portfolio seen, polished by a local search of single changes
  // and swaps (at most as many evaluations again as the greedy's first pass).
  common.set_step("polish");
  {
    std::vector<SearchedPortfolio> seen = detail::non_dominated(common, settings.budget);
    const std::optional<std::size_t> best = choose(seen, settings.confidence);
    if (best) {
      detail::polished(common, greedy, seen[*best].level, settings.budget, settings.confidence,
                       POLISH_EVALUATIONS_PER_CANDIDATE * search.candidates.size() + 64);
    }
  }
  search.evaluations = common.evaluations();
  if (stop(common)) return search;
  std::vector<SearchedPortfolio> front = detail::non_dominated(common, settings.budget);
  search.front_found = front.size();
  std::optional<std::size_t> chosen = choose(front, settings.confidence);
  search.front = thinned(front, chosen);
  search.chosen = chosen;
  search.seconds_common = seconds_since(started);

  // 2. Every portfolio reported, again on fresh members.
  const auto again = std::chrono::steady_clock::now();
  EnsembleOptions fresh_members = settings.ensemble;
  fresh_members.seed = search.fresh_seed;
  PortfolioEvaluator fresh(scenario, settings, search.candidates, fresh_members, "fresh");
  for (SearchedPortfolio& point : search.front) point.fresh = fresh.evaluate(point.level);
  search.greedy_result.fresh = fresh.evaluate(search.greedy_result.level);
  search.seconds_fresh = seconds_since(again);
  stop(fresh);
  return search;
}

}  // namespace traj::territory
