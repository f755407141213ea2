#include "traj/territory/discovery.hpp"

#include <algorithm>
#include <stdexcept>

#include "traj/territory/comparison.hpp"

namespace traj::territory {
namespace {

/// The action an anonymous parameter belongs to ("actions.<id>.…"), or "".
std::string owning_action(const std::string& name) {
  const std::string prefix = "actions.";
  if (name.compare(0, prefix.size(), prefix) != 0) return "";
  const std::size_t end = name.find('.', prefix.size());
  return name.substr(prefix.size(),
                     end == std::string::npos ? std::string::npos : end - prefix.size());
}

/// The draws of `parameters`, [factor × members + member]: the run's own
/// (they depend only on seed, name and member).
std::vector<double> parameter_draws(const ParameterSet& all, const std::vector<std::size_t>& chosen,
                                    std::uint64_t seed, std::uint64_t members) {
  std::vector<double> draws(chosen.size() * members);
  const ParameterSampler sampler(all, seed);
  constexpr std::size_t CHUNK = 4096;
  std::vector<double> chunk(all.size() * CHUNK);
  for (std::uint64_t first = 0; first < members; first += CHUNK) {
    const auto lanes = static_cast<std::size_t>(std::min<std::uint64_t>(CHUNK, members - first));
    sampler.fill(first, lanes, chunk.data());
    for (std::size_t f = 0; f < chosen.size(); ++f) {
      std::copy_n(chunk.begin() + static_cast<std::ptrdiff_t>(chosen[f] * lanes), lanes,
                  draws.begin() + static_cast<std::ptrdiff_t>(f * members + first));
    }
  }
  return draws;
}

/// Refuses an objective that every member meets, or none: no contrast, no box.
void check_contrast(const Discovery& discovery, const std::string& who) {
  const std::string members = std::to_string(discovery.members);
  if (discovery.successes == discovery.members) {
    throw InputError("--objective " + discovery.objective + ": every one of the " + members +
                     " members meets it " + who +
                     ": there is nothing to discover (no member misses it to compare with)");
  }
  if (discovery.successes == 0) {
    throw InputError("--objective " + discovery.objective + ": none of the " + members +
                     " members meets it " + who +
                     ": there is nothing to discover (no member meets it to compare with)");
  }
}

}  // namespace

const char* target_name(DiscoveryTarget target) {
  return target == DiscoveryTarget::Failure ? "failure" : "success";
}

std::vector<std::size_t> discovery_parameters(const Plan& plan) {
  const Scenario& scenario = *plan.scenario;
  std::vector<std::string> planned;
  for (const PlannedAction& action : plan.actions)
    planned.push_back(scenario.actions[static_cast<std::size_t>(action.action)].id);
  std::vector<std::size_t> chosen;
  for (std::size_t p = 0; p < scenario.parameters.size(); ++p) {
    const Parameter& parameter = scenario.parameters[p];
    if (parameter.distribution.is_fixed()) continue;  // not uncertain: cannot explain anything
    const std::string action = owning_action(parameter.name);
    // An action the plan does not run: its numbers are drawn but never used.
    if (!action.empty() && std::find(planned.begin(), planned.end(), action) == planned.end())
      continue;
    chosen.push_back(p);
  }
  return chosen;
}

Discovery discover(const Plan& plan, const EnsembleOptions& options,
                   const DiscoveryOptions& settings) {
  const Scenario& scenario = *plan.scenario;
  if (settings.objective >= scenario.objectives.size())
    throw std::out_of_range("discover: no objective " + std::to_string(settings.objective));
  check_prim_options(settings.prim);
  Discovery discovery;
  discovery.objective = scenario.objectives[settings.objective].id;
  discovery.target = settings.target;
  discovery.seed = options.seed;
  discovery.parameters = discovery_parameters(plan);
  const std::string who =
      plan.portfolio.empty() ? "without any action" : "with portfolio " + plan.portfolio;
  if (discovery.parameters.empty()) {
    throw InputError("discover: the scenario has no uncertain parameter " + who +
                     ": every member is the same, there is nothing to discover");
  }

  MemberOutcomes outcomes;
  const EnsembleResult result = run_recording(plan, {}, options, &outcomes);
  discovery.members = result.members;
  discovery.cancelled = result.cancelled;
  discovery.invalid_members = result.invalid_members;
  discovery.invalid_examples = result.invalid_examples;
  if (result.cancelled || result.invalid_members > 0) return discovery;

  std::vector<std::uint8_t>& met = outcomes.successes[settings.objective];
  discovery.successes = result.objectives[settings.objective].successes;
  check_contrast(discovery, who);
  if (settings.target == DiscoveryTarget::Failure) {
    for (auto& outcome : met) outcome = outcome != 0 ? 0 : 1;
  }
  const auto members = static_cast<std::size_t>(result.members);
  const std::vector<double> draws =
      parameter_draws(scenario.parameters, discovery.parameters, options.seed, result.members);
  PrimOptions prim_options = settings.prim;
  prim_options.threads = options.threads;  // as many as the run's
  discovery.prim = prim({members, discovery.parameters.size(), draws, met}, prim_options);
  return discovery;
}

}  // namespace traj::territory
