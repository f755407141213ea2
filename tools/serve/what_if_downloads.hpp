#pragma once
/// The files of the workspace's download buttons (docs/serve.md): for one
/// what-if, the files `traj run` writes for the same options — the saved
/// portfolio (`--save-portfolio`), the results (`--output`) and their report
/// (`traj report`) — made by the CLI's own writers. No path comes from the
/// request: the served scenario's is the one given at start, and the results
/// file is written in a private temporary directory made by the server.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "portfolio_saving.hpp"
#include "scenario_choice.hpp"
#include "traj/territory/report.hpp"
#include "what_if_request.hpp"

namespace traj::cli::serve {

/// The scenario the server serves, and whether it is the bundled one (which
/// has no file for a saved portfolio to include).
struct ServedScenario {
  const ChosenScenario& chosen;
  bool bundled = false;
};

/// A directory made for one download (mkdtemp, mode 0700), removed with
/// everything in it when the last holder lets it go.
class TemporaryDirectory {
 public:
  TemporaryDirectory();
  ~TemporaryDirectory();
  TemporaryDirectory(const TemporaryDirectory&) = delete;
  TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

/// A results file ready to be sent: `path` lives in `directory`.
struct ResultsDownload {
  std::shared_ptr<TemporaryDirectory> directory;
  std::string path;
  std::uint64_t size = 0;
};

/// The base name of every downloaded file of `request`: `name` when given
/// (an id: letters, digits, '_' and '-', else InputError), else
/// "PORTFOLIO-what-if" ("baseline-what-if" for no action).
std::string download_name(const ServedScenario& served, const WhatIfRequest& request,
                          const std::string& name);

/// The `traj run` command that writes the same results file as the
/// download `NAME.h5` (recorded as the file's command line), each argument
/// shell-quoted when it needs to be.
std::string equivalent_command_line(const ServedScenario& served, const WhatIfRequest& request,
                                    const std::string& name);

/// Exactly what `traj run SCENARIO … --save-portfolio NAME --to DIR/NAME.toml`
/// writes, DIR the served scenario's directory: the file is meant to be saved
/// beside the scenario, which it includes by its file name. Throws
/// InputError with the CLI's text for what it refuses (the bundled scenario,
/// the baseline, a --set a portfolio cannot hold…).
struct PortfolioDownload {
  std::string text;             ///< the file
  std::vector<SaveNote> notes;  ///< what the CLI says of it on its terminal
};
PortfolioDownload saved_portfolio_download(const ServedScenario& served,
                                           const WhatIfRequest& request, const std::string& name);

/// The results file `traj run … --output NAME.h5` writes for `request`,
/// written in a new temporary directory as NAME.h5; nothing when the server
/// is stopping (the run was interrupted). Throws InputError for bad input or
/// a file the disk cannot hold, Error when members gave invalid results.
/// One at a time: HDF5 is not used from two threads at once.
std::optional<ResultsDownload> results_download(const ServedScenario& served,
                                                const WhatIfRequest& request,
                                                const std::string& name);

/// `traj report NAME.h5 --lang L` of that results file.
std::optional<std::string> report_download(const ServedScenario& served,
                                           const WhatIfRequest& request, const std::string& name,
                                           territory::ReportLanguage language);

}  // namespace traj::cli::serve
