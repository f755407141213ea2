#include "target_binding.hpp"

#include <pybind11/stl.h>

#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "indicator_choice.hpp"
#include "numpy_arrays.hpp"
#include "run_cancellation.hpp"
#include "scenario_binding.hpp"
#include "target_output_json.hpp"
#include "traj/error.hpp"
#include "traj/setting_ranges.hpp"
#include "traj/string_distance.hpp"
#include "traj/territory/comparison.hpp"
#include "traj/territory/objective_distance.hpp"

namespace traj::python {

namespace py = pybind11;
using namespace traj::territory;

namespace {

/// As `traj target` bounds them (tools/command_target.cpp).
constexpr NumberRange CONFIDENCE_RANGE{0.5, 0.999};
constexpr IntegerRange TARGET_MEMBERS_RANGE{100, 100'000'000};

struct TargetRequest {
  std::string portfolio;  ///< "baseline": no action
  std::optional<std::string> indicator, objective;
  std::optional<std::int64_t> year, members, seed, threads;
  double confidence = 0.8;
};

void check_request(const TargetRequest& request) {
  if (request.indicator && request.objective) {
    throw InputError(
        "target: a target is either the value an indicator reaches (indicator, year) or the "
        "adoption an objective needs (objective); choose one");
  }
  if (request.year && !request.indicator)
    throw InputError("target: year is the year of indicator; give indicator or remove year");
  if (request.indicator && !request.year)
    throw InputError("target: expected year with indicator (the year of the indicator)");
  if (!request.indicator && !request.objective)
    throw InputError("target: expected indicator with year, or objective, found neither");
  check_setting("target: confidence", request.confidence, CONFIDENCE_RANGE);
  if (request.year) check_setting("target: year", *request.year, YEAR_RANGE);
}

EnsembleOptions ensemble_of(const TargetRequest& request) {
  EnsembleOptions ensemble;
  if (request.members) {
    check_setting("target: members", *request.members, TARGET_MEMBERS_RANGE);
    ensemble.members = static_cast<std::uint64_t>(*request.members);
  }
  if (request.seed) {
    check_setting("target: seed", *request.seed, SEED_RANGE);
    ensemble.seed = static_cast<std::uint64_t>(*request.seed);
  }
  if (request.threads) {
    check_setting("target: threads", *request.threads, THREADS_RANGE);
    ensemble.threads = static_cast<int>(*request.threads);
  }
  return ensemble;
}

std::size_t objective_index(const Scenario& scenario, const std::string& id) {
  std::vector<std::string> ids;
  for (std::size_t o = 0; o < scenario.objectives.size(); ++o) {
    if (scenario.objectives[o].id == id) return o;
    ids.push_back(scenario.objectives[o].id);
  }
  throw InputError("target: objective: expected an objective of the scenario, found \"" + id +
                   "\"" + did_you_mean(id, ids));
}

py::dict target(const LoadedScenario& scenario, const TargetRequest& request) {
  check_request(request);
  EnsembleOptions ensemble = ensemble_of(request);
  const cli::ChosenScenario& chosen = *scenario.chosen;
  const std::string portfolio = cli::plan_portfolio_id(chosen.scenario, request.portfolio);
  const Plan plan = compile_plan(chosen.scenario, portfolio);
  RunCancellation cancellation;
  ensemble.cancelled = cancellation.poll();
  std::ostringstream json;
  std::vector<double> values;
  if (request.indicator) {
    const int year = static_cast<int>(*request.year);
    const std::size_t row = cli::indicator_row(plan, *request.indicator, year);
    Commitment result;
    {
      const py::gil_scoped_release release;
      result = commitment(plan, row, year, request.confidence, ensemble);
    }
    cancellation.raise_if_cancelled();
    cli::print_commitment_json(portfolio, chosen.edits, plan.catalogue[row].id, year,
                               request.confidence, result, json);
    values = std::move(result.values);
  } else {
    const std::size_t index = objective_index(chosen.scenario, *request.objective);
    const Objective& objective = chosen.scenario.objectives[index];
    std::optional<WhatItTakes> takes;
    std::optional<ObjectiveDistance> distance;
    {
      const py::gil_scoped_release release;
      takes.emplace(what_it_takes(plan, index, request.confidence, ensemble, 0.01));
      // As traj target: one more ensemble for the distance as planned.
      distance.emplace(distance_to_objective(objective, plan.catalogue, chosen.scenario.base_year,
                                             run_recording(plan, {}, ensemble, nullptr)));
    }
    cancellation.raise_if_cancelled();
    cli::print_objective_target_json(portfolio, chosen.edits, objective, request.confidence, *takes,
                                     *distance, plan, json);
    values = std::move(takes->values);
  }
  py::dict out;
  out["summary"] = json.str();
  const auto count = static_cast<py::ssize_t>(values.size());
  out["values"] = owned_array(std::move(values), {count});
  return out;
}

}  // namespace

void bind_target(py::module_& module) {
  module.def(
      "target",
      [](const LoadedScenario& scenario, std::string portfolio,
         std::optional<std::string> indicator, std::optional<std::int64_t> year,
         std::optional<std::string> objective, double confidence,
         std::optional<std::int64_t> members, std::optional<std::int64_t> seed,
         std::optional<std::int64_t> threads) {
        TargetRequest request;
        request.portfolio = std::move(portfolio);
        request.indicator = std::move(indicator);
        request.year = year;
        request.objective = std::move(objective);
        request.confidence = confidence;
        request.members = members;
        request.seed = seed;
        request.threads = threads;
        return target(scenario, request);
      },
      py::arg("scenario"), py::arg("portfolio"), py::arg("indicator"), py::arg("year"),
      py::arg("objective"), py::arg("confidence"), py::arg("members"), py::arg("seed"),
      py::arg("threads"));
}

}  // namespace traj::python
