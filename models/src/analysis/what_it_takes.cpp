#include "traj/territory/what_it_takes.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "traj/territory/objective_distance.hpp"
#include "traj/territory/targets.hpp"
#include "traj/territory/territorial_model.hpp"

namespace traj::territory {
namespace {

/// The share of a ceiling's draws that full adoption must cover when the
/// lowest possible draw is 0 (a scale can never lift 0 to 1).
constexpr double COVERED_DRAWS = 0.999;

double lowest_value(const Quantity& quantity, const ParameterSet& parameters) {
  if (quantity.is_constant()) return quantity.constant;
  const Distribution& distribution =
      parameters[static_cast<std::size_t>(quantity.parameter)].distribution;
  const double lowest = distribution.support_min();
  return quantity.scale * (lowest > 0.0 ? lowest : distribution.quantile(1.0 - COVERED_DRAWS));
}

double central_value(const Quantity& quantity, const ParameterSet& parameters) {
  if (quantity.is_constant()) return quantity.constant;
  return quantity.scale *
         parameters[static_cast<std::size_t>(quantity.parameter)].distribution.central();
}

/// Beyond this scale of its ceiling, an action is at full adoption in
/// (nearly) every member.
double full_scale(const PlannedAction& action, const ParameterSet& parameters) {
  const double lowest = lowest_value(action.adoption.ceiling, parameters);
  return lowest > 0.0 ? std::max(1.0, 1.0 / lowest) : 1.0;
}

/// How many years earlier an action's curve may start: never before the
/// base year, at most MOST_YEARS_EARLIER.
int most_years_earlier(const PlannedAction& action, const Scenario& scenario) {
  const double start =
      central_value(action.adoption.start, scenario.parameters) + action.adoption.shift;
  const double room = std::floor(start - static_cast<double>(scenario.base_year));
  return static_cast<int>(std::clamp(room, 0.0, static_cast<double>(MOST_YEARS_EARLIER)));
}

/// Runs changed plans on the same members and reads what the search needs.
class Evaluator {
 public:
  Evaluator(const Plan& plan, std::size_t objective, double confidence,
            const EnsembleOptions& options, double target, bool at_most)
      : base_(plan),
        objective_(objective),
        confidence_(confidence),
        target_(target),
        at_most_(at_most),
        options_(options) {
    const Scenario& scenario = *plan.scenario;
    const Objective& goal = scenario.objectives[objective];
    const auto index_of = [&](int year) {
      return static_cast<std::size_t>(year - scenario.base_year);
    };
    row_ = static_cast<std::size_t>(plan.catalogue.find(goal.indicator));
    // A fixed number of members: every evaluation on the same draws.
    options_.precision = 0.0;
    options_.record_parameters = false;
    options_.recorded_rows = {row_, static_cast<std::size_t>(plan.catalogue.cost_discounted)};
    std::vector<std::size_t> recorded = {index_of(goal.year), index_of(scenario.horizon)};
    own_reference_ = goal.relative_to && !goal.reference_value;
    if (own_reference_) {
      // Each member is compared with its own reference year (as the
      // objective's test is); its value is read as the same ratio of the
      // target, in the indicator's unit.
      reference_scale_ = target / goal.threshold;
      recorded.push_back(index_of(*goal.relative_to));
    }
    std::sort(recorded.begin(), recorded.end());
    recorded.erase(std::unique(recorded.begin(), recorded.end()), recorded.end());
    options_.recorded_years = recorded;
    const auto position = [&](std::size_t year) {
      const auto& years = options_.recorded_years;
      return static_cast<std::size_t>(std::find(years.begin(), years.end(), year) - years.begin());
    };
    objective_column_ = position(index_of(goal.year));
    horizon_column_ = position(index_of(scenario.horizon));
    reference_column_ = own_reference_ ? position(index_of(*goal.relative_to)) : 0;
  }

  /// With `sorted_values`, also the members' values of the indicator in the
  /// objective's year, in increasing order.
  PlanEvaluation operator()(const std::vector<ActionChange>& changes, double uniform_scale = 1.0,
                            std::vector<double>* sorted_values = nullptr) {
    Plan plan = base_;
    plan.adoption_scale = uniform_scale;
    if (!changes.empty()) {
      plan.action_ceiling_scales.assign(plan.actions.size(), 1.0);
      for (const ActionChange& change : changes) {
        plan.action_ceiling_scales[change.slot] = change.ceiling_scale;
        plan.actions[change.slot].adoption.shift -= change.years_earlier;
      }
    }
    ++evaluations_;
    return run(plan, sorted_values);
  }

