#include "provenance.hpp"

#include "traj/territory/results_file.hpp"
#include "traj/territory/results_layout.hpp"

namespace traj::territory::results {

using namespace results_layout;

void write_provenance(hdf5::Group& root, const Provenance& provenance, const Scenario& scenario) {
  root.set_attribute("Conventions", std::string("CF-1.8"));  // units: docs/hdf5-layout.md
  root.set_attribute(run_attribute::FILETYPE, provenance.filetype);
  root.set_attribute(run_attribute::FORMAT_VERSION, provenance.format_version);
  root.set_attribute(run_attribute::TITLE, provenance.title);
  root.set_attribute(run_attribute::TRAJ_VERSION, provenance.traj_version);
  root.set_attribute(run_attribute::GIT_HASH, provenance.git_hash);
  root.set_attribute(run_attribute::CREATED, utc_now());
  root.set_attribute(run_attribute::COMMAND_LINE, provenance.command_line);
  root.set_attribute(run_attribute::TERRITORY, scenario.name);
}

void write_portfolio_attributes(hdf5::Group& root, const Scenario& scenario,
                                const std::string& scenario_path, const std::string& portfolio) {
  root.set_attribute(run_attribute::SCENARIO, scenario_path);
  root.set_attribute(run_attribute::PORTFOLIO,
                     portfolio.empty() ? std::string("baseline") : portfolio);
  if (const int index = scenario.find_portfolio(portfolio); index != NONE) {
    const Portfolio& chosen = scenario.portfolios[static_cast<std::size_t>(index)];
    root.set_attribute(run_attribute::PORTFOLIO_NAME, chosen.name);
    root.set_attribute(run_attribute::PORTFOLIO_NAME_FR, chosen.name_fr);
  }
}

}  // namespace traj::territory::results
