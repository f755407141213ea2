#pragma once
/// Uncertain numbers: named parameters and the quantities that use them.

#include <span>
#include <string>
#include <vector>

#include "traj/correlation.hpp"
#include "traj/distribution.hpp"
#include "traj/error.hpp"
#include "traj/units.hpp"

namespace traj {

/// One uncertain input, sampled once per member. Named parameters come from a
/// scenario's `[parameters]` table and may be shared by several numbers; every
/// other distribution becomes an anonymous parameter named by its key path,
/// so that its random stream is keyed by a stable name.
struct Parameter {
  std::string name;
  Distribution distribution;  ///< canonical units
  Dimension dimension = Dimension::Ratio;
  bool unitless = true;  ///< declared without a unit (then `dimension` is only a guess)
  SourceLocation where;
  std::string source;  ///< bibliographic source, free text
  bool named = false;
};

/// A number of a model: a constant, or a parameter's value times a scale.
struct Quantity {
  double constant = 0.0;
  int parameter = -1;  ///< index in the ParameterSet, -1 for a constant
  double scale = 1.0;

  static Quantity fixed(double value) { return {value, -1, 1.0}; }
  bool is_constant() const { return parameter < 0; }
  /// The value for one member, given every parameter's value for that member.
  double value(std::span<const double> parameter_values) const {
    return parameter < 0 ? constant : parameter_values[static_cast<std::size_t>(parameter)] * scale;
  }
};

/// Every parameter of a model, in a fixed order (the order of declaration).
class ParameterSet {
 public:
  /// Adds a parameter and returns its index.
  int add(Parameter parameter);
  /// Gives parameter `index` another name, hence another random stream
  /// (a parameter drawn per territory takes its first territory's name).
  void rename(std::size_t index, std::string name) { parameters_[index].name = std::move(name); }
  /// Index of the parameter called `name`, -1 if none.
  int find(std::string_view name) const;
  const std::vector<Parameter>& all() const { return parameters_; }
  std::size_t size() const { return parameters_.size(); }
  const Parameter& operator[](std::size_t index) const { return parameters_[index]; }
  std::vector<std::string> names(bool named_only) const;
  /// Every parameter at its central value (the median, see Distribution).
  std::vector<double> central_values() const;

  /// Sets the rank correlations between parameters and prepares their
  /// groups; throws InputError naming the smallest eigenvalue and the pair
  /// most responsible when a group's copula matrix is not positive
  /// semi-definite (the scenario loader checks first, with locations).
  void set_correlations(std::vector<RankCorrelation> correlations);
  const std::vector<RankCorrelation>& correlations() const { return correlations_; }
  /// The connected components of the correlations, ready for sampling.
  const std::vector<CorrelationGroup>& correlation_groups() const { return groups_; }
  /// The group holding `parameter`, null when it is independent.
  const CorrelationGroup* group_of(std::size_t parameter) const;

 private:
  std::vector<Parameter> parameters_;
  std::vector<RankCorrelation> correlations_;
  std::vector<CorrelationGroup> groups_;
};

}  // namespace traj
