#pragma once
/// Which portfolio `traj run --portfolio` (and the workspace, `traj serve`)
/// runs, and the refusal of one the what-if edits left empty: shared so that
/// the two run the same plan for the same request.

#include <string>

#include "scenario_choice.hpp"
#include "traj/territory/plan.hpp"
#include "words.hpp"

namespace traj::cli {

struct RunPortfolio {
  std::string id;    ///< "" for the baseline
  std::string note;  ///< what is run, in words, e.g. "portfolio plan"
};

/// `asked` as `--portfolio` reads it: empty for the file's first portfolio
/// (the baseline when it has none), "baseline" for no action unless the
/// scenario has a portfolio of that name.
RunPortfolio choose_run_portfolio(const territory::Scenario& scenario, const std::string& asked,
                                  Language language = Language::English);

/// A portfolio that --only or --action-off left with no action would run as
/// the baseline under the portfolio's name: refused (InputError), not run silently.
void refuse_emptied_portfolio(const ChosenScenario& chosen, const territory::Plan& plan);

}  // namespace traj::cli
