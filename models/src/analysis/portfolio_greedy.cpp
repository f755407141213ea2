// The greedy selection of the portfolio search: lazy forward selection by
// gain per M€ (Minoux 1978, "Accelerated greedy algorithms for maximizing
// submodular set functions"), then swaps.

#include <algorithm>
#include <cmath>
#include <limits>
#include <queue>

#include "portfolio_search_parts.hpp"

namespace traj::territory::detail {
namespace {

/// Candidates whose single best move is tried in for each one out, in a swap.
constexpr std::size_t SWAP_PARTNERS = 3;

/// A move: candidate `candidate` to level `level`, valued against the
/// portfolio accepted at `version`.
struct Move {
  std::size_t candidate = 0;
  std::uint8_t level = 0;
  double gain = 0.0, extra_cost = 0.0;
  std::size_t version = 0;

  /// Gains for free (or with savings) first, then the best gain per M€.
  double ratio() const {
    return extra_cost <= 0.0 ? std::numeric_limits<double>::infinity() : gain / extra_cost;
  }
  bool operator<(const Move& other) const {  // for a max-heap on the ratio
    if (ratio() != other.ratio()) return ratio() < other.ratio();
    if (gain != other.gain) return gain < other.gain;
    if (candidate != other.candidate) return candidate > other.candidate;  // the first wins ties
    return level > other.level;
  }
};

bool fits(const PortfolioFigures& figures, double budget) {
  return figures.cost <= budget;
}

}  // namespace

double greedy_score(const PortfolioFigures& figures, double ghg_scale) {
  return figures.probability.probability + GHG_WEIGHT * figures.ghg_avoided / ghg_scale;
}

GreedyResult greedy_selection(PortfolioEvaluator& evaluator, double budget) {
  GreedyResult greedy;
  const std::size_t count = evaluator.candidates();
  const std::size_t levels = evaluator.levels().size();
  greedy.start.assign(count, 0);
  const PortfolioFigures start = evaluator.evaluate(greedy.start);
  greedy.visited.push_back(greedy.start);
  greedy.result = greedy.start;

  // Each candidate alone, at each level: the first values of the moves, and
  // the scale of GHG (the sum of the best each candidate avoids alone).
  std::vector<Move> singles;
  greedy.start_cost = start.cost;
  greedy.own_cost.assign(count * levels, 0.0);
  greedy.own_ratio.assign(count * levels, 0.0);
  double ghg_sum = 0.0, own_costs = 0.0;
  for (std::size_t c = 0; c < count && !evaluator.stopped(); ++c) {
    double best_ghg = 0.0, top_cost = 0.0;
    for (std::size_t level = 1; level < levels; ++level) {
      LevelChoice one = greedy.start;
      one[c] = static_cast<std::uint8_t>(level);
      const PortfolioFigures& figures = evaluator.evaluate(one);
      best_ghg = std::max(best_ghg, figures.ghg_avoided - start.ghg_avoided);
      top_cost = figures.cost - start.cost;
      greedy.own_cost[c * levels + level] = top_cost;
      singles.push_back({c, static_cast<std::uint8_t>(level), 0.0, figures.cost - start.cost, 0});
    }
    ghg_sum += best_ghg;
    own_costs += std::max(0.0, top_cost);
  }
  greedy.ghg_scale = ghg_sum > 0.0 ? ghg_sum : 1.0;
  greedy.affordable_share =
      std::isfinite(budget) && own_costs > 0.0 ? std::min(1.0, budget / own_costs) : 1.0;
  if (evaluator.stopped() || !fits(start, budget)) return greedy;

  // Forward selection: the best stale move is valued again against the
  // current portfolio; taken if it stays the best, put back otherwise.
  std::priority_queue<Move> queue;
  const double start_score = greedy_score(start, greedy.ghg_scale);
  for (Move move : singles) {
    LevelChoice one = greedy.start;
    one[move.candidate] = move.level;
    move.gain = greedy_score(evaluator.evaluate(one), greedy.ghg_scale) - start_score;
    greedy.own_ratio[move.candidate * levels + move.level] = move.ratio();
    if (move.gain > 0.0) queue.push(move);
  }
  LevelChoice current = greedy.start;
  PortfolioFigures current_figures = start;
  std::size_t version = 0;
  while (!queue.empty() && !evaluator.stopped()) {
    Move move = queue.top();
    queue.pop();
    if (move.level <= current[move.candidate]) continue;  // the candidate went higher already
    LevelChoice next = current;
    next[move.candidate] = move.level;
    const PortfolioFigures& figures = evaluator.evaluate(next);
    if (move.version != version) {
      move.gain =
          greedy_score(figures, greedy.ghg_scale) - greedy_score(current_figures, greedy.ghg_scale);
      move.extra_cost = figures.cost - current_figures.cost;
      move.version = version;
      if (move.gain > 0.0 && fits(figures, budget)) queue.push(move);
      continue;
    }
    if (move.gain <= 0.0 || !fits(figures, budget)) continue;
    current = next;
    current_figures = figures;
    ++version;
    greedy.steps.push_back({move.candidate, move.level, false, 0, figures});
    greedy.visited.push_back(current);
  }

  // Swaps: one candidate out (to the lowest level), and one of the
  // SWAP_PARTNERS best candidates alone not in, at its best level alone,
  // while the score improves under the budget; each pair is tried once.
  if (levels > 1 && std::isfinite(budget)) {
    std::vector<Move> ranked = singles;
    for (Move& move : ranked) {
      LevelChoice one = greedy.start;
      one[move.candidate] = move.level;
      move.gain = greedy_score(evaluator.evaluate(one), greedy.ghg_scale) - start_score;
    }
    std::sort(ranked.begin(), ranked.end(), [](const Move& a, const Move& b) { return b < a; });
    bool improved = true;
    std::size_t tries = 0;
    while (improved && tries < 2 * count && !evaluator.stopped()) {
      improved = false;
      for (std::size_t out = 0; out < count && !improved && tries < 2 * count; ++out) {
        if (current[out] == 0) continue;
        std::size_t partners = 0;
        for (const Move& in : ranked) {
          if (partners == SWAP_PARTNERS || tries >= 2 * count) break;
          if (in.gain <= 0.0 || current[in.candidate] != 0 || in.candidate == out) continue;
          ++partners;
          ++tries;
          LevelChoice next = current;
          next[out] = 0;
          next[in.candidate] = in.level;
          const PortfolioFigures& figures = evaluator.evaluate(next);
          if (fits(figures, budget) && greedy_score(figures, greedy.ghg_scale) >
                                           greedy_score(current_figures, greedy.ghg_scale)) {
            current = next;
            current_figures = figures;
            greedy.steps.push_back({in.candidate, in.level, true, out, figures});
            greedy.visited.push_back(current);
            improved = true;
            break;
          }
        }
      }
    }
  }
  greedy.result = current;
  return greedy;
}

LevelChoice repaired(const LevelChoice& choice, const GreedyResult& greedy, double budget,
                     std::size_t levels) {
  const auto cost_of = [&](const LevelChoice& x) {
    double cost = greedy.start_cost;
    for (std::size_t c = 0; c < x.size(); ++c) cost += greedy.own_cost[c * levels + x[c]];
    return cost;
  };
  if (!std::isfinite(budget) || greedy.own_cost.empty() || cost_of(choice) <= budget) return choice;
  std::vector<std::size_t> in;
  for (std::size_t c = 0; c < choice.size(); ++c) {
    if (choice[c] > 0) in.push_back(c);
  }
  // The lowest gain per M€ first (the last candidate of equals first: a fixed order).
  std::stable_sort(in.begin(), in.end(), [&](std::size_t a, std::size_t b) {
    return greedy.own_ratio[a * levels + choice[a]] < greedy.own_ratio[b * levels + choice[b]];
  });
  LevelChoice fitted = choice;
  double cost = cost_of(choice);
  for (const std::size_t c : in) {
    if (cost <= budget) break;
    cost -= greedy.own_cost[c * levels + fitted[c]];
    fitted[c] = 0;
  }
  return fitted;
}

bool better_choice(const PortfolioFigures& a, const PortfolioFigures& b,
                   const std::optional<double>& confidence) {
  const double pa = a.probability.probability, pb = b.probability.probability;
  if (confidence) {
    const bool ra = pa >= *confidence, rb = pb >= *confidence;
    if (ra != rb) return ra;
    if (a.cost != b.cost) return a.cost < b.cost;
    return pa > pb;
  }
  if (pa != pb) return pa > pb;
  if (a.ghg_avoided != b.ghg_avoided) return a.ghg_avoided > b.ghg_avoided;
  return a.cost < b.cost;
}

LevelChoice polished(PortfolioEvaluator& evaluator, const GreedyResult& greedy,
                     const LevelChoice& choice, double budget,
                     const std::optional<double>& confidence, std::uint64_t evaluations) {
  const std::size_t count = evaluator.candidates(), levels = evaluator.levels().size();
  const std::uint64_t last = evaluator.evaluations() + evaluations;
  LevelChoice best = choice;
  const auto fits_alone = [&](const LevelChoice& x) {
    return repaired(x, greedy, budget, levels) == x;
  };
  bool improved = true;
  while (improved && !evaluator.stopped() && evaluator.evaluations() < last) {
    improved = false;
    const LevelChoice from = best;
    PortfolioFigures best_figures = evaluator.evaluate(from);
    const auto consider = [&](const LevelChoice& x) {
      if (evaluator.evaluations() >= last || !fits_alone(x)) return;
      const PortfolioFigures& figures = evaluator.evaluate(x);
      if (figures.cost <= budget && better_choice(figures, best_figures, confidence)) {
        best = x;
        best_figures = figures;
        improved = true;
      }
    };
    for (std::size_t c = 0; c < count; ++c) {  // one candidate's level changed
      for (std::size_t level = 0; level < levels; ++level) {
        if (level == from[c]) continue;
        LevelChoice x = from;
        x[c] = static_cast<std::uint8_t>(level);
        consider(x);
      }
    }
    for (std::size_t out = 0; out < count; ++out) {  // one out, one in
      if (from[out] == 0) continue;
      for (std::size_t in = 0; in < count; ++in) {
        if (from[in] != 0) continue;
        for (std::size_t level = 1; level < levels; ++level) {
          LevelChoice x = from;
          x[out] = 0;
          x[in] = static_cast<std::uint8_t>(level);
          consider(x);
        }
      }
    }
  }
  return best;
}

}  // namespace traj::territory::detail