  int evaluations() const { return evaluations_; }

 private:
  PlanEvaluation run(const Plan& plan, std::vector<double>* sorted_values) const {
    const TerritorialModel model(plan);
    const auto specs = model.objective_specs();
    // By member number, whatever order the batches come in: the cost's sum
    // is then the same at any thread or rank count.
    std::vector<double> values(options_.members), costs(options_.members);
    EnsembleOptions options = options_;
    options.on_members = [&](const MemberRecords& records) {
      const auto at = [&](std::size_t row, std::size_t member, std::size_t column) {
        return records.trajectories[(row * records.capacity + member) * records.years + column];
      };
      for (std::size_t m = 0; m < records.count; ++m) {
        double value = at(0, m, objective_column_);
        if (own_reference_) value = value / at(0, m, reference_column_) * reference_scale_;
        values[records.first + m] = value;
        costs[records.first + m] = at(1, m, horizon_column_);
      }
    };
    const EnsembleResult result = run_ensemble(model, {specs[objective_]}, options);
    PlanEvaluation evaluation;
    evaluation.probability = result.objectives.front().estimate;
    double cost_sum = 0.0;
    for (const double cost : costs) cost_sum += cost;
    std::sort(values.begin(), values.end());
    const double n = static_cast<double>(values.size());
    // The value reached with the confidence, as `commitment` reads it.
    const double q = at_most_ ? confidence_ : 1.0 - confidence_;
    const auto rank = [&](double position) {
      return static_cast<std::size_t>(std::clamp(position, 0.0, n - 1.0));
    };
    evaluation.committed =
        at_most_ ? values[rank(std::ceil(q * n) - 1.0)] : values[rank(std::floor(q * n))];
    evaluation.shortfall =
        at_most_ ? evaluation.committed - target_ : target_ - evaluation.committed;
    evaluation.cost = cost_sum / n;
    if (sorted_values != nullptr) *sorted_values = std::move(values);
    return evaluation;
  }

