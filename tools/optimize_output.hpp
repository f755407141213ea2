#pragma once
/// What `traj optimize` prints: the front and the chosen portfolio as text
/// (English or French) or as one JSON document, and the chosen portfolio as
/// a portfolio file (`--save-portfolio`).

#include <string>

#include "scenario_choice.hpp"
#include "traj/territory/portfolio_search.hpp"
#include "words.hpp"

namespace traj::cli {

/// What the outputs say of the question asked.
struct OptimizeQuestion {
  std::string candidates;  ///< as typed: a portfolio id or "all"
  std::optional<double> confidence;
};

void print_search_text(const ChosenScenario& chosen, const OptimizeQuestion& question,
                       const territory::PortfolioSearch& search, Language language);

void print_search_json(const ChosenScenario& chosen, const OptimizeQuestion& question,
                       const territory::PortfolioSearch& search);

/// Throws InputError, before the search, for what --save-portfolio cannot
/// write: the bundled scenario (no file to include), candidates from a
/// portfolio with overrides, a level strictly between 0 and 1 of a
/// candidate whose ceiling is uncertain, a FILE that exists.
void check_search_saving(const ChosenScenario& chosen, bool bundled,
                         const territory::SearchSettings& settings, const std::string& file);

/// The chosen portfolio as a file that includes the scenario: portfolio
/// `optimized` with the chosen actions, and a ceiling override for each one
/// at a level below 1.
std::string search_portfolio_text(const ChosenScenario& chosen,
                                  const territory::PortfolioSearch& search,
                                  const territory::SearchedPortfolio& portfolio,
                                  const std::string& file);

/// The id of the saved portfolio.
inline constexpr const char* SAVED_PORTFOLIO_ID = "optimized";

}  // namespace traj::cli
