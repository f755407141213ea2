#pragma once
/// Monte Carlo ensembles: sample every parameter for each member, run the
/// model over blocks of members in parallel (oneTBB), and reduce statistics
/// in a fixed order, so that results are bit-identical whatever the number
/// of threads or the block size.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "traj/model.hpp"
#include "traj/proportion.hpp"
#include "traj/sampler.hpp"

namespace traj {

class Cluster;
class ParameterSampler;

/// An objective judged on each member: value = row at year_index, divided
/// by a reference when relative (the member's own value at
/// reference_year_index, or a stated reference_value).
struct ObjectiveSpec {
  std::string id;
  std::size_t row = 0;
  std::size_t year_index = 0;
  bool relative = false;
  bool reference_from_year = false;
  std::size_t reference_year_index = 0;
  double reference_value = 1.0;
  bool at_most = true;
  double threshold = 0.0;
};

/// Per-member results of one batch of consecutive members, handed over in
/// member order (e.g. to stream them to a file).
struct MemberRecords {
  std::uint64_t first = 0;  ///< number of the first member of the batch
  std::size_t count = 0;
  std::size_t capacity = 0;  ///< member stride of `trajectories`
  std::size_t years = 0;     ///< recorded years (EnsembleOptions::recorded_years), all by default
  const double* parameters = nullptr;    ///< [member × parameter]
  const double* trajectories = nullptr;  ///< [(recorded row × capacity + member) × years + year]
  const std::uint8_t* successes = nullptr;  ///< [member × objective]: 1 if met
};

/// Members per kernel block when not chosen (`--block`): measured fastest
/// on the benchmark scenarios (docs/performance.md). Never changes a result.
inline constexpr std::size_t DEFAULT_BLOCK = 256;

struct EnsembleOptions {
  std::uint64_t members = 10000;  ///< members to run (the first stage with a precision target)
  std::uint64_t seed = 1;
  int threads = 0;                    ///< 0: every core
  std::size_t block = DEFAULT_BLOCK;  ///< members per block of the kernel (lanes)
  double precision = 0.0;  ///< > 0: add members until every objective's 95 % half-width ≤ precision
  std::uint64_t max_members = 10'000'000;  ///< cap with a precision target
  std::vector<double> quantiles = {0.05, 0.25, 0.5, 0.75, 0.95};
  std::vector<std::size_t> quantile_rows;  ///< rows that get quantiles (every year)
  double sketch_accuracy = 0.001;          ///< relative accuracy of quantiles
  /// Called after each batch with (members done, members planned); from any
  /// of the run's threads, never two at once.
  std::function<void(std::uint64_t, std::uint64_t)> progress;
  /// With `on_members`, every batch's per-member parameters, the trajectories
  /// of `recorded_rows` and the objectives' outcomes are handed over.
  std::vector<std::size_t> recorded_rows;
  /// The years of `recorded_rows` handed over (indices from the first year,
  /// increasing); empty: every year. MemberRecords::years is their count.
  /// A caller that needs a few years records only those: a tenth of the
  /// copying and memory for three of Brest's 33 years.
  std::vector<std::size_t> recorded_years;
  std::function<void(const MemberRecords&)> on_members;
  /// Without it, records carry no parameters (`parameters` is null): less
  /// to copy, and to send between MPI ranks, for callers that need outcomes only.
  bool record_parameters = true;
  /// Polled before each batch, from any of the run's threads: true stops
  /// the run (the result says so).
  std::function<bool()> cancelled;
  /// With several processes (MPI ranks): batches of members are dealt to
  /// the ranks in turn, and every rank ends with the same result as a single
  /// process would (sums are exact, sketches and counts are integers).
  /// `on_members` is then called on every rank with every batch, in member
  /// order, or only on rank 0 with `records_on_root_only`.
  const Cluster* cluster = nullptr;
  bool records_on_root_only = false;
  /// The draws, prepared for the model's very ParameterSet and `seed`:
  /// several ensembles of one scenario (traj compare runs one per portfolio
  /// and per action left out) share one instead of each building its
  /// samplers' tables (a PERT parameter's take 0.4–2 ms). Null: the run
  /// prepares its own. The same numbers either way; one prepared for
  /// another set or seed is refused (std::logic_error).
  std::shared_ptr<const ParameterSampler> draws;
  /// Run on the threads of the caller's oneTBB arena instead of an arena of
  /// `threads` of its own (`threads` is then not used): for a caller that
  /// runs several ensembles as tasks of one arena (traj compare), each in
  /// tbb::this_task_arena::isolate, so that a thread done with its own
  /// ensemble helps with another's blocks instead of waiting. The same
  /// numbers either way.
  bool in_callers_arena = false;
};

struct ObjectiveOutcome {
  std::string id;
  std::uint64_t successes = 0;
  ProportionEstimate estimate;
};

struct EnsembleResult {
  std::uint64_t members = 0;
  std::uint64_t seed = 0;
  std::size_t rows = 0;
  std::size_t years = 0;
  std::vector<double> mean;  ///< [row × years + year]
  std::vector<double> sd;    ///< sample standard deviation
  std::vector<double> quantile_levels;
  std::vector<std::size_t> quantile_rows;
  /// [(quantile row index × years + year) × levels + level]
  std::vector<double> quantiles;
  std::vector<ObjectiveOutcome> objectives;
  std::uint64_t joint_successes = 0;  ///< members meeting every objective
  ProportionEstimate joint;
  bool precision_reached = true;
  bool cancelled = false;  ///< stopped by EnsembleOptions::cancelled
  /// Members whose results were non-finite or physically impossible (a
  /// negative value of a non-negative row): their count and the smallest
  /// member numbers (at most 5), so that they can be re-run and inspected.
  /// Statistics that include them are not to be trusted.
  std::uint64_t invalid_members = 0;
  std::vector<std::uint64_t> invalid_examples;

