#pragma once
/// Global sensitivity analysis on any Model: which uncertain parameters (or
/// groups of them) decide an outcome.
///
/// - Sobol indices (Saltelli et al. 2010, "Variance based sensitivity
///   analysis of model output", Comput. Phys. Commun. 181): matrices A and B
///   from a Sobol low-discrepancy sequence (Boost, Joe–Kuo directions) with a
///   random shift per dimension drawn from the seed (Cranley–Patterson), and
///   A_B^(i) = A with the columns of factor i taken from B; first order
///   V_i = mean(f_B (f_ABi − f_A)) (Saltelli 2010), total
///   V_Ti = mean((f_A − f_ABi)²) / 2 (Jansen 1999); 95 % percentile bootstrap
///   intervals. N (k + 2) model runs for k factors.
/// - Morris elementary effects (Morris 1991; μ* of Campolongo et al. 2007):
///   r random one-at-a-time trajectories on a 4-level grid, r (k + 1) runs.
///
/// Uniform numbers map to parameter values through each parameter's inverse
/// CDF, so every distribution of the scenario is respected; correlated
/// parameters' uniforms go through their group's Gaussian copula first
/// (traj/correlation.hpp), which is why their factors must be grouped
/// (group_correlated_factors): a group's values depend on its own
/// coordinates of the unit cube only.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "traj/ensemble.hpp"
#include "traj/model.hpp"

namespace traj {

/// A factor: one parameter, or a named group moved together.
struct SensitivityFactor {
  std::string name;
  std::vector<std::size_t> parameters;  ///< indices in the model's ParameterSet
  /// The factors merged into this one because their parameters are
  /// correlated (group_correlated_factors); empty when none was.
  std::vector<std::string> merged;
};

/// An outcome: an output row in a year, or whether an objective is met (0/1).
struct SensitivityOutput {
  std::string name;
  bool objective = false;
  std::size_t row = 0;
  std::size_t year_index = 0;
  ObjectiveSpec spec;  ///< when `objective`
};

struct SensitivityOptions {
  std::uint64_t samples = 4096;  ///< N (Sobol) or r, the trajectories (Morris)
  std::uint64_t seed = 1;
  int threads = 0;
  std::size_t block = 64;
  int bootstrap = 200;  ///< Sobol: bootstrap replicates for the intervals
  /// Called from the calling thread with (runs done, runs planned).
  std::function<void(std::uint64_t, std::uint64_t)> progress;
  /// With several processes (MPI ranks), each runs a share of the design;
  /// every rank gets the same results as one process would.
  const Cluster* cluster = nullptr;
  /// Polled between chunks of the design, from the calling thread: true
  /// stops the analysis (the result is then marked `cancelled`).
  std::function<bool()> cancelled;
};

struct SobolIndex {
  double first = 0.0, first_low = 0.0, first_high = 0.0;
  double total = 0.0, total_low = 0.0, total_high = 0.0;
};

struct MorrisIndex {
  double mu_star = 0.0;  ///< mean |elementary effect|, in output units per unit-cube step
  double mu = 0.0;
  double sigma = 0.0;
};

struct SensitivityResult {
  std::vector<std::string> factors;
  std::vector<std::string> outputs;
  std::vector<double> variance;     ///< per output
  std::vector<double> mean;         ///< per output: with zero variance, the value it always has
  std::vector<SobolIndex> sobol;    ///< [output × factor] (Sobol)
  std::vector<MorrisIndex> morris;  ///< [output × factor] (Morris)
  std::uint64_t runs = 0;
  bool cancelled = false;  ///< stopped by SensitivityOptions::cancelled: no indices
};

/// What an analysis holds in memory at once, to refuse one that cannot fit
/// before it starts. The design is built and run in chunks of bounded size;
/// the model's outputs of every run are kept (the bootstrap resamples them).
struct SensitivityMemory {
  std::uint64_t bytes = 0;             ///< everything, for `samples`
  std::uint64_t bytes_per_sample = 0;  ///< what one more N (Sobol) or r (Morris) adds
};
SensitivityMemory sobol_memory(std::size_t parameters, std::size_t factors, std::size_t outputs,
                               std::uint64_t samples, int bootstrap);
SensitivityMemory morris_memory(std::size_t parameters, std::size_t factors, std::size_t outputs,
                                std::uint64_t samples);

/// One factor per parameter of `parameters`.
std::vector<SensitivityFactor> single_factors(const ParameterSet& parameters);

/// Sobol indices and Morris effects assume independent factors: every
/// factor holding a parameter of a correlation group is merged with the
/// other factors holding one of the same group, into one factor named by
/// their names joined with " + ", whose `merged` lists them (in the order of
/// `factors`, where the first of them stood). Factors without correlated
/// parameters are unchanged.
std::vector<SensitivityFactor> group_correlated_factors(std::vector<SensitivityFactor> factors,
                                                        const ParameterSet& parameters);

SensitivityResult sobol_indices(const Model& model, const std::vector<SensitivityFactor>& factors,
                                const std::vector<SensitivityOutput>& outputs,
                                const SensitivityOptions& options);

SensitivityResult morris_screening(const Model& model,
                                   const std::vector<SensitivityFactor>& factors,
                                   const std::vector<SensitivityOutput>& outputs,
                                   const SensitivityOptions& options);

/// Runs the model on given parameter values `design[run × parameter]` and
/// returns `outputs[run × output]`, in parallel, in a fixed order.
std::vector<double> evaluate_design(
    const Model& model, const std::vector<SensitivityOutput>& outputs,
    const std::function<void(std::uint64_t, double*)>& design, std::uint64_t runs, int threads,
    std::size_t block, const std::function<void(std::uint64_t, std::uint64_t)>& progress = {},
    const Cluster* cluster = nullptr);

}  // namespace traj
