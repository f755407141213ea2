#pragma once
/// One portfolio's entry of `traj compare --json` (README, "JSON output"):
/// written by compare and by the workspace's economics and contributions
/// (`traj serve`, docs/serve.md), so that the two are the same text.

#include "traj/json_writer.hpp"
#include "traj/territory/comparison.hpp"

namespace traj::cli {

/// {"id", "objectives", "all_objectives", "cost", "cost_p05", "cost_median",
/// "cost_p95", "ghg_avoided", "cost_per_tco2e", "dominated_by",
/// "contributions"} of `portfolio`, one of `comparison`'s.
void write_compared_portfolio_json(JsonWriter& json, const territory::Scenario& scenario,
                                   const territory::PortfolioComparison& comparison,
                                   const territory::PortfolioOutcome& portfolio);

}  // namespace traj::cli
