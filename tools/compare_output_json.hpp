#pragma once
/// The JSON document `traj compare --json` prints (README, "JSON output"):
/// shared with the Python module (docs/python.md), so that both print the same.

#include <ostream>
#include <vector>

#include "traj/territory/coalition_shares.hpp"
#include "traj/territory/comparison.hpp"
#include "traj/territory/scenario.hpp"
#include "traj/territory/scenario_edits.hpp"

namespace traj::cli {

/// The territory, edits, members, every portfolio's entry, the verdicts per
/// objective, the paired differences, who does better, and with
/// `with_shares` the Shapley shares, to `out`.
void print_compare_json(const territory::Scenario& scenario, const territory::ScenarioEdits& edits,
                        const territory::PortfolioComparison& comparison,
                        const std::vector<territory::PortfolioShares>& shares, bool with_shares,
                        std::ostream& out);

}  // namespace traj::cli
