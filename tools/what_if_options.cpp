#include "what_if_options.hpp"

#include "option_checks.hpp"

namespace traj::cli {

void add_what_if_options(CLI::App& command, territory::ScenarioEdits& edits) {
  // allow_extra_args(false): one value per occurrence, so that a scenario
  // file after `--set X=1` stays the positional argument.
  command
      .add_option("--set", edits.sets,
                  "Change one value of the scenario, VALUE in TOML (repeatable), e.g. --set "
                  "actions.deep-renovation.adoption.ceiling=0.6")
      ->type_name("KEY.PATH=VALUE")
      ->allow_extra_args(false)
      ->check(non_empty("KEY.PATH=VALUE"));
  command
      .add_option("--shift", edits.shifts,
                  "Move an action's adoption curve by years (repeatable), e.g. --shift "
                  "deep-renovation=+3 or --shift all=-1.5")
      ->type_name("ACTION=±YEARS")
      ->allow_extra_args(false)
      ->check(non_empty("ACTION=±YEARS"));
  command
      .add_option("--action-off", edits.actions_off,
                  "Remove an action from every portfolio (repeatable), e.g. --action-off "
                  "rooftop-pv")
      ->type_name("ID")
      ->allow_extra_args(false)
      ->check(non_empty("an action id"));
  command
      .add_option("--only", edits.only,
                  "Keep only these actions in every portfolio, e.g. --only "
                  "deep-renovation,gas-heat-pumps")
      ->type_name("ID,ID")
      ->allow_extra_args(false)
      // Split by the loader, not by CLI11, which would drop an empty id
      // (`a,,b`) without a word: the loader refuses it, located.
      ->check(non_empty("action ids separated by commas"));
}

std::vector<std::string> describe_edits(const territory::ScenarioEdits& edits) {
  std::vector<std::string> lines;
  for (const auto& set : edits.sets) lines.push_back("--set " + set);
  for (const auto& shift : edits.shifts) lines.push_back("--shift " + shift);
  for (const auto& id : edits.actions_off) lines.push_back("--action-off " + id);
  if (!edits.only.empty()) {
    std::string only = "--only ";
    for (std::size_t i = 0; i < edits.only.size(); ++i) only += (i ? "," : "") + edits.only[i];
    lines.push_back(only);
  }
  return lines;
}

std::string edit_lines(const territory::ScenarioEdits& edits) {
  std::string lines;
  for (const auto& edit : describe_edits(edits)) lines += "  with " + edit + "\n";
  return lines;
}

void write_edits_json(JsonWriter& json, const territory::ScenarioEdits& edits) {
  if (edits.empty()) return;
  json.key("edits").begin_object();
  for (const auto& [name, values] :
       {std::pair{"set", &edits.sets}, std::pair{"shift", &edits.shifts},
        std::pair{"action_off", &edits.actions_off}, std::pair{"only", &edits.only}}) {
    json.key(name).begin_array();
    for (const auto& value : *values) json.value(value);
    json.end_array();
  }
  json.end_object();
}

}  // namespace traj::cli
