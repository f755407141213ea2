#pragma once
/// The page of `traj diagnose --report` (docs/report.md#the-diagnostic-traj-diagnose):
/// per territory, its strengths and weaknesses with their numbers, its
/// profile against France's structure and per inhabitant, its objectives
/// the least likely first with what weighs most on each; then the method
/// and every national figure with its source. In French or English.

#include <cstdint>
#include <string>
#include <vector>

#include "traj/territory/diagnosis.hpp"
#include "traj/territory/language.hpp"

namespace traj::territory {

/// The page's facts; the pointers must outlive the call of diagnosis_report_html.
struct DiagnosisPage {
  std::string portfolio;           ///< as named to people; empty: the baseline
  std::vector<std::string> edits;  ///< the what-ifs applied, as `describe_edits` words them
  const Plan* plan = nullptr;
  const Diagnosis* diagnosis = nullptr;
  bool sobol = false;
  std::uint64_t samples = 0;  ///< Morris trajectories or Sobol's base sample
};

std::string diagnosis_report_html(const DiagnosisPage& page, ReportLanguage language);

}  // namespace traj::territory
