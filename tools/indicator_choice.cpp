#include "indicator_choice.hpp"

#include "traj/error.hpp"
#include "traj/string_distance.hpp"

namespace traj::cli {

std::size_t indicator_row(const territory::Plan& plan, const std::string& indicator, int year) {
  const int row = plan.catalogue.find(indicator);
  if (row < 0) {
    throw InputError("--indicator: expected an indicator of the model, found \"" + indicator +
                     "\"" + did_you_mean(indicator, plan.catalogue.ids()));
  }
  const auto& scenario = *plan.scenario;
  if (year < scenario.base_year || year > scenario.horizon) {
    throw InputError("--year: expected a year in [" + std::to_string(scenario.base_year) + ", " +
                     std::to_string(scenario.horizon) + "], found " + std::to_string(year));
  }
  return static_cast<std::size_t>(row);
}

}  // namespace traj::cli
