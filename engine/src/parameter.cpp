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

void ParameterSet::set_correlations(std::vector<RankCorrelation> correlations) {
  std::vector<CorrelationGroup> groups;
  for (const auto& component : correlation_components(parameters_.size(), correlations)) {
    if (const auto defect = check_semidefinite(component, correlations)) {
      const RankCorrelation& pair = correlations[defect->pair];
      throw InputError(
          std::string("the correlations are not positive semi-definite: smallest eigenvalue ") +
          std::to_string(defect->smallest_eigenvalue) + ", the pair most responsible " +
          parameters_[pair.first].name + " and " + parameters_[pair.second].name);
    }
    groups.emplace_back(component, correlations);
  }
  correlations_ = std::move(correlations);
  groups_ = std::move(groups);
}

const CorrelationGroup* ParameterSet::group_of(std::size_t parameter) const {
  for (const auto& group : groups_) {
    if (group.contains(parameter)) return &group;
  }
  return nullptr;
}

}  // namespace traj
