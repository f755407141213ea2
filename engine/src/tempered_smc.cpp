#include "traj/tempered_smc.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <span>
#include <stdexcept>
#include <string>

#include "traj/cluster.hpp"
#include "traj/importance_weights.hpp"
#include "traj/random_stream.hpp"
#include "traj/sampler.hpp"

namespace traj {
namespace {

constexpr double NEGATIVE_INFINITY = -std::numeric_limits<double>::infinity();
/// The pCN step's start and the acceptance it adapts to: about a third
/// accepted is near the efficient rate of random-walk moves in a few
/// dimensions (Roberts & Rosenthal 2001, "Optimal scaling for various
/// Metropolis–Hastings algorithms").
constexpr double FIRST_STEP = 0.5, TARGET_ACCEPTANCE = 0.3;
constexpr double SMALLEST_STEP = 1e-3;
/// Moves stop (after the minimum) once this share of particles has moved.
constexpr double MOVED_ENOUGH = 0.9;
/// Φ(z) is kept inside (0, 1) as the samplers need.
constexpr double LOWEST_UNIFORM = 0x1p-60, HIGHEST_UNIFORM = 1.0 - 0x1p-53;

std::uint64_t purpose_key(std::uint64_t seed, const char* purpose, int stage, int move = 0) {
  return stream_key(
      seed, std::string(purpose) + ":" + std::to_string(stage) + ":" + std::to_string(move));
}

double normal_cdf(double z) {
  return std::clamp(0.5 * std::erfc(-z * M_SQRT1_2), LOWEST_UNIFORM, HIGHEST_UNIFORM);
}

/// The particles' latent normals and the uniforms they map to (kept as drawn
/// at the start, so that particle m is exactly the ensemble's member m),
/// with each one's outputs and log-likelihood.
struct Population {
  std::size_t count = 0, free = 0, outputs = 0;
  std::vector<double> z, u;    ///< [particle × free parameter]
  std::vector<double> values;  ///< [particle × output]
  std::vector<double> log_likelihoods;
};

class Sampling {
 public:
  Sampling(const Model& model, const std::vector<SensitivityOutput>& outputs,
           const std::function<double(const double*)>& log_likelihood,
           const TemperedSmcOptions& options)
      : model_(model), outputs_(outputs), log_likelihood_(log_likelihood), options_(options) {
    const ParameterSet& parameters = model.parameters();
    groups_ = parameters.correlation_groups();
    for (std::size_t p = 0; p < parameters.size(); ++p) {
      samplers_.emplace_back(parameters[p].distribution);
      // A correlated parameter keeps its latent normal even when fixed: it
      // takes part in its group's mixing, as in the ensemble.
      if (parameters[p].distribution.is_fixed() && parameters.group_of(p) == nullptr) {
        fixed_.push_back(samplers_.back()(0.5));
      } else {
        fixed_.push_back(std::numeric_limits<double>::quiet_NaN());
        free_position_.push_back(free_.size());
        free_.push_back(p);
        keys_.push_back(stream_key(options.seed, parameters[p].name));
        continue;
      }
      free_position_.push_back(0);
    }
  }

  std::size_t free_count() const { return free_.size(); }

  /// The ensemble's members 0 … N−1.
  Population start() {
    Population population;
    population.count = static_cast<std::size_t>(options_.particles);
    population.free = free_.size();
    population.outputs = outputs_.size();
    population.u.resize(population.count * population.free);
    population.z.resize(population.u.size());
    for (std::size_t j = 0; j < free_.size(); ++j) {
      for (std::size_t i = 0; i < population.count; ++i) {
        const double u = uniform_draw(keys_[j], i);
        population.u[i * population.free + j] = u;
        population.z[i * population.free + j] = normal_quantile(u);
      }
    }
    correlate(population);
    evaluate(population);
    return population;
  }

  /// With correlations, the latent normals z stay independent (the pCN
  /// moves' prior) and a group's uniforms are Φ(F z), computed as the
  /// ensemble's copula does: particle m is still the ensemble's member m.
  void correlate(Population& population) const {
    if (groups_.empty()) return;
    std::vector<double> row(samplers_.size());
    for (std::size_t i = 0; i < population.count; ++i) {
      for (std::size_t j = 0; j < free_.size(); ++j)
        row[free_[j]] = population.z[i * free_.size() + j];
      for (const auto& group : groups_) {
        group.mix_normals(row.data(), 1);
        for (const std::size_t p : group.parameters())
          population.u[i * free_.size() + free_position_[p]] = copula_uniform(row[p]);
      }
    }
  }

