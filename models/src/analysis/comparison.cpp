#include "traj/territory/comparison.hpp"

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "comparison_runs.hpp"
#include "traj/territory/targets.hpp"

namespace traj::territory {
namespace {

constexpr double Z95 = 1.959963984540054;

double mean_at_horizon(const EnsembleResult& result, int row) {
  return result.mean_at(static_cast<std::size_t>(row), result.years - 1);
}

/// The smallest value with at least a share `level` of `values` at or below it
/// (a fresh copy each time: with a NaN, the order of the input matters).
double order_statistic(std::vector<float> values, double level) {
  if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
  const auto rank = static_cast<std::size_t>(
      std::clamp(std::ceil(level * static_cast<double>(values.size())) - 1.0, 0.0,
                 static_cast<double>(values.size() - 1)));
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(rank),
                   values.end());
  return values[rank];
}

/// The members' median of a compared quantity (its mean where the row has no quantiles).
double median_of(const EnsembleResult& result, const ComparedQuantity& quantity, int base_year) {
  const auto year = static_cast<std::size_t>(quantity.year - base_year);
  for (std::size_t level = 0; level < result.quantile_levels.size(); ++level) {
    if (std::abs(result.quantile_levels[level] - 0.5) < 1e-9) {
      const double median = result.quantile_at(quantity.row, year, level);
      if (!std::isnan(median)) return median;
    }
  }
  return result.mean_at(quantity.row, year);
}

/// Distances to each objective, who dominates whom, and each objective's verdict.
void judge_portfolios(const Scenario& scenario, const IndicatorCatalogue& catalogue,
                      PortfolioComparison& comparison) {
  auto& portfolios = comparison.portfolios;
  for (auto& outcome : portfolios) {
    for (const auto& objective : scenario.objectives) {
      outcome.distances.push_back(
          distance_to_objective(objective, catalogue, scenario.base_year, outcome.result));
    }
  }
  // The outcomes: every compared quantity but the cost — each objective's
  // indicator, and final energy, renewable share, GHG and each pollutant at
  // each objective's year and at the horizon. A portfolio that does more on
  // any of them (cleaner air alone) is never dominated by one that does less.
  std::vector<std::size_t> headline;
  std::vector<bool> higher;
  for (std::size_t q = 0; q < comparison.quantities.size(); ++q) {
    if (static_cast<int>(comparison.quantities[q].row) != catalogue.cost_discounted) {
      headline.push_back(q);
      higher.push_back(comparison.quantities[q].higher_is_better);
    }
  }
  std::vector<PortfolioStanding> standings;
  for (const auto& outcome : portfolios) {
    PortfolioStanding standing;
    for (const auto& objective : outcome.result.objectives)
      standing.probabilities.push_back(objective.estimate.probability);
    for (const std::size_t q : headline) {
      standing.outcomes.push_back(
          median_of(outcome.result, comparison.quantities[q], scenario.base_year));
    }
    standing.cost = outcome.cost_discounted;
    standings.push_back(std::move(standing));
  }
  for (std::size_t x = 0; x < portfolios.size(); ++x) {
    for (std::size_t y = 0; y < portfolios.size(); ++y) {
      if (x != y && dominates(standings[y], standings[x], higher))
        portfolios[x].dominated_by.push_back(portfolios[y].id);
    }
  }
  for (std::size_t o = 0; o < scenario.objectives.size(); ++o) {
    std::vector<double> probabilities;
    std::vector<ObjectiveDistance> distances;
    for (const auto& outcome : portfolios) {
      probabilities.push_back(outcome.result.objectives[o].estimate.probability);
      distances.push_back(outcome.distances[o]);
    }
    comparison.verdicts.push_back(objective_verdict(probabilities, distances));
  }
}

/// The plans compared: the baseline ("") first, then the portfolios asked
/// for (every one when none is).
std::vector<std::string> compared_ids(const Scenario& scenario,
                                      const std::vector<std::string>& portfolio_ids) {
  std::vector<std::string> ids = {""};
  if (portfolio_ids.empty()) {
    for (const auto& portfolio : scenario.portfolios) ids.push_back(portfolio.id);
  } else {
    for (const auto& id : portfolio_ids) {
      if (id != "baseline") ids.push_back(id);
    }
  }
  return ids;
}

/// Pairs: paired differences of probabilities and shares of members doing
/// better, each later plan against each earlier one, every pair a task.
void compare_pairs(tbb::task_arena& arena, const std::vector<detail::CompactOutcomes>& data,
                   std::size_t objectives, PortfolioComparison& comparison) {
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  for (std::size_t a = 0; a < data.size(); ++a) {
    for (std::size_t b = a + 1; b < data.size(); ++b) pairs.emplace_back(a, b);
  }
  const std::vector<ComparedQuantity>& quantities = comparison.quantities;
  comparison.differences.resize(pairs.size() * objectives);
  comparison.better.resize(pairs.size() * quantities.size());
  arena.execute([&] {
    tbb::parallel_for(std::size_t{0}, pairs.size(), [&](std::size_t k) {
      const auto [a, b] = pairs[k];
      for (std::size_t o = 0; o < objectives; ++o) {
        PairedDifference difference = paired_difference(data[b].successes[o], data[a].successes[o]);
        difference.a = b;
        difference.b = a;
        difference.objective = o;
        comparison.differences[k * objectives + o] = difference;
      }
      for (std::size_t q = 0; q < quantities.size(); ++q) {
        const auto& values_a = data[b].values[q];
        const auto& values_b = data[a].values[q];
        std::uint64_t better = 0, ties = 0;
        for (std::size_t m = 0; m < values_a.size(); ++m) {
          if (values_a[m] == values_b[m]) {
            ++ties;
          } else if ((values_a[m] > values_b[m]) == quantities[q].higher_is_better) {
            ++better;
          }
        }
        const double n = static_cast<double>(std::max<std::size_t>(1, values_a.size()));
        comparison.better[k * quantities.size() + q] = {b, a, q, static_cast<double>(better) / n,
                                                        static_cast<double>(ties) / n};
      }
    });
  });
}

/// What carries a portfolio: its result against each run without one of
/// its actions, ranked by their weight on the objectives, then on GHG.
void add_contributions(const Scenario& scenario, const Plan& plan,
                       const std::vector<detail::WithoutAction>& without,
                       const PortfolioComparison& comparison, PortfolioOutcome& outcome) {
  for (std::size_t slot = 0; slot < plan.actions.size(); ++slot) {
    ActionContribution contribution;
    contribution.action = scenario.actions[static_cast<std::size_t>(plan.actions[slot].action)].id;
    for (std::size_t o = 0; o < without[slot].probability.size(); ++o) {
      contribution.probability.push_back(outcome.result.objectives[o].estimate.probability -
                                         without[slot].probability[o]);
    }
    for (std::size_t q = 0; q < comparison.quantities.size(); ++q) {
      const ComparedQuantity& quantity = comparison.quantities[q];
      const auto year = static_cast<std::size_t>(quantity.year - scenario.base_year);
      contribution.mean.push_back(outcome.result.mean_at(quantity.row, year) -
                                  without[slot].mean[q]);
    }
    outcome.contributions.push_back(std::move(contribution));
  }
  const auto ghg = static_cast<std::size_t>(
      std::find_if(comparison.quantities.begin(), comparison.quantities.end(),
                   [&](const ComparedQuantity& q) {
                     return q.row == static_cast<std::size_t>(plan.catalogue.ghg);
                   }) -
      comparison.quantities.begin());
  std::stable_sort(outcome.contributions.begin(), outcome.contributions.end(),
                   [ghg](const ActionContribution& x, const ActionContribution& y) {
                     double weight_x = 0, weight_y = 0;
                     for (const double p : x.probability) weight_x += std::abs(p);
                     for (const double p : y.probability) weight_y += std::abs(p);
                     if (weight_x != weight_y) return weight_x > weight_y;
                     return std::abs(x.mean[ghg]) > std::abs(y.mean[ghg]);
                   });
}

}  // namespace

