#pragma once
// Helpers shared by the tests: in-memory scenarios and repository paths.

#include <map>
#include <string>

#include "traj/source_provider.hpp"
#include "traj/territory/kernel.hpp"
#include "traj/territory/scenario_loader.hpp"

namespace traj::testing {

inline std::string source_path(const std::string& relative) {
  return std::string(TRAJ_SOURCE_DIR) + "/" + relative;
}

/// Loads a scenario from text (as file "memory/scenario.toml"), with extra
/// in-memory files for includes.
inline territory::Scenario scenario_from_text(const std::string& text,
                                              std::map<std::string, std::string> files = {}) {
  files["memory/scenario.toml"] = text;
  const EmbeddedSourceProvider sources(std::move(files));
  return territory::load_scenario("memory/scenario.toml", sources);
}

inline territory::Scenario scenario_from_file(const std::string& relative) {
  const DiskSourceProvider disk;
  return territory::load_scenario(source_path(relative), disk);
}

/// Runs a plan with every parameter at its median.
inline territory::Trajectory run_central(const territory::Plan& plan,
                                         territory::EnergyBalances* balances = nullptr) {
  territory::Kernel kernel(plan);
  territory::Trajectory trajectory;
  kernel.run(plan.scenario->parameters.central_values(), trajectory, balances);
  return trajectory;
}

inline double value(const territory::Plan& plan, const territory::Trajectory& trajectory,
                    const std::string& indicator, int year) {
  const int row = plan.catalogue.find(indicator);
  if (row < 0) throw std::runtime_error("unknown indicator " + indicator);
  return trajectory.at(row, year);
}

}  // namespace traj::testing