  /// Runs the model on every particle's uniforms: values and log-likelihoods.
  void evaluate(Population& population) {
    const auto design = [&](std::uint64_t run, double* values) {
      for (std::size_t p = 0, j = 0; p < samplers_.size(); ++p) {
        values[p] =
            std::isnan(fixed_[p])
                ? samplers_[p](population.u[static_cast<std::size_t>(run) * free_.size() + j++])
                : fixed_[p];
      }
    };
    population.values = evaluate_design(model_, outputs_, design, population.count,
                                        options_.threads, options_.block, {}, options_.cluster);
    population.log_likelihoods.resize(population.count);
    for (std::size_t i = 0; i < population.count; ++i) {
      const double l = log_likelihood_(population.values.data() + i * population.outputs);
      population.log_likelihoods[i] = std::isnan(l) ? NEGATIVE_INFINITY : l;
    }
    evaluations_ += population.count;
  }

  /// Every parameter's value of each particle, [particle × parameter].
  std::vector<double> parameter_values(const Population& population) const {
    std::vector<double> values(population.count * samplers_.size());
    for (std::size_t i = 0; i < population.count; ++i) {
      for (std::size_t p = 0, j = 0; p < samplers_.size(); ++p) {
        values[i * samplers_.size() + p] =
            std::isnan(fixed_[p]) ? samplers_[p](population.u[i * free_.size() + j++]) : fixed_[p];
      }
    }
    return values;
  }

  std::uint64_t evaluations() const { return evaluations_; }

 private:
  const Model& model_;
  const std::vector<SensitivityOutput>& outputs_;
  const std::function<double(const double*)>& log_likelihood_;
  const TemperedSmcOptions& options_;
  std::vector<Sampler> samplers_;
  std::vector<double> fixed_;  ///< a fixed parameter's value, NaN for an uncertain one
  std::vector<std::size_t> free_;
  std::vector<std::size_t> free_position_;  ///< [parameter]: its index in free_
  std::vector<CorrelationGroup> groups_;
  std::vector<std::uint64_t> keys_;
  std::uint64_t evaluations_ = 0;
};

/// Weights ∝ exp(δ (ℓ − max ℓ)), 0 for an impossible particle.
std::vector<double> tempered_weights(const std::vector<double>& log_likelihoods, double delta) {
  std::vector<double> scaled(log_likelihoods.size());
  std::transform(log_likelihoods.begin(), log_likelihoods.end(), scaled.begin(),
                 [delta](double l) { return std::isfinite(l) ? delta * l : NEGATIVE_INFINITY; });
  return importance_weights(scaled).weights;
}

/// The temperature increment that keeps `target` effective particles (the
/// rest of the way to 1 when it keeps at least that many), by bisection.
double next_increment(const std::vector<double>& log_likelihoods, double remaining, double target) {
  if (effective_sample_size(tempered_weights(log_likelihoods, remaining)) >= target)
    return remaining;
  double low = 0.0, high = remaining;
  for (int iteration = 0; iteration < 60; ++iteration) {
    const double middle = 0.5 * (low + high);
    if (effective_sample_size(tempered_weights(log_likelihoods, middle)) >= target) {
      low = middle;
    } else {
      high = middle;
    }
  }
  // Below the target even at the smallest step (few possible particles):
  // the smallest step still resamples the impossible ones away.
  return low > 0.0 ? low : high;
}

/// Systematic resampling (Kitagawa 1996): particle k takes the ancestor
/// whose cumulative weight first exceeds (k + v) / N.
void resample(Population& population, const std::vector<double>& weights, double v) {
  const std::size_t n = population.count, free = population.free, outs = population.outputs;
  Population next = population;
  double cumulative = weights[0];
  std::size_t ancestor = 0;
  for (std::size_t k = 0; k < n; ++k) {
    const double position = (static_cast<double>(k) + v) / static_cast<double>(n);
    while (cumulative < position && ancestor + 1 < n) cumulative += weights[++ancestor];
    std::copy_n(population.z.begin() + ancestor * free, free, next.z.begin() + k * free);
    std::copy_n(population.u.begin() + ancestor * free, free, next.u.begin() + k * free);
    std::copy_n(population.values.begin() + ancestor * outs, outs, next.values.begin() + k * outs);
    next.log_likelihoods[k] = population.log_likelihoods[ancestor];
  }
  population = std::move(next);
}

/// One pCN move of every particle at temperature `beta`; returns the share accepted.
double move(Sampling& sampling, Population& population, double beta, double step, std::uint64_t key,
            std::vector<std::uint8_t>& moved) {
  const std::size_t n = population.count, free = population.free, outs = population.outputs;
  Population proposal = population;
  const double keep = std::sqrt(1.0 - step * step);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < free; ++j) {
      const double xi = normal_quantile(uniform_draw(key, i, static_cast<std::uint32_t>(j)));
      const double z = keep * population.z[i * free + j] + step * xi;
      proposal.z[i * free + j] = z;
      proposal.u[i * free + j] = normal_cdf(z);
    }
  }
  sampling.correlate(proposal);
  sampling.evaluate(proposal);
  std::uint64_t accepted = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double gain = proposal.log_likelihoods[i] - population.log_likelihoods[i];
    const double u = uniform_draw(key, i, static_cast<std::uint32_t>(free));
    if (!std::isfinite(proposal.log_likelihoods[i]) || !(std::log(u) < beta * gain)) continue;
    ++accepted;
    moved[i] = 1;
    std::copy_n(proposal.z.begin() + i * free, free, population.z.begin() + i * free);
    std::copy_n(proposal.u.begin() + i * free, free, population.u.begin() + i * free);
    std::copy_n(proposal.values.begin() + i * outs, outs, population.values.begin() + i * outs);
    population.log_likelihoods[i] = proposal.log_likelihoods[i];
  }
  return static_cast<double>(accepted) / static_cast<double>(n);
}