ObjectiveVerdict objective_verdict(const std::vector<double>& probabilities,
                                   const std::vector<ObjectiveDistance>& distances) {
  ObjectiveVerdict verdict;
  verdict.closest = distances.size();
  for (std::size_t p = 0; p < probabilities.size(); ++p) {
    if (probabilities[p] >= LIKELY_LEVEL) verdict.within_reach = true;
    if (probabilities[p] > probabilities[verdict.most_likely]) verdict.most_likely = p;
  }
  for (std::size_t p = 0; p < distances.size(); ++p) {
    if (!distances[p].known) continue;
    if (verdict.closest == distances.size() ||
        distances[p].shortfall < distances[verdict.closest].shortfall)
      verdict.closest = p;
  }
  return verdict;
}

bool dominates(const PortfolioStanding& other, const PortfolioStanding& portfolio,
               const std::vector<bool>& higher_is_better) {
  // Written so that a comparison with a NaN is false, and never dominates.
  if (!(other.cost < portfolio.cost)) return false;
  for (std::size_t o = 0; o < portfolio.probabilities.size(); ++o) {
    if (!(other.probabilities[o] >= portfolio.probabilities[o])) return false;
  }
  for (std::size_t k = 0; k < portfolio.outcomes.size(); ++k) {
    const bool as_good = higher_is_better[k] ? other.outcomes[k] >= portfolio.outcomes[k]
                                             : other.outcomes[k] <= portfolio.outcomes[k];
    if (!as_good) return false;
  }
  return true;
}

