#include "traj/territory/plan.hpp"

#include <algorithm>

#include "plan_part.hpp"
#include "traj/error.hpp"
#include "traj/string_distance.hpp"
#include "traj/territory/substitution_cycles.hpp"

namespace traj::territory {
namespace {

double central(const Quantity& quantity, const ParameterSet& parameters) {
  if (quantity.is_constant()) return quantity.constant;
  return parameters[static_cast<std::size_t>(quantity.parameter)].distribution.central() *
         quantity.scale;
}

}  // namespace

namespace {
Plan compile(const Scenario& scenario, const std::string& portfolio_id,
             std::vector<int> action_indices, const Portfolio* portfolio);
}  // namespace

Plan compile_actions(const Scenario& scenario, const std::vector<int>& actions) {
  return compile(scenario, "", actions, nullptr);
}

Plan compile_plan_part(const Scenario& scenario, const std::string& portfolio_id,
                       const std::vector<int>& actions) {
  const Portfolio* portfolio = nullptr;
  if (portfolio_id != "*" && !portfolio_id.empty()) {
    const int index = scenario.find_portfolio(portfolio_id);
    if (index == NONE)
      return compile_plan(scenario, portfolio_id);  // throws, naming the known ones
    portfolio = &scenario.portfolios[static_cast<std::size_t>(index)];
  }
  return compile(scenario, portfolio_id, actions, portfolio);
}

Plan compile_plan(const Scenario& scenario, const std::string& portfolio_id) {
  std::vector<int> action_indices;
  const Portfolio* portfolio = nullptr;
  if (portfolio_id == "*") {
    for (std::size_t a = 0; a < scenario.actions.size(); ++a)
      action_indices.push_back(static_cast<int>(a));
  } else if (!portfolio_id.empty()) {
    const int index = scenario.find_portfolio(portfolio_id);
    if (index == NONE) {
      std::vector<std::string> ids;
      for (const auto& candidate : scenario.portfolios) ids.push_back(candidate.id);
      std::string known;
      for (const auto& id : ids) known += (known.empty() ? "" : ", ") + id;
      throw InputError("--portfolio: expected a portfolio of the scenario (" +
                       (known.empty() ? std::string("it has none") : known) + "), found \"" +
                       portfolio_id + "\"" + did_you_mean(portfolio_id, ids));
    }
    portfolio = &scenario.portfolios[static_cast<std::size_t>(index)];
    action_indices = portfolio->actions;
  }
  return compile(scenario, portfolio_id, action_indices, portfolio);
}

namespace {
Plan compile(const Scenario& scenario, const std::string& portfolio_id,
             std::vector<int> action_indices, const Portfolio* portfolio) {
  Plan plan(scenario);
  plan.portfolio = portfolio_id;

  // A portfolio is a set: its actions are compiled in the order the
  // scenario declares them, whatever the order it lists them in, so that
  // every sum and product over actions is made in one order.
  std::sort(action_indices.begin(), action_indices.end());
  for (const int a : action_indices) {
    const Action& action = scenario.actions[static_cast<std::size_t>(a)];
    PlannedAction planned{a, action.adoption,
                          central(action.adoption.ceiling, scenario.parameters)};
    if (portfolio != nullptr) {
      for (const auto& change : portfolio->overrides) {
        if (change.action != a) continue;
        if (change.ceiling) planned.adoption.ceiling = *change.ceiling;
        if (change.start) planned.adoption.start = *change.start;
        if (change.full_year) planned.adoption.full_year = *change.full_year;
        if (change.midpoint) planned.adoption.midpoint = *change.midpoint;
        if (change.steepness) planned.adoption.steepness = *change.steepness;
        // After start, full_year and midpoint: the shift moves the curve they give.
        if (change.shift) planned.adoption.shift += *change.shift;
      }
    }
    const int slot = static_cast<int>(plan.actions.size());
    plan.actions.push_back(planned);
    for (const Effect& effect : action.effects) {
      std::visit(Overloaded{
                     [&](const ReduceEffect& reduce) {
                       plan.reductions.push_back({slot, &reduce});
                     },
                     [](const SwitchEffect&) {},  // grouped below
                     [&](const ProduceEffect& produce) {
                       plan.productions.push_back({slot, &produce});
                     },
                     [&](const FactorEffect& factor) {
                       plan.factor_changes.push_back({slot, &factor});
                     },
                     [&](const AbateEffect& abate) {
                       plan.abatements.push_back({slot, &abate});
                     },
                     [&](const IndicatorEffect& indicator) {
                       plan.indicator_changes.push_back({slot, &indicator});
                     },
                 },
                 effect.kind);
    }
  }

  // Switches: per sector, cells in topological order of the carriers, so a
  // cell gives away demand only after receiving all the demand switched to it.
  for (int sector = 0; sector < static_cast<int>(scenario.sectors.size()); ++sector) {
    for (const int carrier : switch_order(scenario, sector, action_indices)) {
      SwitchGroup group{sector, carrier, {}};
      for (std::size_t slot = 0; slot < plan.actions.size(); ++slot) {
        const Action& action =
            scenario.actions[static_cast<std::size_t>(plan.actions[slot].action)];
        for (const Effect& effect : action.effects) {
          const SwitchEffect* move = effect.as<SwitchEffect>();
          if (move != nullptr && move->from == carrier &&
              std::find(move->sectors.begin(), move->sectors.end(), sector) !=
                  move->sectors.end()) {
            group.switches.push_back({static_cast<int>(slot), move});
          }
        }
      }
      if (!group.switches.empty()) plan.switch_groups.push_back(std::move(group));
    }
  }

  // Conversions whose inputs are themselves converted come after them.
  std::vector<const Conversion*> pending;
  for (const auto& conversion : scenario.conversions) pending.push_back(&conversion);
  while (!pending.empty()) {
    const auto ready =
        std::find_if(pending.begin(), pending.end(), [&](const Conversion* candidate) {
          return std::none_of(
              candidate->input_carriers.begin(), candidate->input_carriers.end(), [&](int input) {
                return std::any_of(pending.begin(), pending.end(), [&](const Conversion* other) {
                  return other->carrier == input;
                });
              });
        });
    if (ready == pending.end()) {
      throw InputError(
          "energy_branch.conversions: expected conversions that do not feed each other in a "
          "loop, found a loop");
    }
    plan.conversions.push_back(*ready);
    pending.erase(ready);
  }
  plan.derived_source.assign(scenario.sources.size(), false);
  for (const auto& conversion : scenario.conversions) {
    if (conversion.renewable_source != NONE) {
      plan.derived_source[static_cast<std::size_t>(conversion.renewable_source)] = true;
    }
  }
  return plan;
}

}  // namespace

}  // namespace traj::territory
