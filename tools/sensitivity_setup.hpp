#pragma once
/// What `traj sensitivity` analyses and prints, shared with the Python
/// module (docs/python.md) so that both analyse and print the same: the
/// factors, the outputs, the memory guard and the `--json` document.

#include <ostream>
#include <string>
#include <vector>

#include "traj/sensitivity.hpp"
#include "traj/territory/plan.hpp"
#include "traj/territory/report.hpp"
#include "traj/territory/scenario_edits.hpp"
#include "traj/territory/territorial_model.hpp"
#include "words.hpp"

namespace traj::cli {

/// Factors: one per parameter (`grouping` "parameter"), or ("action") all
/// the anonymous parameters of one action together, named parameters on
/// their own; correlated parameters' factors merged into one.
std::vector<SensitivityFactor> sensitivity_factors(const territory::Scenario& scenario,
                                                   const std::string& grouping);

/// The outputs analysed, as the engine, the page and the text name them.
struct SensitivityOutcomes {
  std::vector<SensitivityOutput> outputs;
  std::vector<territory::SensitivityOutcome> outcomes;  ///< the same, as the page names them
  std::vector<std::string> titles;                      ///< the same, as the text names them
};

/// `indicator` in `year`, or (`indicator` empty) each objective's indicator
/// in its year and its success. Throws InputError for an unknown indicator
/// or year, or when there is nothing to analyse.
SensitivityOutcomes sensitivity_outcomes(const territory::Plan& plan,
                                         const territory::TerritorialModel& model,
                                         const std::string& indicator, int year, Language language);

/// The ways out of an analysis too large for memory, besides fewer samples,
/// as `traj sensitivity` offers them.
inline constexpr const char* SENSITIVITY_WAYS_OUT =
    "fewer outputs (--indicator with --year), or fewer factors (--group action)";

/// Refuses (InputError), before it starts, an analysis that would hold more
/// memory than the machine has available, with the estimate and the way out
/// (`--samples` fewer, or `ways_out`).
void refuse_what_memory_cannot_hold(const std::string& method, std::size_t parameters,
                                    std::size_t factors, std::size_t outputs,
                                    const SensitivityOptions& settings,
                                    const char* ways_out = SENSITIVITY_WAYS_OUT);

/// `--json`: every output's variance and every factor's indices, to `out`.
void print_sensitivity_json(const std::string& method, const territory::ScenarioEdits& edits,
                            const std::vector<SensitivityOutput>& outputs,
                            const std::vector<SensitivityFactor>& factors,
                            const SensitivityResult& result, std::ostream& out);

}  // namespace traj::cli
