#include "sensitivity_binding.hpp"

#include <pybind11/stl.h>

#include <optional>
#include <sstream>
#include <string>

#include "run_cancellation.hpp"
#include "scenario_binding.hpp"
#include "sensitivity_setup.hpp"
#include "traj/error.hpp"
#include "traj/setting_ranges.hpp"
#include "traj/territory/territorial_model.hpp"

namespace traj::python {

namespace py = pybind11;
using namespace traj::territory;

namespace {

/// As `traj sensitivity` bounds it (tools/command_sensitivity.cpp).
constexpr IntegerRange SAMPLES_RANGE{8, 10'000'000};

struct SensitivityRequest {
  std::string portfolio;  ///< "baseline": no action
  std::string method = "sobol";
  std::string group = "parameter";
  std::optional<std::string> indicator;
  std::optional<std::int64_t> year, samples, seed, threads;
};

std::string sensitivity(const LoadedScenario& scenario, const SensitivityRequest& request) {
  if (request.method != "sobol" && request.method != "morris") {
    throw InputError("sensitivity: method: expected \"sobol\" or \"morris\", found \"" +
                     request.method + "\"");
  }
  if (request.group != "parameter" && request.group != "action") {
    throw InputError("sensitivity: group: expected \"parameter\" or \"action\", found \"" +
                     request.group + "\"");
  }
  if (request.year && !request.indicator)
    throw InputError("sensitivity: year is the year of indicator; give indicator or remove year");
  if (request.indicator && !request.year)
    throw InputError("sensitivity: expected year with indicator (the year of the indicator)");
  if (request.year) check_setting("sensitivity: year", *request.year, YEAR_RANGE);
  SensitivityOptions settings;
  settings.samples = request.method == "sobol" ? 4096 : 100;
  if (request.samples) {
    check_setting("sensitivity: samples", *request.samples, SAMPLES_RANGE);
    settings.samples = static_cast<std::uint64_t>(*request.samples);
  }
  if (request.seed) {
    check_setting("sensitivity: seed", *request.seed, SEED_RANGE);
    settings.seed = static_cast<std::uint64_t>(*request.seed);
  } else {
    settings.seed = EnsembleOptions{}.seed;
  }
  if (request.threads) {
    check_setting("sensitivity: threads", *request.threads, THREADS_RANGE);
    settings.threads = static_cast<int>(*request.threads);
  } else {
    settings.threads = EnsembleOptions{}.threads;
  }
  const cli::ChosenScenario& chosen = *scenario.chosen;
  const Scenario& loaded = chosen.scenario;
  const Plan plan = compile_plan(loaded, cli::plan_portfolio_id(loaded, request.portfolio));
  const TerritorialModel model(plan);
  const cli::SensitivityOutcomes analysed =
      cli::sensitivity_outcomes(plan, model, request.indicator.value_or(""),
                                static_cast<int>(request.year.value_or(0)), cli::Language::English);
  if (loaded.parameters.size() == 0)
    throw InputError("sensitivity: the scenario has no uncertain number: nothing to analyse");
  const auto factors = cli::sensitivity_factors(loaded, request.group);
  cli::refuse_what_memory_cannot_hold(request.method, loaded.parameters.size(), factors.size(),
                                      analysed.outputs.size(), settings);
  RunCancellation cancellation;
  settings.cancelled = cancellation.poll();
  SensitivityResult result;
  {
    const py::gil_scoped_release release;
    result = request.method == "sobol"
                 ? sobol_indices(model, factors, analysed.outputs, settings)
                 : morris_screening(model, factors, analysed.outputs, settings);
  }
  cancellation.raise_if_cancelled();
  std::ostringstream json;
  cli::print_sensitivity_json(request.method, chosen.edits, analysed.outputs, factors, result,
                              json);
  return json.str();
}

}  // namespace

void bind_sensitivity(py::module_& module) {
  module.def(
      "sensitivity",
      [](const LoadedScenario& scenario, std::string portfolio, std::string method,
         std::optional<std::int64_t> samples, std::optional<std::string> indicator,
         std::optional<std::int64_t> year, std::string group, std::optional<std::int64_t> seed,
         std::optional<std::int64_t> threads) {
        SensitivityRequest request;
        request.portfolio = std::move(portfolio);
        request.method = std::move(method);
        request.samples = samples;
        request.indicator = std::move(indicator);
        request.year = year;
        request.group = std::move(group);
        request.seed = seed;
        request.threads = threads;
        return sensitivity(scenario, request);
      },
      py::arg("scenario"), py::arg("portfolio"), py::arg("method"), py::arg("samples"),
      py::arg("indicator"), py::arg("year"), py::arg("group"), py::arg("seed"), py::arg("threads"));
}

}  // namespace traj::python
