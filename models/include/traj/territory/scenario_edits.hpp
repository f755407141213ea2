#pragma once
/// What-if edits given on the command line (or by the workspace) on top of a
/// scenario file, applied while the scenario is loaded so that the result is
/// validated exactly like a file (docs/scenario-format.md#what-if-edits).
///
/// Each edit is kept as it was typed: a results file stores them with the
/// scenario's texts, and `traj rerun` loads the same scenario again.

#include <string>
#include <vector>

namespace traj::territory {

struct ScenarioEdits {
  /// `--set KEY.PATH=VALUE`, VALUE in TOML; located as `--set #N`.
  std::vector<std::string> sets;
  /// `--shift ACTION=±YEARS` (or `all=±YEARS`); located as `--shift #N`.
  std::vector<std::string> shifts;
  /// `--action-off ID`: removed from every portfolio.
  std::vector<std::string> actions_off;
  /// `--only ID,ID` (each option's list as typed): every portfolio keeps
  /// only the actions listed.
  std::vector<std::string> only;

  bool empty() const {
    return sets.empty() && shifts.empty() && actions_off.empty() && only.empty();
  }
};

}  // namespace traj::territory
