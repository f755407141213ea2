#include "compare_binding.hpp"

#include <pybind11/stl.h>

#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "compare_output_json.hpp"
#include "run_cancellation.hpp"
#include "scenario_binding.hpp"
#include "shares_output.hpp"
#include "traj/error.hpp"
#include "traj/setting_ranges.hpp"
#include "traj/shapley.hpp"
#include "traj/territory/comparison.hpp"

namespace traj::python {

namespace py = pybind11;
using namespace traj::territory;

namespace {

/// As `traj compare` bounds them (tools/command_compare.cpp).
constexpr IntegerRange COMPARE_MEMBERS_RANGE{100, 10'000'000};
constexpr IntegerRange PERMUTATIONS_RANGE{2, 100'000};

struct CompareRequest {
  std::vector<std::string> portfolios;  ///< empty: every portfolio
  std::optional<std::int64_t> members, seed, threads, permutations;
  bool contributions = true;
  std::optional<std::string> shares;  ///< "coalitions" or "actions"
};

std::string compare(const LoadedScenario& scenario, const CompareRequest& request) {
  EnsembleOptions ensemble;
  if (request.members) {
    check_setting("compare: members", *request.members, COMPARE_MEMBERS_RANGE);
    ensemble.members = static_cast<std::uint64_t>(*request.members);
  }
  if (request.seed) {
    check_setting("compare: seed", *request.seed, SEED_RANGE);
    ensemble.seed = static_cast<std::uint64_t>(*request.seed);
  }
  if (request.threads) {
    check_setting("compare: threads", *request.threads, THREADS_RANGE);
    ensemble.threads = static_cast<int>(*request.threads);
  }
  std::uint64_t permutations = ShapleyOptions{}.permutations;
  if (request.permutations) {
    if (!request.shares) {
      throw InputError(
          "compare: permutations are the random orders of shares; without shares nothing uses "
          "them; give shares=\"coalitions\" (or \"actions\"), or remove permutations");
    }
    check_setting("compare: permutations", *request.permutations, PERMUTATIONS_RANGE);
    permutations = static_cast<std::uint64_t>(*request.permutations);
  }
  if (request.shares && *request.shares != "coalitions" && *request.shares != "actions") {
    throw InputError("compare: shares: expected \"coalitions\" or \"actions\", found \"" +
                     *request.shares + "\"");
  }
  const cli::ChosenScenario& chosen = *scenario.chosen;
  RunCancellation cancellation;
  ensemble.cancelled = cancellation.poll();
  PortfolioComparison comparison;
  std::vector<PortfolioShares> shares;
  {
    const py::gil_scoped_release release;
    comparison =
        compare_portfolios(chosen.scenario, request.portfolios, ensemble, request.contributions);
    if (request.shares) {
      shares = cli::shares_of_portfolios(chosen.scenario, comparison, ensemble, *request.shares,
                                         permutations, ensemble.cancelled);
    }
  }
  cancellation.raise_if_cancelled();
  std::ostringstream json;
  cli::print_compare_json(chosen.scenario, chosen.edits, comparison, shares,
                          request.shares.has_value(), json);
  return json.str();
}

}  // namespace

void bind_compare(py::module_& module) {
  module.def(
      "compare",
      [](const LoadedScenario& scenario, std::vector<std::string> portfolios,
         std::optional<std::int64_t> members, std::optional<std::int64_t> seed,
         std::optional<std::int64_t> threads, bool contributions, std::optional<std::string> shares,
         std::optional<std::int64_t> permutations) {
        CompareRequest request;
        request.portfolios = std::move(portfolios);
        request.members = members;
        request.seed = seed;
        request.threads = threads;
        request.contributions = contributions;
        request.shares = std::move(shares);
        request.permutations = permutations;
        return compare(scenario, request);
      },
      py::arg("scenario"), py::arg("portfolios"), py::arg("members"), py::arg("seed"),
      py::arg("threads"), py::arg("contributions"), py::arg("shares"), py::arg("permutations"));
}

}  // namespace traj::python
