#include "traj/territory/tracking.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>
#include <span>

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "tracking_smc.hpp"
#include "traj/importance_weights.hpp"
#include "traj/random_stream.hpp"
#include "traj/sampler.hpp"
#include "traj/tempered_smc.hpp"
#include "traj/territory/comparison.hpp"
#include "traj/territory/targets.hpp"

namespace traj::territory {
namespace {

/// The plan's and the parameters' bands: 5 %, median, 95 %.
constexpr double BAND_LEVELS[] = {0.05, 0.5, 0.95};

std::string shown(double value, const IndicatorInfo& info) {
  char buffer[64];
  if (info.dimension == Dimension::Fraction) {
    std::snprintf(buffer, sizeof buffer, "%.4g %%", 100 * value);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.6g %s", value,
                  std::string(canonical_symbol(info.dimension)).c_str());
  }
  return buffer;
}

std::string where_text(const SourceLocation& where) {
  return where.file + ":" + std::to_string(where.line);
}

/// Reports an observation no member comes near, naming it, its value and
/// the members' range.
void check_compatible(const Observation& observation, const std::vector<double>& values,
                      const IndicatorInfo& info, Diagnostics& diagnostics) {
  double closest = std::numeric_limits<double>::infinity();
  for (const double value : values)
    closest = std::min(closest, std::abs(standardised_gap(observation, value)));
  if (closest <= INCOMPATIBLE_SD) return;
  const auto [low, high] = std::minmax_element(values.begin(), values.end());
  char sd[64];
  std::snprintf(sd, sizeof sd, "%.3g", closest);
  diagnostics.add(observation.where, observation.indicator,
                  "the observed " + observation.indicator + " in " +
                      std::to_string(observation.year) + ", " + shown(observation.value, info) +
                      ", is incompatible with the scenario: no member comes within " +
                      std::to_string(static_cast<int>(INCOMPATIBLE_SD)) +
                      " standard deviations of it (closest: " + sd + "); the members range from " +
                      shown(*low, info) + " to " + shown(*high, info) +
                      ". The data or the scenario is wrong");
}

ObservationCheck check_against_plan(const Observation& observation,
                                    const std::vector<double>& values, const Plan& plan) {
  ObservationCheck check;
  const std::vector<double> equal(values.size(), 1.0);
  const auto band = weighted_quantiles(values, {equal}, BAND_LEVELS)[0];
  check.plan_low = band[0];
  check.plan_median = band[1];
  check.plan_high = band[2];
  check.gap = observation.value - check.plan_median;
  const auto [low, high] = std::minmax_element(values.begin(), values.end());
  check.member_min = *low;
  check.member_max = *high;
  std::uint64_t below = 0, ties = 0;
  for (const double value : values) {
    below += value < observation.value ? 1 : 0;
    ties += value == observation.value ? 1 : 0;
  }
  check.percentile = (static_cast<double>(below) + 0.5 * static_cast<double>(ties)) /
                     static_cast<double>(values.size());
  check.higher_is_better = higher_is_better(plan.catalogue, observation.row);
  const double better_side = check.higher_is_better ? check.percentile : 1.0 - check.percentile;
  check.verdict = better_side > ON_TRACK_HIGH  ? Verdict::Ahead
                  : better_side < ON_TRACK_LOW ? Verdict::Behind
                                               : Verdict::OnTrack;
  return check;
}

/// Every uncertain parameter before and after the observations, most moved
/// first. Its draws are re-drawn from the seed (the run's: they depend only
/// on seed, name and member), one parameter at a time on the run's threads:
/// a buffer of N values per thread rather than N per parameter, and each
/// parameter's result depends on its draws only.
std::vector<ParameterShift> parameter_shifts(const Plan& plan, const EnsembleOptions& options,
                                             std::uint64_t members,
                                             const std::vector<double>& weights,
                                             const TemperedSmcResult* smc) {
  const ParameterSet& parameters = plan.scenario->parameters;
  std::vector<std::size_t> uncertain;
  for (std::size_t p = 0; p < parameters.size(); ++p) {
    if (!parameters[p].distribution.is_fixed()) uncertain.push_back(p);  // else nothing to learn
  }
  const std::vector<double> equal(members, 1.0);
  std::vector<std::optional<ParameterShift>> found(uncertain.size());
  struct Buffers {
    std::vector<double> draws, group;  ///< group: a correlated parameter's group
  };
  tbb::enumerable_thread_specific<Buffers> buffers([members] {
    return Buffers{std::vector<double>(members), {}};
  });
  const ParameterSampler sampler(parameters, options.seed);
  tbb::task_arena arena(options.threads > 0 ? options.threads
                                            : tbb::this_task_arena::max_concurrency());
  arena.execute([&] {
    tbb::parallel_for(std::size_t{0}, uncertain.size(), [&](std::size_t i) {
      const std::size_t p = uncertain[i];
      Buffers& buffer = buffers.local();
      std::vector<double>& draws = buffer.draws;
      // The ensemble's own draws (correlated ones through their copula).
      sampler.fill_parameter(p, 0, members, draws.data(), buffer.group);
      auto bands = weighted_quantiles(draws, {equal, weights}, BAND_LEVELS);
      if (smc != nullptr) bands[1] = population_band(*smc, p, parameters.size());
      ParameterShift shift;
      shift.name = parameters[p].name;
      shift.prior_low = bands[0][0];
      shift.prior_median = bands[0][1];
      shift.prior_high = bands[0][2];
      if (!(shift.prior_high > shift.prior_low)) return;  // too narrow to measure a move
      shift.posterior_low = bands[1][0];
      shift.posterior_median = bands[1][1];
      shift.posterior_high = bands[1][2];
      shift.shift = std::abs(shift.posterior_median - shift.prior_median) /
                    (shift.prior_high - shift.prior_low);
      found[i] = shift;
    });
  });
  std::vector<ParameterShift> shifts;
  for (auto& shift : found) {
    if (shift) shifts.push_back(std::move(*shift));
  }
  std::stable_sort(
      shifts.begin(), shifts.end(),
      [](const ParameterShift& a, const ParameterShift& b) { return a.shift > b.shift; });
  return shifts;
}

/// Each series row's quantiles every year, before (equal weights) and
/// after: weighted by `weights`, or those of an SMC population whose
/// outputs hold the series from column `smc_first` on (`smc` not null).
/// Importance weights' bands are computed on `threads` threads (0: all),
/// each row and year on its own: the same whatever their number.
std::vector<TrackedSeries> fan_series_of(const Plan& plan, const std::vector<std::size_t>& rows,
                                         std::span<const std::vector<double>> values,
                                         const std::vector<double>& weights,
                                         const TemperedSmcResult* smc, std::size_t smc_first,
                                         int threads) {
  std::vector<TrackedSeries> series;
  const auto years = static_cast<std::size_t>(plan.year_count());
  const std::vector<double> equal(values.empty() ? 0 : values[0].size(), 1.0);
  const std::size_t particles = smc == nullptr ? 0 : smc->log_likelihoods.size();
  const std::size_t stride = particles == 0 ? 0 : smc->outputs.size() / particles;
  const std::vector<double> equal_particles(particles, 1.0);
  std::vector<double> column(particles);
  std::vector<std::vector<std::vector<double>>> weighted_bands;
  if (smc == nullptr) {
    weighted_bands.resize(rows.size() * years);
    tbb::task_arena arena(threads > 0 ? threads : tbb::this_task_arena::max_concurrency());
    arena.execute([&] {
      tbb::parallel_for(std::size_t{0}, weighted_bands.size(), [&](std::size_t i) {
        weighted_bands[i] = weighted_quantiles(values[i], {equal, weights}, SERIES_LEVELS);
      });
    });
  }
  for (std::size_t r = 0; r < rows.size(); ++r) {
    TrackedSeries one;
    one.row = rows[r];
    for (std::size_t y = 0; y < years; ++y) {
      one.years.push_back(plan.scenario->base_year + static_cast<int>(y));
      std::vector<std::vector<double>> bands;
      if (smc == nullptr) {
        bands = std::move(weighted_bands[r * years + y]);
      } else {
        bands = weighted_quantiles(values[r * years + y], {equal}, SERIES_LEVELS);
        for (std::size_t i = 0; i < particles; ++i)
          column[i] = smc->outputs[i * stride + smc_first + r * years + y];
        bands.push_back(weighted_quantiles(column, {equal_particles}, SERIES_LEVELS)[0]);
      }
      one.before.insert(one.before.end(), bands[0].begin(), bands[0].end());
      one.after.insert(one.after.end(), bands[1].begin(), bands[1].end());
    }
    series.push_back(std::move(one));
  }
  return series;
}

std::vector<TrackedSeries> fan_series(const Plan& plan, const std::vector<std::size_t>& rows,
                                      std::span<const std::vector<double>> values,
                                      const std::vector<double>& weights, int threads) {
  return fan_series_of(plan, rows, values, weights, nullptr, 0, threads);
}

std::vector<TrackedSeries> fan_series(const Plan& plan, const std::vector<std::size_t>& rows,
                                      std::span<const std::vector<double>> values,
                                      const TemperedSmcResult& smc, std::size_t smc_first) {
  return fan_series_of(plan, rows, values, {}, &smc, smc_first, 1);
}

}  // namespace

