// Whole ensembles (sampling, kernel, statistics), as `traj run` does them.
#include <benchmark/benchmark.h>

#include <vector>

#include "traj/ensemble.hpp"
#include "traj/source_provider.hpp"
#include "traj/territory/scenario_loader.hpp"
#include "traj/territory/territorial_model.hpp"

namespace {

using namespace traj::territory;

void BM_Ensemble(benchmark::State& state, const std::string& name, const std::string& portfolio) {
  const traj::DiskSourceProvider disk;
  const Scenario scenario =
      load_scenario(std::string(TRAJ_SOURCE_DIR) + "/scenarios/" + name, disk);
  const Plan plan = compile_plan(scenario, portfolio);
  const TerritorialModel model(plan);
  traj::EnsembleOptions options;
  options.members = static_cast<std::uint64_t>(state.range(0));
  options.threads = static_cast<int>(state.range(1));
  options.quantile_rows = model.headline_rows();
  const auto objectives = model.objective_specs();
  for (auto _ : state) benchmark::DoNotOptimize(traj::run_ensemble(model, objectives, options));
  const double member_years = static_cast<double>(options.members) * plan.year_count();
  state.counters["member_years_per_s"] = benchmark::Counter(
      member_years * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

void BM_SampleParameters(benchmark::State& state, const std::string& name) {
  const traj::DiskSourceProvider disk;
  const Scenario scenario =
      load_scenario(std::string(TRAJ_SOURCE_DIR) + "/scenarios/" + name, disk);
  const std::size_t lanes = 64;
  std::vector<double> values(scenario.parameters.size() * lanes);
  std::uint64_t first = 0;
  const traj::ParameterSampler sampler(scenario.parameters, 1);
  for (auto _ : state) {
    sampler.fill(first, lanes, values.data());
    first += lanes;
    benchmark::DoNotOptimize(values.data());
  }
  state.counters["draws_per_s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * lanes * scenario.parameters.size()),
      benchmark::Counter::kIsRate);
}

BENCHMARK_CAPTURE(BM_Ensemble, brest_plan, std::string("brest-metropole.toml"), std::string("plan"))
    ->Args({10000, 1})
    ->Args({10000, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_Ensemble, large_all, std::string("bench/metropole-large.toml"),
                  std::string("all"))
    ->Args({20000, 1})
    ->Args({20000, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_SampleParameters, brest, std::string("brest-metropole.toml"))
    ->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