std::uint64_t distinct_particles(const Population& population) {
  std::vector<std::size_t> order(population.count);
  std::iota(order.begin(), order.end(), 0);
  const auto row = [&](std::size_t i) { return population.u.begin() + i * population.free; };
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::lexicographical_compare(row(a), row(a) + population.free, row(b),
                                        row(b) + population.free);
  });
  std::uint64_t distinct = population.count > 0 ? 1 : 0;
  for (std::size_t k = 1; k < order.size(); ++k) {
    distinct +=
        std::equal(row(order[k]), row(order[k]) + population.free, row(order[k - 1])) ? 0 : 1;
  }
  return distinct;
}

/// Whether to stop, agreed by every rank: a signal reaching one rank only
/// must not leave the others waiting for it in the next evaluation.
bool stop_requested(const TemperedSmcOptions& options) {
  std::int64_t stop = options.cancelled && options.cancelled() ? 1 : 0;
  if (options.cluster != nullptr && options.cluster->size() > 1)
    options.cluster->max(std::span<std::int64_t>(&stop, 1));
  return stop != 0;
}

void check_options(const TemperedSmcOptions& options) {
  if (options.particles < 2 || !(options.kept_fraction > 0.0 && options.kept_fraction < 1.0) ||
      options.min_moves < 1 || options.max_moves < options.min_moves || options.max_stages < 1) {
    throw std::invalid_argument(
        "tempered_smc: expected at least 2 particles, a kept fraction in (0, 1) and "
        "1 ≤ min_moves ≤ max_moves, max_stages ≥ 1");
  }
}

}  // namespace

TemperedSmcResult tempered_smc(const Model& model, const std::vector<SensitivityOutput>& outputs,
                               const std::function<double(const double*)>& log_likelihood,
                               const TemperedSmcOptions& options) {
  check_options(options);
  Sampling sampling(model, outputs, log_likelihood, options);
  TemperedSmcResult result;
  Population population = sampling.start();
  const double target = options.kept_fraction * static_cast<double>(population.count);
  double beta = 0.0, step = FIRST_STEP;
  for (int stage = 0; beta < 1.0; ++stage) {
    if (stop_requested(options)) {
      result.cancelled = true;
      return result;
    }
    const double increment = stage + 1 == options.max_stages
                                 ? 1.0 - beta
                                 : next_increment(population.log_likelihoods, 1.0 - beta, target);
    beta = increment == 1.0 - beta ? 1.0 : beta + increment;
    const std::vector<double> weights = tempered_weights(population.log_likelihoods, increment);
    TemperedSmcStage record;
    record.temperature = beta;
    record.effective_size = effective_sample_size(weights);
    resample(population, weights,
             uniform_draw(purpose_key(options.seed, "smc-resample", stage), 0));
    std::vector<std::uint8_t> moved(population.count, 0);
    double accepted = 0.0;
    int moves = 0;
    while (moves < options.max_moves) {
      if (stop_requested(options)) {
        result.cancelled = true;
        return result;
      }
      const double share = move(sampling, population, beta, step,
                                purpose_key(options.seed, "smc-move", stage, moves), moved);
      accepted += share;
      ++moves;
      step = std::clamp(step * std::exp(2.0 * (share - TARGET_ACCEPTANCE)), SMALLEST_STEP, 1.0);
      const auto moved_count = std::count(moved.begin(), moved.end(), std::uint8_t{1});
      if (moves >= options.min_moves &&
          static_cast<double>(moved_count) >= MOVED_ENOUGH * static_cast<double>(population.count))
        break;
    }
    record.acceptance = accepted / moves;
    record.step = step;
    record.moves = moves;
    result.stages.push_back(record);
    if (options.on_stage) options.on_stage(stage, beta);
  }
  result.parameters = sampling.parameter_values(population);
  result.outputs = std::move(population.values);
  result.log_likelihoods = std::move(population.log_likelihoods);
  result.distinct = distinct_particles(population);
  result.evaluations = sampling.evaluations();
  return result;
}

}  // namespace traj
