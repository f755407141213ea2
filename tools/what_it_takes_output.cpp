#include "what_it_takes_output.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>

namespace traj::cli {

using namespace traj::territory;

namespace {

std::string percent(double share) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f %%", 100.0 * share);
  return buffer;
}

std::string likely(const ProportionEstimate& estimate) {
  char buffer[96];
  std::snprintf(buffer, sizeof buffer, "%.1f %% likely (%.1f–%.1f %%)", 100 * estimate.probability,
                100 * estimate.ci_low, 100 * estimate.ci_high);
  return buffer;
}

std::string money(double value) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%+.0f M€", value == 0.0 ? 0.0 : value);
  return buffer;
}

std::string value_of(double value, Dimension dimension) {
  if (dimension == Dimension::Fraction) return percent(value);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.4g %s", value,
                std::string(canonical_symbol(dimension)).c_str());
  return buffer;
}

const std::string& action_id(const Plan& plan, std::size_t slot) {
  return plan.scenario->actions[static_cast<std::size_t>(plan.actions[slot].action)].id;
}

std::string change_text(const ActionChange& change) {
  std::string text =
      change.ceiling == change.planned_ceiling
          ? "ceiling " + percent(change.ceiling) + " as planned"
          : "ceiling " + percent(change.planned_ceiling) + " → " + percent(change.ceiling);
  if (change.years_earlier > 0)
    text += ", " + std::to_string(change.years_earlier) +
            (change.years_earlier == 1 ? " year earlier" : " years earlier");
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

std::vector<std::string> action_labels(const Plan& plan) {
  std::vector<std::string> labels;
  for (const PlannedAction& planned : plan.actions) {
    const Action& action = plan.scenario->actions[static_cast<std::size_t>(planned.action)];
    std::string label = (action.name.empty() ? action.id : action.name) + " (";
    if (!action.name.empty()) label += action.id + ", ";
    label += action.coalition.empty() ? std::string("no coalition") : action.coalition;
    labels.push_back(label + ")");
  }
  return labels;
}

std::string what_it_takes_text(const WhatItTakes& takes, const Plan& plan, Dimension dimension,
                               std::uint64_t members) {
  std::ostringstream text;
  char confidence_text[32];
  std::snprintf(confidence_text, sizeof confidence_text, "%g %%", 100.0 * takes.confidence);
  const std::string confidence = confidence_text;
  const std::string reached = (takes.at_most ? "≤ " : "≥ ");
  if (takes.single.empty()) {
    text << "  As planned, it already reaches " << confidence << " confidence.\n";
  } else {
    const std::vector<std::string> labels = action_labels(plan);
    text << "  What would reach " << confidence
         << " confidence, each action alone, cheapest first (extra cost: members' mean of the "
            "costs to "
         << plan.scenario->horizon << ", discounted to " << plan.scenario->base_year
         << ", beyond the " << std::lround(takes.as_planned.cost) << " M€ as planned):\n";
    int rank = 0;
    std::string unchangeable;
    for (const SingleChange& single : takes.single) {
      if (!single.changeable) {
        unchangeable += (unchangeable.empty() ? "" : ", ") + action_id(plan, single.change.slot);
        continue;
      }
      text << "    " << (single.reaches ? std::to_string(++rank) + "." : std::string("–")) << ' '
           << labels[single.change.slot] << ": " << change_text(single.change)
           << (single.reaches ? "" : " is not enough alone") << ": " << reached
           << value_of(single.at.committed, dimension) << ", " << likely(single.at.probability)
           << ", " << money(single.extra_cost) << ".\n";
    }
    if (!unchangeable.empty())
      text << "    Already at full adoption from the earliest start allowed: " << unchangeable
           << ".\n";
    const CombinedChange& combined = takes.combined;
    text << "  Cheapest combination found (greedy): ";
    if (combined.changes.empty()) {
      text << "no change helps.\n";
    } else {
      for (std::size_t c = 0; c < combined.changes.size(); ++c) {
        const ActionChange& change = combined.changes[c];
        text << (c == 0 ? "" : " + ") << action_id(plan, change.slot) << " " << change_text(change);
      }
      text << (combined.reaches ? "" : ", not enough") << ": " << reached
           << value_of(combined.at.committed, dimension) << ", " << likely(combined.at.probability)
           << ", " << money(combined.extra_cost) << ".\n";
    }
  }
  const UniformChange& uniform = takes.uniform;
  char scale[32];
  std::snprintf(scale, sizeof scale, "%.2f", uniform.search.scale);
  text << "  Every action's ceiling × " << scale << " alike (capped at full adoption)"
       << (uniform.search.reachable ? "" : ", at full adoption of every action, is not enough")
       << ": " << likely(uniform.at.probability) << ", " << money(uniform.extra_cost) << ".\n"
       << "  (" << takes.evaluations << " evaluations of " << members
       << " members on the same draws.)\n";
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