std::vector<ComparedQuantity> compared_quantities(const Plan& plan) {
  const Scenario& scenario = *plan.scenario;
  const IndicatorCatalogue& catalogue = plan.catalogue;
  std::vector<ComparedQuantity> quantities;
  const auto add = [&](int row, int year) {
    for (const auto& quantity : quantities) {
      if (quantity.row == static_cast<std::size_t>(row) && quantity.year == year) return;
    }
    quantities.push_back({static_cast<std::size_t>(row), year,
                          catalogue[static_cast<std::size_t>(row)].id + " " + std::to_string(year),
                          higher_is_better(catalogue, static_cast<std::size_t>(row))});
  };
  for (const auto& objective : scenario.objectives) {
    add(catalogue.find(objective.indicator), objective.year);
  }
  // The headline indicators at each objective's year, and at the horizon.
  std::vector<int> years;
  for (const auto& objective : scenario.objectives) {
    if (std::find(years.begin(), years.end(), objective.year) == years.end())
      years.push_back(objective.year);
  }
  if (std::find(years.begin(), years.end(), scenario.horizon) == years.end())
    years.push_back(scenario.horizon);
  std::sort(years.begin(), years.end());
  for (const int year : years) {
    for (const int row : {catalogue.final_energy, catalogue.renewable_share, catalogue.ghg})
      add(row, year);
    for (std::size_t p = 0; p < scenario.pollutants.size(); ++p) {
      add(catalogue.pollutants + static_cast<int>(p * (scenario.sectors.size() + 1)), year);
    }
  }
  add(catalogue.cost_discounted, scenario.horizon);
  return quantities;
}

PairedDifference paired_difference(const std::vector<std::uint8_t>& a,
                                   const std::vector<std::uint8_t>& b) {
  PairedDifference difference;
  const double n = static_cast<double>(a.size());
  if (a.empty()) return difference;
  double sum_a = 0, sum_b = 0, sum_d = 0, sum_d2 = 0;
  for (std::size_t m = 0; m < a.size(); ++m) {
    const double d = static_cast<double>(a[m]) - static_cast<double>(b[m]);
    sum_a += a[m];
    sum_b += b[m];
    sum_d += d;
    sum_d2 += d * d;
  }
  const double p_a = sum_a / n, p_b = sum_b / n, mean = sum_d / n;
  const double variance = std::max(0.0, sum_d2 / n - mean * mean);
  const double paired = Z95 * std::sqrt(variance / n);
  const double unpaired = Z95 * std::sqrt(p_a * (1 - p_a) / n + p_b * (1 - p_b) / n);
  difference.difference = mean;
  difference.ci_low = mean - paired;
  difference.ci_high = mean + paired;
  difference.unpaired_ci_low = mean - unpaired;
  difference.unpaired_ci_high = mean + unpaired;
  return difference;
}

