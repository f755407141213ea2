// The groups written member by member: `parameters` (each member's draws),
// `trajectories` (the chosen indicators, year by year) and `objectives`
// (whether each member meets each objective).

#include <algorithm>

#include "groups.hpp"
#include "scales.hpp"
#include "traj/territory/results_layout.hpp"

namespace traj::territory::results {

using namespace results_layout;
using hdf5::Dataset;
using hdf5::Group;
using hdf5::Type;

MemberGroups::MemberGroups(Group& root, const Plan& of)
    : plan(of),
      parameters_group(root.create_group(PARAMETERS)),
      trajectories_group(root.create_group(TRAJECTORIES)),
      objectives_group(root.create_group(OBJECTIVES)),
      parameter_members(member_scale(parameters_group)),
      parameter_values(parameters_group.create_growing(
          member_dataset::VALUES, Type::Float64, {plan.scenario->parameters.size()},
          {MEMBER_CHUNK, std::max<std::uint64_t>(1, plan.scenario->parameters.size())})),
      trajectory_members(member_scale(trajectories_group)),
      objective_members(member_scale(objectives_group)) {}

void MemberGroups::write_correlations(const ParameterSet& parameters) {
  // Only when the scenario states [[correlations]]: other files are unchanged.
  const auto& correlations = parameters.correlations();
  if (correlations.empty()) return;
  std::vector<std::string> pairs, firsts, seconds;
  std::vector<double> ranks;
  for (const auto& correlation : correlations) {
    firsts.push_back(parameters[correlation.first].name);
    seconds.push_back(parameters[correlation.second].name);
    pairs.push_back(firsts.back() + " ~ " + seconds.back());
    ranks.push_back(correlation.rank);
  }
  Dataset pair_names = name_scale(parameters_group, member_dataset::CORRELATION, pairs,
                                  "pair of rank-correlated parameters");
  Dataset first = parameters_group.create_strings(member_dataset::CORRELATION_FIRST, firsts);
  first.attach_scale(pair_names, 0);
  first.set_attribute("long_name", std::string("first parameter of each correlated pair"));
  Dataset second = parameters_group.create_strings(member_dataset::CORRELATION_SECOND, seconds);
  second.attach_scale(pair_names, 0);
  second.set_attribute("long_name", std::string("second parameter of each correlated pair"));
  Dataset rank = parameters_group.create(member_dataset::CORRELATION_RANK, Type::Float64,
                                         {static_cast<std::uint64_t>(ranks.size())});
  rank.write(ranks.data(), Type::Float64);
  rank.attach_scale(pair_names, 0);
  rank.set_attribute("units", std::string("1"));
  rank.set_attribute("long_name",
                     std::string("rank (Spearman) correlation of each pair, sampled with a "
                                 "Gaussian copula"));
}

void MemberGroups::define(const std::vector<std::size_t>& rows) {
  const Scenario& scenario = *plan.scenario;
  // Parameters: one column per uncertain number, by stable name.
  std::vector<std::string> names, units, distributions;
  for (const auto& parameter : scenario.parameters.all()) {
    names.push_back(parameter.name);
    units.push_back(parameter.unitless ? "1" : unit_of(parameter.dimension));
    distributions.push_back(parameter.distribution.describe());
  }
  Dataset parameter_names = name_scale(parameters_group, member_dataset::PARAMETER, names,
                                       "parameter (named, or the key path of the number)");
  Dataset parameter_units = parameters_group.create_strings(member_dataset::UNITS, units);
  parameter_units.attach_scale(parameter_names, 0);
  parameter_units.set_attribute("long_name", std::string("canonical unit of each parameter"));
  Dataset parameter_distributions =
      parameters_group.create_strings(member_dataset::DISTRIBUTION, distributions);
  parameter_distributions.attach_scale(parameter_names, 0);
  parameter_values.attach_scale(parameter_members, 0);
  parameter_values.attach_scale(parameter_names, 1);
  parameter_values.set_attribute(
      "long_name", std::string("sampled value of each parameter, in its canonical unit"));
  write_correlations(scenario.parameters);

  // Trajectories of the chosen indicators, member by member.
  Dataset trajectory_years = year_scale(trajectories_group, scenario);
  for (const std::size_t row : rows) {
    const auto& info = plan.catalogue[row];
    Dataset variable = trajectories_group.create_growing(
        info.id, Type::Float32, {static_cast<std::uint64_t>(plan.year_count())},
        {MEMBER_CHUNK, static_cast<std::uint64_t>(plan.year_count())});
    variable.attach_scale(trajectory_members, 0);
    variable.attach_scale(trajectory_years, 1);
    set_units(variable, info.dimension);
    set_long_name(variable, info.dimension, info.description + ", per member and year");
    trajectories.push_back(std::move(variable));
  }

  // Objectives: success of each member.
  std::vector<std::string> objective_ids;
  for (const auto& objective : scenario.objectives) objective_ids.push_back(objective.id);
  if (!objective_ids.empty()) {
    Dataset ids = name_scale(objectives_group, objective_dataset::ID, objective_ids,
                             "objective of the scenario");
    Dataset success = objectives_group.create_growing(member_dataset::SUCCESS, Type::UInt8,
                                                      {objective_ids.size()},
                                                      {MEMBER_CHUNK, objective_ids.size()});
    success.attach_scale(objective_members, 0);
    success.attach_scale(ids, 1);
    success.set_attribute("long_name", std::string("1 if the member meets the objective, else 0"));
    successes.push_back(std::move(success));
  }
}

void MemberGroups::append(const CompressedBatch& batch) {
  for (Dataset* scale : {&parameter_members, &trajectory_members, &objective_members})
    scale->append_compressed(batch.members);
  if (plan.scenario->parameters.size() > 0) {
    parameter_values.append_compressed(batch.parameters);
  } else {
    parameter_values.append_rows(batch.count, nullptr, Type::Float64);  // (member, 0): no values
  }
  for (std::size_t r = 0; r < trajectories.size(); ++r)
    trajectories[r].append_compressed(batch.trajectories[r]);
  for (std::size_t s = 0; s < successes.size(); ++s)
    successes[s].append_compressed(batch.successes[s]);
}

}  // namespace traj::territory::results
