#pragma once
/// The page of `traj track --report`: the annual forum's report — each
/// objective's probability before and after the observations, where each
/// observation falls in the plan's band, what the data taught about the
/// uncertain parameters, and fan charts with the observed points
/// (docs/report.md#the-annual-review-traj-track), in French or English.

#include <string>
#include <vector>

#include "traj/territory/language.hpp"
#include "traj/territory/observations.hpp"
#include "traj/territory/plan.hpp"
#include "traj/territory/tracking.hpp"

namespace traj::territory {

/// The page's facts; the page writes its sentences from them in its language.
/// The pointers must outlive the call of track_report_html.
struct TrackPage {
  std::string territory;
  std::string portfolio;           ///< as named to people; empty: the baseline
  std::vector<std::string> edits;  ///< the what-ifs applied, as `describe_edits` words them
  const Plan* plan = nullptr;
  const ObservationSet* observations = nullptr;
  /// With its `series` for the rows of track_series_rows (TrackingOptions::series_rows).
  const Tracking* tracking = nullptr;
};

/// The indicators the page draws a fan chart of: each observed indicator,
/// then each objective's, once each, in that order.
std::vector<std::size_t> track_series_rows(const Plan& plan, const ObservationSet& observations);

std::string track_report_html(const TrackPage& page, ReportLanguage language);

}  // namespace traj::territory