  double mean_at(std::size_t row, std::size_t year) const { return mean[row * years + year]; }
  double sd_at(std::size_t row, std::size_t year) const { return sd[row * years + year]; }
  /// Quantile `level` (index into quantile_levels) of a row with quantiles; NaN otherwise.
  double quantile_at(std::size_t row, std::size_t year, std::size_t level) const;
};

/// Throws InputError naming the setting when `options` are outside the
/// ranges of traj/setting_ranges.hpp (block, threads, precision, quantile
/// levels and accuracy). `run_ensemble` checks them first.
void check_ensemble_options(const EnsembleOptions& options);

/// Runs the ensemble. Members are numbered from 0; member m's parameters
/// depend only on (seed, parameter name, m).
EnsembleResult run_ensemble(const Model& model, const std::vector<ObjectiveSpec>& objectives,
                            const EnsembleOptions& options);

/// The ensemble's sampling, without the model: prepared once (samplers and
/// stream keys), then thread safe.
class ParameterSampler {
 public:
  ParameterSampler(const ParameterSet& parameters, std::uint64_t seed);
  ~ParameterSampler();
  /// Whether these are the draws of `parameters` (that object) with `seed`.
  bool prepared_for(const ParameterSet& parameters, std::uint64_t seed) const {
    return &parameters == prepared_for_ && seed == seed_ && parameters.size() == keys_.size();
  }
  /// Fills `values[p × lanes + l]` with the draws of members first … first+lanes−1
  /// (correlated parameters through their group's Gaussian copula).
  void fill(std::uint64_t first, std::size_t lanes, double* values) const;
  /// Parameter p's draws of members first … first+lanes−1 into `out`, the
  /// same numbers as fill(); `scratch` holds a correlated parameter's group
  /// (resized when needed).
  void fill_parameter(std::size_t p, std::uint64_t first, std::size_t lanes, double* out,
                      std::vector<double>& scratch) const;

 private:
  std::vector<Sampler> samplers_;
  std::vector<std::uint64_t> keys_;
  std::vector<CorrelationGroup> groups_;
  const ParameterSet* prepared_for_;  ///< only compared, never read
  std::uint64_t seed_;
};

/// One-off convenience: ParameterSampler(parameters, seed).fill(first, lanes, values).
void sample_parameters(const ParameterSet& parameters, std::uint64_t seed, std::uint64_t first,
                       std::size_t lanes, double* values);

}  // namespace traj
