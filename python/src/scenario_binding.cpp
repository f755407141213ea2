#include "scenario_binding.hpp"

#include <pybind11/stl.h>

#include <optional>
#include <vector>

#include "traj/error.hpp"
#include "traj/source_provider.hpp"
#include "traj/territory/indicators.hpp"
#include "traj/territory/scenario_loader.hpp"
#include "traj/units.hpp"

namespace traj::cli {
std::map<std::string, std::string> bundled_files();  // generated: python/bundled_files.cpp
}

namespace traj::python {

namespace py = pybind11;
using territory::ScenarioEdits;

namespace {

constexpr const char* BUNDLED_PREFIX = "<bundled>/";

/// "clermont-alliance" or "examples/example" (with or without ".toml", or
/// the whole "<bundled>/…" path) as the loader names the bundled file.
std::string bundled_path(const std::string& name) {
  std::string path = name.rfind(BUNDLED_PREFIX, 0) == 0 ? name : BUNDLED_PREFIX + name;
  if (path.size() < 5 || path.compare(path.size() - 5, 5, ".toml") != 0) path += ".toml";
  return path;
}

/// The bundled scenarios a user may name: the main files, not the shared
/// tables they include.
std::vector<std::string> bundled_names() {
  std::vector<std::string> names;
  for (const auto& [path, text] : cli::bundled_files()) {
    const std::string name = path.substr(std::string(BUNDLED_PREFIX).size());
    if (name.rfind("shared/", 0) == 0) continue;
    names.push_back(name.substr(0, name.size() - 5));
  }
  return names;
}

LoadedScenario loaded(cli::ChosenScenario&& chosen) {
  return {std::make_shared<const cli::ChosenScenario>(std::move(chosen))};
}

LoadedScenario load(const std::optional<std::string>& path,
                    const std::optional<std::string>& bundled, const ScenarioEdits& edits) {
  if (path && bundled) {
    throw InputError("load: expected a file path or the name of a bundled scenario, found both (" +
                     *path + " and " + *bundled + "); give one of the two");
  }
  if (path) {
    if (path->empty()) throw InputError("load: expected a scenario file path, found \"\"");
    return loaded(cli::load_chosen(*path, edits));
  }
  // The default is traj's: the scenario embedded as its default.
  const std::string main = bundled ? bundled_path(*bundled) : std::string(TRAJ_BUNDLED_SCENARIO);
  std::map<std::string, std::string> files = cli::bundled_files();
  if (files.count(main) == 0) {
    std::string known;
    for (const auto& name : bundled_names()) known += (known.empty() ? "" : ", ") + name;
    throw InputError("load: expected the name of a bundled scenario (" + known + "), found " +
                     *bundled);
  }
  cli::ChosenScenario chosen;
  chosen.scenario = territory::load_scenario(main, EmbeddedSourceProvider(std::move(files)), edits);
  chosen.edits = edits;
  chosen.name = chosen.scenario.main_file;
  for (std::size_t i = 0; i < chosen.scenario.files.size(); ++i) {
    chosen.inputs.push_back({chosen.scenario.files[i], chosen.scenario.file_texts[i]});
  }
  return loaded(std::move(chosen));
}

/// The same files, as they were read, with `more` edits after the ones
/// already applied: what `traj run FILE --set A --set B` loads.
LoadedScenario with_edits(const LoadedScenario& scenario, const ScenarioEdits& more) {
  ScenarioEdits edits = scenario.chosen->edits;
  for (const auto& [to, from] :
       {std::pair{&edits.sets, &more.sets}, std::pair{&edits.shifts, &more.shifts},
        std::pair{&edits.actions_off, &more.actions_off}, std::pair{&edits.only, &more.only}}) {
    to->insert(to->end(), from->begin(), from->end());
  }
  return loaded(cli::load_from_inputs(scenario.chosen->name, scenario.chosen->inputs, edits));
}

ScenarioEdits edits_of(const std::vector<std::string>& sets, const std::vector<std::string>& shifts,
                       const std::vector<std::string>& actions_off,
                       const std::vector<std::string>& only) {
  ScenarioEdits edits;
  edits.sets = sets;
  edits.shifts = shifts;
  edits.actions_off = actions_off;
  edits.only = only;
  return edits;
}

/// Labels of the scenario's results: coordinates and each indicator's id,
/// unit and description, in the kernel's row order.
py::dict describe(const LoadedScenario& loaded_scenario) {
  const territory::Scenario& scenario = loaded_scenario.chosen->scenario;
  const territory::IndicatorCatalogue catalogue(scenario);
  py::dict labels;
  std::vector<int> years;
  for (int year = scenario.base_year; year <= scenario.horizon; ++year) years.push_back(year);
  labels["years"] = years;
  labels["sectors"] = scenario.sectors;
  labels["carriers"] = scenario.carriers;
  std::vector<std::string> sources;
  for (const auto& source : scenario.sources) sources.push_back(source.id);
  labels["sources"] = sources;
  labels["pollutants"] = scenario.pollutants;
  py::list indicators;
  for (const auto& info : catalogue.all()) {
    const bool fraction = info.dimension == Dimension::Fraction;
    indicators.append(py::make_tuple(
        info.id, fraction ? std::string("1") : std::string(canonical_symbol(info.dimension)),
        info.description));
  }
  labels["indicators"] = indicators;
  py::dict blocks;  // first row of each block of the catalogue
  for (const auto& [name, row] : std::vector<std::pair<const char*, int>>{
           {"final_energy", catalogue.final_energy},
           {"final_energy_by_sector", catalogue.final_energy_by_sector},
           {"final_energy_by_carrier", catalogue.final_energy_by_carrier},
           {"local_production", catalogue.local_production},
           {"local_production_by_source", catalogue.local_production_by_source},
           {"renewable_share", catalogue.renewable_share},
           {"energy_imports", catalogue.energy_imports},
           {"ghg", catalogue.ghg},
           {"ghg_by_sector", catalogue.ghg_by_sector},
           {"ghg_cumulative", catalogue.ghg_cumulative},
           {"pollutants", catalogue.pollutants},
           {"custom", catalogue.custom},
           {"cost_investment", catalogue.cost_investment},
           {"cost_operating", catalogue.cost_operating},
           {"cost_cumulative", catalogue.cost_cumulative},
           {"cost_discounted", catalogue.cost_discounted}}) {
    blocks[name] = row;
  }
  labels["blocks"] = blocks;
  labels["custom_indicators"] = scenario.indicators.size();
  // A scenario of several territories: each territory's rows follow the
  // whole's (`base_rows` of them) in the same order.
  labels["base_rows"] = catalogue.base_size();
  py::list territories;
  for (const auto& territory : scenario.territories)
    territories.append(py::make_tuple(territory.id, territory.name, territory.population));
  labels["territories"] = territories;
  py::list parameters;
  for (const auto& parameter : scenario.parameters.all()) {
    parameters.append(
        py::make_tuple(parameter.name,
                       parameter.unitless || parameter.dimension == Dimension::Fraction
                           ? std::string("1")
                           : std::string(canonical_symbol(parameter.dimension)),
                       parameter.distribution.describe()));
  }
  labels["parameters"] = parameters;
  return labels;
}

}  // namespace

void bind_scenario(py::module_& module) {
  py::class_<LoadedScenario>(module, "Scenario")
      .def_property_readonly("name", [](const LoadedScenario& s) { return s.chosen->name; })
      .def_property_readonly("territory",
                             [](const LoadedScenario& s) { return s.chosen->scenario.name; })
      .def_property_readonly("base_year",
                             [](const LoadedScenario& s) { return s.chosen->scenario.base_year; })
      .def_property_readonly("horizon",
                             [](const LoadedScenario& s) { return s.chosen->scenario.horizon; })
      .def_property_readonly("portfolios",
                             [](const LoadedScenario& s) {
                               std::vector<std::string> ids;
                               for (const auto& p : s.chosen->scenario.portfolios)
                                 ids.push_back(p.id);
                               return ids;
                             })
      .def_property_readonly("actions",
                             [](const LoadedScenario& s) {
                               std::vector<std::string> ids;
                               for (const auto& a : s.chosen->scenario.actions) ids.push_back(a.id);
                               return ids;
                             })
      .def_property_readonly("objectives",
                             [](const LoadedScenario& s) {
                               std::vector<std::string> ids;
                               for (const auto& o : s.chosen->scenario.objectives)
                                 ids.push_back(o.id);
                               return ids;
                             })
      .def_property_readonly("edits",
                             [](const LoadedScenario& s) {
                               const ScenarioEdits& e = s.chosen->edits;
                               py::dict edits;
                               edits["set"] = e.sets;
                               edits["shift"] = e.shifts;
                               edits["action_off"] = e.actions_off;
                               edits["only"] = e.only;
                               return edits;
                             })
      .def_property_readonly("files",
                             [](const LoadedScenario& s) {
                               std::vector<std::string> paths;
                               for (const auto& input : s.chosen->inputs)
                                 paths.push_back(input.path);
                               return paths;
                             })
      .def("labels", &describe)
      .def(
          "with_edits",
          [](const LoadedScenario& s, const std::vector<std::string>& sets,
             const std::vector<std::string>& shifts, const std::vector<std::string>& actions_off,
             const std::vector<std::string>& only) {
            return with_edits(s, edits_of(sets, shifts, actions_off, only));
          },
          py::arg("set"), py::arg("shift"), py::arg("action_off"), py::arg("only"));
  module.def(
      "load",
      [](const std::optional<std::string>& path, const std::optional<std::string>& bundled,
         const std::vector<std::string>& sets, const std::vector<std::string>& shifts,
         const std::vector<std::string>& actions_off, const std::vector<std::string>& only) {
        return load(path, bundled, edits_of(sets, shifts, actions_off, only));
      },
      py::arg("path"), py::arg("bundled"), py::arg("set"), py::arg("shift"), py::arg("action_off"),
      py::arg("only"));
  module.def("bundled_scenarios", &bundled_names);
}

}  // namespace traj::python
