#include "ensemble_run.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

#include "interrupt.hpp"
#include "progress_bar.hpp"
#include "traj/setting_ranges.hpp"
#include "traj/territory/territorial_model.hpp"
#include "traj_git_hash.hpp"

namespace traj::cli {

territory::RunSettings run_settings_of(const ChosenScenario& chosen, const std::string& portfolio,
                                       const EnsembleOptions& ensemble,
                                       const std::string& trajectories,
                                       const std::string& command_line) {
  territory::RunSettings settings;
  settings.scenario_path = chosen.name;
  settings.edits = chosen.edits;
  settings.portfolio = portfolio;
  settings.seed = ensemble.seed;
  settings.members_requested = ensemble.members;
  settings.precision = ensemble.precision;
  settings.max_members = std::max(ensemble.max_members, ensemble.members);
  settings.quantiles = ensemble.quantiles;
  for (const double level : {0.05, 0.5, 0.95}) {
    if (std::find(settings.quantiles.begin(), settings.quantiles.end(), level) ==
        settings.quantiles.end()) {
      settings.quantiles.push_back(level);
    }
  }
  std::sort(settings.quantiles.begin(), settings.quantiles.end());
  check_setting("--quantiles: the number of levels, with 0.05, 0.5 and 0.95",
                std::uint64_t{settings.quantiles.size()}, QUANTILE_COUNT_RANGE);
  settings.trajectories = trajectories;
  settings.traj_version = TRAJ_VERSION;
  settings.git_hash = TRAJ_GIT_HASH;
  settings.command_line = command_line;
  settings.threads = ensemble.threads;
  settings.block = ensemble.block;
  return settings;
}

EnsembleOptions ensemble_options_of(const territory::TerritorialModel& model,
                                    const territory::RunSettings& settings) {
  EnsembleOptions options;
  options.members = settings.members_requested;
  options.seed = settings.seed;
  options.threads = settings.threads;
  options.block = settings.block;
  options.precision = settings.precision;
  options.max_members = std::max(settings.max_members, settings.members_requested);
  options.quantiles = settings.quantiles;
  options.sketch_accuracy = settings.sketch_accuracy;
  options.quantile_rows = model.headline_rows();
  return options;
}

EnsembleRun run_ensemble_of(const ChosenScenario& chosen, const territory::Plan& plan,
                            const territory::RunSettings& settings, bool writing,
                            const std::string& results_path, bool show_progress,
                            const Cluster& cluster) {
  const territory::TerritorialModel model(plan);
  EnsembleOptions options = ensemble_options_of(model, settings);
  ProgressBar bar(show_progress, "members");
  options.progress = [&bar](std::uint64_t done, std::uint64_t planned) {
    bar.update(done, planned);
  };
  options.cancelled = [] { return interrupted(); };
  options.cluster = &cluster;
  std::unique_ptr<territory::ResultsWriter> writer;
  if (writing) {
    options.recorded_rows = territory::trajectory_rows(plan, settings.trajectories);
    options.records_on_root_only = true;
    if (cluster.is_root()) {
      writer = std::make_unique<territory::ResultsWriter>(results_path, plan, settings,
                                                          chosen.inputs, options.recorded_rows);
      options.on_members = [&writer](const MemberRecords& records) { writer->append(records); };
    } else {
      options.on_members = [](const MemberRecords&) {};  // rank 0 gets them
    }
  }
  const auto start = std::chrono::steady_clock::now();
  EnsembleRun run{run_ensemble(model, model.objective_specs(), options), 0.0};
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (writer && !run.result.cancelled) writer->finish(run.result);
  return run;
}

}  // namespace traj::cli
