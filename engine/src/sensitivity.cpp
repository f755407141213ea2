#include "traj/sensitivity.hpp"

#include "traj/cluster.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <boost/random/sobol.hpp>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <optional>
#include <thread>

#include "traj/objective_judgement.hpp"
#include "traj/random_stream.hpp"
#include "traj/sampler.hpp"

namespace traj {
namespace {

/// Captures the outputs of one block of runs.
class OutputSink final : public YearSink {
 public:
  /// `references` and `values`: scratch of outputs × lanes, owned by the caller.
  OutputSink(const std::vector<SensitivityOutput>& outputs, double* out, std::size_t lanes,
             std::vector<double>& references, std::vector<double>& values)
      : outputs_(outputs), out_(out), lanes_(lanes), references_(references), values_(values) {
    std::fill(references_.begin(), references_.end(), 1.0);
  }

  void year(std::size_t year_index, const double* values, std::size_t lanes) override {
    take_year(year_index, values, lanes);
  }
  void year(std::size_t year_index, const float* values, std::size_t lanes) override {
    take_year(year_index, values, lanes);
  }
  void year_rows(std::size_t year_index, const float* values, std::size_t lanes,
                 std::size_t first_row, std::size_t row_count) override {
    take_year(year_index, values, lanes, first_row, first_row + row_count);
  }

  void finish() {
    for (std::size_t o = 0; o < outputs_.size(); ++o) {
      const SensitivityOutput& output = outputs_[o];
      for (std::size_t l = 0; l < lanes_; ++l) {
        double value = values_[o * lanes_ + l];
        if (output.objective) {
          const ObjectiveSpec& spec = output.spec;
          if (spec.relative) {
            value = ratio_to_reference(value, spec.reference_from_year ? references_[o * lanes_ + l]
                                                                       : spec.reference_value);
          }
          value = meets_threshold(spec.at_most, spec.threshold, value) ? 1.0 : 0.0;
        }
        out_[l * outputs_.size() + o] = value;
      }
    }
  }

 private:
  /// Rows [first_row, end_row) of the year (all by default).
  template <typename Value>
  void take_year(std::size_t year_index, const Value* values, std::size_t lanes,
                 std::size_t first_row = 0, std::size_t end_row = SIZE_MAX) {
    for (std::size_t o = 0; o < outputs_.size(); ++o) {
      const SensitivityOutput& output = outputs_[o];
      const std::size_t row = output.objective ? output.spec.row : output.row;
      if (row < first_row || row >= end_row) continue;
      const std::size_t year = output.objective ? output.spec.year_index : output.year_index;
      if (year == year_index) std::copy_n(values + row * lanes, lanes, values_.data() + o * lanes);
      if (output.objective && output.spec.relative && output.spec.reference_from_year &&
          output.spec.reference_year_index == year_index) {
        std::copy_n(values + row * lanes, lanes, references_.data() + o * lanes);
      }
    }
  }

