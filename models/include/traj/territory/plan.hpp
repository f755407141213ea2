#pragma once
/// A scenario compiled for one portfolio: the actions it runs, with their
/// adoption curves after overrides, and the effects grouped by type in the
/// order the yearly kernel applies them (docs/model.md, section 3).

#include <span>
#include <string>
#include <vector>

#include "traj/territory/indicators.hpp"
#include "traj/territory/scenario.hpp"

namespace traj::territory {

/// An effect of type T bound to the slot of its action in the plan.
template <typename T>
struct PlannedEffect {
  int slot = 0;  ///< index into Plan::actions
  const T* effect = nullptr;
};

/// The switches leaving one cell, applied together so that they never take
/// more than the cell holds.
struct SwitchGroup {
  int sector = 0;
  int from = 0;
  std::vector<PlannedEffect<SwitchEffect>> switches;
};

struct PlannedAction {
  int action = 0;                ///< index in Scenario::actions
  Adoption adoption;             ///< after the portfolio's overrides
  double planned_ceiling = 1.0;  ///< central ceiling the stated costs refer to
};

struct Plan {
  explicit Plan(const Scenario& of) : scenario(&of), catalogue(of) {}

  const Scenario* scenario;
  std::string portfolio;  ///< id, empty for the baseline (no action)
  std::vector<PlannedAction> actions;
  std::vector<PlannedEffect<ReduceEffect>> reductions;
  std::vector<SwitchGroup> switch_groups;  ///< per sector, `from` in topological order
  std::vector<PlannedEffect<ProduceEffect>> productions;
  std::vector<PlannedEffect<FactorEffect>> factor_changes;
  std::vector<PlannedEffect<AbateEffect>> abatements;
  std::vector<PlannedEffect<IndicatorEffect>> indicator_changes;
  /// Conversions in an order where inputs are produced before use.
  std::vector<const Conversion*> conversions;
  /// Sources whose production is computed from a conversion.
  std::vector<bool> derived_source;
  IndicatorCatalogue catalogue;
  /// Every action's ceiling is multiplied by this, capped at full adoption
  /// (1): `traj target` searches the scale that reaches an objective.
  double adoption_scale = 1.0;
  /// Per action (parallel to `actions`), a further multiplier of its
  /// ceiling, capped at full adoption; empty: 1 for every action. `traj
  /// target --objective` searches what one action alone would need.
  std::vector<double> action_ceiling_scales;

  /// Whether the kernel reads scaled ceilings instead of the drawn ones.
  bool scales_ceilings() const { return adoption_scale != 1.0 || !action_ceiling_scales.empty(); }

  int year_count() const { return scenario->horizon - scenario->base_year + 1; }
};

/// Compiles the scenario for portfolio `portfolio_id` ("" for the baseline
/// without any action; "*" for every action of the scenario).
/// Throws InputError if the portfolio does not exist.
Plan compile_plan(const Scenario& scenario, const std::string& portfolio_id);

/// Compiles the scenario for the given actions (indices into
/// Scenario::actions), without overrides; used to study actions one by one.
Plan compile_actions(const Scenario& scenario, const std::vector<int>& actions);

}  // namespace traj::territory
