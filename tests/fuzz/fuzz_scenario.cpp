// libFuzzer target: a scenario file as a planner might hand-edit it, through
// loading, validation, plan compilation and one run at the central values.
// An InputError is the expected answer to bad input; anything else (another
// exception, a crash, a sanitizer report, a hang) is a bug.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

#include "traj/error.hpp"
#include "traj/source_provider.hpp"
#include "traj/territory/kernel.hpp"
#include "traj/territory/objectives.hpp"
#include "traj/territory/plan.hpp"
#include "traj/territory/scenario_loader.hpp"

#ifndef TRAJ_SOURCE_DIR
#error "TRAJ_SOURCE_DIR must point at the source tree (for the shared emission factors)"
#endif

namespace {

// The shared factor file that real scenarios include, so that an include of
// it resolves as it does on disk.
std::string shared_factors() {
  static const std::string text = [] {
    const auto read = traj::DiskSourceProvider().read(
        std::string(TRAJ_SOURCE_DIR) + "/scenarios/shared/france-emission-factors.toml");
    return read.value_or(std::string());
  }();
  return text;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace traj::territory;
  std::map<std::string, std::string> files;
  files["scenarios/fuzz.toml"].assign(reinterpret_cast<const char*>(data), size);
  files["scenarios/shared/france-emission-factors.toml"] = shared_factors();
  const traj::EmbeddedSourceProvider sources(std::move(files));
  try {
    const Scenario scenario = load_scenario("scenarios/fuzz.toml", sources);
    std::vector<std::string> portfolios = {""};  // the baseline
    for (const auto& portfolio : scenario.portfolios) portfolios.push_back(portfolio.id);
    if (portfolios.size() > 3) portfolios.resize(3);
    const auto parameters = scenario.parameters.central_values();
    for (const auto& portfolio : portfolios) {
      const Plan plan = compile_plan(scenario, portfolio);
      Kernel kernel(plan);
      Trajectory trajectory;
      kernel.run(parameters, trajectory);
      (void)evaluate_objectives(plan, trajectory);
    }
  } catch (const traj::InputError&) {
    // The expected answer to bad input.
  }
  return 0;
}
