#include "results_file_size.hpp"

#include <cstdio>
#include <filesystem>
#include <system_error>

#include "byte_size.hpp"
#include "traj/error.hpp"

namespace traj::cli {

using namespace traj::territory;

ResultsFileSize results_file_size(const Plan& plan, const ChosenScenario& chosen,
                                  std::size_t trajectory_rows, const RunSettings& settings) {
  // HDF5's own structures (superblock, groups, object headers, dimension
  // scales, chunk indexes): 101 kB for tests/minimal.toml with one member.
  constexpr double HDF5_STRUCTURES = 128e3;
  const auto years = static_cast<double>(plan.year_count());
  double inputs = 0.0;
  for (const auto& input : chosen.inputs) inputs += static_cast<double>(input.text.size());
  // Every indicator's mean and deviation per year, quantiles of the headline ones.
  const double statistics = 8.0 * static_cast<double>(plan.catalogue.size()) * years *
                            (2.0 + static_cast<double>(settings.quantiles.size()));
  ResultsFileSize size;
  size.fixed = HDF5_STRUCTURES + inputs + statistics;
  size.per_member = 8.0 * (static_cast<double>(plan.scenario->parameters.size()) +
                           static_cast<double>(trajectory_rows) * years + 1.0) +
                    static_cast<double>(plan.scenario->objectives.size());
  return size;
}

void refuse_results_file_larger_than_disk(const Plan& plan, const ChosenScenario& chosen,
                                          std::size_t trajectory_rows, const RunSettings& settings,
                                          const std::string& temporary_path) {
  const ResultsFileSize size = results_file_size(plan, chosen, trajectory_rows, settings);
  const double estimate =
      size.fixed + size.per_member * static_cast<double>(settings.members_requested);
  std::error_code error;
  const auto directory = std::filesystem::absolute(temporary_path).parent_path();
  const auto space = std::filesystem::space(directory, error);
  if (!error && estimate > static_cast<double>(space.available)) {
    char message[1024];
    std::snprintf(
        message, sizeof message,
        "--output: this run would write up to %s (%s fixed, then %llu members × %.0f bytes, "
        "before compression) but %s has %s free; use fewer --members, --trajectories "
        "headline or a shorter list, or another directory",
        readable_size(estimate).c_str(), readable_size(size.fixed).c_str(),
        static_cast<unsigned long long>(settings.members_requested), size.per_member,
        directory.string().c_str(), readable_size(static_cast<double>(space.available)).c_str());
    throw InputError(message);
  }
}

}  // namespace traj::cli
