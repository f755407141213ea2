#include "comparison_json.hpp"

#include "distance_output.hpp"

namespace traj::cli {

void write_compared_portfolio_json(JsonWriter& json, const territory::Scenario& scenario,
                                   const territory::PortfolioComparison& comparison,
                                   const territory::PortfolioOutcome& portfolio) {
  json.begin_object();
  json.key("id").value(portfolio.id);
  json.key("objectives").begin_array();
  for (std::size_t o = 0; o < scenario.objectives.size(); ++o) {
    const auto& estimate = portfolio.result.objectives[o].estimate;
    json.begin_object();
    json.key("id").value(scenario.objectives[o].id);
    json.key("probability").value(estimate.probability);
    json.key("ci_low").value(estimate.ci_low);
    json.key("ci_high").value(estimate.ci_high);
    write_distance_json(json, portfolio.distances[o]);
    json.end_object();
  }
  json.end_array();
  json.key("all_objectives").value(portfolio.result.joint.probability);
  json.key("cost").value(portfolio.cost_discounted);
  json.key("cost_p05").value(portfolio.cost_p05);
  json.key("cost_median").value(portfolio.cost_median);
  json.key("cost_p95").value(portfolio.cost_p95);
  json.key("ghg_avoided").value(portfolio.ghg_avoided);
  json.key("cost_per_tco2e").value(portfolio.cost_per_tonne);
  json.key("dominated_by").begin_array();
  for (const auto& other : portfolio.dominated_by) json.value(other);
  json.end_array();
  json.key("contributions").begin_array();
  for (const auto& contribution : portfolio.contributions) {
    json.begin_object();
    json.key("action").value(contribution.action);
    json.key("probability").begin_object();
    for (std::size_t o = 0; o < contribution.probability.size(); ++o) {
      json.key(scenario.objectives[o].id).value(contribution.probability[o]);
    }
    json.end_object();
    json.key("mean").begin_object();
    for (std::size_t q = 0; q < contribution.mean.size(); ++q) {
      json.key(comparison.quantities[q].label).value(contribution.mean[q]);
    }
    json.end_object();
    json.end_object();
  }
  json.end_array();
  json.end_object();
}

}  // namespace traj::cli
