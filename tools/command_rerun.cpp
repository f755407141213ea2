#include <iostream>
#include <memory>

#include "commands.hpp"
#include "ensemble_options.hpp"
#include "ensemble_run.hpp"
#include "interrupt.hpp"
#include "option_checks.hpp"
#include "results_output.hpp"
#include "scenario_choice.hpp"
#include "track_run.hpp"
#include "traj/hdf5_file.hpp"
#include "traj/territory/results_file.hpp"
#include "traj/territory/tracking_file.hpp"
#include "traj_git_hash.hpp"
#include "words.hpp"

namespace traj::cli {

CommandRunner add_rerun_command(CLI::App& app, const Cluster& cluster) {
  struct Options {
    std::string results;
    std::string output;
    bool force = false;
    EnsembleOptions ensemble;  ///< its threads: the rest comes from the file
    bool quiet = false;
    std::string language = "en";
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "rerun", "Re-run an ensemble from what its results file holds, and check it bit for bit");
  command
      ->add_option("results", options->results,
                   "Results file written by traj run --output, or track file by traj track "
                   "--output")
      ->required()
      ->check(file_name());
  command->add_option("--output,-o", options->output, "Keep the new results in this file")
      ->check(file_name());
  command->add_flag("--force", options->force, "Replace the --output file if it exists");
  EnsembleOptionChoice choice;
  choice.members = choice.seed = false;
  choice.threads_help = "Threads (0: every core; results do not depend on it)";
  add_ensemble_options(*command, options->ensemble, choice);
  command->add_flag("--quiet,-q", options->quiet, "No progress bar");
  command->add_option("--lang", options->language, "Language of what is printed")
      ->check(CLI::IsMember({"en", "fr"}))
      ->capture_default_str();
  command->footer(
      "The scenario files need not exist any more: the results file holds them.\n"
      "Exit code: 0 if every dataset is identical, 1 if some differ (they are listed).\n"
      "Examples:\n  traj run --output plan.h5 --members 20000 && traj rerun plan.h5\n"
      "  traj track -p plan --observations obs.csv --output track.h5 && traj rerun track.h5");
  return [options, command, &cluster] {
    if (command->count("--force") > 0 && options->output.empty()) {
      throw InputError(
          "--force: applies to the --output file; without --output the new results go to a "
          "temporary file, always replaced; add --output FILE or remove --force");
    }
    const Language language = language_named(options->language);
    if (territory::file_type(options->results) == territory::TRACK_FILETYPE) {
      return rerun_track(options->results, options->output, options->force,
                         options->ensemble.threads, options->quiet, language, cluster);
    }
    territory::RunRecord record = territory::read_run_record(options->results);
    const ChosenScenario chosen =
        load_from_inputs(record.settings.scenario_path, record.inputs, record.settings.edits);
    const territory::Plan plan = [&] {
      try {
        return territory::compile_plan(chosen.scenario, record.settings.portfolio);
      } catch (const InputError&) {
        throw InputError(options->results +
                         ": attribute portfolio: expected baseline or a portfolio of the stored "
                         "scenario, found \"" +
                         record.settings.portfolio + "\"");
      }
    }();
    try {
      territory::trajectory_rows(plan, record.settings.trajectories);
    } catch (const InputError&) {
      throw InputError(options->results +
                       ": attribute trajectories: expected headline, all or indicator ids of the "
                       "stored scenario separated by commas, found \"" +
                       record.settings.trajectories + "\"");
    }
    record.settings.threads = options->ensemble.threads;
    const std::string target =
        options->output.empty() ? options->results + ".rerun" : options->output;
    std::unique_ptr<OutputFile> output;
    if (cluster.is_root())
      output = std::make_unique<OutputFile>(target, options->force || options->output.empty(),
                                            std::vector<std::string>{options->results});
    watch_interrupts();
    const EnsembleRun run = run_ensemble_of(
        chosen, plan, record.settings, true, output ? output->temporary() : std::string(),
        !options->quiet && ::isatty(STDERR_FILENO) != 0, cluster);
    if (run.result.cancelled) {
      std::cerr << say("interrupted_nothing_compared", language,
                       {std::to_string(interrupting_signal())})
                << "\n";
      return 128 + interrupting_signal();
    }
    if (!cluster.is_root()) return EXIT_OK;  // rank 0 compares
    const auto differing = hdf5::differing_datasets(options->results, output->temporary());
    if (!options->output.empty()) output->commit();
    if (differing.empty()) {
      std::cout << say("rerun_identical", language,
                       {std::to_string(run.result.members), chosen.scenario.name,
                        record.settings.portfolio.empty() ? std::string("baseline")
                                                          : record.settings.portfolio,
                        std::to_string(record.settings.seed)})
                << "\n";
      return EXIT_OK;
    }
    std::cout << say("rerun_different", language,
                     {std::to_string(differing.size()), options->results})
              << "\n";
    for (const auto& path : differing) std::cout << "  " << path << "\n";
    if (record.settings.git_hash != TRAJ_GIT_HASH) {
      std::cout << say("rerun_other_version", language,
                       {record.settings.traj_version, record.settings.git_hash, TRAJ_VERSION,
                        TRAJ_GIT_HASH})
                << "\n";
    }
    return EXIT_DIFFERENT;
  };
}

}  // namespace traj::cli
