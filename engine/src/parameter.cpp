#include "traj/parameter.hpp"

namespace traj {

int ParameterSet::add(Parameter parameter) {
  parameters_.push_back(std::move(parameter));
  return static_cast<int>(parameters_.size()) - 1;
}

int ParameterSet::find(std::string_view name) const {
  for (std::size_t i = 0; i < parameters_.size(); ++i) {
    if (parameters_[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

std::vector<std::string> ParameterSet::names(bool named_only) const {
  std::vector<std::string> result;
  for (const auto& parameter : parameters_) {
    if (!named_only || parameter.named) result.push_back(parameter.name);
  }
  return result;
}

std::vector<double> ParameterSet::central_values() const {
  std::vector<double> values;
  values.reserve(parameters_.size());
  for (const auto& parameter : parameters_) values.push_back(parameter.distribution.central());
  return values;
}

}  // namespace traj
