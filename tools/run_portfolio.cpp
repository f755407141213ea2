#include "run_portfolio.hpp"

#include "traj/error.hpp"

namespace traj::cli {

using namespace traj::territory;

RunPortfolio choose_run_portfolio(const Scenario& scenario, const std::string& asked,
                                  Language language) {
  if (asked.empty()) {
    if (scenario.portfolios.empty()) return {"", say("baseline_no_portfolio", language)};
    const std::string& first = scenario.portfolios.front().id;
    return {first,
            say("portfolio_first", language, {first, std::to_string(scenario.portfolios.size())})};
  }
  if (asked == "baseline" && scenario.find_portfolio("baseline") == NONE) {
    return {"", say("baseline_no_action", language)};
  }
  return {asked, say("portfolio_named", language, {asked})};
}

void refuse_emptied_portfolio(const ChosenScenario& chosen, const Plan& plan) {
  if (plan.portfolio.empty() || (chosen.edits.only.empty() && chosen.edits.actions_off.empty()))
    return;
  const Scenario& scenario = chosen.scenario;
  const auto& run =
      scenario.portfolios[static_cast<std::size_t>(scenario.find_portfolio(plan.portfolio))];
  if (!run.actions.empty()) return;
  throw InputError("--only/--action-off: expected them to leave portfolio " + plan.portfolio +
                   " at least one action, found none left; it would run as the baseline: name "
                   "an action of " +
                   plan.portfolio + " in --only, or run --portfolio baseline");
}

}  // namespace traj::cli
