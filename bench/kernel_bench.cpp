// Cost of loading a scenario and of simulating one member (one trajectory
// from the base year to the horizon), the unit of work of every ensemble.
#include <benchmark/benchmark.h>

#include <vector>

#include "traj/source_provider.hpp"
#include "traj/territory/kernel.hpp"
#include "traj/territory/scenario_loader.hpp"

namespace {

using namespace traj::territory;

Scenario load(const std::string& name) {
  const traj::DiskSourceProvider disk;
  return load_scenario(std::string(TRAJ_SOURCE_DIR) + "/scenarios/" + name, disk);
}

void BM_LoadScenario(benchmark::State& state, const std::string& name) {
  for (auto _ : state) benchmark::DoNotOptimize(load(name));
}

void BM_SimulateMember(benchmark::State& state, const std::string& name,
                       const std::string& portfolio) {
  const Scenario scenario = load(name);
  const Plan plan = compile_plan(scenario, portfolio);
  Kernel kernel(plan);
  Trajectory trajectory;
  const auto parameters = scenario.parameters.central_values();
  for (auto _ : state) {
    kernel.run(parameters, trajectory);
    benchmark::DoNotOptimize(trajectory.values.data());
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["years"] = plan.year_count();
  state.counters["actions"] = static_cast<double>(plan.actions.size());
}

// A block of members in lanes (structure of arrays), per member.
void BM_SimulateBlock(benchmark::State& state, const std::string& name,
                      const std::string& portfolio) {
  const Scenario scenario = load(name);
  const Plan plan = compile_plan(scenario, portfolio);
  const auto lanes = static_cast<std::size_t>(state.range(0));
  Kernel kernel(plan, lanes);
  const auto central = scenario.parameters.central_values();
  std::vector<double> parameters(central.size() * lanes);
  for (std::size_t p = 0; p < central.size(); ++p) {
    for (std::size_t l = 0; l < lanes; ++l)
      parameters[p * lanes + l] =
          central[p] * (1.0 + 1e-3 * static_cast<double>(l) / static_cast<double>(lanes));
  }
  std::vector<double> out(static_cast<std::size_t>(plan.year_count()) * plan.catalogue.size() *
                          lanes);
  for (auto _ : state) {
    kernel.run_block(parameters.data(), lanes, out.data());
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<long>(lanes) * plan.year_count());
  state.counters["member_years"] = benchmark::Counter(
      static_cast<double>(state.iterations()) * static_cast<double>(lanes) * plan.year_count(),
      benchmark::Counter::kIsRate);
}

BENCHMARK_CAPTURE(BM_LoadScenario, brest, std::string("brest-metropole.toml"))
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_LoadScenario, orleans, std::string("orleans-assises.toml"))
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_SimulateMember, brest_plan, std::string("brest-metropole.toml"),
                  std::string("plan"))
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_SimulateMember, orleans_all, std::string("orleans-assises.toml"),
                  std::string("*"))
    ->Unit(benchmark::kMicrosecond);

BENCHMARK_CAPTURE(BM_SimulateBlock, brest_plan, std::string("brest-metropole.toml"),
                  std::string("plan"))
    ->Arg(16)
    ->Arg(64)
    ->Arg(256)
    ->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
