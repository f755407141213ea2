#include "portfolio_search_parts.hpp"

#include <algorithm>

#include "../plan/plan_part.hpp"
#include "traj/territory/territorial_model.hpp"

namespace traj::territory::detail {
namespace {

double at_horizon(const EnsembleResult& result, int row) {
  return result.mean_at(static_cast<std::size_t>(row), result.years - 1);
}

}  // namespace

PortfolioEvaluator::PortfolioEvaluator(const Scenario& scenario, const SearchSettings& settings,
                                       const std::vector<int>& candidates,
                                       const EnsembleOptions& members, const char* step)
    : scenario_(scenario),
      portfolio_(settings.candidates),
      candidates_(candidates),
      levels_(settings.levels),
      objectives_(settings.objectives),
      options_(members),
      progress_(settings.progress),
      step_(step) {
  // Means only: no quantile sketch, no member kept.
  options_.quantile_rows.clear();
  options_.on_members = nullptr;
  options_.progress = nullptr;
  options_.precision = 0.0;
  stopped_figures_.members = options_.members;
  // The baseline: the same members without any action.
  // With baseline_ghg_ = 0, "GHG avoided" is minus the baseline's own.
  baseline_ = run_actions({}, {});
  baseline_ghg_ = -baseline_.ghg_avoided;
  baseline_.ghg_avoided = 0.0;
  if (levels_.front() == 0.0) seen_.emplace(LevelChoice(candidates_.size(), 0), baseline_);
}

const PortfolioFigures& PortfolioEvaluator::evaluate(const LevelChoice& choice) {
  if (stopped()) return stopped_figures_;
  const auto found = seen_.find(choice);
  if (found != seen_.end()) return found->second;
  const PortfolioFigures figures = run(choice);
  if (stopped()) return stopped_figures_;
  ++evaluations_;
  if (progress_) progress_(evaluations_, step_);
  return seen_.emplace(choice, figures).first->second;
}

PortfolioFigures PortfolioEvaluator::run(const LevelChoice& choice) {
  std::vector<int> actions;
  std::vector<double> scales;
  for (std::size_t c = 0; c < candidates_.size(); ++c) {
    const double level = levels_[choice[c]];
    if (level == 0.0) continue;
    actions.push_back(candidates_[c]);  // candidates are in scenario order, as the plan's slots
    scales.push_back(level);
  }
  return run_actions(actions, scales);
}

PortfolioFigures PortfolioEvaluator::run_actions(const std::vector<int>& actions,
                                                 const std::vector<double>& scales) {
  const bool scaled =
      std::any_of(scales.begin(), scales.end(), [](double scale) { return scale != 1.0; });
  Plan plan = compile_plan_part(scenario_, portfolio_, actions);
  if (scaled) plan.action_ceiling_scales = scales;
  const TerritorialModel model(plan);
  std::vector<ObjectiveSpec> specs;
  const std::vector<ObjectiveSpec> every = model.objective_specs();
  for (const std::size_t o : objectives_) specs.push_back(every[o]);
  const EnsembleResult result = run_ensemble(model, specs, options_);
  PortfolioFigures figures;
  if (result.cancelled) {
    cancelled_ = true;
    return figures;
  }
  if (result.invalid_members > 0) {
    invalid_members_ = result.invalid_members;
    invalid_example_ = result.invalid_examples.empty() ? 0 : result.invalid_examples.front();
    return figures;
  }
  figures.cost = at_horizon(result, plan.catalogue.cost_discounted);
  figures.ghg_avoided = baseline_ghg_ - at_horizon(result, plan.catalogue.ghg_cumulative);
  figures.probability = result.joint;
  figures.successes = result.joint_successes;
  figures.members = result.members;
  return figures;
}

}  // namespace traj::territory::detail
