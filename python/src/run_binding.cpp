#include "run_binding.hpp"

#include <pybind11/stl.h>

#include <chrono>
#include <cmath>
#include <sstream>
#include <thread>

#include "ensemble_run.hpp"
#include "member_arrays.hpp"
#include "numpy_arrays.hpp"
#include "run_cancellation.hpp"
#include "run_output_json.hpp"
#include "run_portfolio.hpp"
#include "scenario_error.hpp"
#include "traj/error.hpp"
#include "traj/setting_ranges.hpp"
#include "traj/territory/kernel.hpp"
#include "traj/territory/objectives.hpp"
#include "traj/territory/territorial_model.hpp"

namespace traj::python {

namespace py = pybind11;
using namespace traj::territory;

namespace {

/// As `traj run` refuses them (tools/command_run.cpp), with the Python names.
void refuse_ignored_options(const RunRequest& request) {
  if (request.deterministic) {
    for (const auto& [name, given] : std::vector<std::pair<const char*, bool>>{
             {"members", request.members.has_value()},
             {"seed", request.seed.has_value()},
             {"threads", request.threads.has_value()},
             {"block", request.block.has_value()},
             {"precision", request.precision.has_value()},
             {"max_members", request.max_members.has_value()},
             {"quantiles", request.quantiles.has_value()},
             {"trajectories", request.trajectories.has_value()}}) {
      if (given) {
        throw InputError(std::string("run: deterministic=True runs once, every uncertain number "
                                     "at its median: it has no members, seed, threads, block, "
                                     "precision, max_members, quantiles or trajectories; found ") +
                         name + "; remove one of the two");
      }
    }
  }
  if (request.max_members && !request.precision) {
    throw InputError(
        "run: max_members caps the members added to reach precision; without precision the "
        "ensemble has `members` members; give precision or remove max_members");
  }
}

/// The engine's options from the request, each checked against the CLI's range.
EnsembleOptions ensemble_options(const RunRequest& request) {
  EnsembleOptions options;
  if (request.members) {
    check_setting("run: members", *request.members, MEMBERS_RANGE);
    options.members = static_cast<std::uint64_t>(*request.members);
  }
  if (request.seed) {
    check_setting("run: seed", *request.seed, SEED_RANGE);
    options.seed = static_cast<std::uint64_t>(*request.seed);
  }
  if (request.threads) {
    check_setting("run: threads", *request.threads, THREADS_RANGE);
    options.threads = static_cast<int>(*request.threads);
  }
  if (request.block) {
    check_setting("run: block", *request.block, BLOCK_RANGE);
    options.block = static_cast<std::size_t>(*request.block);
  }
  if (request.precision) {
    check_setting("run: precision", *request.precision, PRECISION_RANGE);
    options.precision = *request.precision;
  }
  if (request.max_members) {
    check_setting("run: max_members", *request.max_members, MEMBERS_RANGE);
    options.max_members = static_cast<std::uint64_t>(*request.max_members);
  }
  if (request.quantiles) {
    for (const double level : *request.quantiles)
      check_setting("run: quantiles", level, QUANTILE_LEVEL_RANGE);
    options.quantiles = *request.quantiles;
  }
  return options;
}

std::string invalid_members_message(const Scenario& scenario, const EnsembleResult& result,
                                    std::uint64_t seed) {
  std::ostringstream message;
  message << result.invalid_members
          << " member(s) gave non-finite or negative results (energy, emissions…); first "
             "member(s):";
  for (const auto member : result.invalid_examples) message << " " << member;
  message << "; parameters of member " << result.invalid_examples.front() << " (seed " << seed
          << "):";
  std::vector<double> values(scenario.parameters.size());
  sample_parameters(scenario.parameters, seed, result.invalid_examples.front(), 1, values.data());
  for (std::size_t p = 0; p < values.size(); ++p)
    message << " " << scenario.parameters[p].name << " = " << values[p] << ";";
  return message.str();
}

py::dict run_ensemble_for(const cli::ChosenScenario& chosen, const Plan& plan,
                          const RunRequest& request) {
  const EnsembleOptions asked = ensemble_options(request);
  const RunSettings settings = cli::run_settings_of(chosen, plan.portfolio, asked,
                                                    request.trajectories.value_or("headline"), "");
  const TerritorialModel model(plan);
  EnsembleOptions options = cli::ensemble_options_of(model, settings);
  RunCancellation cancellation;
  options.cancelled = cancellation.poll();
  std::optional<MemberArrays> members;
  std::vector<std::size_t> recorded;
  if (request.trajectories) {
    recorded = trajectory_rows(plan, settings.trajectories);
    options.recorded_rows = recorded;
    members.emplace(recorded.size(), model.years(), model.parameters().size(),
                    plan.scenario->objectives.size(), options.members);
    options.on_members = [&members](const MemberRecords& records) { members->append(records); };
  }
  EnsembleResult result;
  double seconds = 0.0;
  {
    const py::gil_scoped_release release;
    const auto start = std::chrono::steady_clock::now();
    result = run_ensemble(model, model.objective_specs(), options);
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  cancellation.raise_if_cancelled();
  if (result.invalid_members > 0)
    raise_results_error(invalid_members_message(*plan.scenario, result, settings.seed));
  const int threads =
      asked.threads > 0 ? asked.threads : static_cast<int>(std::thread::hardware_concurrency());
  std::ostringstream json;
  cli::print_ensemble_json(plan, result, chosen.name, chosen.edits, threads, 1, seconds, nullptr,
                           nullptr, json);
  py::dict out;
  out["mode"] = "ensemble";
  out["summary"] = json.str();
  const auto rows = static_cast<py::ssize_t>(result.rows);
  const auto years = static_cast<py::ssize_t>(result.years);
  out["quantile_levels"] = result.quantile_levels;
  out["quantile_rows"] = result.quantile_rows;
  out["quantiles"] = owned_array(std::move(result.quantiles),
                                 {static_cast<py::ssize_t>(result.quantile_rows.size()), years,
                                  static_cast<py::ssize_t>(result.quantile_levels.size())});
  out["mean"] = owned_array(std::move(result.mean), {rows, years});
  out["sd"] = owned_array(std::move(result.sd), {rows, years});
  if (members) {
    py::dict arrays = members->release();
    arrays["rows"] = recorded;
    out["members"] = arrays;
  }
  return out;
}

py::dict run_deterministic_for(const cli::ChosenScenario& chosen, const Plan& plan) {
  Trajectory trajectory;
  {
    const py::gil_scoped_release release;
    Kernel kernel(plan);
    kernel.run(plan.scenario->parameters.central_values(), trajectory);
  }
  // The ensemble's numeric guards, so that no inf or NaN is handed back.
  if (const auto invalid = TerritorialModel(plan).first_invalid_value(trajectory)) {
    std::ostringstream message;
    message << "the deterministic run (every parameter at its median) gave a "
            << (std::isfinite(invalid->value) ? "negative" : "non-finite")
            << " value: " << plan.catalogue.ids()[invalid->row] << " in " << invalid->year << " = "
            << invalid->value;
    raise_results_error(message.str());
  }
  const auto results = evaluate_objectives(plan, trajectory);
  std::ostringstream json;
  cli::print_deterministic_json(plan, trajectory, results, chosen.name, chosen.edits, nullptr,
                                nullptr, json);
  py::dict out;
  out["mode"] = "deterministic";
  out["summary"] = json.str();
  // [year × rows + row]: (year, indicator) as the kernel wrote it.
  out["values"] = owned_array(
      std::move(trajectory.values),
      {static_cast<py::ssize_t>(trajectory.years), static_cast<py::ssize_t>(trajectory.rows)});
  return out;
}

py::dict run(const LoadedScenario& scenario, const RunRequest& request) {
  refuse_ignored_options(request);
  const cli::ChosenScenario& chosen = *scenario.chosen;
  const cli::RunPortfolio portfolio =
      cli::choose_run_portfolio(chosen.scenario, request.portfolio.value_or(""));
  const Plan plan = compile_plan(chosen.scenario, portfolio.id);
  cli::refuse_emptied_portfolio(chosen, plan);
  return request.deterministic ? run_deterministic_for(chosen, plan)
                               : run_ensemble_for(chosen, plan, request);
}

}  // namespace

void bind_run(py::module_& module) {
  module.def(
      "run",
      [](const LoadedScenario& scenario, std::optional<std::string> portfolio, bool deterministic,
         std::optional<std::int64_t> members, std::optional<std::int64_t> seed,
         std::optional<std::int64_t> threads, std::optional<std::int64_t> block,
         std::optional<double> precision, std::optional<std::int64_t> max_members,
         std::optional<std::vector<double>> quantiles, std::optional<std::string> trajectories) {
        RunRequest request;
        request.portfolio = std::move(portfolio);
        request.deterministic = deterministic;
        request.members = members;
        request.seed = seed;
        request.threads = threads;
        request.block = block;
        request.precision = precision;
        request.max_members = max_members;
        request.quantiles = std::move(quantiles);
        request.trajectories = std::move(trajectories);
        return run(scenario, request);
      },
      py::arg("scenario"), py::arg("portfolio"), py::arg("deterministic"), py::arg("members"),
      py::arg("seed"), py::arg("threads"), py::arg("block"), py::arg("precision"),
      py::arg("max_members"), py::arg("quantiles"), py::arg("trajectories"));
}

}  // namespace traj::python
