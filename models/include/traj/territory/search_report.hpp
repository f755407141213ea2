#pragma once
/// The page of a portfolio search (`traj optimize --report FILE.html`): the
/// Pareto front as a chart of cost and probability, and each point's
/// actions and figures on the fresh members, in English or French.

#include <string>

#include "traj/territory/language.hpp"
#include "traj/territory/portfolio_search.hpp"

namespace traj::territory {

std::string search_report_html(const Scenario& scenario, const PortfolioSearch& search,
                               ReportLanguage language);

}  // namespace traj::territory
