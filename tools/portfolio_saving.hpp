#pragma once
/// `traj run --save-portfolio NAME --to FILE`: the portfolio as run (its
/// actions and adoption overrides, with the what-if edits) written as a new
/// small scenario file that includes the original one, which it never edits
/// (docs/scenario-format.md#what-if-edits).

#include <string>

#include "scenario_choice.hpp"

namespace traj::cli {

struct PortfolioSave {
  std::string name;  ///< the new portfolio's id
  std::string to;    ///< the new file
};

/// The text of the new file, or InputError when it cannot be written: the
/// bundled scenario (no file to include), the baseline, a NAME already used,
/// or a --set that a portfolio cannot hold (anything but
/// `portfolios.<run portfolio>.…` and
/// `actions.<id>.adoption.{ceiling,start,full_year,midpoint,steepness}`).
/// `notes` receives what the file holds differently from the run.
std::string saved_portfolio_text(const ChosenScenario& chosen, bool bundled,
                                 const std::string& portfolio, const PortfolioSave& save,
                                 std::vector<std::string>& notes);

}  // namespace traj::cli
