#include "what_if_run.hpp"

#include <algorithm>
#include <chrono>
#include <sstream>
#include <thread>

#include "against_reference.hpp"
#include "reference_cache.hpp"
#include "run_output_json.hpp"
#include "run_portfolio.hpp"
#include "traj/error.hpp"
#include "traj/json_writer.hpp"
#include "traj/territory/territorial_model.hpp"
#include "traj/territory/workspace_charts.hpp"

namespace traj::cli::serve {

using namespace traj::territory;

namespace {

/// The options `traj run --members N --seed S` gives the engine (no
/// --quantiles: the defaults, which hold the 0.05, 0.5 and 0.95 levels).
EnsembleOptions ensemble_options_of(const Plan& plan, const WhatIfRequest& request,
                                    const std::function<bool()>& cancelled) {
  EnsembleOptions options;
  options.members = request.members;
  options.seed = request.seed;
  options.max_members = request.members;
  options.quantile_rows = TerritorialModel(plan).headline_rows();
  options.cancelled = cancelled;
  return options;
}

std::string charts_json(const Plan& plan, const EnsembleResult& result,
                        const StartingEnsemble* starting, ReportLanguage language) {
  std::ostringstream text;
  JsonWriter json(text, false);
  json.begin_object().key("charts").begin_array();
  for (const auto& chart : workspace_charts(plan, result, language, starting)) {
    json.begin_object().key("indicator").value(chart.indicator).key("svg").value(chart.svg);
    json.end_object();
  }
  json.end_array().end_object();
  return text.str();
}

void refuse_invalid_members(const EnsembleResult& result, const std::string& what,
                            std::uint64_t seed) {
  if (result.invalid_members == 0) return;
  throw Error(what + " gave non-finite or negative results (energy, emissions…) for " +
              std::to_string(result.invalid_members) + " member(s), first member " +
              std::to_string(result.invalid_examples.front()) + " (seed " + std::to_string(seed) +
              ")");
}

std::string reference_key(const std::string& portfolio, const EnsembleOptions& options) {
  std::string key =
      portfolio + "|" + std::to_string(options.members) + "|" + std::to_string(options.seed) + "|";
  for (const std::size_t row : options.quantile_rows) key += std::to_string(row) + ",";
  return key;
}

/// Records `kept.reference`'s ensemble and keeps both; empty when cancelled.
KeptReference record_and_keep(KeptReference kept, const Plan& plan, const EnsembleOptions& options,
                              const std::string& key, ReferenceCache& references) {
  auto recorded =
      std::make_shared<RecordedReference>(record_reference(plan, kept.reference->plan, options));
  if (recorded->result.cancelled) return {};
  kept.recorded = std::move(recorded);
  references.keep(key, kept);
  return kept;
}

/// The reference of a what-if with edits — its starting portfolio as the
/// files define it — with its ensemble recorded on the what-if's members:
/// kept from an earlier what-if when one had the same, else run (and kept).
/// Empty when cancelled meanwhile.
KeptReference reference_of(const ChosenScenario& chosen, const std::string& portfolio,
                           const Plan& plan, const EnsembleOptions& options,
                           ReferenceCache& references) {
  const std::string key = reference_key(portfolio, options);
  KeptReference kept = references.find(key);
  if (kept.recorded &&
      reference_quantities(plan, kept.reference->plan) == kept.recorded->quantities)
    return kept;
  std::optional<AgainstReference> reference = choose_reference(chosen, portfolio, "");
  kept.reference = std::make_shared<const AgainstReference>(std::move(*reference));
  return record_and_keep(std::move(kept), plan, options, key, references);
}

/// The what-if without edits, `plan`, recorded as the reference of the
/// what-ifs that will edit it; empty when cancelled.
KeptReference record_unedited(const ChosenScenario& chosen, const std::string& portfolio,
                              const Plan& plan, const EnsembleOptions& options,
                              ReferenceCache& references) {
  const std::string key = reference_key(portfolio, options);
  KeptReference kept = references.find(key);
  if (kept.recorded) return kept;
  auto files = std::make_unique<Scenario>(chosen.scenario);
  Plan files_plan = compile_plan(*files, portfolio);
  kept.reference = std::make_shared<const AgainstReference>(AgainstReference{
      portfolio.empty() ? "baseline" : portfolio, true, std::move(files), std::move(files_plan)});
  return record_and_keep(std::move(kept), plan, options, key, references);
}

}  // namespace

std::optional<WhatIfResult> run_what_if(const ChosenScenario& served, ReferenceCache& references,
                                        const WhatIfRequest& request,
                                        const std::function<bool()>& cancelled) {
  const ChosenScenario chosen = load_from_inputs(served.name, served.inputs, request.edits);
  const std::string portfolio = choose_run_portfolio(chosen.scenario, request.portfolio).id;
  const Plan plan = compile_plan(chosen.scenario, portfolio);
  refuse_emptied_portfolio(chosen, plan);
  const TerritorialModel model(plan);
  const EnsembleOptions options = ensemble_options_of(plan, request, cancelled);
  const auto start = std::chrono::steady_clock::now();
  // With edits, the paired comparison's own ensemble of the what-if (the
  // same members, seed and quantile rows) is the what-if's result: the same
  // numbers as the run `traj run` makes first, one ensemble fewer.
  std::optional<WhatChanged> changed;
  KeptReference kept;
  std::optional<EnsembleResult> unedited;
  std::string reference_state = "none";
  if (!chosen.edits.empty()) {
    kept = reference_of(chosen, portfolio, plan, options, references);
    if (!kept.recorded) return std::nullopt;
    reference_state = kept.found ? "kept" : "recorded";
    changed = what_changed(plan, kept.reference->plan, *kept.recorded, options);
    if (changed->run.cancelled) return std::nullopt;
  } else if (references.takes(options.members)) {
    // Without edits the what-if is its portfolio as the files define it: the
    // reference of the page's next what-ifs, recorded now so that the first
    // slider move runs one ensemble too. Its numbers are the plain run's.
    const KeptReference recorded = record_unedited(chosen, portfolio, plan, options, references);
    if (!recorded.recorded) return std::nullopt;
    unedited = recorded.recorded->result;
    reference_state = recorded.found ? "kept" : "recorded";
  }
  const EnsembleResult result = changed    ? changed->run
                                : unedited ? *unedited
                                           : run_ensemble(model, model.objective_specs(), options);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (result.cancelled) return std::nullopt;
  refuse_invalid_members(result, "the what-if", request.seed);
  if (changed)
    refuse_invalid_members(changed->reference, "the reference " + kept.reference->name,
                           request.seed);
  WhatIfResult answer;
  answer.reference = reference_state;
  std::ostringstream run_json;
  const int threads = static_cast<int>(std::thread::hardware_concurrency());
  print_ensemble_json(plan, result, chosen.name, chosen.edits, threads, 1, seconds,
                      kept.reference.get(), changed ? &*changed : nullptr, run_json);
  answer.run_json = run_json.str();
  // With edits, the starting portfolio's band behind the what-if's fan.
  std::optional<StartingEnsemble> starting;
  if (changed) starting.emplace(StartingEnsemble{kept.reference->plan, kept.recorded->result});
  const StartingEnsemble* behind = starting ? &*starting : nullptr;
  answer.charts_english = charts_json(plan, result, behind, ReportLanguage::English);
  answer.charts_french = charts_json(plan, result, behind, ReportLanguage::French);
  return answer;
}

}  // namespace traj::cli::serve
