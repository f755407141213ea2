#include "run_portfolio.hpp"

#include "traj/error.hpp"

namespace traj::cli {

using namespace traj::territory;

RunPortfolio choose_run_portfolio(const Scenario& scenario, const std::string& asked) {
  if (asked.empty()) {
    if (scenario.portfolios.empty()) return {"", "baseline (the scenario has no portfolio)"};
    const std::string& first = scenario.portfolios.front().id;
    return {first, "portfolio " + first + " (the first of " +
                       std::to_string(scenario.portfolios.size()) +
                       "; choose with --portfolio, or --portfolio baseline for no action)"};
  }
  if (asked == "baseline" && scenario.find_portfolio("baseline") == NONE) {
    return {"", "baseline (no action)"};
  }
  return {asked, "portfolio " + asked};
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
