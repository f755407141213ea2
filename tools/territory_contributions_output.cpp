#include "territory_contributions_output.hpp"

#include <cmath>
#include <cstdio>
#include <iostream>

#include "traj/display_width.hpp"
#include "traj/territory/scenario_text.hpp"
#include "traj/territory/territory_contributions.hpp"

namespace traj::cli {

using namespace traj::territory;

namespace {

std::string amount(double value, Language language) {
  if (!std::isfinite(value)) return "–";
  if (value == 0.0) value = 0.0;  // no "-0"
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, std::abs(value) >= 100 ? "%.0f" : "%.1f", value);
  return decimal(buffer, language);
}

std::string share(double value, Language language) {
  if (!std::isfinite(value)) return "–";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f %%", 100.0 * value);
  return decimal(buffer, language);
}

}  // namespace

void print_territory_contributions(const Scenario& scenario, const PortfolioComparison& comparison,
                                   Language language) {
  if (scenario.territories.empty() || comparison.portfolios.size() < 2) return;
  const IndicatorCatalogue catalogue(scenario);
  const EnsembleResult& baseline = comparison.portfolios.front().result;
  std::cout << "\n" << say("territory_contributions", language) << "\n";
  for (std::size_t p = 1; p < comparison.portfolios.size(); ++p) {
    const auto& portfolio = comparison.portfolios[p];
    std::cout << "  " << portfolio.id << "\n    " << pad_right(say("territory", language), 28)
              << pad_left(say("ghg_avoided_short", language), 18)
              << pad_left(say("share_of_whole", language), 14)
              << pad_left(say("energy_saved_short", language), 18)
              << pad_left(say("production_added_short", language), 18)
              << pad_left(say("costs_short", language), 14) << "\n";
    for (const auto& contribution :
         territory_contributions(catalogue, baseline, portfolio.result)) {
      const Territory& territory = scenario.territories[contribution.territory];
      std::cout << "    " << pad_right(territory_name(territory, language), 28)
                << pad_left(amount(contribution.ghg_avoided, language), 18)
                << pad_left(share(contribution.share_of_ghg_avoided, language), 14)
                << pad_left(amount(contribution.energy_saved, language), 18)
                << pad_left(amount(contribution.production_added, language), 18)
                << pad_left(amount(contribution.cost, language), 14) << "\n";
    }
  }
}

void write_territory_contributions_json(JsonWriter& json, const Scenario& scenario,
                                        const PortfolioComparison& comparison) {
  if (scenario.territories.empty() || comparison.portfolios.empty()) return;
  const IndicatorCatalogue catalogue(scenario);
  const EnsembleResult& baseline = comparison.portfolios.front().result;
  json.key("territory_contributions").begin_array();
  for (std::size_t p = 1; p < comparison.portfolios.size(); ++p) {
    json.begin_object();
    json.key("portfolio").value(comparison.portfolios[p].id);
    json.key("territories").begin_array();
    for (const auto& contribution :
         territory_contributions(catalogue, baseline, comparison.portfolios[p].result)) {
      json.begin_object();
      json.key("territory").value(scenario.territories[contribution.territory].id);
      json.key("ghg_avoided").value(contribution.ghg_avoided);
      json.key("share_of_ghg_avoided");
      if (std::isfinite(contribution.share_of_ghg_avoided)) {
        json.value(contribution.share_of_ghg_avoided);
      } else {
        json.null();
      }
      json.key("energy_saved").value(contribution.energy_saved);
      json.key("production_added").value(contribution.production_added);
      json.key("cost").value(contribution.cost);
      json.end_object();
    }
    json.end_array();
    json.end_object();
  }
  json.end_array();
}

}  // namespace traj::cli
