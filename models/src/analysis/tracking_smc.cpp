#include <algorithm>
#include <cstdint>

#include "tracking_smc.hpp"
#include "traj/importance_weights.hpp"
#include "traj/territory/territorial_model.hpp"

namespace traj::territory {
namespace {

constexpr double BAND_LEVELS[] = {0.05, 0.5, 0.95};

/// The proportion of an SMC population meeting `met(particle)`, with a
/// Wilson interval at the last reweighting's effective size: the final
/// particles descend from that many effective ones.
template <typename Met>
ProportionEstimate population_proportion(std::size_t particles, double effective_size, Met met) {
  std::uint64_t successes = 0;
  for (std::size_t i = 0; i < particles; ++i) successes += met(i) ? 1 : 0;
  return wilson_at(static_cast<double>(successes) / static_cast<double>(particles),
                   std::min(effective_size, static_cast<double>(particles)));
}

}  // namespace

std::vector<double> population_band(const TemperedSmcResult& smc, std::size_t column,
                                    std::size_t stride) {
  const std::size_t particles = smc.parameters.size() / stride;
  std::vector<double> values(particles);
  for (std::size_t i = 0; i < particles; ++i) values[i] = smc.parameters[i * stride + column];
  const std::vector<double> equal(particles, 1.0);
  return weighted_quantiles(values, {equal}, BAND_LEVELS)[0];
}

TemperedSmcResult condition_by_smc(const Plan& plan, const ObservationSet& observations,
                                   const EnsembleOptions& options,
                                   const TrackingOptions& tracking_options, Tracking& tracking) {
  const TerritorialModel model(plan);
  std::vector<SensitivityOutput> outputs;
  const int base_year = plan.scenario->base_year;
  for (const Observation& observation : observations.observations) {
    SensitivityOutput output;
    output.row = observation.row;
    output.year_index = static_cast<std::size_t>(observation.year - base_year);
    outputs.push_back(output);
  }
  for (const ObjectiveSpec& spec : model.objective_specs()) {
    SensitivityOutput output;
    output.objective = true;
    output.spec = spec;
    outputs.push_back(output);
  }
  for (const std::size_t row : tracking_options.series_rows) {
    for (int y = 0; y < plan.year_count(); ++y) {
      SensitivityOutput output;
      output.row = row;
      output.year_index = static_cast<std::size_t>(y);
      outputs.push_back(output);
    }
  }
  const auto& list = observations.observations;
  const auto log_likelihood = [&list](const double* values) {
    double l = 0.0;
    for (std::size_t o = 0; o < list.size(); ++o) {
      const double gap = standardised_gap(list[o], values[o]);
      if (!std::isfinite(gap)) return NEGATIVE_INFINITY;
      l -= 0.5 * gap * gap;
    }
    return l;
  };
  TemperedSmcOptions smc_options;
  smc_options.particles = tracking.members;
  smc_options.seed = options.seed;
  smc_options.threads = options.threads;
  smc_options.block = options.block;
  smc_options.cluster = options.cluster;
  smc_options.cancelled = options.cancelled;
  TemperedSmcResult smc = tempered_smc(model, outputs, log_likelihood, smc_options);
  if (smc.cancelled) {
    tracking.cancelled = true;
    return smc;
  }
  tracking.method = "sequential Monte Carlo";
  tracking.effective_size = smc.stages.back().effective_size;
  tracking.distinct_members = smc.distinct;
  tracking.model_runs = smc.evaluations;
  for (const auto& stage : smc.stages) {
    tracking.stages.push_back(
        {stage.temperature, stage.effective_size, stage.acceptance, stage.step, stage.moves});
  }
  const ParameterSet& parameters = plan.scenario->parameters;
  const std::size_t particles = smc.log_likelihoods.size(), stride = outputs.size();
  for (std::size_t p = 0; p < parameters.size(); ++p) {
    if (!parameters[p].distribution.is_fixed())
      tracking.population_parameters.push_back(parameters[p].name);
  }
  for (std::size_t i = 0; i < particles; ++i) {
    for (std::size_t p = 0; p < parameters.size(); ++p) {
      if (!parameters[p].distribution.is_fixed())
        tracking.population.push_back(smc.parameters[i * parameters.size() + p]);
    }
  }
  tracking.weights.assign(particles, 1.0 / static_cast<double>(particles));
  const std::size_t first_objective = list.size();
  for (std::size_t o = 0; o < tracking.objectives.size(); ++o) {
    tracking.objectives[o].after = population_proportion(
        particles, tracking.effective_size,
        [&](std::size_t i) { return smc.outputs[i * stride + first_objective + o] != 0.0; });
  }
  if (!tracking.objectives.empty()) {
    tracking.joint_after =
        population_proportion(particles, tracking.effective_size, [&](std::size_t i) {
          for (std::size_t o = 0; o < tracking.objectives.size(); ++o) {
            if (smc.outputs[i * stride + first_objective + o] == 0.0) return false;
          }
          return true;
        });
  }
  return smc;
}

}  // namespace traj::territory
