#include "what_if_economics.hpp"

#include <sstream>

#include "comparison_json.hpp"
#include "run_portfolio.hpp"
#include "traj/error.hpp"
#include "traj/json_writer.hpp"
#include "traj/territory/comparison.hpp"
#include "what_if_options.hpp"

namespace traj::cli::serve {

using namespace traj::territory;

namespace {

/// Thrown from compare's progress hook to stop between two ensembles; the
/// ensemble under way has already stopped at its next batch.
struct ComparisonCancelled {};

}  // namespace

std::optional<EconomicsResult> run_economics(const ChosenScenario& served,
                                             const WhatIfRequest& request, bool contributions,
                                             const std::function<bool()>& cancelled) {
  if (request.members < MIN_COMPARED_MEMBERS) {
    throw InputError("request: \"members\": expected at least " +
                     std::to_string(MIN_COMPARED_MEMBERS) +
                     " for economics and contributions (as traj compare --members), found " +
                     std::to_string(request.members));
  }
  const ChosenScenario chosen = load_from_inputs(served.name, served.inputs, request.edits);
  const std::string portfolio = choose_run_portfolio(chosen.scenario, request.portfolio).id;
  // The same refusals as POST /api/run for the same request.
  refuse_emptied_portfolio(chosen, compile_plan(chosen.scenario, portfolio));
  // `traj compare --members N --seed S`: the engine's defaults otherwise.
  EnsembleOptions options;
  options.members = request.members;
  options.seed = request.seed;
  options.cancelled = cancelled;
  std::optional<PortfolioComparison> comparison;
  try {
    comparison = compare_portfolios(chosen.scenario, {portfolio.empty() ? "baseline" : portfolio},
                                    options, contributions, [&cancelled](std::size_t, std::size_t) {
                                      if (cancelled()) throw ComparisonCancelled{};
                                    });
  } catch (const ComparisonCancelled&) {
    return std::nullopt;
  }
  for (const auto& outcome : comparison->portfolios) {
    if (outcome.result.cancelled) return std::nullopt;
  }
  std::ostringstream text;
  JsonWriter json(text, false);
  json.begin_object();
  json.key("territory").value(chosen.scenario.name);
  write_edits_json(json, chosen.edits);
  json.key("members").value(static_cast<long long>(comparison->members));
  json.key("seed").value(static_cast<long long>(request.seed));
  json.key("discounted").value(chosen.scenario.has_discount_rate);
  json.key("horizon").value(chosen.scenario.horizon);
  // The what-if's entry: the last compared (the baseline alone for "baseline").
  json.key("portfolio");
  write_compared_portfolio_json(json, chosen.scenario, *comparison, comparison->portfolios.back());
  json.end_object();
  return EconomicsResult{text.str()};
}

}  // namespace traj::cli::serve
