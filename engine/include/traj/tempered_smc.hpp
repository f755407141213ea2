#pragma once
/// A sequential Monte Carlo sampler with adaptive tempering and MCMC
/// rejuvenation (Del Moral, Doucet & Jasra 2006, "Sequential Monte Carlo
/// samplers", JRSS B 68; the adaptive temperatures of Jasra, Stephens,
/// Doucet & Tsagaris 2011, Scand. J. Stat. 38), for any Model whose
/// parameters' prior is the ensemble's: the posterior ∝ prior × exp(ℓ) of a
/// log-likelihood ℓ of the model's outputs.
///
/// Particles live in the latent space of the ensemble's sampling: each
/// uncertain parameter is its inverse CDF of Φ(z), z standard normal, so the
/// prior is N(0, I) whatever the distributions. Start: the ensemble's own
/// members 0 … N−1 (the same uniforms). Each stage raises the temperature β
/// until the reweighting's effective size falls to `kept_fraction` × N
/// (bisection), resamples systematically, then moves every particle by
/// preconditioned Crank–Nicolson steps z' = √(1−ρ²) z + ρ ξ (Cotter,
/// Roberts, Stuart & White 2013), which leave the prior invariant: the
/// acceptance is min(1, exp(β (ℓ' − ℓ))). ρ adapts to the acceptance.
///
/// Every random number is a counter-based draw keyed by the seed, the stage,
/// the move and the particle, and every run is evaluated by evaluate_design
/// (member order at any thread or MPI rank count), so the result is
/// bit-identical whatever the threads and ranks.

#include <cstdint>
#include <functional>
#include <vector>

#include "traj/sensitivity.hpp"

namespace traj {

struct TemperedSmcOptions {
  std::uint64_t particles = 10000;
  std::uint64_t seed = 1;
  int threads = 0;
  std::size_t block = 64;
  const Cluster* cluster = nullptr;
  /// Each reweighting keeps this share of the particles as effective size.
  double kept_fraction = 0.5;
  /// MCMC moves per stage: at least `min_moves`, then more until 90 % of the
  /// particles have moved since resampling, at most `max_moves`.
  int min_moves = 3, max_moves = 30;
  int max_stages = 200;
  /// Called after each stage, from the calling thread.
  std::function<void(int stage, double temperature)> on_stage;
  /// Polled before each evaluation: true stops the sampler (`cancelled`).
  std::function<bool()> cancelled;
};

struct TemperedSmcStage {
  double temperature = 0.0;
  double effective_size = 0.0;  ///< of the reweighting, before resampling
  double acceptance = 0.0;      ///< of the stage's moves
  double step = 0.0;            ///< ρ of its last move
  int moves = 0;
};

struct TemperedSmcResult {
  std::vector<TemperedSmcStage> stages;
  /// The final population, equally weighted: [particle × parameter] (every
  /// parameter of the model, fixed ones included), their outputs
  /// [particle × output] and log-likelihoods.
  std::vector<double> parameters;
  std::vector<double> outputs;
  std::vector<double> log_likelihoods;
  std::uint64_t distinct = 0;     ///< distinct particles in the final population
  std::uint64_t evaluations = 0;  ///< model runs, the start's included
  bool cancelled = false;
};

/// `log_likelihood(outputs)` gets one run's `outputs` (in the order given)
/// and returns ℓ (−inf for an impossible run; it must be finite for at least
/// one of the ensemble's first `particles` members). Throws
/// std::invalid_argument if none is, or on options out of range.
TemperedSmcResult tempered_smc(const Model& model, const std::vector<SensitivityOutput>& outputs,
                               const std::function<double(const double*)>& log_likelihood,
                               const TemperedSmcOptions& options);

}  // namespace traj