double effective_size_threshold(std::uint64_t members) {
  return std::min(static_cast<double>(members),
                  std::max(1000.0, 0.01 * static_cast<double>(members)));
}

const char* verdict_name(Verdict verdict) {
  switch (verdict) {
    case Verdict::Ahead:
      return "ahead";
    case Verdict::Behind:
      return "behind";
    case Verdict::OnTrack:
      break;
  }
  return "on track";
}

Tracking track_plan(const Plan& plan, const ObservationSet& observations,
                    const EnsembleOptions& options, const TrackingOptions& tracking_options) {
  std::vector<ComparedQuantity> quantities;
  for (const Observation& observation : observations.observations) {
    quantities.push_back({observation.row, observation.year,
                          observation.indicator + " " + std::to_string(observation.year),
                          higher_is_better(plan.catalogue, observation.row)});
  }
  // The fan charts' values: every year of each series row, after the observations'.
  const std::size_t series_first = quantities.size();
  for (const std::size_t row : tracking_options.series_rows) {
    for (int year = plan.scenario->base_year; year <= plan.scenario->horizon; ++year) {
      quantities.push_back({row, year, "", higher_is_better(plan.catalogue, row)});
    }
  }
  MemberOutcomes outcomes;
  const EnsembleResult result = run_recording(plan, quantities, options, &outcomes);
  Tracking tracking;
  tracking.members = result.members;
  tracking.seed = options.seed;
  const auto members = static_cast<std::size_t>(result.members);
  tracking.cancelled = result.cancelled;
  tracking.invalid_members = result.invalid_members;
  tracking.invalid_examples = result.invalid_examples;
  if (result.cancelled || result.invalid_members > 0) return tracking;

  Diagnostics incompatible;
  for (std::size_t o = 0; o < observations.observations.size(); ++o) {
    const Observation& observation = observations.observations[o];
    check_compatible(observation, outcomes.values[o], plan.catalogue[observation.row],
                     incompatible);
  }
  incompatible.throw_if_any();
  std::vector<double> log_likelihoods(members, 0.0);
  for (std::size_t o = 0; o < observations.observations.size(); ++o) {
    const Observation& observation = observations.observations[o];
    const std::vector<double>& values = outcomes.values[o];
    tracking.checks.push_back(check_against_plan(observation, values, plan));
    for (std::size_t m = 0; m < members; ++m) {
      const double gap = standardised_gap(observation, values[m]);
      log_likelihoods[m] =
          std::isfinite(gap) ? log_likelihoods[m] - 0.5 * gap * gap : NEGATIVE_INFINITY;
    }
  }
  // Each observation has members near it; all of them at once may have none.
  const double best = *std::max_element(log_likelihoods.begin(), log_likelihoods.end());
  const double joint_limit = -0.5 * INCOMPATIBLE_SD * INCOMPATIBLE_SD *
                             static_cast<double>(observations.observations.size());
  if (!(best >= joint_limit)) {
    throw InputError(observations.path +
                     ": the observations are incompatible together with the scenario: each has "
                     "members near it, but no member comes within " +
                     std::to_string(static_cast<int>(INCOMPATIBLE_SD)) +
                     " standard deviations of all of them at once (on average); the data or the "
                     "scenario is wrong (first observation at " +
                     where_text(observations.observations.front().where) + ")");
  }
  ImportanceWeights weights = importance_weights(log_likelihoods);
  tracking.effective_size = weights.effective_size;
  const WeightTotals totals = weight_totals(weights.weights);  // once for every objective
  for (std::size_t o = 0; o < result.objectives.size(); ++o) {
    ObjectiveUpdate update;
    update.id = result.objectives[o].id;
    update.before = result.objectives[o].estimate;
    update.after = weighted_proportion(weights.weights, outcomes.successes[o], totals);
    tracking.objectives.push_back(update);
  }
  tracking.joint_before = result.joint;
  if (!result.objectives.empty()) {
    std::vector<std::uint8_t> all(members, 1);
    for (const auto& successes : outcomes.successes) {
      for (std::size_t m = 0; m < members; ++m) all[m] = all[m] & successes[m];
    }
    tracking.joint_after = weighted_proportion(weights.weights, all, totals);
  }
  tracking.importance_effective_size = weights.effective_size;
  const bool smc = tracking_options.method == TrackingMethod::SequentialMonteCarlo ||
                   (tracking_options.method == TrackingMethod::Auto &&
                    weights.effective_size < effective_size_threshold(result.members));
  if (!smc) {
    tracking.parameters = parameter_shifts(plan, options, result.members, weights.weights, nullptr);
    tracking.series = fan_series(plan, tracking_options.series_rows,
                                 std::span(outcomes.values).subspan(series_first), weights.weights,
                                 options.threads);
    tracking.weights = std::move(weights.weights);
    return tracking;
  }
  const TemperedSmcResult population =
      condition_by_smc(plan, observations, options, tracking_options, tracking);
  if (tracking.cancelled) return tracking;
  tracking.parameters =
      parameter_shifts(plan, options, result.members, weights.weights, &population);
  tracking.series = fan_series(plan, tracking_options.series_rows,
                               std::span(outcomes.values).subspan(series_first), population,
                               observations.observations.size() + result.objectives.size());
  return tracking;
}

}  // namespace traj::territory
