#pragma once
// What `traj diagnose` prints: the text, in English or French (diagnose_output.cpp), and the
// `--json` document (diagnose_json.cpp; README, "The diagnostic").

#include <ostream>
#include <string>

#include "traj/territory/diagnosis.hpp"
#include "traj/territory/scenario_edits.hpp"
#include "words.hpp"

namespace traj::cli {

/// How the diagnostic was run, as both outputs state it.
struct DiagnoseSettings {
  std::string portfolio_name;  ///< as named to people; empty: the baseline
  territory::ScenarioEdits edits;
  bool sobol = false;
  std::uint64_t samples = 0;
};

void print_diagnosis_text(const territory::Plan& plan, const territory::Diagnosis& diagnosis,
                          const DiagnoseSettings& settings, Language language, std::ostream& out);

void print_diagnosis_json(const territory::Plan& plan, const territory::Diagnosis& diagnosis,
                          const DiagnoseSettings& settings, std::ostream& out);

}  // namespace traj::cli
