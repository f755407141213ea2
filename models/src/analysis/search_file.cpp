#include "traj/territory/search_file.hpp"

#include <cmath>

#include "../results/provenance.hpp"
#include "../results/scales.hpp"
#include "../results/variables.hpp"
#include "traj/hdf5_file.hpp"

namespace traj::territory {
namespace {

using hdf5::Dataset;
using hdf5::Group;

Dataset scale(Group& group, const std::string& name, const std::vector<std::string>& values) {
  return results::name_scale(group, name, values, "");
}

/// `units` as UDUNITS-2 and pint read it, `display_units` as traj shows it
/// (docs/hdf5-layout.md#units).
void variable(Group& group, const std::string& name, const std::vector<double>& values,
              const std::vector<const Dataset*>& dims, const std::string& long_name,
              const std::string& units, const std::string& display_units = "") {
  Dataset variable = results::write_numbers(group, name, values, dims, long_name, units);
  if (!display_units.empty()) variable.set_attribute("display_units", display_units);
}

/// The figures of every point, on the fresh members or on the common ones.
void figures(Group& group, const std::vector<SearchedPortfolio>& points, const Dataset& point,
             bool fresh, const std::string& prefix, const std::string& which) {
  std::vector<double> cost, probability, low, high, ghg;
  for (const SearchedPortfolio& one : points) {
    const PortfolioFigures& f = fresh ? one.fresh : one.common;
    cost.push_back(f.cost);
    probability.push_back(f.probability.probability);
    low.push_back(f.probability.ci_low);
    high.push_back(f.probability.ci_high);
    ghg.push_back(f.ghg_avoided);
  }
  // Money in millions of the `currency`, GHG in Gg (= kt) of `mass_of`.
  Dataset cost_variable =
      results::write_numbers(group, prefix + "cost", cost, {&point},
                             std::string("mean discounted cost to the horizon") + which, "1e6");
  cost_variable.set_attribute("display_units", std::string("M€"));
  cost_variable.set_attribute("currency", std::string("EUR"));
  variable(group, prefix + "probability", probability, {&point},
           std::string("probability that every objective judged is met") + which, "1", "%");
  variable(group, prefix + "ci_low", low, {&point},
           std::string("Wilson 95 % interval, lower bound") + which, "1", "%");
  variable(group, prefix + "ci_high", high, {&point},
           std::string("Wilson 95 % interval, upper bound") + which, "1", "%");
  Dataset ghg_variable = results::write_numbers(
      group, prefix + "ghg_avoided", ghg, {&point},
      std::string("mean cumulative GHG avoided against the baseline (CO2e)") + which, "Gg");
  ghg_variable.set_attribute("display_units", std::string("ktCO2e"));
  ghg_variable.set_attribute("mass_of", std::string("CO2e"));
}

}  // namespace

void write_search(const std::string& path, const Scenario& scenario, const PortfolioSearch& search,
                  const std::vector<InputFile>& inputs, const RunSettings& settings) {
  hdf5::File file = hdf5::File::create(path);
  Group& root = file.root();
  results::write_provenance(root,
                            {SEARCH_FILETYPE, SEARCH_FORMAT_VERSION,
                             std::string("Trajectoires portfolio search: ") + scenario.name,
                             settings.traj_version, settings.git_hash, settings.command_line},
                            scenario);
  root.set_attribute("seed", static_cast<std::int64_t>(search.seed));
  root.set_attribute("fresh_seed", static_cast<std::int64_t>(search.fresh_seed));
  root.set_attribute("members", static_cast<std::int64_t>(search.members));
  // No budget: NaN (netCDF readers show it as missing).
  root.set_attribute("budget", std::isfinite(search.budget) ? search.budget : std::nan(""));
  root.set_attribute("generations", static_cast<std::int64_t>(search.generations));
  root.set_attribute("population", static_cast<std::int64_t>(search.population));
  root.set_attribute("evaluations", static_cast<std::int64_t>(search.evaluations));
  root.set_attribute("front_found", static_cast<std::int64_t>(search.front_found));
  root.set_attribute("chosen",
                     search.chosen ? static_cast<std::int64_t>(*search.chosen) : std::int64_t{-1});
  std::string objectives;
  for (const std::size_t o : search.objectives)
    objectives += (objectives.empty() ? "" : ",") + scenario.objectives[o].id;
  root.set_attribute("objectives", objectives);
  write_inputs(root, inputs, settings.edits);

  Group front = root.create_group("front");
  std::vector<std::string> points, candidates;
  for (std::size_t i = 0; i < search.front.size(); ++i) points.push_back(std::to_string(i + 1));
  for (const int a : search.candidates)
    candidates.push_back(scenario.actions[static_cast<std::size_t>(a)].id);
  const Dataset candidate = scale(front, "candidate", candidates);
  if (!search.front.empty()) {  // no portfolio fits the budget: no point
    const Dataset point = scale(front, "point", points);
    figures(front, search.front, point, true, "", " (fresh members)");
    figures(front, search.front, point, false, "common_", " (common members, as searched)");
    std::vector<double> levels;
    for (const SearchedPortfolio& one : search.front) {
      for (const auto level : one.level) levels.push_back(search.levels[level]);
    }
    variable(front, "level", levels, {&point, &candidate},
             "scale of the candidate's adoption ceiling (0: not in the portfolio)", "1");
  }
}

}  // namespace traj::territory
