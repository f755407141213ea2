#include "traj/territory/discovery_file.hpp"

#include <cmath>
#include <limits>

#include "provenance.hpp"
#include "scales.hpp"
#include "traj/hdf5_file.hpp"
#include "traj/territory/report.hpp"
#include "traj/territory/results_layout.hpp"
#include "variables.hpp"

namespace traj::territory {

using namespace results_layout;
namespace {

using hdf5::Dataset;
using hdf5::Group;
using hdf5::Type;

using results::index_scale;
using results::write_integers;
using results::write_texts;

/// A share of members (`units = "1"`, shown as a percentage as traj's text
/// shows it): the box's coverage, density, mass.
void shares(Group& group, const std::string& name, const std::vector<double>& values,
            const Dataset& dim, const std::string& long_name) {
  Dataset variable = results::write_numbers(group, name, values, {&dim}, long_name, "1");
  variable.set_attribute("display_units", std::string("%"));
}

/// Bounds in each parameter's own unit: no `units` attribute (the
/// dataset `units` gives each parameter's).
void bounds(Group& group, const std::string& name, const std::vector<double>& values,
            const std::vector<const Dataset*>& dims, const std::string& long_name) {
  results::write_numbers(group, name, values, dims, long_name);
}

void write_root(Group& root, const Plan& plan, const Discovery& discovery,
                const DiscoverySettings& settings) {
  const Scenario& scenario = *plan.scenario;
  results::write_provenance(root,
                            {DISCOVERY_FILETYPE, DISCOVERY_FORMAT_VERSION,
                             std::string("Trajectoires scenario discovery: ") + scenario.name,
                             settings.traj_version, settings.git_hash, settings.command_line},
                            scenario);
  results::write_portfolio_attributes(root, scenario, settings.scenario_path, plan.portfolio);
  root.set_attribute(run_attribute::SEED, static_cast<std::int64_t>(discovery.seed));
  root.set_attribute(run_attribute::MEMBERS_REQUESTED,
                     static_cast<std::int64_t>(settings.members_requested));
  root.set_attribute(run_attribute::MEMBERS, static_cast<std::int64_t>(discovery.members));
  root.set_attribute(run_attribute::THREADS, static_cast<std::int64_t>(settings.threads));
}

void write_settings(Group& group, const Discovery& discovery, const PrimOptions& prim) {
  group.set_attribute("method", std::string("PRIM"));
  group.set_attribute("objective", discovery.objective);
  group.set_attribute("target", std::string(target_name(discovery.target)));
  group.set_attribute("objective_met", static_cast<std::int64_t>(discovery.successes));
  group.set_attribute("of_interest", static_cast<std::int64_t>(discovery.prim.of_interest));
  group.set_attribute("peel_alpha", prim.peel_alpha);
  group.set_attribute("paste_alpha", prim.paste_alpha);
  group.set_attribute("minimum_mass", prim.minimum_mass);
  group.set_attribute("minimum_coverage", prim.minimum_coverage);
  group.set_attribute("chosen_box", static_cast<std::int64_t>(discovery.prim.chosen));
  group.set_attribute("pastes", static_cast<std::int64_t>(discovery.prim.pastes));
  const PrimBox& box = discovery.prim.box;
  group.set_attribute("chosen_members", static_cast<std::int64_t>(box.members));
  group.set_attribute("chosen_of_interest", static_cast<std::int64_t>(box.of_interest));
  group.set_attribute("chosen_coverage", box.coverage);
  group.set_attribute("chosen_density", box.density);
  group.set_attribute("chosen_mass", box.mass);
}

/// The peeling trajectory: per box its shares and its bounds on every
/// parameter (±∞ on an open side).
void write_trajectory(Group& group, const Dataset& parameter, const Discovery& discovery) {
  const auto& trajectory = discovery.prim.trajectory;
  const Dataset box = index_scale(group, "box", trajectory.size(),
                                  "box of the peeling trajectory (0: every member)");
  std::vector<double> coverage, density, mass, lower, upper;
  std::vector<std::int64_t> members, of_interest;
  for (const PrimBox& one : trajectory) {
    coverage.push_back(one.coverage);
    density.push_back(one.density);
    mass.push_back(one.mass);
    members.push_back(static_cast<std::int64_t>(one.members));
    of_interest.push_back(static_cast<std::int64_t>(one.of_interest));
    lower.insert(lower.end(), one.lower.begin(), one.lower.end());
    upper.insert(upper.end(), one.upper.begin(), one.upper.end());
  }
  shares(group, "coverage", coverage, box, "share of every member of interest that the box holds");
  shares(group, "density", density, box, "share of the box's members that are of interest");
  shares(group, "mass", mass, box, "share of every member that the box holds");
  write_integers(group, "members", members, box, "members inside the box");
  write_integers(group, "of_interest", of_interest, box, "members inside the box and of interest");
  bounds(group, "lower", lower, {&box, &parameter},
         "lower bound of the box on each parameter, in its unit (variable units); -inf: open");
  bounds(group, "upper", upper, {&box, &parameter},
         "upper bound of the box on each parameter, in its unit (variable units); +inf: open");
}

/// The chosen box's restrictions, most important first, and what lifting
/// each would do.
void write_restrictions(Group& group, const Scenario& scenario, const Discovery& discovery) {
  const auto& restrictions = discovery.prim.restrictions;
  const Dataset restriction =
      index_scale(group, "restriction", restrictions.size(),
                  "restriction of the chosen box, the largest density drop first");
  std::vector<std::string> names;
  std::vector<double> columns[7];
  for (const PrimRestriction& one : restrictions) {
    names.push_back(scenario.parameters[discovery.parameters[one.factor]].name);
    const double values[7] = {
        one.lower,        one.upper,        one.density_without, one.coverage_without,
        one.mass_without, one.density_drop, one.quasi_p};
    for (int c = 0; c < 7; ++c) columns[c].push_back(values[c]);
  }
  write_texts(group, "restricted_parameter", names, restriction,
              "parameter the chosen box restricts");
  bounds(group, "restriction_lower", columns[0], {&restriction},
         "the chosen box's lower bound, in the parameter's unit (variable units); -inf: open");
  bounds(group, "restriction_upper", columns[1], {&restriction},
         "the chosen box's upper bound, in the parameter's unit (variable units); +inf: open");
  shares(group, "density_without", columns[2], restriction,
         "density of the chosen box with this restriction lifted");
  shares(group, "coverage_without", columns[3], restriction,
         "coverage of the chosen box with this restriction lifted");
  shares(group, "mass_without", columns[4], restriction,
         "mass of the chosen box with this restriction lifted");
  shares(group, "density_drop", columns[5], restriction,
         "density of the chosen box minus density without this restriction");
  // A probability, shown as a number (0.003), not a share.
  results::write_numbers(
      group, "quasi_p", columns[6], {&restriction},
      "one-sided binomial quasi-p-value of the restriction (above 0.05: may be chance)", "1");
}

}  // namespace

void write_discovery(const std::string& path, const Plan& plan, const Discovery& discovery,
                     const std::vector<InputFile>& inputs, const DiscoverySettings& settings) {
  const Scenario& scenario = *plan.scenario;
  hdf5::File file = hdf5::File::create(path);
  Group& root = file.root();
  write_root(root, plan, discovery, settings);
  Group stored = write_inputs(root, inputs, settings.edits);
  stored.set_attribute(input_file::MAIN, settings.scenario_path);
  Group group = root.create_group("discovery");
  write_settings(group, discovery, settings.prim);
  std::vector<std::string> names, english, french, units;
  for (const std::size_t p : discovery.parameters) {
    const Parameter& parameter = scenario.parameters[p];
    names.push_back(parameter.name);
    english.push_back(sensitivity_factor_name(scenario, parameter.name, ReportLanguage::English));
    french.push_back(sensitivity_factor_name(scenario, parameter.name, ReportLanguage::French));
    units.push_back(results::unit_of(parameter.dimension));
  }
  const Dataset parameter = results::name_scale(
      group, member_dataset::PARAMETER, names,
      "uncertain parameter PRIM considered (named, or the key path of the number)");
  write_texts(group, "parameter_name", english, parameter, "the parameter in words");
  write_texts(group, "parameter_name_fr", french, parameter, "the parameter in words, in French");
  write_texts(group, member_dataset::UNITS, units, parameter, "canonical unit of each parameter");
  write_trajectory(group, parameter, discovery);
  write_restrictions(group, scenario, discovery);
  file.close();
}

}  // namespace traj::territory
