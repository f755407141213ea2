#pragma once
/// The page of `traj discover --report`: which ranges of the uncertain
/// parameters lead the plan's members to meet an objective (or to miss it),
/// in words first, then each restriction against the parameter's whole
/// range, what lifting it would do, and PRIM's peeling trajectory as a
/// chart (docs/report.md#scenario-discovery-traj-discover), in French or
/// English.

#include <string>
#include <vector>

#include "traj/prim.hpp"
#include "traj/territory/discovery.hpp"
#include "traj/territory/language.hpp"
#include "traj/territory/plan.hpp"

namespace traj::territory {

/// The page's facts; the page writes its sentences from them in its language.
/// The pointers must outlive the call of discovery_report_html.
struct DiscoveryPage {
  std::string territory;
  std::string portfolio;           ///< as named to people; empty: the baseline
  std::vector<std::string> edits;  ///< the what-ifs applied, as `describe_edits` words them
  const Plan* plan = nullptr;
  const Discovery* discovery = nullptr;
  PrimOptions prim;
};

std::string discovery_report_html(const DiscoveryPage& page, ReportLanguage language);

}  // namespace traj::territory
