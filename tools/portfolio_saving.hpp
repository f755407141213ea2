#pragma once
/// `traj run --save-portfolio NAME --to FILE`: the portfolio as run (its
/// actions and adoption overrides, with the what-if edits) written as a new
/// small scenario file that includes the original one, which it never edits
/// (docs/scenario-format.md#what-if-edits).

#include <string>
#include <vector>

#include "scenario_choice.hpp"

namespace traj::cli {

struct PortfolioSave {
  std::string name;  ///< the new portfolio's id
  std::string to;    ///< the new file
};

/// What the saved file holds differently from the run, in both languages
/// (the terminal says the English; the workspace the page's language).
struct SaveNote {
  std::string english, french;
};

/// The text of the new file, or InputError when it cannot be written: the
/// bundled scenario (no file to include), the baseline, a NAME already used,
/// or a --set that a portfolio cannot hold (anything but
/// `portfolios.<run portfolio>.…` and
/// `actions.<id>.adoption.{ceiling,start,full_year,midpoint,steepness}`).
/// `notes` receives what the file holds differently from the run.
std::string saved_portfolio_text(const ChosenScenario& chosen, bool bundled,
                                 const std::string& portfolio, const PortfolioSave& save,
                                 std::vector<SaveNote>& notes);

/// `--save-portfolio` for one run: refused before the run, written after it
/// succeeds, said after its results. Does nothing without a request.
class PortfolioSaver {
 public:
  /// Throws InputError for what saved_portfolio_text refuses, a FILE that
  /// exists or that is the --output file (`output`).
  PortfolioSaver(const PortfolioSave& request, const ChosenScenario& chosen, bool bundled,
                 const std::string& portfolio, const std::string& output);
  /// Writes the file atomically (on the rank that writes); never replaces one.
  void write(bool writes);
  /// Says what was written: on stdout after the tables, or on stderr with
  /// `json` (stdout holds the JSON document alone).
  void report(bool json) const;

 private:
  PortfolioSave request_;
  std::vector<std::string> made_from_;
  std::string text_;
  std::vector<SaveNote> notes_;
  bool written_ = false;
};

}  // namespace traj::cli
