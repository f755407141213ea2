#include "sensitivity_setup.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

#include "available_memory.hpp"
#include "indicator_choice.hpp"
#include "traj/error.hpp"
#include "traj/json_writer.hpp"
#include "what_if_options.hpp"

namespace traj::cli {

using namespace traj::territory;

namespace {

std::vector<SensitivityFactor> factors_of(const Scenario& scenario, const std::string& grouping) {
  if (grouping == "parameter") return single_factors(scenario.parameters);
  std::vector<SensitivityFactor> factors;
  std::map<std::string, std::size_t> by_action;
  for (std::size_t p = 0; p < scenario.parameters.size(); ++p) {
    const std::string& name = scenario.parameters[p].name;
    std::string group = name;
    if (!scenario.parameters[p].named && name.rfind("actions.", 0) == 0) {
      const auto dot = name.find('.', 8);
      group = name.substr(0, dot);
    }
    const auto found = by_action.find(group);
    if (found == by_action.end()) {
      by_action[group] = factors.size();
      factors.push_back({group, {p}, {}});
    } else {
      factors[found->second].parameters.push_back(p);
    }
  }
  return factors;
}

}  // namespace

std::vector<SensitivityFactor> sensitivity_factors(const Scenario& scenario,
                                                   const std::string& grouping) {
  // Correlated parameters move together (Sobol and Morris assume independence).
  return group_correlated_factors(factors_of(scenario, grouping), scenario.parameters);
}

SensitivityOutcomes sensitivity_outcomes(const Plan& plan, const TerritorialModel& model,
                                         const std::string& indicator, int year,
                                         Language language) {
  const Scenario& scenario = *plan.scenario;
  SensitivityOutcomes analysed;
  auto& [outputs, outcomes, titles] = analysed;
  if (!indicator.empty()) {
    outcomes.push_back({indicator, year, -1});
    const std::size_t row = indicator_row(plan, indicator, year);
    outputs.push_back({indicator + " " + std::to_string(year),
                       false,
                       row,
                       static_cast<std::size_t>(year - scenario.base_year),
                       {}});
    titles.push_back(outputs.back().name);
  } else {
    const auto specs = model.objective_specs();
    for (std::size_t o = 0; o < specs.size(); ++o) {
      const Objective& objective = scenario.objectives[o];
      outputs.push_back({objective.indicator + " " + std::to_string(objective.year),
                         false,
                         specs[o].row,
                         specs[o].year_index,
                         {}});
      titles.push_back(outputs.back().name);
      outputs.push_back({"success of " + objective.id, true, 0, 0, specs[o]});
      titles.push_back(say("success_of", language, {objective.id}));
      outcomes.push_back({objective.indicator, objective.year, -1});
      outcomes.push_back({objective.indicator, objective.year, static_cast<int>(o)});
    }
  }
  if (outputs.empty()) {
    throw InputError(
        "sensitivity: expected --indicator and --year (the scenario has no objectives), found "
        "neither");
  }
  return analysed;
}

void refuse_what_memory_cannot_hold(const std::string& method, std::size_t parameters,
                                    std::size_t factors, std::size_t outputs,
                                    const SensitivityOptions& settings, const char* ways_out) {
  const SensitivityMemory memory =
      method == "sobol"
          ? sobol_memory(parameters, factors, outputs, settings.samples, settings.bootstrap)
          : morris_memory(parameters, factors, outputs, settings.samples);
  const auto available = available_memory_bytes();
  if (!available || memory.bytes <= *available) return;
  const std::uint64_t fixed = memory.bytes - memory.bytes_per_sample * settings.samples;
  const std::uint64_t most =
      *available > fixed
          ? (*available - fixed) / std::max<std::uint64_t>(1, memory.bytes_per_sample)
          : 0;
  char message[640];
  std::snprintf(
      message, sizeof message,
      "--samples: %llu would hold about %.1f GB in memory (%llu bytes per sample: the "
      "outputs of its %zu model runs) but %.1f GB are available; use --samples %llu or "
      "fewer, %s",
      static_cast<unsigned long long>(settings.samples), static_cast<double>(memory.bytes) / 1e9,
      static_cast<unsigned long long>(memory.bytes_per_sample),
      method == "sobol" ? factors + 2 : factors + 1, static_cast<double>(*available) / 1e9,
      static_cast<unsigned long long>(most), ways_out);
  throw InputError(message);
}

void print_sensitivity_json(const std::string& method, const territory::ScenarioEdits& edits,
                            const std::vector<SensitivityOutput>& outputs,
                            const std::vector<SensitivityFactor>& factors,
                            const SensitivityResult& result, std::ostream& out) {
  const std::size_t K = result.factors.size();
  JsonWriter json(out);
  json.begin_object();
  json.key("method").value(method);
  write_edits_json(json, edits);
  if (std::any_of(factors.begin(), factors.end(),
                  [](const auto& f) { return !f.merged.empty(); })) {
    // Only with correlations: the documents of independent parameters are unchanged.
    json.key("correlated_factors").begin_array();
    for (const auto& factor : factors) {
      if (factor.merged.empty()) continue;
      json.begin_object();
      json.key("factor").value(factor.name);
      json.key("merged").begin_array();
      for (const auto& name : factor.merged) json.value(name);
      json.end_array();
      json.end_object();
    }
    json.end_array();
  }
  json.key("runs").value(static_cast<long long>(result.runs));
  json.key("outputs").begin_array();
  for (std::size_t o = 0; o < outputs.size(); ++o) {
    json.begin_object();
    json.key("output").value(outputs[o].name);
    json.key("variance").value(result.variance[o]);
    json.key("factors").begin_array();
    for (std::size_t f = 0; f < K; ++f) {
      json.begin_object();
      json.key("factor").value(result.factors[f]);
      if (method == "sobol") {
        const SobolIndex& index = result.sobol[o * K + f];
        json.key("first_order").value(index.first);
        json.key("first_order_ci")
            .begin_array()
            .value(index.first_low)
            .value(index.first_high)
            .end_array();
        json.key("total").value(index.total);
        json.key("total_ci")
            .begin_array()
            .value(index.total_low)
            .value(index.total_high)
            .end_array();
      } else {
        const MorrisIndex& index = result.morris[o * K + f];
        json.key("mu_star").value(index.mu_star);
        json.key("mu").value(index.mu);
        json.key("sigma").value(index.sigma);
      }
      json.end_object();
    }
    json.end_array();
    json.end_object();
  }
  json.end_array();
  json.end_object();
}

}  // namespace traj::cli
