#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>

#include "against_reference.hpp"
#include "commands.hpp"
#include "ensemble_options.hpp"
#include "ensemble_run.hpp"
#include "interrupt.hpp"
#include "option_checks.hpp"
#include "portfolio_saving.hpp"
#include "results_file_size.hpp"
#include "results_output.hpp"
#include "run_output_json.hpp"
#include "run_output_text.hpp"
#include "run_portfolio.hpp"
#include "scenario_choice.hpp"
#include "traj/ensemble.hpp"
#include "traj/setting_ranges.hpp"
#include "traj/territory/kernel.hpp"
#include "traj/territory/objectives.hpp"
#include "traj/territory/results_file.hpp"
#include "traj/territory/territorial_model.hpp"
#include "what_if_options.hpp"

#include <unistd.h>
#include <chrono>
#include <sstream>
#include <thread>

namespace traj::cli {
namespace {

using namespace traj::territory;

/// Options that would be ignored in the combination given: refused, with
/// the reason, before anything runs (docs/reliability.md lists them).
void refuse_ignored_options(const CLI::App& command) {
  const std::string no_ensemble =
      "--deterministic runs once, every uncertain number at its median: it has no members, "
      "seed, threads, blocks, precision target or quantiles, and writes no results file; "
      "remove one of the two";
  for (const char* option : {"--members", "--seed", "--threads", "--precision", "--max-members",
                             "--block", "--quantiles", "--output", "--trajectories"}) {
    refuse_together(command, "--deterministic", option, no_ensemble);
  }
  if (command.count("--max-members") > 0 && command.count("--precision") == 0) {
    throw InputError(
        "--max-members: caps the members added to reach --precision; without --precision the "
        "ensemble has --members members; add --precision or remove --max-members");
  }
  if ((command.count("--save-portfolio") > 0) != (command.count("--to") > 0)) {
    throw InputError(
        "--save-portfolio NAME and --to FILE go together: the portfolio as run is written as "
        "NAME in the new file FILE; give both or neither");
  }
  refuse_together(command, "--json", "--lang",
                  "--lang is the language of the tables; the JSON document is the same in every "
                  "language; remove one of the two");
  if (command.count("--output") == 0) {
    for (const char* option : {"--trajectories", "--force"}) {
      if (command.count(option) > 0) {
        throw InputError(std::string(option) +
                         ": applies to the --output file; without --output nothing is written; "
                         "add --output FILE or remove " +
                         option);
      }
    }
  }
}

/// The comparison of `traj run --against` after the run, on its final
/// member count: what changed, or the exit code when it was interrupted or
/// the reference gave invalid members (said on stderr).
std::optional<WhatChanged> compare_with_reference(const AgainstReference& reference,
                                                  const Plan& plan, const RunSettings& settings,
                                                  std::uint64_t members, bool show_progress,
                                                  const Cluster& cluster, int& exit_code) {
  WhatChanged changed = run_against(reference, plan, settings, members, show_progress, cluster);
  if (changed.run.cancelled || changed.reference.cancelled) {
    std::cerr << "interrupted by signal " << interrupting_signal() << " during the comparison with "
              << reference.name << ": no results written\n";
    exit_code = 128 + interrupting_signal();
    return std::nullopt;
  }
  if (changed.reference.invalid_members > 0) {
    std::cerr << "error: the reference " << reference.name << " gave non-finite or negative "
              << "results (energy, emissions…) for " << changed.reference.invalid_members
              << " member(s), first member " << changed.reference.invalid_examples.front()
              << " (seed " << settings.seed << "); no results written.\n";
    exit_code = EXIT_DIFFERENT;
    return std::nullopt;
  }
  return changed;
}

/// The comparison of `traj run --deterministic --against`: the reference's
/// central run beside the run's, or the exit code when the reference gives
/// a value the guards refuse (said on stderr).
std::optional<CentralChange> compare_at_medians(const AgainstReference& reference, const Plan& plan,
                                                const Trajectory& trajectory, int& exit_code) {
  Kernel kernel(reference.plan);
  Trajectory reference_trajectory;
  kernel.run(reference.plan.scenario->parameters.central_values(), reference_trajectory);
  if (const auto invalid =
          TerritorialModel(reference.plan).first_invalid_value(reference_trajectory)) {
    std::cerr << "error: the reference " << reference.name
              << " (every parameter at its median) gave a "
              << (std::isfinite(invalid->value) ? "negative" : "non-finite")
              << " value: " << reference.plan.catalogue.ids()[invalid->row] << " in "
              << invalid->year << " = " << invalid->value << "; no results written.\n";
    exit_code = EXIT_DIFFERENT;
    return std::nullopt;
  }
  return what_changed_at_medians(plan, trajectory, reference.plan, reference_trajectory);
}

}  // namespace

CommandRunner add_run_command(CLI::App& app, const std::string& command_line,
                              const Cluster& cluster) {
  struct Options {
    std::string path;
    territory::ScenarioEdits edits;
    std::string portfolio;
    bool deterministic = false;
    bool json = false;
    bool territories = false;
    std::string language = "en";
    bool quiet = false;
    EnsembleOptions ensemble;
    std::string output;
    bool force = false;
    std::string trajectories = "headline";
    std::string against;
    std::string command_line;
    PortfolioSave save;
  };
  auto options = std::make_shared<Options>();
  options->command_line = command_line;
  CLI::App* command = app.add_subcommand("run", "Simulate a portfolio and judge the objectives");
  add_scenario_argument(*command, options->path);
  command
      ->add_option("--portfolio,-p", options->portfolio,
                   "Portfolio to run (default: the first of the file; \"baseline\": no action)")
      ->check(portfolio_name());
  command->add_flag("--deterministic", options->deterministic,
                    "One run with every uncertain number at its median");
  command->add_flag("--json", options->json, "Print one JSON document instead of tables");
  command->add_flag("--territories", options->territories,
                    "Also print each territory of a scenario with [[territories]]");
  command->add_option("--lang", options->language, "Language of the tables (JSON is the same)")
      ->check(CLI::IsMember({"en", "fr"}))
      ->capture_default_str();
  EnsembleOptionChoice choice;
  choice.precision = choice.block = choice.quantiles = true;
  add_ensemble_options(*command, options->ensemble, choice);
  command->add_flag("--quiet,-q", options->quiet, "No progress bar");
  command
      ->add_option("--output,-o", options->output,
                   "Write every member's parameters, trajectories and outcomes, the statistics and "
                   "the inputs to this HDF5 file (docs/hdf5-layout.md)")
      ->check(file_name());
  command->add_flag("--force", options->force, "Replace the --output file if it exists");
  command
      ->add_option("--trajectories", options->trajectories,
                   "Per-member trajectories in --output: headline, all, or indicator ids separated "
                   "by commas")
      ->capture_default_str();
  command
      ->add_option("--against", options->against,
                   "Also show what changed against this portfolio (or baseline) as the scenario "
                   "files define it, on the same members; default with --set, --shift, "
                   "--action-off or --only: the run's portfolio without them")
      ->check(portfolio_name());
  add_what_if_options(*command, options->edits);
  command
      ->add_option("--save-portfolio", options->save.name,
                   "Save the portfolio as run (with --set…) as portfolio NAME of a new file --to, "
                   "which includes the scenario, e.g. --save-portfolio plan-60 --to plan-60.toml")
      ->type_name("NAME")
      ->check(non_empty("a portfolio id"));
  command->add_option("--to", options->save.to, "The new file of --save-portfolio (never replaced)")
      ->type_name("FILE")
      ->check(file_name());
  command->footer(
      "Examples:\n  traj run                                  # 10 000 members of the bundled "
      "scenario\n"
      "  traj run --portfolio ambitious --members 100000 --threads 2\n"
      "  traj run --precision 0.005                # until every probability is known to ±0.5 "
      "point\n"
      "  traj run --deterministic --json           # one run, every number at its median\n"
      "  traj run --portfolio ambitious --against plan   # what changes from plan to ambitious");
  return [options, command, &cluster] {
    refuse_ignored_options(*command);
    const ChosenScenario chosen = load_chosen(options->path, options->edits);
    const Scenario& scenario = chosen.scenario;
    const Language language = language_named(options->language);
    const RunPortfolio chosen_portfolio =
        choose_run_portfolio(scenario, options->portfolio, language);
    const std::string& portfolio = chosen_portfolio.id;
    std::string note = chosen_portfolio.note;
    for (const auto& edit : describe_edits(chosen.edits))
      note += std::string("\n  ") + say("with_edit", language, {edit});
    if (options->territories && scenario.territories.empty()) {
      throw InputError(
          "--territories: expected a scenario with [[territories]], found one of a single "
          "territory");
    }
    const Plan plan = compile_plan(scenario, portfolio);
    refuse_emptied_portfolio(chosen, plan);
    // Resolved before anything runs, so that a wrong reference costs nothing.
    const std::optional<AgainstReference> reference =
        choose_reference(chosen, portfolio, options->against);
    // Checked before the run, written after it succeeds.
    PortfolioSaver saver(options->save, chosen, options->path.empty(), portfolio, options->output);
    if (!options->deterministic) {
      const RunSettings settings = run_settings_of(chosen, portfolio, options->ensemble,
                                                   options->trajectories, options->command_line);
      std::unique_ptr<OutputFile> output;
      if (!options->output.empty() && cluster.is_root()) {
        const auto rows =
            trajectory_rows(plan, settings.trajectories);  // reject a bad list before the run
        output = std::make_unique<OutputFile>(options->output, options->force, input_paths(chosen));
        // Resource guard: refuse a file the disk cannot hold, before the run.
        refuse_results_file_larger_than_disk(plan, chosen, rows.size(), settings,
                                             output->temporary());
      }
      watch_interrupts();
      const bool show_progress = !options->quiet && ::isatty(STDERR_FILENO) != 0;
      const EnsembleRun run =
          run_ensemble_of(chosen, plan, settings, !options->output.empty(),
                          output ? output->temporary() : std::string(), show_progress, cluster);
      if (run.result.cancelled) {
        std::cerr << "interrupted by signal " << interrupting_signal() << " after "
                  << run.result.members << " members: no results written\n";
        return 128 + interrupting_signal();
      }
      if (run.result.invalid_members > 0) {
        // Never averaged in silently: say which members, with their draws.
        std::cerr << "error: " << run.result.invalid_members
                  << " member(s) gave non-finite or negative results (energy, emissions…); no "
                     "results written.\n"
                  << "First member(s):";
        for (const auto member : run.result.invalid_examples) std::cerr << " " << member;
        std::cerr << "\nParameters of member " << run.result.invalid_examples.front() << " (seed "
                  << settings.seed << "):\n";
        std::vector<double> values(scenario.parameters.size());
        sample_parameters(scenario.parameters, settings.seed, run.result.invalid_examples.front(),
                          1, values.data());
        for (std::size_t p = 0; p < values.size(); ++p) {
          std::cerr << "  " << scenario.parameters[p].name << " = " << values[p] << "\n";
        }
        return EXIT_DIFFERENT;
      }
      std::optional<WhatChanged> changed;
      if (reference) {
        int exit_code = EXIT_OK;
        changed = compare_with_reference(*reference, plan, settings, run.result.members,
                                         show_progress, cluster, exit_code);
        if (!changed) return exit_code;
      }
      if (output) output->commit();
      saver.write(cluster.is_root());
      const int threads = options->ensemble.threads > 0
                              ? options->ensemble.threads
                              : static_cast<int>(std::thread::hardware_concurrency());
      if (options->json) {
        print_ensemble_json(plan, run.result, chosen.name, chosen.edits, threads, cluster.size(),
                            run.seconds, reference ? &*reference : nullptr,
                            changed ? &*changed : nullptr);
      } else {
        print_ensemble_table(plan, run.result, note, threads, cluster.size(), run.seconds, language,
                             options->territories);
        if (changed) print_against_table(plan, *reference, *changed, language);
        if (output) {
          std::cout << "\n" << say("results_written", language, {output->target()});
          if (reference) std::cout << say("run_only", language, {reference->name});
          std::cout << "\n";
        }
      }
      saver.report(options->json);
      return EXIT_OK;
    }
    Kernel kernel(plan);
    Trajectory trajectory;
    const auto parameters = scenario.parameters.central_values();
    kernel.run(parameters, trajectory);
    // The ensemble's numeric guards, so that no inf or NaN is printed.
    if (const auto invalid = TerritorialModel(plan).first_invalid_value(trajectory)) {
      std::cerr << "error: the deterministic run (every parameter at its median) gave a "
                << (std::isfinite(invalid->value) ? "negative" : "non-finite")
                << " value: " << plan.catalogue.ids()[invalid->row] << " in " << invalid->year
                << " = " << invalid->value << "; no results written.\n";
      return EXIT_DIFFERENT;
    }
    const auto results = evaluate_objectives(plan, trajectory);
    std::optional<CentralChange> changed;
    if (reference) {
      int exit_code = EXIT_OK;
      changed = compare_at_medians(*reference, plan, trajectory, exit_code);
      if (!changed) return exit_code;
    }
    saver.write(cluster.is_root());
    if (options->json) {
      print_deterministic_json(plan, trajectory, results, chosen.name, chosen.edits,
                               reference ? &*reference : nullptr, changed ? &*changed : nullptr);
    } else {
      print_deterministic_table(plan, trajectory, results, note, language, options->territories);
      if (changed) print_against_central_table(plan, *reference, *changed, language);
    }
    saver.report(options->json);
    return EXIT_OK;
  };
}

}  // namespace traj::cli
