#include "traj/territory/what_changed.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace traj::territory {
namespace {

/// The run's quantities that the reference also has, and their rows in the
/// reference's catalogue.
struct MatchedQuantities {
  std::vector<ComparedQuantity> run, reference;
};

MatchedQuantities matched_quantities(const Plan& run, const Plan& reference) {
  MatchedQuantities matched;
  const Scenario& scenario = *reference.scenario;
  for (const auto& quantity : compared_quantities(run)) {
    const int row = reference.catalogue.find(run.catalogue[quantity.row].id);
    if (row < 0 || quantity.year < scenario.base_year || quantity.year > scenario.horizon) continue;
    ComparedQuantity in_reference = quantity;
    in_reference.row = static_cast<std::size_t>(row);
    matched.run.push_back(quantity);
    matched.reference.push_back(in_reference);
  }
  // By year, then in the catalogue's order (final energy, renewable share,
  // GHG, pollutants, …, costs): the order the output lists them in.
  std::vector<std::size_t> order(matched.run.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    const auto& a = matched.run[x];
    const auto& b = matched.run[y];
    return a.year != b.year ? a.year < b.year : a.row < b.row;
  });
  MatchedQuantities sorted;
  for (const std::size_t i : order) {
    sorted.run.push_back(matched.run[i]);
    sorted.reference.push_back(matched.reference[i]);
  }
  return sorted;
}

/// The index of the reference's objective with `id`, or NONE.
int matching_objective(const Scenario& reference, const std::string& id) {
  const auto& objectives = reference.objectives;
  for (std::size_t o = 0; o < objectives.size(); ++o) {
    if (objectives[o].id == id) return static_cast<int>(o);
  }
  return NONE;
}

/// Fills `changed` from the run's outcomes and the recorded reference's:
/// the objectives both have, and every matched quantity's member-wise
/// differences.
void compare_recorded(const Plan& run, const Plan& reference,
                      const std::vector<ComparedQuantity>& run_quantities,
                      const MemberOutcomes& run_outcomes, const RecordedReference& recorded,
                      WhatChanged& changed) {
  changed.reference = recorded.result;
  changed.members = changed.run.members;
  if (changed.reference.cancelled) return;
  const MemberOutcomes& reference_outcomes = recorded.outcomes;
  const auto& run_objectives = run.scenario->objectives;
  for (std::size_t o = 0; o < run_objectives.size(); ++o) {
    const int match = matching_objective(*reference.scenario, run_objectives[o].id);
    if (match == NONE) continue;
    const auto r = static_cast<std::size_t>(match);
    ObjectiveChange change;
    change.id = run_objectives[o].id;
    change.run = changed.run.objectives[o].estimate;
    change.reference = changed.reference.objectives[r].estimate;
    change.difference =
        paired_difference(run_outcomes.successes[o], reference_outcomes.successes[r]);
    change.difference.objective = o;
    changed.objectives.push_back(change);
  }

  std::vector<double> differences;
  for (std::size_t q = 0; q < run_quantities.size(); ++q) {
    const auto& values = run_outcomes.values[q];
    const auto& reference_values = reference_outcomes.values[q];
    differences.resize(values.size());
    for (std::size_t m = 0; m < values.size(); ++m)
      differences[m] = values[m] - reference_values[m];
    QuantityChange change;
    change.quantity = run_quantities[q];
    change.median = difference_percentile(differences, 0.5);
    change.low = difference_percentile(differences, 0.05);
    change.high = difference_percentile(differences, 0.95);
    changed.quantities.push_back(change);
  }
}

}  // namespace

double difference_percentile(std::vector<double>& values, double q) {
  if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
  const double n = static_cast<double>(values.size());
  // Rank ceil(q n), 1-based: at least q n values at or below it.
  const double rank = std::clamp(std::ceil(q * n), 1.0, n);
  const auto position = values.begin() + static_cast<std::ptrdiff_t>(rank - 1.0);
  std::nth_element(values.begin(), position, values.end());
  return *position;
}

std::vector<ComparedQuantity> reference_quantities(const Plan& run, const Plan& reference) {
  return matched_quantities(run, reference).reference;
}

RecordedReference record_reference(const Plan& run, const Plan& reference,
                                   const EnsembleOptions& options) {
  if (options.precision > 0.0)
    throw std::logic_error("record_reference: the two runs need a fixed member count");
  RecordedReference recorded;
  recorded.quantities = reference_quantities(run, reference);
  recorded.result = run_recording(reference, recorded.quantities, options, &recorded.outcomes);
  return recorded;
}

WhatChanged what_changed(const Plan& run, const Plan& reference, const EnsembleOptions& options) {
  if (options.precision > 0.0)
    throw std::logic_error("what_changed: the two runs need a fixed member count");
  const MatchedQuantities quantities = matched_quantities(run, reference);
  WhatChanged changed;
  MemberOutcomes run_outcomes;
  changed.run = run_recording(run, quantities.run, options, &run_outcomes);
  if (changed.run.cancelled) return changed;
  compare_recorded(run, reference, quantities.run, run_outcomes,
                   record_reference(run, reference, options), changed);
  return changed;
}

WhatChanged what_changed(const Plan& run, const Plan& reference, const RecordedReference& recorded,
                         const EnsembleOptions& options) {
  if (options.precision > 0.0)
    throw std::logic_error("what_changed: the two runs need a fixed member count");
  const MatchedQuantities quantities = matched_quantities(run, reference);
  if (quantities.reference != recorded.quantities)
    throw std::logic_error("what_changed: the reference was recorded for other quantities");
  WhatChanged changed;
  MemberOutcomes run_outcomes;
  changed.run = run_recording(run, quantities.run, options, &run_outcomes);
  if (changed.run.cancelled) return changed;
  if (recorded.result.members != changed.run.members || recorded.result.seed != changed.run.seed)
    throw std::logic_error("what_changed: the reference was recorded on other members");
  compare_recorded(run, reference, quantities.run, run_outcomes, recorded, changed);
  return changed;
}

CentralChange what_changed_at_medians(const Plan& run, const Trajectory& run_trajectory,
                                      const Plan& reference,
                                      const Trajectory& reference_trajectory) {
  CentralChange changed;
  const auto run_results = evaluate_objectives(run, run_trajectory);
  const auto reference_results = evaluate_objectives(reference, reference_trajectory);
  for (const auto& result : run_results) {
    const int match = matching_objective(*reference.scenario, result.objective->id);
    if (match == NONE) continue;
    changed.objectives.push_back({result, reference_results[static_cast<std::size_t>(match)]});
  }
  const MatchedQuantities quantities = matched_quantities(run, reference);
  for (std::size_t q = 0; q < quantities.run.size(); ++q) {
    const auto& quantity = quantities.run[q];
    changed.quantities.push_back(
        {quantity, run_trajectory.at(static_cast<int>(quantity.row), quantity.year),
         reference_trajectory.at(static_cast<int>(quantities.reference[q].row), quantity.year)});
  }
  return changed;
}

}  // namespace traj::territory
