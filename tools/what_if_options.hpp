#pragma once
/// The what-if options of every command that reads a scenario (validate,
/// graph, run, compare, target, sensitivity, scenario show), declared once
/// and bound to the ScenarioEdits the loader applies
/// (docs/scenario-format.md#what-if-edits).

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "traj/json_writer.hpp"
#include "traj/territory/scenario_edits.hpp"

namespace traj::cli {

/// `--set` (repeatable), `--shift` (repeatable), `--action-off` (repeatable)
/// and `--only` (a comma list, repeatable) on `command`, bound to `edits`.
void add_what_if_options(CLI::App& command, territory::ScenarioEdits& edits);

/// The edits as one line each, e.g. "--set actions.x.adoption.ceiling=0.6",
/// for outputs that must not hide that they are not the file's scenario.
std::vector<std::string> describe_edits(const territory::ScenarioEdits& edits);

/// "  with --set …\n" for each edit: under an output's title.
std::string edit_lines(const territory::ScenarioEdits& edits);

/// `"edits": {"set": [...], "shift": [...], "action_off": [...], "only": [...]}`
/// when there are any (nothing otherwise), each as typed.
void write_edits_json(JsonWriter& json, const territory::ScenarioEdits& edits);

}  // namespace traj::cli