  const Plan& base_;
  std::size_t objective_;
  double confidence_;
  double target_;
  bool at_most_;
  EnsembleOptions options_;
  std::size_t row_ = 0;
  std::size_t objective_column_ = 0, horizon_column_ = 0, reference_column_ = 0;
  bool own_reference_ = false;
  double reference_scale_ = 1.0;
  int evaluations_ = 0;
};

bool reaches(const PlanEvaluation& evaluation, double confidence) {
  return evaluation.probability.probability >= confidence;
}

ActionChange change_of(const Plan& plan, std::size_t slot, double scale, int years_earlier) {
  const PlannedAction& action = plan.actions[slot];
  const double planned = central_value(action.adoption.ceiling, plan.scenario->parameters);
  return {slot, scale, years_earlier, planned, std::min(1.0, scale * planned)};
}

/// The smallest scale in [low, high] of `changes`' last element's ceiling at
/// which the objective is reached, `at_high` being the evaluation at `high`.
double smallest_scale(Evaluator& evaluate, std::vector<ActionChange> changes, double low,
                      double high, PlanEvaluation& at_high, double confidence, double tolerance,
                      const Plan& plan) {
  ActionChange& last = changes.back();
  while (high - low > tolerance) {
    const double middle = 0.5 * (low + high);
    last = change_of(plan, last.slot, middle, last.years_earlier);
    const PlanEvaluation at = evaluate(changes);
    if (reaches(at, confidence)) {
      high = middle;
      at_high = at;
    } else {
      low = middle;
    }
  }
  return high;
}

/// The fewest years earlier in [1, `room`] that reach the objective with
/// `changes`' last element at its ceiling, knowing `room` does (`at_room`);
/// `at` becomes the evaluation there.
int fewest_years(Evaluator& evaluate, std::vector<ActionChange> changes, int room,
                 PlanEvaluation at_room, PlanEvaluation& at, double confidence, const Plan& plan) {
  ActionChange& last = changes.back();
  int low = 0, high = room;
  at = at_room;
  while (high - low > 1) {
    const int middle = (low + high) / 2;
    last = change_of(plan, last.slot, last.ceiling_scale, middle);
    const PlanEvaluation tried = evaluate(changes);
    if (reaches(tried, confidence)) {
      high = middle;
      at = tried;
    } else {
      low = middle;
    }
  }
  return high;
}

SingleChange single_change(Evaluator& evaluate, const Plan& plan, std::size_t slot,
                           double confidence, double tolerance, double planned_cost) {
  const Scenario& scenario = *plan.scenario;
  const double full = full_scale(plan.actions[slot], scenario.parameters);
  SingleChange single;
  std::vector<ActionChange> changes{change_of(plan, slot, full, 0)};
  if (full <= 1.0 && most_years_earlier(plan.actions[slot], scenario) == 0) {
    // Already at full adoption in every member, from the earliest start allowed.
    single.changeable = false;
    single.change = changes.front();
    return single;
  }
  single.at = evaluate(changes);
  if (reaches(single.at, confidence)) {
    const double scale =
        smallest_scale(evaluate, changes, 1.0, full, single.at, confidence, tolerance, plan);
    single.reaches = true;
    single.change = change_of(plan, slot, scale, 0);
  } else {
    // At full adoption: the fewest years earlier that reach it, if any.
    single.change = changes.front();
    const int room = most_years_earlier(plan.actions[slot], scenario);
    if (room > 0) {
      changes.front() = change_of(plan, slot, full, room);
      const PlanEvaluation earliest = evaluate(changes);
      if (!reaches(earliest, confidence)) {
        // The most it can do: full adoption, started as early as allowed.
        single.at = earliest;
        single.change = changes.front();
      } else {
        const int years =
            fewest_years(evaluate, changes, room, earliest, single.at, confidence, plan);
        single.reaches = true;
        single.change = change_of(plan, slot, full, years);
      }
    }
  }
  single.extra_cost = single.at.cost - planned_cost;
  return single;
}

/// Greedy: from the plan as planned, each step takes the one move (an
/// action to full adoption, or an action at full adoption started as early
/// as allowed) that cuts the shortfall most per extra M€, until the
/// objective is reached or no move helps; the last move's ceiling is then
/// lowered to what is needed.
CombinedChange greedy_combination(Evaluator& evaluate, const Plan& plan, double confidence,
                                  double tolerance, const PlanEvaluation& as_planned) {
  const Scenario& scenario = *plan.scenario;
  CombinedChange combined;
  combined.at = as_planned;
  std::vector<ActionChange> chosen;
  std::vector<int> stage(plan.actions.size(), 0);  // 0 planned, 1 full, 2 full and earlier
  while (!reaches(combined.at, confidence)) {
    double best_gain = 0.0;
    std::vector<ActionChange> best_changes;
    PlanEvaluation best_at;
    for (std::size_t slot = 0; slot < plan.actions.size(); ++slot) {
      const double full = full_scale(plan.actions[slot], scenario.parameters);
      const int room = most_years_earlier(plan.actions[slot], scenario);
      ActionChange move;
      if (stage[slot] == 0 && full > 1.0) {
        move = change_of(plan, slot, full, 0);
      } else if (stage[slot] <= 1 && room > 0) {
        move = change_of(plan, slot, full, room);
      } else {
        continue;
      }
      std::vector<ActionChange> changes = chosen;
      const auto present = std::find_if(changes.begin(), changes.end(),
                                        [&](const ActionChange& c) { return c.slot == slot; });
      if (present != changes.end()) changes.erase(present);
      changes.push_back(move);
      const PlanEvaluation at = evaluate(changes);
      const double cut = combined.at.shortfall - at.shortfall;
      if (!(cut > 0.0)) continue;
      const double extra = at.cost - combined.at.cost;
      // A move that costs nothing more (or saves) gains without limit.
      const double gain = extra > 0.0 ? cut / extra : std::numeric_limits<double>::infinity();
      if (gain > best_gain || (gain == best_gain && at.shortfall < best_at.shortfall)) {
        best_gain = gain;
        best_changes = std::move(changes);
        best_at = at;
      }
    }
    if (best_changes.empty()) break;  // no move cuts the shortfall any more
    chosen = std::move(best_changes);
    stage[chosen.back().slot] = chosen.back().years_earlier > 0 ? 2 : 1;
    combined.at = best_at;
  }
  combined.reaches = reaches(combined.at, confidence);
  if (combined.reaches && !chosen.empty()) {
    // The last move only as far as needed: fewer years earlier, or a lower ceiling.
    const ActionChange last = chosen.back();
    if (last.years_earlier > 0) {
      const int years = fewest_years(evaluate, chosen, last.years_earlier, combined.at, combined.at,
                                     confidence, plan);
      chosen.back() = change_of(plan, last.slot, last.ceiling_scale, years);
    } else {
      const double scale = smallest_scale(evaluate, chosen, 1.0, last.ceiling_scale, combined.at,
                                          confidence, tolerance, plan);
      chosen.back() = change_of(plan, last.slot, scale, 0);
    }
  }
  combined.changes = std::move(chosen);
  combined.extra_cost = combined.at.cost - as_planned.cost;
  return combined;
}

/// The objective's threshold in its indicator's unit, from the plan's own
/// median in a reference year when the objective is relative.
double target_of(const Plan& plan, const Objective& objective, const EnsembleOptions& options) {
  if (!objective.relative_to || objective.reference_value) return target_in_unit(objective, 0.0);
  const auto row = static_cast<std::size_t>(plan.catalogue.find(objective.indicator));
  return commitment(plan, row, *objective.relative_to, 0.5, options).value * objective.threshold;
}

}  // namespace

WhatItTakes what_it_takes(const Plan& plan, std::size_t objective, double confidence,
                          const EnsembleOptions& options, double tolerance,
                          const std::function<void(std::size_t, std::size_t)>& progress) {
  const Objective& goal = plan.scenario->objectives[objective];
  WhatItTakes result;
  result.confidence = confidence;
  result.at_most = goal.comparison == Comparison::AtMost;
  result.target = target_of(plan, goal, options);
  Evaluator evaluate(plan, objective, confidence, options, result.target, result.at_most);
  // Planned: per action ~log2(scale range / tolerance) + log2(years) + 2, the
  // greedy's steps, the uniform scale's bisection.
  const std::size_t per_action =
      4 + static_cast<std::size_t>(std::ceil(std::log2(1.0 / tolerance)));
  const std::size_t planned = 1 + plan.actions.size() * (2 * per_action) + per_action;
  const auto report = [&] {
    if (progress)
      progress(static_cast<std::size_t>(evaluate.evaluations()),
               std::max(planned, static_cast<std::size_t>(evaluate.evaluations())));
  };
  result.as_planned = evaluate({}, 1.0, &result.values);
  report();
  if (!reaches(result.as_planned, confidence)) {
    for (std::size_t slot = 0; slot < plan.actions.size(); ++slot) {
      result.single.push_back(
          single_change(evaluate, plan, slot, confidence, tolerance, result.as_planned.cost));
      report();
    }
    std::stable_sort(result.single.begin(), result.single.end(),
                     [](const SingleChange& a, const SingleChange& b) {
                       if (a.changeable != b.changeable) return a.changeable;
                       if (a.reaches != b.reaches) return a.reaches;
                       if (a.reaches) return a.extra_cost < b.extra_cost;
                       return a.at.shortfall < b.at.shortfall;
                     });
    result.combined = greedy_combination(evaluate, plan, confidence, tolerance, result.as_planned);
  } else {
    result.combined = {true, {}, result.as_planned, 0.0};
  }
  report();
  // Every ceiling alike: the search `traj target` has always made, and its cost.
  const std::size_t before = static_cast<std::size_t>(evaluate.evaluations());
  result.uniform.search = required_scale(
      plan, objective, confidence, options, tolerance, [&](std::size_t done, std::size_t) {
        if (progress) progress(before + done, std::max(planned, before + done + 1));
      });
  result.uniform.at = evaluate({}, result.uniform.search.scale);
  result.uniform.extra_cost = result.uniform.at.cost - result.as_planned.cost;
  result.evaluations = evaluate.evaluations() + result.uniform.search.evaluations;
  if (progress)
    progress(static_cast<std::size_t>(result.evaluations),
             static_cast<std::size_t>(result.evaluations));
  return result;
}

}  // namespace traj::territory
