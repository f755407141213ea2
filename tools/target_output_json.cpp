#include "target_output_json.hpp"

#include "distance_output.hpp"
#include "traj/json_writer.hpp"
#include "what_if_options.hpp"
#include "what_it_takes_output.hpp"

namespace traj::cli {

using namespace traj::territory;

void print_commitment_json(const std::string& portfolio, const ScenarioEdits& edits,
                           const std::string& indicator, int year, double confidence,
                           const Commitment& result, std::ostream& out) {
  JsonWriter json(out);
  json.begin_object();
  json.key("portfolio").value(portfolio.empty() ? "baseline" : portfolio);
  write_edits_json(json, edits);
  json.key("indicator").value(indicator);
  json.key("year").value(year);
  json.key("confidence").value(confidence);
  json.key("direction").value(result.higher_is_better ? ">=" : "<=");
  json.key("value").value(result.value);
  json.key("ci_low").value(result.ci_low);
  json.key("ci_high").value(result.ci_high);
  json.key("members").value(static_cast<long long>(result.members));
  json.end_object();
}

void print_objective_target_json(const std::string& portfolio, const ScenarioEdits& edits,
                                 const Objective& target, double confidence,
                                 const WhatItTakes& takes, const ObjectiveDistance& distance,
                                 const Plan& plan, std::ostream& out) {
  const RequiredScale& result = takes.uniform.search;
  JsonWriter json(out);
  json.begin_object();
  json.key("portfolio").value(portfolio.empty() ? "baseline" : portfolio);
  write_edits_json(json, edits);
  json.key("objective").value(target.id);
  json.key("confidence").value(confidence);
  json.key("reachable").value(result.reachable);
  json.key("scale").value(result.scale);
  json.key("probability").value(result.probability.probability);
  json.key("ci_low").value(result.probability.ci_low);
  json.key("ci_high").value(result.probability.ci_high);
  json.key("probability_as_planned").value(result.at_planned.probability);
  write_distance_json(json, distance);
  json.key("full_adoption_scale").value(result.full_adoption_scale);
  json.key("evaluations").value(result.evaluations);
  write_what_it_takes_json(json, takes, plan);
  json.end_object();
}

}  // namespace traj::cli
