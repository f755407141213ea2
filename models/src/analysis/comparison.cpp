#include "traj/territory/comparison.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "traj/territory/targets.hpp"
#include "traj/territory/territorial_model.hpp"

namespace traj::territory {
namespace {

constexpr double Z95 = 1.959963984540054;

double mean_at_horizon(const EnsembleResult& result, int row) {
  return result.mean_at(static_cast<std::size_t>(row), result.years - 1);
}

/// The smallest value with at least a share `level` of `values` at or below it.
double order_statistic(std::vector<double> values, double level) {
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

EnsembleResult run_recording(const Plan& plan, const std::vector<ComparedQuantity>& quantities,
                             const EnsembleOptions& base, MemberOutcomes* data) {
  const TerritorialModel model(plan);
  EnsembleOptions options = base;
  options.quantile_rows = model.headline_rows();
  const auto objectives = model.objective_specs();
  if (data != nullptr) {
    data->successes.assign(objectives.size(), {});
    data->values.assign(quantities.size(), {});
    // The members planned, at least: no reallocation on the way (and no
    // vector of twice the size) unless a precision target adds members.
    for (auto& successes : data->successes) successes.reserve(base.members);
    for (auto& values : data->values) values.reserve(base.members);
    std::vector<std::size_t> rows;
    for (const auto& quantity : quantities) {
      if (std::find(rows.begin(), rows.end(), quantity.row) == rows.end())
        rows.push_back(quantity.row);
    }
    options.recorded_rows = rows;
    options.record_parameters = false;
    // Only the years compared (a few of the horizon's): the members' other
    // years are neither copied nor kept.
    const int base_year = plan.scenario->base_year;
    std::vector<std::size_t> years;
    for (const auto& quantity : quantities)
      years.push_back(static_cast<std::size_t>(quantity.year - base_year));
    std::sort(years.begin(), years.end());
    years.erase(std::unique(years.begin(), years.end()), years.end());
    options.recorded_years = years;
    options.on_members = [data, rows, years, &quantities, &objectives,
                          base_year](const MemberRecords& records) {
      for (std::size_t o = 0; o < objectives.size(); ++o) {
        for (std::size_t m = 0; m < records.count; ++m) {
          data->successes[o].push_back(records.successes[m * objectives.size() + o]);
        }
      }
      for (std::size_t q = 0; q < quantities.size(); ++q) {
        const auto r = static_cast<std::size_t>(
            std::find(rows.begin(), rows.end(), quantities[q].row) - rows.begin());
        const auto year = static_cast<std::size_t>(
            std::lower_bound(years.begin(), years.end(),
                             static_cast<std::size_t>(quantities[q].year - base_year)) -
            years.begin());
        for (std::size_t m = 0; m < records.count; ++m) {
          data->values[q].push_back(
              records.trajectories[(r * records.capacity + m) * records.years + year]);
        }
      }
    };
  }
  return run_ensemble(model, objectives, options);
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

PortfolioComparison compare_portfolios(
    const Scenario& scenario, const std::vector<std::string>& portfolio_ids,
    const EnsembleOptions& options, bool contributions,
    const std::function<void(std::size_t, std::size_t)>& progress) {
  std::vector<std::string> ids = {""};
  if (portfolio_ids.empty()) {
    for (const auto& portfolio : scenario.portfolios) ids.push_back(portfolio.id);
  } else {
    for (const auto& id : portfolio_ids) {
      if (id != "baseline") ids.push_back(id);
    }
  }
  PortfolioComparison comparison;
  std::vector<Plan> plans;
  for (const auto& id : ids) plans.push_back(compile_plan(scenario, id));  // throws for unknown ids
  comparison.quantities = compared_quantities(plans.front());
  std::size_t planned = ids.size(), done = 0;
  if (contributions) {
    for (std::size_t i = 1; i < plans.size(); ++i) planned += plans[i].actions.size();
  }
  const auto step = [&] {
    ++done;
    if (progress) progress(done, planned);
  };
  std::vector<MemberOutcomes> data(ids.size());
  const IndicatorCatalogue& catalogue = plans.front().catalogue;
  std::size_t cost_quantity = 0;
  for (std::size_t q = 0; q < comparison.quantities.size(); ++q) {
    if (comparison.quantities[q].row == static_cast<std::size_t>(catalogue.cost_discounted) &&
        comparison.quantities[q].year == scenario.horizon)
      cost_quantity = q;
  }
  for (std::size_t i = 0; i < ids.size(); ++i) {
    PortfolioOutcome outcome;
    outcome.id = ids[i].empty() ? "baseline" : ids[i];
    outcome.result = run_recording(plans[i], comparison.quantities, options, &data[i]);
    outcome.cost_discounted = mean_at_horizon(outcome.result, catalogue.cost_discounted);
    const std::vector<double>& costs = data[i].values[cost_quantity];
    outcome.cost_p05 = order_statistic(costs, 0.05);
    outcome.cost_median = order_statistic(costs, 0.5);
    outcome.cost_p95 = order_statistic(costs, 0.95);
    comparison.portfolios.push_back(std::move(outcome));
    step();
  }
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

  // Pairs: paired differences of probabilities and shares of members doing better.
  for (std::size_t a = 0; a < ids.size(); ++a) {
    for (std::size_t b = a + 1; b < ids.size(); ++b) {
      for (std::size_t o = 0; o < scenario.objectives.size(); ++o) {
        PairedDifference difference = paired_difference(data[b].successes[o], data[a].successes[o]);
        difference.a = b;
        difference.b = a;
        difference.objective = o;
        comparison.differences.push_back(difference);
      }
      for (std::size_t q = 0; q < comparison.quantities.size(); ++q) {
        const auto& values_a = data[b].values[q];
        const auto& values_b = data[a].values[q];
        std::uint64_t better = 0, ties = 0;
        for (std::size_t m = 0; m < values_a.size(); ++m) {
          if (values_a[m] == values_b[m]) {
            ++ties;
          } else if ((values_a[m] > values_b[m]) == comparison.quantities[q].higher_is_better) {
            ++better;
          }
        }
        const double n = static_cast<double>(std::max<std::size_t>(1, values_a.size()));
        comparison.better.push_back(
            {b, a, q, static_cast<double>(better) / n, static_cast<double>(ties) / n});
      }
    }
  }

  // What carries each portfolio: the same members without each action.
  if (contributions) {
    for (std::size_t i = 1; i < ids.size(); ++i) {
      PortfolioOutcome& outcome = comparison.portfolios[i];
      for (std::size_t slot = 0; slot < plans[i].actions.size(); ++slot) {
        Plan without = plans[i];
        without.actions[slot].adoption.ceiling = Quantity::fixed(0.0);
        const EnsembleResult result =
            run_recording(without, comparison.quantities, options, nullptr);
        ActionContribution contribution;
        contribution.action =
            scenario.actions[static_cast<std::size_t>(plans[i].actions[slot].action)].id;
        for (std::size_t o = 0; o < result.objectives.size(); ++o) {
          contribution.probability.push_back(outcome.result.objectives[o].estimate.probability -
                                             result.objectives[o].estimate.probability);
        }
        for (const auto& quantity : comparison.quantities) {
          const auto year = static_cast<std::size_t>(quantity.year - scenario.base_year);
          contribution.mean.push_back(outcome.result.mean_at(quantity.row, year) -
                                      result.mean_at(quantity.row, year));
        }
        outcome.contributions.push_back(std::move(contribution));
        step();
      }
      // Ranked by their weight on the objectives, then on GHG.
      const auto ghg = static_cast<std::size_t>(
          std::find_if(comparison.quantities.begin(), comparison.quantities.end(),
                       [&](const ComparedQuantity& q) {
                         return q.row == static_cast<std::size_t>(catalogue.ghg);
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
  }
  return comparison;
}

}  // namespace traj::territory