std::uint64_t comparison_bytes_per_member(const Scenario& scenario,
                                          const std::vector<std::string>& portfolio_ids) {
  const std::vector<std::string> ids = compared_ids(scenario, portfolio_ids);
  const Plan plan = compile_plan(scenario, ids.front());
  const std::uint64_t per_plan = scenario.objectives.size() * sizeof(std::uint8_t) +
                                 compared_quantities(plan).size() * sizeof(float);
  // Each plan's outcomes, and one copy of a plan's costs for their order statistics.
  return ids.size() * per_plan + sizeof(float);
}

PortfolioComparison compare_portfolios(
    const Scenario& scenario, const std::vector<std::string>& portfolio_ids,
    const EnsembleOptions& options, bool contributions,
    const std::function<void(std::size_t, std::size_t)>& progress) {
  check_ensemble_options(options);  // before the arena takes the thread count
  const std::vector<std::string> ids = compared_ids(scenario, portfolio_ids);
  PortfolioComparison comparison;
  std::vector<Plan> plans;
  for (const auto& id : ids) plans.push_back(compile_plan(scenario, id));  // throws for unknown ids
  comparison.quantities = compared_quantities(plans.front());
  std::size_t planned = ids.size(), done = 0;
  if (contributions) {
    for (std::size_t i = 1; i < plans.size(); ++i) planned += plans[i].actions.size();
  }
  tbb::task_arena arena(options.threads > 0 ? options.threads
                                            : tbb::this_task_arena::max_concurrency());
  detail::ComparisonRuns runs =
      detail::run_comparison(arena, plans, comparison.quantities, options, contributions, [&] {
        ++done;
        if (progress) progress(done, planned);
      });
  const IndicatorCatalogue& catalogue = plans.front().catalogue;
  std::size_t cost_quantity = 0;
  for (std::size_t q = 0; q < comparison.quantities.size(); ++q) {
    if (comparison.quantities[q].row == static_cast<std::size_t>(catalogue.cost_discounted) &&
        comparison.quantities[q].year == scenario.horizon)
      cost_quantity = q;
  }
  comparison.portfolios.resize(ids.size());
  arena.execute([&] {
    tbb::parallel_for(std::size_t{0}, ids.size(), [&](std::size_t i) {
      PortfolioOutcome& outcome = comparison.portfolios[i];
      outcome.id = ids[i].empty() ? "baseline" : ids[i];
      outcome.result = std::move(runs.results[i]);
      outcome.cost_discounted = mean_at_horizon(outcome.result, catalogue.cost_discounted);
      const std::vector<float>& costs = runs.outcomes[i].values[cost_quantity];
      outcome.cost_p05 = order_statistic(costs, 0.05);
      outcome.cost_median = order_statistic(costs, 0.5);
      outcome.cost_p95 = order_statistic(costs, 0.95);
    });
  });
  comparison.members = comparison.portfolios.front().result.members;

  // Costs and GHG avoided against the baseline.
  const double baseline_ghg =
      mean_at_horizon(comparison.portfolios.front().result, catalogue.ghg_cumulative);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    PortfolioOutcome& outcome = comparison.portfolios[i];
    outcome.ghg_avoided = baseline_ghg - mean_at_horizon(outcome.result, catalogue.ghg_cumulative);
    // M€ / ktCO2e = 1e6 € / 1e3 t.
    outcome.cost_per_tonne = outcome.ghg_avoided > 0.0
                                 ? 1000.0 * outcome.cost_discounted / outcome.ghg_avoided
                                 : std::numeric_limits<double>::quiet_NaN();
  }

  judge_portfolios(scenario, catalogue, comparison);
  compare_pairs(arena, runs.outcomes, scenario.objectives.size(), comparison);
  if (contributions) {
    for (std::size_t i = 1; i < ids.size(); ++i)
      add_contributions(scenario, plans[i], runs.without[i], comparison, comparison.portfolios[i]);
  }
  return comparison;
}

}  // namespace traj::territory
