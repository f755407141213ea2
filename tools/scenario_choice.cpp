#include "scenario_choice.hpp"

#include <map>

#include "traj/source_provider.hpp"
#include "traj/territory/scenario_loader.hpp"

namespace traj::cli {

std::map<std::string, std::string> bundled_files();  // generated: bundled_files.cpp

territory::Scenario load_chosen_scenario(const std::string& path) {
  if (path.empty()) {
    const EmbeddedSourceProvider bundled(bundled_files());
    return territory::load_scenario(TRAJ_BUNDLED_SCENARIO, bundled);
  }
  const DiskSourceProvider disk;
  return territory::load_scenario(path, disk);
}

std::string chosen_scenario_name(const std::string& path) {
  return path.empty() ? std::string(TRAJ_BUNDLED_SCENARIO) : path;
}

}  // namespace traj::cli
