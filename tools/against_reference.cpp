#include "against_reference.hpp"

#include <vector>

#include "interrupt.hpp"
#include "progress_bar.hpp"
#include "traj/error.hpp"
#include "traj/string_distance.hpp"

namespace traj::cli {

using namespace traj::territory;

namespace {

/// The portfolio id `name` stands for in `scenario`: "" for the baseline
/// (unless the scenario has a portfolio of that name, as --portfolio reads it).
std::string portfolio_id(const Scenario& scenario, const std::string& name, const char* what) {
  if (name == "baseline" && scenario.find_portfolio("baseline") == NONE) return "";
  if (scenario.find_portfolio(name) != NONE) return name;
  std::vector<std::string> ids = {"baseline"};
  std::string listed;
  for (const auto& portfolio : scenario.portfolios) {
    ids.push_back(portfolio.id);
    listed += ", " + portfolio.id;
  }
  throw InputError(std::string(what) + ": expected a portfolio of the scenario files (baseline" +
                   listed + "), found \"" + name + "\"" + did_you_mean(name, ids));
}

}  // namespace

std::optional<AgainstReference> choose_reference(const ChosenScenario& chosen,
                                                 const std::string& run_portfolio,
                                                 const std::string& against) {
  const bool edited = !chosen.edits.empty();
  if (against.empty() && !edited) return std::nullopt;
  std::unique_ptr<Scenario> files_scenario;
  const Scenario* files = &chosen.scenario;
  if (edited) {
    // The texts the run was loaded from, not the disk again: they may have changed.
    files_scenario = std::make_unique<Scenario>(
        load_from_inputs(chosen.name, chosen.inputs, ScenarioEdits{}).scenario);
    files = files_scenario.get();
  }
  std::string id;
  if (against.empty()) {
    if (!run_portfolio.empty() && files->find_portfolio(run_portfolio) == NONE) {
      throw InputError(
          "--against: by default the run is compared with its portfolio as the "
          "scenario files define it, but the files have no portfolio \"" +
          run_portfolio + "\" (the edits add it); choose a reference with --against REF");
    }
    id = run_portfolio;
  } else {
    id = portfolio_id(*files, against, "--against");
    if (id == run_portfolio && !edited) {
      throw InputError("--against " + against + ": the run runs " + against +
                       " already, and without edits (--set, --shift, --action-off, --only) the "
                       "two would be the same run: nothing to compare; choose another portfolio "
                       "or baseline");
    }
  }
  Plan plan = compile_plan(*files, id);
  return AgainstReference{id.empty() ? "baseline" : id, edited, std::move(files_scenario),
                          std::move(plan)};
}

WhatChanged run_against(const AgainstReference& reference, const Plan& run,
                        const RunSettings& settings, std::uint64_t members, bool show_progress,
                        const Cluster& cluster) {
  EnsembleOptions options;
  options.members = members;
  options.seed = settings.seed;
  options.threads = settings.threads;
  options.block = settings.block;
  options.quantiles = settings.quantiles;
  options.sketch_accuracy = settings.sketch_accuracy;
  options.cluster = &cluster;
  options.cancelled = [] { return interrupted(); };
  // One bar for the two ensembles: the run's members, then the reference's.
  ProgressBar bar(show_progress, "members, run and " + reference.name);
  std::uint64_t offset = 0, last = 0;
  options.progress = [&bar, &offset, &last, members](std::uint64_t done, std::uint64_t) {
    if (done < last) offset = members;  // the reference's ensemble has begun
    last = done;
    bar.update(offset + done, 2 * members);
  };
  return what_changed(run, reference.plan, options);
}

}  // namespace traj::cli
