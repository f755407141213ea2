#include "what_if_downloads.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <vector>

#include "ensemble_run.hpp"
#include "interrupt.hpp"
#include "portfolio_saving.hpp"
#include "results_file_size.hpp"
#include "run_portfolio.hpp"
#include "traj/cluster.hpp"
#include "traj/config_reader.hpp"
#include "traj/error.hpp"

namespace traj::cli::serve {

namespace fs = std::filesystem;

namespace {

/// The served scenario with the request's edits, and the portfolio run, as
/// `traj run` resolves them (the same errors, in the same order). Never
/// moved: the plan points into the scenario.
struct LoadedWhatIf {
  LoadedWhatIf(const ServedScenario& served, const WhatIfRequest& request)
      : chosen(load_from_inputs(served.chosen.name, served.chosen.inputs, request.edits)),
        portfolio(choose_run_portfolio(chosen.scenario, request.portfolio).id),
        plan(territory::compile_plan(chosen.scenario, portfolio)) {
    refuse_emptied_portfolio(chosen, plan);
  }
  LoadedWhatIf(const LoadedWhatIf&) = delete;
  LoadedWhatIf& operator=(const LoadedWhatIf&) = delete;

  const ChosenScenario chosen;
  const std::string portfolio;  ///< "" for the baseline
  const territory::Plan plan;
};

std::string name_of(const LoadedWhatIf& what_if, const std::string& name) {
  if (name.empty())
    return (what_if.portfolio.empty() ? "baseline" : what_if.portfolio) + "-what-if";
  if (!is_identifier(name)) {
    throw InputError(
        "name: expected an id (letters, digits, '_' and '-'), the downloaded file's name, found "
        "\"" +
        name + "\"");
  }
  return name;
}

/// `argument` as a POSIX shell reads it back: as is when it holds nothing
/// the shell would interpret, else in single quotes.
std::string shell_quoted(const std::string& argument) {
  const bool plain = !argument.empty() && argument.find_first_not_of(
                                              "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                              "0123456789_./=+:,@%-") == std::string::npos;
  if (plain) return argument;
  std::string quoted = "'";
  for (const char c : argument) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

std::string command_line_of(const ServedScenario& served, const WhatIfRequest& request,
                            const std::string& portfolio, const std::string& file_name) {
  std::vector<std::string> arguments = {"traj", "run"};
  if (!served.bundled) arguments.push_back(served.chosen.name);
  arguments.insert(arguments.end(),
                   {"--portfolio", portfolio.empty() ? "baseline" : portfolio, "--members",
                    std::to_string(request.members), "--seed", std::to_string(request.seed)});
  const std::pair<const char*, const std::vector<std::string>*> edits[] = {
      {"--set", &request.edits.sets},
      {"--shift", &request.edits.shifts},
      {"--action-off", &request.edits.actions_off},
      {"--only", &request.edits.only}};
  for (const auto& [option, values] : edits) {
    for (const auto& value : *values) arguments.insert(arguments.end(), {option, value});
  }
  arguments.insert(arguments.end(), {"--output", file_name});
  std::string line;
  for (const auto& argument : arguments) {
    if (!line.empty()) line += ' ';
    line += shell_quoted(argument);
  }
  return line;
}

/// HDF5 (Debian's serial build) is not safe from two threads at once: one
/// results file is written, then read, at a time.
std::mutex& hdf5_mutex() {
  static std::mutex mutex;
  return mutex;
}

/// Writes `NAME.h5` in `directory` as `traj run … --output NAME.h5` does;
/// false when the run was interrupted. Called with hdf5_mutex() held.
bool write_results(const ServedScenario& served, const WhatIfRequest& request,
                   const LoadedWhatIf& what_if, const std::string& name, const std::string& path) {
  EnsembleOptions ensemble;
  ensemble.members = request.members;
  ensemble.seed = request.seed;
  const territory::RunSettings settings =
      run_settings_of(what_if.chosen, what_if.portfolio, ensemble, "headline",
                      command_line_of(served, request, what_if.portfolio, name + ".h5"));
  const auto rows = territory::trajectory_rows(what_if.plan, settings.trajectories);
  refuse_results_file_larger_than_disk(what_if.plan, what_if.chosen, rows.size(), settings, path);
  remove_on_signal(path);
  const SingleProcess one_process;
  const EnsembleRun run =
      run_ensemble_of(what_if.chosen, what_if.plan, settings, true, path, false, one_process);
  forget_on_signal(path);
  if (run.result.cancelled) return false;
  if (run.result.invalid_members > 0) {
    throw Error("the what-if gave non-finite or negative results (energy, emissions…) for " +
                std::to_string(run.result.invalid_members) + " member(s), first member " +
                std::to_string(run.result.invalid_examples.front()) + " (seed " +
                std::to_string(request.seed) + "); no results written");
  }
  return true;
}

}  // namespace

TemporaryDirectory::TemporaryDirectory() {
  std::string pattern = (fs::temp_directory_path() / "traj-serve-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw Error("cannot create a temporary directory in " + fs::temp_directory_path().string() +
                ": " + std::strerror(errno));
  }
  path_ = pattern;
}

TemporaryDirectory::~TemporaryDirectory() {
  std::error_code error;
  fs::remove_all(path_, error);
}

std::string download_name(const ServedScenario& served, const WhatIfRequest& request,
                          const std::string& name) {
  return name_of(LoadedWhatIf(served, request), name);
}

std::string equivalent_command_line(const ServedScenario& served, const WhatIfRequest& request,
                                    const std::string& name) {
  const LoadedWhatIf what_if(served, request);
  return command_line_of(served, request, what_if.portfolio, name_of(what_if, name) + ".h5");
}

PortfolioDownload saved_portfolio_download(const ServedScenario& served,
                                           const WhatIfRequest& request, const std::string& name) {
  const LoadedWhatIf what_if(served, request);
  PortfolioSave save;
  save.name = name_of(what_if, name);
  save.to = (fs::path(served.chosen.name).parent_path() / (save.name + ".toml")).string();
  PortfolioDownload download;
  download.text =
      saved_portfolio_text(what_if.chosen, served.bundled, what_if.portfolio, save, download.notes);
  return download;
}

std::optional<ResultsDownload> results_download(const ServedScenario& served,
                                                const WhatIfRequest& request,
                                                const std::string& name) {
  const LoadedWhatIf what_if(served, request);
  const std::string file_name = name_of(what_if, name);
  ResultsDownload download;
  download.directory = std::make_shared<TemporaryDirectory>();
  download.path = download.directory->path() + "/" + file_name + ".h5";
  const std::lock_guard lock(hdf5_mutex());
  if (!write_results(served, request, what_if, file_name, download.path)) return std::nullopt;
  download.size = fs::file_size(download.path);
  return download;
}

std::optional<std::string> report_download(const ServedScenario& served,
                                           const WhatIfRequest& request, const std::string& name,
                                           territory::ReportLanguage language) {
  const LoadedWhatIf what_if(served, request);
  const std::string file_name = name_of(what_if, name);
  const TemporaryDirectory directory;
  // Named as the results download is, so that the report's `traj rerun NAME.h5` names that file.
  const std::string path = directory.path() + "/" + file_name + ".h5";
  const std::lock_guard lock(hdf5_mutex());
  if (!write_results(served, request, what_if, file_name, path)) return std::nullopt;
  return territory::results_report_html(path, language);
}

}  // namespace traj::cli::serve
