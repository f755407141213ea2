#include "compare_output_json.hpp"

#include "comparison_json.hpp"
#include "shares_output.hpp"
#include "territory_contributions_output.hpp"
#include "traj/json_writer.hpp"
#include "what_if_options.hpp"

namespace traj::cli {

using namespace traj::territory;

void print_compare_json(const Scenario& scenario, const ScenarioEdits& edits,
                        const PortfolioComparison& comparison,
                        const std::vector<PortfolioShares>& shares, bool with_shares,
                        std::ostream& out) {
  JsonWriter json(out);
  json.begin_object();
  json.key("territory").value(scenario.name);
  write_edits_json(json, edits);
  json.key("members").value(static_cast<long long>(comparison.members));
  json.key("discounted").value(scenario.has_discount_rate);
  json.key("portfolios").begin_array();
  for (const auto& portfolio : comparison.portfolios)
    write_compared_portfolio_json(json, scenario, comparison, portfolio);
  json.end_array();
  json.key("verdicts").begin_array();
  for (std::size_t o = 0; o < comparison.verdicts.size(); ++o) {
    const ObjectiveVerdict& verdict = comparison.verdicts[o];
    json.begin_object();
    json.key("objective").value(scenario.objectives[o].id);
    json.key("within_reach").value(verdict.within_reach);
    json.key("likely_level").value(LIKELY_LEVEL);
    // No "most likely" among portfolios that all never meet it.
    json.key("most_likely");
    if (comparison.portfolios[verdict.most_likely].result.objectives[o].estimate.probability >
        0.0) {
      json.value(comparison.portfolios[verdict.most_likely].id);
    } else {
      json.null();
    }
    json.key("closest");
    if (verdict.closest < comparison.portfolios.size()) {
      json.value(comparison.portfolios[verdict.closest].id);
    } else {
      json.null();
    }
    json.end_object();
  }
  json.end_array();
  json.key("differences").begin_array();
  for (const auto& difference : comparison.differences) {
    json.begin_object();
    json.key("a").value(comparison.portfolios[difference.a].id);
    json.key("b").value(comparison.portfolios[difference.b].id);
    json.key("objective").value(scenario.objectives[difference.objective].id);
    json.key("difference").value(difference.difference);
    json.key("ci_low").value(difference.ci_low);
    json.key("ci_high").value(difference.ci_high);
    json.key("unpaired_ci_low").value(difference.unpaired_ci_low);
    json.key("unpaired_ci_high").value(difference.unpaired_ci_high);
    json.end_object();
  }
  json.end_array();
  json.key("better").begin_array();
  for (const auto& better : comparison.better) {
    json.begin_object();
    json.key("a").value(comparison.portfolios[better.a].id);
    json.key("b").value(comparison.portfolios[better.b].id);
    json.key("quantity").value(comparison.quantities[better.quantity].label);
    json.key("share_better").value(better.better);
    json.key("share_equal").value(better.ties);
    json.end_object();
  }
  json.end_array();
  if (with_shares) write_shares_json(json, shares);
  write_territory_contributions_json(json, scenario, comparison);
  json.end_object();
}

}  // namespace traj::cli
