#include "traj/territory/search_file.hpp"

#include <cmath>

#include "traj/hdf5_file.hpp"

namespace traj::territory {
namespace {

using hdf5::Dataset;
using hdf5::Group;
using hdf5::Type;

Dataset scale(Group& group, const std::string& name, const std::vector<std::string>& values) {
  Dataset dataset = group.create_strings(name, values);
  dataset.make_scale(name);
  return dataset;
}

void variable(Group& group, const std::string& name, const std::vector<double>& values,
              const std::vector<const Dataset*>& dims, const std::string& long_name,
              const std::string& units) {
  std::vector<std::uint64_t> extent;
  for (const Dataset* dim : dims) extent.push_back(dim->dims().front());
  Dataset dataset = group.create(name, Type::Float64, extent);
  dataset.write(values.data(), Type::Float64);
  for (unsigned i = 0; i < dims.size(); ++i) dataset.attach_scale(*dims[i], i);
  dataset.set_attribute("long_name", long_name);
  if (!units.empty()) dataset.set_attribute("units", units);
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
  variable(group, prefix + "cost", cost, {&point},
           std::string("mean discounted cost to the horizon") + which, "M€");
  variable(group, prefix + "probability", probability, {&point},
           std::string("probability that every objective judged is met") + which, "1");
  variable(group, prefix + "ci_low", low, {&point},
           std::string("Wilson 95 % interval, lower bound") + which, "1");
  variable(group, prefix + "ci_high", high, {&point},
           std::string("Wilson 95 % interval, upper bound") + which, "1");
  variable(group, prefix + "ghg_avoided", ghg, {&point},
           std::string("mean cumulative GHG avoided against the baseline") + which, "ktCO2e");
}

}  // namespace

void write_search(const std::string& path, const Scenario& scenario, const PortfolioSearch& search,
                  const std::vector<InputFile>& inputs, const RunSettings& settings) {
  hdf5::File file = hdf5::File::create(path);
  Group& root = file.root();
  root.set_attribute("filetype", std::string(SEARCH_FILETYPE));
  root.set_attribute("format_version", std::int64_t{1});
  root.set_attribute("title", std::string("Trajectoires portfolio search: ") + scenario.name);
  root.set_attribute("traj_version", settings.traj_version);
  root.set_attribute("git_hash", settings.git_hash);
  root.set_attribute("created", utc_now());
  root.set_attribute("command_line", settings.command_line);
  root.set_attribute("territory", scenario.name);
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
