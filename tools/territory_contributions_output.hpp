#pragma once
/// `traj compare` for a scenario with [[territories]]: what each territory
/// contributes to each portfolio's change of the whole, as text and JSON.

#include "traj/json_writer.hpp"
#include "traj/territory/comparison.hpp"
#include "words.hpp"

namespace traj::cli {

/// Per portfolio, the territories ranked by the GHG they avoid; nothing for
/// a scenario of one territory.
void print_territory_contributions(const territory::Scenario& scenario,
                                   const territory::PortfolioComparison& comparison,
                                   Language language);

/// "territory_contributions": per portfolio, per territory (ranked); nothing
/// for a scenario of one territory.
void write_territory_contributions_json(JsonWriter& json, const territory::Scenario& scenario,
                                        const territory::PortfolioComparison& comparison);

}  // namespace traj::cli
