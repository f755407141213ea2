#include "traj/territory/comparison_file.hpp"

#include <cmath>
#include <cstdio>
#include <limits>

#include "../results/provenance.hpp"
#include "../results/scales.hpp"
#include "../results/variables.hpp"
#include "traj/hdf5_file.hpp"

namespace traj::territory {
namespace {

using hdf5::Dataset;
using hdf5::Group;

Dataset scale(Group& group, const std::string& name, const std::vector<std::string>& values) {
  return results::name_scale(group, name, values, "");
}

/// `units` as UDUNITS-2 and pint read it (docs/hdf5-layout.md#units); "1"
/// here is always a probability or a share, shown as "%".
Dataset variable(Group& group, const std::string& name, const std::vector<double>& values,
                 const std::vector<const Dataset*>& dims, const std::string& long_name,
                 const std::string& units) {
  Dataset dataset = results::write_numbers(group, name, values, dims, long_name, units);
  if (units == "1") dataset.set_attribute("display_units", std::string("%"));
  return dataset;
}

}  // namespace

void write_comparison(const std::string& path, const Scenario& scenario,
                      const PortfolioComparison& comparison, const std::vector<InputFile>& inputs,
                      const RunSettings& settings, const std::vector<PortfolioShares>& shares) {
  hdf5::File file = hdf5::File::create(path);
  Group& root = file.root();
  results::write_provenance(
      root,
      {COMPARISON_FILETYPE, 2, "Trajectoires portfolio comparison: " + scenario.name,
       settings.traj_version, settings.git_hash, settings.command_line},
      scenario);
  root.set_attribute("seed", static_cast<std::int64_t>(settings.seed));
  root.set_attribute("members", static_cast<std::int64_t>(comparison.members));
  root.set_attribute("costs",
                     std::string(scenario.has_discount_rate ? "discounted" : "undiscounted"));
  write_inputs(root, inputs, settings.edits);

  std::vector<std::string> portfolio_ids, objective_ids, quantity_labels;
  for (const auto& portfolio : comparison.portfolios) portfolio_ids.push_back(portfolio.id);
  for (const auto& objective : scenario.objectives) objective_ids.push_back(objective.id);
  for (const auto& quantity : comparison.quantities) quantity_labels.push_back(quantity.label);
  const std::size_t P = portfolio_ids.size(), O = objective_ids.size(), Q = quantity_labels.size();
  const Dataset portfolio = scale(root, "portfolio", portfolio_ids);
  const Dataset other = scale(root, "other_portfolio", portfolio_ids);
  const Dataset quantity = scale(root, "quantity", quantity_labels);
  const double nan = std::numeric_limits<double>::quiet_NaN();

  if (O > 0) {
    const Dataset objective = scale(root, "objective", objective_ids);
    std::vector<double> probability, low, high;
    for (const auto& outcome : comparison.portfolios) {
      for (std::size_t o = 0; o < O; ++o) {
        probability.push_back(outcome.result.objectives[o].estimate.probability);
        low.push_back(outcome.result.objectives[o].estimate.ci_low);
        high.push_back(outcome.result.objectives[o].estimate.ci_high);
      }
    }
    variable(root, "probability", probability, {&portfolio, &objective},
             "probability of meeting the objective", "1");
    variable(root, "ci_low", low, {&portfolio, &objective}, "Wilson 95 % interval, lower bound",
             "1");
    variable(root, "ci_high", high, {&portfolio, &objective}, "Wilson 95 % interval, upper bound",
             "1");
    std::vector<double> difference(P * P * O, nan), paired_low(P * P * O, nan),
        paired_high(P * P * O, nan);
    for (const auto& pair : comparison.differences) {
      for (const auto& [a, b, sign] :
           {std::tuple{pair.a, pair.b, 1.0}, std::tuple{pair.b, pair.a, -1.0}}) {
        const std::size_t index = (a * P + b) * O + pair.objective;
        difference[index] = sign * pair.difference;
        paired_low[index] = sign > 0 ? pair.ci_low : -pair.ci_high;
        paired_high[index] = sign > 0 ? pair.ci_high : -pair.ci_low;
      }
    }
    variable(root, "difference", difference, {&portfolio, &other, &objective},
             "paired difference of probability, portfolio − other_portfolio, same members", "1");
    variable(root, "difference_ci_low", paired_low, {&portfolio, &other, &objective},
             "paired 95 % interval", "1");
    variable(root, "difference_ci_high", paired_high, {&portfolio, &other, &objective},
             "paired 95 % interval", "1");
  }
  std::vector<double> cost, avoided, per_tonne, joint, dominated;
  for (const auto& outcome : comparison.portfolios) {
    cost.push_back(outcome.cost_discounted);
    avoided.push_back(outcome.ghg_avoided);
    per_tonne.push_back(outcome.cost_per_tonne);
    joint.push_back(outcome.result.joint.probability);
    dominated.push_back(outcome.dominated_by.empty() ? 0.0 : 1.0);
  }
  // Money in millions of the `currency`, GHG in Gg (= kt) of `mass_of`.
  Dataset cost_variable = variable(root, "cost", cost, {&portfolio},
                                   "mean cost to the horizon (see attribute costs)", "1e6");
  cost_variable.set_attribute("display_units", std::string("M€"));
  cost_variable.set_attribute("currency", std::string("EUR"));
  Dataset avoided_variable =
      variable(root, "ghg_avoided", avoided, {&portfolio},
               "mean cumulative GHG avoided against the baseline (CO2e)", "Gg");
  avoided_variable.set_attribute("display_units", std::string("ktCO2e"));
  avoided_variable.set_attribute("mass_of", std::string("CO2e"));
  Dataset per_tonne_variable = variable(root, "cost_per_tco2e", per_tonne, {&portfolio},
                                        "cost per tonne of CO2e avoided", "t^-1");
  per_tonne_variable.set_attribute("display_units", std::string("€/tCO2e"));
  per_tonne_variable.set_attribute("currency", std::string("EUR"));
  per_tonne_variable.set_attribute("mass_of", std::string("CO2e"));
  variable(root, "all_objectives_probability", joint, {&portfolio},
           "probability of meeting every objective", "1");
  variable(root, "dominated", dominated, {&portfolio},
           "1 if another portfolio is as likely on every objective, as good on the headline "
           "outcomes and cheaper",
           "");
  std::vector<double> better(P * P * Q, nan);
  for (const auto& share : comparison.better) {
    better[(share.a * P + share.b) * Q + share.quantity] = share.better;
    better[(share.b * P + share.a) * Q + share.quantity] = 1.0 - share.better - share.ties;
  }
  variable(root, "share_better", better, {&portfolio, &other, &quantity},
           "share of members where portfolio does strictly better than other_portfolio", "1");
  std::vector<double> mean(P * Q);
  for (std::size_t p = 0; p < P; ++p) {
    for (std::size_t q = 0; q < Q; ++q) {
      mean[p * Q + q] = comparison.portfolios[p].result.mean_at(
          comparison.quantities[q].row,
          static_cast<std::size_t>(comparison.quantities[q].year - scenario.base_year));
    }
  }
  variable(root, "mean", mean, {&portfolio, &quantity}, "mean over the members", "");

  Group contributions = root.create_group("contributions");
  for (const auto& outcome : comparison.portfolios) {
    if (outcome.contributions.empty()) continue;
    Group group = contributions.create_group(outcome.id);
    std::vector<std::string> actions;
    for (const auto& contribution : outcome.contributions) actions.push_back(contribution.action);
    const Dataset action = scale(group, "action", actions);
    const Dataset group_quantity = scale(group, "quantity", quantity_labels);
    std::vector<double> means;
    for (const auto& contribution : outcome.contributions)
      means.insert(means.end(), contribution.mean.begin(), contribution.mean.end());
    variable(group, "mean", means, {&action, &group_quantity},
             "mean with the action minus mean without it", "");
    if (O > 0) {
      const Dataset group_objective = scale(group, "objective", objective_ids);
      std::vector<double> probabilities;
      for (const auto& contribution : outcome.contributions) {
        probabilities.insert(probabilities.end(), contribution.probability.begin(),
                             contribution.probability.end());
      }
      variable(group, "probability", probabilities, {&action, &group_objective},
               "probability with the action minus without it", "1");
    }
  }
  if (!shares.empty()) write_shares_group(root, shares);
  file.close();
}

}  // namespace traj::territory
