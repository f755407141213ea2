#include "track_run.hpp"

#include <unistd.h>

#include <iostream>
#include <memory>

#include "commands.hpp"
#include "interrupt.hpp"
#include "progress_bar.hpp"
#include "results_output.hpp"
#include "traj/error.hpp"
#include "traj/hdf5_file.hpp"
#include "traj/source_provider.hpp"
#include "traj/string_distance.hpp"
#include "traj_git_hash.hpp"

namespace traj::cli {

using namespace traj::territory;

InputFile read_observations_file(const std::string& path) {
  const SourceText source = DiskSourceProvider().read_text(path);
  if (!source.text) throw InputError("--observations: " + path + " " + source.problem);
  return {path, *source.text};
}

Tracking run_track(const Plan& plan, const ObservationSet& observations, EnsembleOptions ensemble,
                   const TrackingOptions& options, bool progress, const Cluster& cluster) {
  ensemble.cluster = &cluster;
  ProgressBar bar(progress && cluster.is_root() && ::isatty(STDERR_FILENO) != 0, "members");
  ensemble.progress = [&bar](std::uint64_t done, std::uint64_t planned) {
    bar.update(done, planned);
  };
  ensemble.cancelled = [] { return interrupted(); };
  watch_interrupts();
  return track_plan(plan, observations, ensemble, options);
}

int track_failure(const Tracking& tracking, std::uint64_t seed) {
  if (tracking.cancelled) {
    std::cerr << "interrupted by signal " << interrupting_signal() << ": nothing written\n";
    return 128 + interrupting_signal();
  }
  if (tracking.invalid_members > 0) {
    std::cerr << "error: " << tracking.invalid_members
              << " member(s) gave non-finite or negative results (energy, emissions…); "
                 "first: member "
              << tracking.invalid_examples.front() << " (seed " << seed
              << "); nothing reported — `traj run` with the same options lists its draws\n";
    return EXIT_DIFFERENT;
  }
  return EXIT_OK;
}

TrackSettings track_settings_of(const ChosenScenario& chosen, const std::string& portfolio,
                                const EnsembleOptions& ensemble, const TrackingOptions& options,
                                const Plan& plan, const std::string& command_line) {
  TrackSettings settings;
  settings.run.scenario_path = chosen.name;
  settings.run.edits = chosen.edits;
  settings.run.portfolio = portfolio;
  settings.run.seed = ensemble.seed;
  settings.run.members_requested = ensemble.members;
  settings.run.traj_version = TRAJ_VERSION;
  settings.run.git_hash = TRAJ_GIT_HASH;
  settings.run.command_line = command_line;
  settings.run.threads = ensemble.threads;
  settings.method = options.method;
  for (const std::size_t row : options.series_rows)
    settings.series.push_back(plan.catalogue[row].id);
  return settings;
}

int rerun_track(const std::string& path, const std::string& output, bool force, int threads,
                bool quiet, Language language, const Cluster& cluster) {
  TrackRecord record = read_track_record(path);
  const RunSettings& run = record.settings.run;
  const ChosenScenario chosen = load_from_inputs(run.scenario_path, record.inputs, run.edits);
  const Plan plan = [&] {
    try {
      return compile_plan(chosen.scenario, run.portfolio);
    } catch (const InputError&) {
      throw InputError(path +
                       ": attribute portfolio: expected baseline or a portfolio of the stored "
                       "scenario, found \"" +
                       run.portfolio + "\"");
    }
  }();
  TrackingOptions options;
  options.method = record.settings.method;
  for (const std::string& id : record.settings.series) {
    const int row = plan.catalogue.find(id);
    if (row < 0) {
      throw InputError(path + ": attribute " + track_layout::SERIES +
                       ": expected indicator ids of the stored scenario, found \"" + id + "\"" +
                       did_you_mean(id, plan.catalogue.ids()));
    }
    options.series_rows.push_back(static_cast<std::size_t>(row));
  }
  const ObservationSet observations =
      read_observations(record.observations.path, record.observations.text, chosen.scenario);
  EnsembleOptions ensemble;
  ensemble.members = run.members_requested;
  ensemble.seed = run.seed;
  ensemble.threads = threads;
  const std::string target = output.empty() ? path + ".rerun" : output;
  std::unique_ptr<OutputFile> file;
  if (cluster.is_root())
    file = std::make_unique<OutputFile>(target, force || output.empty(),
                                        std::vector<std::string>{path});
  const Tracking tracking = run_track(plan, observations, ensemble, options, !quiet, cluster);
  if (const int code = track_failure(tracking, run.seed); code != EXIT_OK) return code;
  if (!cluster.is_root()) return EXIT_OK;  // rank 0 writes and compares
  TrackSettings settings = record.settings;
  settings.run.threads = threads;
  write_tracking(file->temporary(), plan, observations, record.observations, tracking,
                 record.inputs, settings);
  const auto differing = hdf5::differing_datasets(path, file->temporary());
  if (!output.empty()) file->commit();
  const std::string portfolio = run.portfolio.empty() ? std::string("baseline") : run.portfolio;
  if (differing.empty()) {
    std::cout << say("rerun_track_identical", language,
                     {std::to_string(tracking.members), chosen.scenario.name, portfolio,
                      std::to_string(run.seed), std::to_string(observations.observations.size())})
              << "\n";
    return EXIT_OK;
  }
  std::cout << say("rerun_different", language, {std::to_string(differing.size()), path}) << "\n";
  for (const auto& dataset : differing) std::cout << "  " << dataset << "\n";
  if (run.git_hash != TRAJ_GIT_HASH) {
    std::cout << say("rerun_other_version", language,
                     {run.traj_version, run.git_hash, TRAJ_VERSION, TRAJ_GIT_HASH})
              << "\n";
  }
  return EXIT_DIFFERENT;
}

}  // namespace traj::cli
