#pragma once
// `traj compare --shares`: what each coalition (or action) brings to each
// portfolio, as text (French or English) and as the JSON key "shares".

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "traj/json_writer.hpp"
#include "traj/territory/coalition_shares.hpp"
#include "traj/territory/comparison.hpp"
#include "traj/territory/scenario.hpp"
#include "words.hpp"

namespace traj::cli {

/// Refuses (InputError, exit 2), before any ensemble runs, shares of the
/// portfolios `portfolio_ids` (empty: every one) whose members' values
/// would not fit in the memory available, naming the members that would.
void refuse_shares_beyond_memory(const territory::Scenario& scenario,
                                 const std::vector<std::string>& portfolio_ids,
                                 const std::string& players, std::uint64_t members);

/// The shares of every compared portfolio but the baseline (and those
/// without actions), `players` "coalitions" or "actions", on `ensemble`'s
/// members; stops at the first cancelled one (its `cancelled` set).
std::vector<territory::PortfolioShares> shares_of_portfolios(
    const territory::Scenario& scenario, const territory::PortfolioComparison& comparison,
    const EnsembleOptions& ensemble, const std::string& players, std::uint64_t permutations,
    const std::function<bool()>& cancelled);

void print_shares_text(const territory::Scenario& scenario,
                       const std::vector<territory::PortfolioShares>& shares, Language language);

/// Writes `"shares": [...]` into an open JSON object.
void write_shares_json(JsonWriter& json, const std::vector<territory::PortfolioShares>& shares);

}  // namespace traj::cli
