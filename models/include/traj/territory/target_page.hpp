#pragma once
/// The page of `traj target --report`: the value a portfolio reaches with a
/// confidence, or what it would take to meet an objective, with the
/// distribution of the indicator (docs/report.md#target), in French or English.

#include <optional>
#include <string>
#include <vector>

#include "traj/territory/objective_distance.hpp"
#include "traj/territory/report.hpp"
#include "traj/territory/what_it_takes.hpp"

namespace traj::territory {

/// An action as the page names it.
struct NamedAction {
  std::string name, id, coalition;
};

/// Plan::actions' names, ids and coalitions in `language`, in that order.
std::vector<NamedAction> named_actions(const Plan& plan, ReportLanguage language);

/// The page's facts; the page writes its sentences from them in its language.
struct TargetPage {
  std::string territory;
  std::string portfolio;           ///< as named to people; empty: the baseline
  std::vector<std::string> edits;  ///< the what-ifs applied, as `describe_edits` words them
  std::string indicator;           ///< its id
  std::string indicator_name;      ///< its description
  Dimension dimension = Dimension::Fraction;
  int year = 0;
  int base_year = 0,
      horizon = 0;  ///< the scenario's: costs run to the horizon, discounted to the base year
  double confidence = 0.8;
  bool at_most = true;
  /// The value reached with the confidence, and its 95 % interval.
  double committed = 0.0, committed_low = 0.0, committed_high = 0.0;
  std::vector<double> values;  ///< every member's value in `year`, increasing
  std::uint64_t members = 0;

  // --objective only
  std::string objective;  ///< its description (or id); empty: an --indicator page
  std::optional<double> target;
  std::optional<ProportionEstimate> probability;  ///< as planned
  ObjectiveDistance distance;
  const WhatItTakes* takes = nullptr;
  std::vector<NamedAction> actions;  ///< per plan action, as named_actions gives them
};

std::string target_report_html(const TargetPage& page, ReportLanguage language);

}  // namespace traj::territory
