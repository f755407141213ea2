#include "comparison_runs.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <type_traits>

#include "traj/cluster.hpp"
#include "traj/territory/territorial_model.hpp"

namespace traj::territory {
namespace {

/// A member's value as it is kept: a double as it is, a float only when that
/// loses nothing (the kernel's values are floats; anything else would change
/// the comparison's numbers, so it is a programming error, not a rounding).
template <typename Value>
Value kept(double value) {
  if constexpr (std::is_same_v<Value, double>) {
    return value;
  } else {
    const auto narrow = static_cast<float>(value);
    if (static_cast<double>(narrow) != value && !std::isnan(value))
      throw std::logic_error("compare keeps the members' values as floats: found one that is not");
    return narrow;
  }
}

/// run_recording, keeping the values as `Value`, with room for
/// `reserved` members from the start.
template <typename Value>
EnsembleResult record_members(const Plan& plan, const std::vector<ComparedQuantity>& quantities,
                              const EnsembleOptions& base, std::uint64_t reserved,
                              std::vector<std::vector<std::uint8_t>>* successes,
                              std::vector<std::vector<Value>>* values) {
  const TerritorialModel model(plan);
  EnsembleOptions options = base;
  options.quantile_rows = model.headline_rows();
  const auto objectives = model.objective_specs();
  if (successes == nullptr) return run_ensemble(model, objectives, options);
  successes->assign(objectives.size(), {});
  values->assign(quantities.size(), {});
  // No reallocation on the way (and no vector of twice the size) unless
  // more members than `reserved` come.
  for (auto& kept_successes : *successes) kept_successes.reserve(reserved);
  for (auto& kept_values : *values) kept_values.reserve(reserved);
  std::vector<std::size_t> rows;
  for (const auto& quantity : quantities) {
    if (std::find(rows.begin(), rows.end(), quantity.row) == rows.end())
      rows.push_back(quantity.row);
  }
  options.recorded_rows = rows;
  options.record_parameters = false;
  // Only the years compared (a few of the horizon's): the members' other
  // years are neither copied nor kept.
  const int base_year = plan.scenario->base_year;
  std::vector<std::size_t> years;
  for (const auto& quantity : quantities)
    years.push_back(static_cast<std::size_t>(quantity.year - base_year));
  std::sort(years.begin(), years.end());
  years.erase(std::unique(years.begin(), years.end()), years.end());
  options.recorded_years = years;
  // Where each quantity sits among the recorded rows and years.
  std::vector<std::size_t> row_of, year_of;
  for (const auto& quantity : quantities) {
    row_of.push_back(
        static_cast<std::size_t>(std::find(rows.begin(), rows.end(), quantity.row) - rows.begin()));
    year_of.push_back(static_cast<std::size_t>(
        std::lower_bound(years.begin(), years.end(),
                         static_cast<std::size_t>(quantity.year - base_year)) -
        years.begin()));
  }
  const std::size_t objective_count = objectives.size();
  options.on_members = [successes, values, row_of, year_of,
                        objective_count](const MemberRecords& records) {
    for (std::size_t o = 0; o < objective_count; ++o) {
      for (std::size_t m = 0; m < records.count; ++m)
        (*successes)[o].push_back(records.successes[m * objective_count + o]);
    }
    for (std::size_t q = 0; q < row_of.size(); ++q) {
      const double* row = records.trajectories + row_of[q] * records.capacity * records.years;
      for (std::size_t m = 0; m < records.count; ++m)
        (*values)[q].push_back(kept<Value>(row[m * records.years + year_of[q]]));
    }
  };
  return run_ensemble(model, objectives, options);
}

/// The portfolio without the action in `slot`, on the same members. Only
/// its means and probabilities are read: no quantiles are sketched.
detail::WithoutAction run_without(const Plan& plan, std::size_t slot,
                                  const std::vector<ComparedQuantity>& quantities,
                                  const EnsembleOptions& options) {
  Plan without = plan;
  without.actions[slot].adoption.ceiling = Quantity::fixed(0.0);
  const TerritorialModel model(without);
  EnsembleOptions plain = options;
  plain.quantile_rows.clear();
  const EnsembleResult result = run_ensemble(model, model.objective_specs(), plain);
  detail::WithoutAction kept;
  for (const auto& objective : result.objectives)
    kept.probability.push_back(objective.estimate.probability);
  const int base_year = plan.scenario->base_year;
  for (const auto& quantity : quantities)
    kept.mean.push_back(
        result.mean_at(quantity.row, static_cast<std::size_t>(quantity.year - base_year)));
  return kept;
}

}  // namespace

EnsembleResult run_recording(const Plan& plan, const std::vector<ComparedQuantity>& quantities,
                             const EnsembleOptions& options, MemberOutcomes* outcomes) {
  return outcomes == nullptr
             ? record_members<double>(plan, quantities, options, 0, nullptr, nullptr)
             : record_members(plan, quantities, options, options.members, &outcomes->successes,
                              &outcomes->values);
}

namespace detail {

ComparisonRuns run_comparison(tbb::task_arena& arena, const std::vector<Plan>& plans,
                              const std::vector<ComparedQuantity>& quantities,
                              const EnsembleOptions& options, bool contributions,
                              const std::function<void()>& finished) {
  struct Task {
    std::size_t plan = 0;
    std::size_t slot = 0;
    bool recorded = true;  ///< the plan itself, else the plan without its action `slot`
  };
  ComparisonRuns runs;
  runs.results.resize(plans.size());
  runs.outcomes.resize(plans.size());
  std::vector<Task> tasks;
  for (std::size_t i = 0; i < plans.size(); ++i) tasks.push_back({i, 0, true});
  if (contributions) {
    runs.without.resize(plans.size());
    for (std::size_t i = 1; i < plans.size(); ++i) {
      runs.without[i].resize(plans[i].actions.size());
      for (std::size_t slot = 0; slot < plans[i].actions.size(); ++slot)
        tasks.push_back({i, slot, false});
    }
  }
  // One set of draws for every ensemble (they share the scenario's
  // parameters); progress is reported per ensemble, by `finished`, as
  // several ensembles run at once.
  EnsembleOptions shared = options;
  if (!shared.draws && !plans.empty()) {
    shared.draws =
        std::make_shared<const ParameterSampler>(plans.front().scenario->parameters, shared.seed);
  }
  shared.progress = {};
  shared.in_callers_arena = true;
  // Every member a run may hold (a precision target adds members up to its
  // cap), so that memory stays what comparison_bytes_per_member says.
  const std::uint64_t most =
      options.precision > 0.0 ? std::max(options.members, options.max_members) : options.members;
  std::mutex finishing;
  std::atomic<bool> stopped = false;  // `finished` threw: start nothing, report nothing more
  const auto run_task = [&](const Task& task) {
    if (task.recorded) {
      CompactOutcomes& kept = runs.outcomes[task.plan];
      runs.results[task.plan] =
          record_members(plans[task.plan], quantities, shared, most, &kept.successes, &kept.values);
    } else {
      runs.without[task.plan][task.slot] =
          run_without(plans[task.plan], task.slot, quantities, shared);
    }
    const std::lock_guard lock(finishing);
    if (stopped || !finished) return;
    try {
      finished();
    } catch (...) {
      stopped = true;
      throw;
    }
  };
  // Over MPI ranks every ensemble exchanges counts and sums with the other
  // ranks, in the same order on each: one ensemble at a time, each on its
  // own threads, in the order of the tasks.
  if (options.cluster != nullptr && options.cluster->size() > 1) {
    shared.in_callers_arena = false;
    for (const Task& task : tasks) run_task(task);
    return runs;
  }
  arena.execute([&] {
    tbb::parallel_for(
        tbb::blocked_range<std::size_t>(0, tasks.size(), 1),
        [&](const tbb::blocked_range<std::size_t>& range) {
          for (std::size_t k = range.begin(); k != range.end() && !stopped; ++k) {
            // Isolated: while this thread waits for its ensemble's blocks it
            // takes no other ensemble, and the threads done with theirs
            // help with its blocks.
            tbb::this_task_arena::isolate([&] { run_task(tasks[k]); });
          }
        },
        tbb::simple_partitioner());
  });
  return runs;
}

}  // namespace detail
}  // namespace traj::territory