  const std::vector<SensitivityOutput>& outputs_;
  double* out_;
  std::size_t lanes_;
  std::vector<double>& references_;
  std::vector<double>& values_;
};

/// A point of the unit cube, one coordinate per parameter, becomes their
/// values in place: correlated groups through their copula, then every
/// parameter's inverse CDF.
void unit_to_values(const ParameterSet& parameters, const std::vector<Sampler>& samplers,
                    double* row) {
  for (const auto& group : parameters.correlation_groups()) group.correlate(row, 1);
  for (std::size_t p = 0; p < samplers.size(); ++p) row[p] = samplers[p](row[p]);
}

double to_unit(std::uint64_t bits) {
  return (static_cast<double>(bits >> 11) + 0.5) * 0x1.0p-53;
}

/// The key of a named auxiliary stream, e.g. ("sobol-shift", 3).
std::uint64_t auxiliary_key(std::uint64_t seed, const char* purpose, std::size_t index) {
  std::string name = purpose;
  name += ':';
  name += std::to_string(index);
  return stream_key(seed, name);
}

/// Rows of A and B (Sobol), trajectories (Morris) made and run at a time:
/// enough runs per chunk to keep every thread busy, few enough to bound the
/// design held in memory. Results do not depend on them.
constexpr std::size_t SOBOL_CHUNK_ROWS = 8192;
constexpr std::size_t MORRIS_CHUNK_TRAJECTORIES = 2048;

/// Progress of a chunk whose runs start at `done`, out of `planned`.
std::function<void(std::uint64_t, std::uint64_t)> shifted_progress(
    const std::function<void(std::uint64_t, std::uint64_t)>& progress, std::uint64_t done,
    std::uint64_t planned) {
  if (!progress) return {};
  return [progress, done, planned](std::uint64_t runs, std::uint64_t) {
    progress(done + runs, planned);
  };
}

}  // namespace

SensitivityMemory sobol_memory(std::size_t parameters, std::size_t factors, std::size_t outputs,
                               std::uint64_t samples, int bootstrap) {
  // Per row: the outputs of its k + 2 runs, and two row indices (all rows,
  // a bootstrap resample). Fixed: a chunk of A and B and of its outputs, the
  // bootstrap's replicates of every index.
  const std::uint64_t per_sample = 8 * ((factors + 2) * outputs + 2);
  const std::uint64_t chunk = 8 * SOBOL_CHUNK_ROWS * (2 * parameters + 2 * (factors + 2) * outputs);
  const std::uint64_t replicates =
      16 * outputs * factors * static_cast<std::uint64_t>(std::max(0, bootstrap));
  return {per_sample * samples + chunk + replicates, per_sample};
}

SensitivityMemory morris_memory(std::size_t parameters, std::size_t factors, std::size_t outputs,
                                std::uint64_t samples) {
  // Per trajectory: the outputs of its k + 1 runs, its order of factors and
  // its k elementary effects per output. Fixed: a chunk of the design.
  const std::uint64_t per_sample = 8 * ((factors + 1) * outputs + factors + factors * outputs);
  const std::uint64_t chunk =
      8 * MORRIS_CHUNK_TRAJECTORIES * (factors + 1) * (parameters + 2 * outputs);
  return {per_sample * samples + chunk, per_sample};
}

std::vector<SensitivityFactor> single_factors(const ParameterSet& parameters) {
  std::vector<SensitivityFactor> factors;
  for (std::size_t p = 0; p < parameters.size(); ++p)
    factors.push_back({parameters[p].name, {p}, {}});
  return factors;
}

std::vector<SensitivityFactor> group_correlated_factors(std::vector<SensitivityFactor> factors,
                                                        const ParameterSet& parameters) {
  const auto& groups = parameters.correlation_groups();
  if (groups.empty()) return factors;
  // Union–find over the factors: two factors holding parameters of one group
  // become one.
  std::vector<std::size_t> parent(factors.size());
  std::iota(parent.begin(), parent.end(), 0);
  const auto root = [&](std::size_t f) {
    while (parent[f] != f) f = parent[f] = parent[parent[f]];
    return f;
  };
  for (const auto& group : groups) {
    std::optional<std::size_t> first;
    for (std::size_t f = 0; f < factors.size(); ++f) {
      const bool holds = std::any_of(factors[f].parameters.begin(), factors[f].parameters.end(),
                                     [&](std::size_t p) { return group.contains(p); });
      if (!holds) continue;
      if (!first) {
        first = f;
        continue;
      }
      const std::size_t a = root(*first), b = root(f);
      if (a != b) parent[std::max(a, b)] = std::min(a, b);
    }
  }
  std::vector<SensitivityFactor> grouped;
  std::vector<std::size_t> position(factors.size(), 0);
  for (std::size_t f = 0; f < factors.size(); ++f) {
    const std::size_t r = root(f);
    if (r == f) {
      position[f] = grouped.size();
      grouped.push_back(factors[f]);
      continue;
    }
    SensitivityFactor& into = grouped[position[r]];
    if (into.merged.empty()) into.merged.push_back(into.name);
    into.merged.push_back(factors[f].name);
    into.name += " + " + factors[f].name;
    into.parameters.insert(into.parameters.end(), factors[f].parameters.begin(),
                           factors[f].parameters.end());
  }
  for (auto& factor : grouped) std::sort(factor.parameters.begin(), factor.parameters.end());
  return grouped;
}

std::vector<double> evaluate_design(
    const Model& model, const std::vector<SensitivityOutput>& outputs,
    const std::function<void(std::uint64_t, double*)>& design, std::uint64_t runs, int threads,
    std::size_t block, const std::function<void(std::uint64_t, std::uint64_t)>& progress,
    const Cluster* cluster) {
  if (cluster != nullptr && cluster->size() > 1) {
    // Each rank runs a contiguous share of the runs; every run's outputs
    // depend on its design point only, so the gathered whole is the same as
    // one process's.
    const auto ranks = static_cast<std::uint64_t>(cluster->size());
    const auto rank = static_cast<std::uint64_t>(cluster->rank());
    const std::uint64_t first = runs * rank / ranks, last = runs * (rank + 1) / ranks;
    const auto shifted = [&](std::uint64_t run, double* values) { design(first + run, values); };
    const auto share =
        evaluate_design(model, outputs, shifted, last - first, threads, block, progress, nullptr);
    return cluster->gather_all(share);
  }
  const std::size_t parameters = model.parameters().size();
  const std::size_t lanes_max = std::max<std::size_t>(1, block);
  std::vector<double> results(runs * outputs.size(), 0.0);
  struct Worker {
    std::unique_ptr<BlockEvaluator> evaluator;
    std::vector<double> values;
    std::vector<double> row;
    std::vector<double> references, outputs;  ///< scratch for the sink
  };
  tbb::enumerable_thread_specific<Worker> workers([&] {
    return Worker{model.make_evaluator(lanes_max), std::vector<double>(parameters * lanes_max),
                  std::vector<double>(parameters), std::vector<double>(outputs.size() * lanes_max),
                  std::vector<double>(outputs.size() * lanes_max)};
  });
  const std::uint64_t blocks = (runs + lanes_max - 1) / lanes_max;
  tbb::task_arena arena(threads > 0 ? threads : tbb::this_task_arena::max_concurrency());
  // One parallel loop; progress is reported by the calling thread only
  // (callbacks need not be thread safe), from a shared count of runs done.
  std::atomic<std::uint64_t> done{0};
  const auto caller = std::this_thread::get_id();
  arena.execute([&] {
    tbb::parallel_for(tbb::blocked_range<std::uint64_t>(0, blocks),
                      [&](const tbb::blocked_range<std::uint64_t>& range) {
                        Worker& worker = workers.local();
                        for (std::uint64_t b = range.begin(); b != range.end(); ++b) {
                          const std::uint64_t first = b * lanes_max;
                          const auto lanes = static_cast<std::size_t>(
                              std::min<std::uint64_t>(lanes_max, runs - first));
                          for (std::size_t l = 0; l < lanes; ++l) {
                            design(first + l, worker.row.data());
                            for (std::size_t p = 0; p < parameters; ++p)
                              worker.values[p * lanes + l] = worker.row[p];
                          }
                          OutputSink sink(outputs, results.data() + first * outputs.size(), lanes,
                                          worker.references, worker.outputs);
                          worker.evaluator->run(worker.values.data(), lanes, sink);
                          sink.finish();
                          const std::uint64_t total = done.fetch_add(lanes) + lanes;
                          if (progress && std::this_thread::get_id() == caller)
                            progress(total, runs);
                        }
                      });
  });
  if (progress) progress(runs, runs);
  return results;
}

SensitivityResult sobol_indices(const Model& model, const std::vector<SensitivityFactor>& factors,
                                const std::vector<SensitivityOutput>& outputs,
                                const SensitivityOptions& options) {
  const ParameterSet& parameter_set = model.parameters();
  const std::size_t P = parameter_set.size(), k = factors.size(), N = options.samples,
                    O = outputs.size();
  std::vector<Sampler> samplers;
  std::vector<double> shifts;
  for (std::size_t p = 0; p < P; ++p) samplers.emplace_back(parameter_set[p].distribution);
  for (std::size_t d = 0; d < 2 * P; ++d) {
    shifts.push_back(uniform_draw(auxiliary_key(options.seed, "sobol-shift", d), 0));
  }
  const auto to_values = [&](double* row) { unit_to_values(parameter_set, samplers, row); };
  // Unit-cube points: A in columns [0, P), B in [P, 2P), made in chunks of
  // rows in the sequence's order; each chunk's runs A, B, then A_B^(i) for
  // each factor (memory: a chunk of A and B, not N × 2P). Every run's
  // outputs depend on its point only: the same as one design of N rows.
  boost::random::sobol sequence(static_cast<unsigned>(std::max<std::size_t>(1, 2 * P)));
  const std::uint64_t runs = N * (k + 2);
  SensitivityResult result;
  for (const auto& factor : factors) result.factors.push_back(factor.name);
  for (const auto& output : outputs) result.outputs.push_back(output.name);
  result.runs = runs;
  std::vector<double> results(runs * O);
  std::vector<double> a(std::min<std::size_t>(N, SOBOL_CHUNK_ROWS) * P),
      b(std::min<std::size_t>(N, SOBOL_CHUNK_ROWS) * P);
  for (std::size_t first = 0; first < N; first += SOBOL_CHUNK_ROWS) {
    if (options.cancelled && options.cancelled()) {
      result.cancelled = true;
      return result;
    }
    const std::size_t rows = std::min<std::size_t>(SOBOL_CHUNK_ROWS, N - first);
    for (std::size_t i = 0; i < rows; ++i) {
      for (std::size_t d = 0; d < 2 * P; ++d) {
        double u = to_unit(sequence()) + shifts[d];
        u -= std::floor(u);
        u = std::clamp(u, 0x1.0p-53, 1.0 - 0x1.0p-53);
        (d < P ? a[i * P + d] : b[i * P + d - P]) = u;
      }
      to_values(a.data() + i * P);
      to_values(b.data() + i * P);
    }
    const auto design = [&](std::uint64_t run, double* values) {
      const std::size_t matrix = run / rows, i = run % rows;
      std::copy_n((matrix == 1 ? b : a).data() + i * P, P, values);
      if (matrix >= 2) {
        for (const std::size_t p : factors[matrix - 2].parameters) values[p] = b[i * P + p];
      }
    };
    const auto chunk =
        evaluate_design(model, outputs, design, rows * (k + 2), options.threads, options.block,
                        shifted_progress(options.progress, first * (k + 2), runs), options.cluster);
    for (std::size_t matrix = 0; matrix < k + 2; ++matrix) {
      std::copy_n(chunk.data() + matrix * rows * O, rows * O,
                  results.data() + (matrix * N + first) * O);
    }
  }
  const auto value = [&](std::size_t matrix, std::size_t i, std::size_t o) {
    return results[(matrix * N + i) * O + o];
  };
  // Indices on a resample of the rows (identity: the estimate itself).
  const auto indices = [&](const std::vector<std::size_t>& rows, std::size_t o, std::size_t f,
                           double& first, double& total) {
    double mean = 0.0;
    for (const std::size_t i : rows) mean += value(0, i, o) + value(1, i, o);
    mean /= 2.0 * static_cast<double>(rows.size());
    double variance = 0.0, v_first = 0.0, v_total = 0.0;
    // Centred outputs: the same estimators, with far less variance when the
    // output's mean is large against its spread (as SALib does).
    for (const std::size_t i : rows) {
      const double fa = value(0, i, o) - mean, fb = value(1, i, o) - mean,
                   fab = value(2 + f, i, o) - mean;
      variance += fa * fa + fb * fb;
      v_first += fb * (fab - fa);
      v_total += (fa - fab) * (fa - fab);
    }
    const double n = static_cast<double>(rows.size());
    variance /= 2.0 * n - 1.0;
    first = variance > 0.0 ? v_first / n / variance : 0.0;
    total = variance > 0.0 ? v_total / (2.0 * n) / variance : 0.0;
  };
  std::vector<std::size_t> all(N);
  std::iota(all.begin(), all.end(), 0);
  result.sobol.resize(O * k);
  for (std::size_t o = 0; o < O; ++o) {
    double mean = 0.0, squares = 0.0;
    for (std::size_t i = 0; i < N; ++i) mean += value(0, i, o) + value(1, i, o);
    mean /= 2.0 * static_cast<double>(N);
    for (std::size_t i = 0; i < N; ++i) {
      squares += (value(0, i, o) - mean) * (value(0, i, o) - mean) +
                 (value(1, i, o) - mean) * (value(1, i, o) - mean);
    }
    result.variance.push_back(squares / (2.0 * static_cast<double>(N) - 1.0));
    result.mean.push_back(mean);
    for (std::size_t f = 0; f < k; ++f)
      indices(all, o, f, result.sobol[o * k + f].first, result.sobol[o * k + f].total);
  }
  // Percentile bootstrap (Efron), resampling rows with a seeded stream.
  const int replicates = std::max(0, options.bootstrap);
  std::vector<std::vector<double>> firsts(O * k), totals(O * k);
  std::vector<std::size_t> rows(N);
  for (int r = 0; r < replicates; ++r) {
    const std::uint64_t key =
        auxiliary_key(options.seed, "sobol-bootstrap", static_cast<std::size_t>(r));
    for (std::size_t i = 0; i < N; ++i) {
      rows[i] = std::min<std::size_t>(
          N - 1, static_cast<std::size_t>(uniform_draw(key, i) * static_cast<double>(N)));
    }
    for (std::size_t o = 0; o < O; ++o) {
      for (std::size_t f = 0; f < k; ++f) {
        double first = 0.0, total = 0.0;
        indices(rows, o, f, first, total);
        firsts[o * k + f].push_back(first);
        totals[o * k + f].push_back(total);
      }
    }
  }
  const auto percentile = [](std::vector<double> values, double q) {
    if (values.empty()) return std::nan("");
    std::sort(values.begin(), values.end());
    return values[static_cast<std::size_t>(q * static_cast<double>(values.size() - 1))];
  };
  for (std::size_t i = 0; i < O * k; ++i) {
    result.sobol[i].first_low = percentile(firsts[i], 0.025);
    result.sobol[i].first_high = percentile(firsts[i], 0.975);
    result.sobol[i].total_low = percentile(totals[i], 0.025);
    result.sobol[i].total_high = percentile(totals[i], 0.975);
  }
  return result;
}

SensitivityResult morris_screening(const Model& model,
                                   const std::vector<SensitivityFactor>& factors,
                                   const std::vector<SensitivityOutput>& outputs,
                                   const SensitivityOptions& options) {
  const ParameterSet& parameter_set = model.parameters();
  const std::size_t P = parameter_set.size(), k = factors.size(), r = options.samples,
                    O = outputs.size();
  std::vector<Sampler> samplers;
  for (std::size_t p = 0; p < P; ++p) samplers.emplace_back(parameter_set[p].distribution);
  // Four levels {1/8, 3/8, 5/8, 7/8} of the unit interval, steps of Δ = 1/2
  // (p = 4, Δ = p / (2 (p − 1)) in level units, Morris 1991).
  constexpr double DELTA = 0.5;
  // Trajectories are made and run in chunks (memory: a chunk of the design,
  // not r × (k + 1) × P); each depends on its own stream only.
  const std::uint64_t runs = r * (k + 1);
  SensitivityResult result;
  for (const auto& factor : factors) result.factors.push_back(factor.name);
  for (const auto& output : outputs) result.outputs.push_back(output.name);
  result.runs = runs;
  std::vector<double> results(runs * O);
  std::vector<std::size_t> order(r * k);
  std::vector<double> design(std::min<std::size_t>(r, MORRIS_CHUNK_TRAJECTORIES) * (k + 1) * P);
  for (std::size_t first = 0; first < r; first += MORRIS_CHUNK_TRAJECTORIES) {
    if (options.cancelled && options.cancelled()) {
      result.cancelled = true;
      return result;
    }
    const std::size_t count = std::min<std::size_t>(MORRIS_CHUNK_TRAJECTORIES, r - first);
    for (std::size_t t = first; t < first + count; ++t) {
      const std::uint64_t key = auxiliary_key(options.seed, "morris", t);
      std::vector<double> unit(P);
      for (std::size_t p = 0; p < P; ++p) {
        unit[p] =
            uniform_draw(key, p) < 0.5 ? 0.125 : 0.375;  // the lower half: +Δ stays in the cube
      }
      std::vector<std::size_t> permutation(k);
      std::iota(permutation.begin(), permutation.end(), 0);
      for (std::size_t i = k; i > 1; --i) {  // Fisher–Yates
        const auto j = static_cast<std::size_t>(uniform_draw(key, P + i) * static_cast<double>(i));
        std::swap(permutation[i - 1], permutation[std::min(j, i - 1)]);
      }
      for (std::size_t s = 0; s <= k; ++s) {
        if (s > 0) {
          const std::size_t f = permutation[s - 1];
          order[t * k + s - 1] = f;
          for (const std::size_t p : factors[f].parameters) unit[p] += DELTA;
        }
        double* point = design.data() + (((t - first) * (k + 1)) + s) * P;
        std::copy_n(unit.data(), P, point);
        unit_to_values(parameter_set, samplers, point);
      }
    }
    const auto points = [&](std::uint64_t run, double* values) {
      std::copy_n(design.data() + run * P, P, values);
    };
    const auto chunk =
        evaluate_design(model, outputs, points, count * (k + 1), options.threads, options.block,
                        shifted_progress(options.progress, first * (k + 1), runs), options.cluster);
    std::copy(chunk.begin(), chunk.end(),
              results.begin() + static_cast<std::ptrdiff_t>(first * (k + 1) * O));
  }
  result.morris.resize(O * k);
  std::vector<std::vector<double>> effects(O * k);
  for (std::size_t t = 0; t < r; ++t) {
    for (std::size_t s = 0; s < k; ++s) {
      const std::size_t f = order[t * k + s];
      for (std::size_t o = 0; o < O; ++o) {
        const double before = results[(t * (k + 1) + s) * O + o];
        const double after = results[(t * (k + 1) + s + 1) * O + o];
        effects[o * k + f].push_back((after - before) / DELTA);
      }
    }
  }
  for (std::size_t i = 0; i < O * k; ++i) {
    const auto& values = effects[i];
    double mean = 0.0, absolute = 0.0;
    for (const double value : values) {
      mean += value;
      absolute += std::abs(value);
    }
    mean /= static_cast<double>(values.size());
    absolute /= static_cast<double>(values.size());
    double spread = 0.0;
    for (const double value : values) spread += (value - mean) * (value - mean);
    result.morris[i] = {
        absolute, mean,
        values.size() > 1 ? std::sqrt(spread / static_cast<double>(values.size() - 1)) : 0.0};
  }
  for (std::size_t o = 0; o < O; ++o) {
    double mean = 0.0;
    for (std::uint64_t run = 0; run < runs; ++run) mean += results[run * O + o];
    mean /= static_cast<double>(runs);
    double sum = 0.0;
    for (std::uint64_t run = 0; run < runs; ++run)
      sum += (results[run * O + o] - mean) * (results[run * O + o] - mean);
    result.variance.push_back(runs > 1 ? sum / static_cast<double>(runs - 1) : 0.0);
    result.mean.push_back(mean);
  }
  return result;
}

}  // namespace traj
