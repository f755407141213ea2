#include "scenario_choice.hpp"

#include <map>

#include "traj/territory/scenario_loader.hpp"

namespace traj::cli {

std::map<std::string, std::string> bundled_files();  // generated: bundled_files.cpp

namespace {
ChosenScenario load_with(const std::string& path, const SourceProvider& sources,
                         const territory::ScenarioEdits& edits) {
  ChosenScenario chosen;
  chosen.scenario = territory::load_scenario(path, sources, edits);
  chosen.edits = edits;
  // As the stored inputs name it ("./x.toml" is "x.toml"), so that a results
  // file's scenario attribute is one of its inputs.
  chosen.name = chosen.scenario.main_file;
  // The texts that were parsed, not read again: the file may have changed.
  for (std::size_t i = 0; i < chosen.scenario.files.size(); ++i) {
    chosen.inputs.push_back({chosen.scenario.files[i], chosen.scenario.file_texts[i]});
  }
  return chosen;
}
}  // namespace

ChosenScenario load_chosen(const std::string& path, const territory::ScenarioEdits& edits) {
  if (path.empty())
    return load_with(TRAJ_BUNDLED_SCENARIO, EmbeddedSourceProvider(bundled_files()), edits);
  return load_with(path, DiskSourceProvider(), edits);
}

ChosenScenario load_from_inputs(const std::string& main_path,
                                const std::vector<territory::InputFile>& inputs,
                                const territory::ScenarioEdits& edits) {
  std::map<std::string, std::string> files;
  for (const auto& input : inputs) files[input.path] = input.text;
  return load_with(main_path, EmbeddedSourceProvider(std::move(files)), edits);
}

std::string plan_portfolio_id(const territory::Scenario& scenario, const std::string& asked) {
  return asked == "baseline" && scenario.find_portfolio("baseline") == territory::NONE
             ? std::string()
             : asked;
}

std::string chosen_scenario_name(const std::string& path) {
  return path.empty() ? std::string(TRAJ_BUNDLED_SCENARIO) : path;
}

}  // namespace traj::cli
