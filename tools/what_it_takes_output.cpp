#include "what_it_takes_output.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>

#include "traj/territory/scenario_text.hpp"

namespace traj::cli {

using namespace traj::territory;

namespace {

std::string percent(double share, Language language) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f %%", 100.0 * share);
  return decimal(buffer, language);
}

std::string likely(const ProportionEstimate& estimate, Language language) {
  const std::string high = percent(estimate.ci_high, language);
  std::string low = percent(estimate.ci_low, language);
  low.resize(low.size() - 2);  // "12.3 %" → "12.3", as "(12.3–14.0 %)"
  return say("wit_likely", language, {percent(estimate.probability, language), low, high});
}

std::string money(double value) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%+.0f M€", value == 0.0 ? 0.0 : value);
  return buffer;
}

std::string value_of(double value, Dimension dimension, Language language) {
  if (dimension == Dimension::Fraction) return percent(value, language);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.4g %s", value,
                std::string(canonical_symbol(dimension)).c_str());
  return decimal(buffer, language);
}

const std::string& action_id(const Plan& plan, std::size_t slot) {
  return plan.scenario->actions[static_cast<std::size_t>(plan.actions[slot].action)].id;
}

std::string change_text(const ActionChange& change, Language language) {
  std::string text =
      change.ceiling == change.planned_ceiling
          ? say("wit_ceiling_kept", language, {percent(change.ceiling, language)})
          : say("wit_ceiling", language,
                {percent(change.planned_ceiling, language), percent(change.ceiling, language)});
  if (change.years_earlier > 0) {
    text += ", ";
    text += say(change.years_earlier == 1 ? "wit_year_earlier" : "wit_years_earlier", language,
                {std::to_string(change.years_earlier)});
  }
  return text;
}

void write_evaluation(JsonWriter& json, const PlanEvaluation& at, double extra_cost) {
  json.key("probability").value(at.probability.probability);
  json.key("ci_low").value(at.probability.ci_low);
  json.key("ci_high").value(at.probability.ci_high);
  json.key("committed").value(at.committed);
  json.key("shortfall").value(at.shortfall);
  json.key("cost").value(at.cost);
  json.key("extra_cost").value(extra_cost);
}

void write_change(JsonWriter& json, const ActionChange& change, const Plan& plan) {
  json.key("action").value(action_id(plan, change.slot));
  json.key("ceiling_planned").value(change.planned_ceiling);
  json.key("ceiling").value(change.ceiling);
  json.key("ceiling_scale").value(change.ceiling_scale);
  json.key("years_earlier").value(change.years_earlier);
}

}  // namespace

std::vector<std::string> action_labels(const Plan& plan, Language language) {
  std::vector<std::string> labels;
  for (const PlannedAction& planned : plan.actions) {
    const Action& action = plan.scenario->actions[static_cast<std::size_t>(planned.action)];
    const std::string& coalition = action_coalition(action, language);
    labels.push_back(action_name(action, language) + " (" + action.id + ", " +
                     (coalition.empty() ? say("no_coalition", language) : coalition) + ")");
  }
  return labels;
}

std::string what_it_takes_text(const WhatItTakes& takes, const Plan& plan, Dimension dimension,
                               std::uint64_t members, Language language) {
  std::ostringstream text;
  char confidence_text[32];
  std::snprintf(confidence_text, sizeof confidence_text, "%g %%", 100.0 * takes.confidence);
  const std::string confidence = decimal(confidence_text, language);
  const std::string reached = (takes.at_most ? "≤ " : "≥ ");
  if (takes.single.empty()) {
    text << "  " << say("wit_already", language, {confidence}) << "\n";
  } else {
    const std::vector<std::string> labels = action_labels(plan, language);
    text << "  "
         << say("wit_heading", language,
                {confidence, std::to_string(plan.scenario->horizon),
                 std::to_string(plan.scenario->base_year),
                 std::to_string(std::lround(takes.as_planned.cost))})
         << "\n";
    int rank = 0;
    std::string unchangeable;
    for (const SingleChange& single : takes.single) {
      if (!single.changeable) {
        unchangeable += (unchangeable.empty() ? "" : ", ") + action_id(plan, single.change.slot);
        continue;
      }
      text << "    " << (single.reaches ? std::to_string(++rank) + "." : std::string("–")) << ' '
           << labels[single.change.slot] << colon(language) << change_text(single.change, language)
           << (single.reaches ? "" : say("wit_not_enough_alone", language)) << colon(language)
           << reached << value_of(single.at.committed, dimension, language) << ", "
           << likely(single.at.probability, language) << ", " << money(single.extra_cost) << ".\n";
    }
    if (!unchangeable.empty())
      text << "    " << say("wit_unchangeable", language, {unchangeable}) << "\n";
    const CombinedChange& combined = takes.combined;
    text << "  " << say("wit_combination", language);
    if (combined.changes.empty()) {
      text << say("wit_no_change", language) << "\n";
    } else {
      for (std::size_t c = 0; c < combined.changes.size(); ++c) {
        const ActionChange& change = combined.changes[c];
        text << (c == 0 ? "" : " + ") << action_id(plan, change.slot) << " "
             << change_text(change, language);
      }
      text << (combined.reaches ? "" : say("wit_not_enough", language)) << colon(language)
           << reached << value_of(combined.at.committed, dimension, language) << ", "
           << likely(combined.at.probability, language) << ", " << money(combined.extra_cost)
           << ".\n";
    }
  }
  const UniformChange& uniform = takes.uniform;
  char scale[32];
  std::snprintf(scale, sizeof scale, "%.2f", uniform.search.scale);
  text << "  " << say("wit_uniform", language, {decimal(scale, language)})
       << (uniform.search.reachable ? "" : say("wit_uniform_short", language)) << colon(language)
       << likely(uniform.at.probability, language) << ", " << money(uniform.extra_cost) << ".\n"
       << "  "
       << say("wit_evaluations", language,
              {std::to_string(takes.evaluations), std::to_string(members)})
       << "\n";
  return text.str();
}

void write_what_it_takes_json(JsonWriter& json, const WhatItTakes& takes, const Plan& plan) {
  json.key("what_it_takes").begin_object();
  json.key("target").value(takes.target);
  json.key("as_planned").begin_object();
  write_evaluation(json, takes.as_planned, 0.0);
  json.end_object();
  json.key("single").begin_array();
  for (const SingleChange& single : takes.single) {
    json.begin_object();
    write_change(json, single.change, plan);
    json.key("changeable").value(single.changeable);
    json.key("reaches").value(single.reaches);
    if (single.changeable) write_evaluation(json, single.at, single.extra_cost);
    json.end_object();
  }
  json.end_array();
  json.key("combination").begin_object();
  json.key("reaches").value(takes.combined.reaches);
  json.key("changes").begin_array();
  for (const ActionChange& change : takes.combined.changes) {
    json.begin_object();
    write_change(json, change, plan);
    json.end_object();
  }
  json.end_array();
  write_evaluation(json, takes.combined.at, takes.combined.extra_cost);
  json.end_object();
  json.key("uniform").begin_object();
  json.key("reaches").value(takes.uniform.search.reachable);
  json.key("scale").value(takes.uniform.search.scale);
  write_evaluation(json, takes.uniform.at, takes.uniform.extra_cost);
  json.end_object();
  json.key("evaluations").value(takes.evaluations);
  json.end_object();
}

}  // namespace traj::cli
