#pragma once
/// The sections of the comparison report that show the portfolios side by
/// side: their trajectories together, their breakdowns by sector, carrier
/// and source, the paired differences that say something, and what carries
/// each portfolio.

#include <string>

#include "labels.hpp"
#include "traj/territory/coalition_shares.hpp"
#include "traj/territory/comparison.hpp"
#include "traj/territory/scenario.hpp"

namespace traj::territory::report {

/// A portfolio's name in the report's language ("baseline (no action)"
/// for the baseline; the id of one the scenario does not have).
std::string portfolio_label(const Scenario& scenario, const std::string& id, Language language);

/// An objective as a column names it: its indicator's short name and its
/// year ("GES 2050"); an indicator other than the headline ones by its name.
std::string objective_heading(const Scenario& scenario, const Objective& objective,
                              Language language);

/// What each coalition (or action) brings to each portfolio (`traj compare
/// --shares`): a table per portfolio, its players' shares with 95 %
/// intervals and the whole; nothing without shares.
std::string shares_section(const Scenario& scenario, const std::vector<PortfolioShares>& shares,
                           Language language);

/// The headline indicators, every portfolio's median and 5–95 % band on one chart each.
std::string trajectories_section(const Scenario& scenario, const PortfolioComparison& comparison,
                                 Language language);

/// Final energy by sector and by carrier, local production by source:
/// stacked bars of the members' means, per portfolio, in the base year,
/// each objective's year and the horizon.
std::string breakdown_section(const Scenario& scenario, const PortfolioComparison& comparison,
                              Language language);

/// The paired differences of probability that are informative (not zero
/// with a zero-width interval); the others in one sentence.
std::string differences_section(const Scenario& scenario, const PortfolioComparison& comparison,
                                Language language);

/// Each portfolio's actions ranked by what they change in GHG at the
/// horizon, with their names and the coalition that carries them.
std::string contributions_section(const Scenario& scenario, const PortfolioComparison& comparison,
                                  Language language);

/// For a scenario with [[territories]]: per portfolio, each territory's part
/// of the whole's change, ranked by the GHG it avoids (territory_comparison.cpp).
std::string territories_section(const Scenario& scenario, const PortfolioComparison& comparison,
                                Language language);

}  // namespace traj::territory::report
