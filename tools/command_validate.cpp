#include <algorithm>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "option_checks.hpp"
#include "scenario_choice.hpp"
#include "what_if_options.hpp"

namespace traj::cli {
namespace {

/// Each portfolio's actions once `extends`, `add`, `remove` (and the
/// what-if edits) are resolved, in the scenario's order.
void print_portfolios(const territory::Scenario& scenario) {
  for (const auto& portfolio : scenario.portfolios) {
    std::vector<int> actions = portfolio.actions;
    std::sort(actions.begin(), actions.end());
    std::cout << "  portfolio " << portfolio.id << ": " << actions.size()
              << (actions.size() == 1 ? " action" : " actions");
    for (std::size_t i = 0; i < actions.size(); ++i) {
      std::cout << (i ? ", " : ": ") << scenario.actions[static_cast<std::size_t>(actions[i])].id;
    }
    std::cout << "\n";
  }
}

}  // namespace

CommandRunner add_validate_command(CLI::App& app) {
  auto path = std::make_shared<std::string>();
  auto edits = std::make_shared<territory::ScenarioEdits>();
  CLI::App* command = app.add_subcommand(
      "validate", "Check a scenario file and print a summary, or every error with its location");
  add_scenario_argument(*command, *path);
  add_what_if_options(*command, *edits);
  command->footer(
      "Examples:\n  traj validate scenarios/clermont-alliance.toml\n"
      "  traj validate --set actions.deep-renovation.adoption.ceiling=0.6\n"
      "Errors are printed as FILE:LINE:COLUMN: error: KEY.PATH: expected …, found … and the exit "
      "code is 2.");
  return [path, edits] {
    const auto scenario = load_chosen(*path, *edits).scenario;
    std::size_t uncertain = 0;
    for (const auto& parameter : scenario.parameters.all())
      uncertain += parameter.distribution.is_fixed() ? 0 : 1;
    std::size_t named = scenario.parameters.names(true).size();
    std::size_t effects = 0;
    for (const auto& action : scenario.actions) effects += action.effects.size();
    std::cout << "ok: " << chosen_scenario_name(*path) << " — " << scenario.name << ", "
              << scenario.base_year << "–" << scenario.horizon << "\n"
              << "  " << scenario.sectors.size() << " sectors, " << scenario.carriers.size()
              << " carriers, " << scenario.sources.size() << " sources, "
              << scenario.pollutants.size() << " pollutants, " << scenario.indicators.size()
              << " custom indicators\n"
              << "  " << scenario.actions.size() << " actions (" << effects << " effects), "
              << named << " named parameters, " << uncertain << " uncertain numbers\n"
              << "  " << scenario.portfolios.size() << " portfolios, " << scenario.objectives.size()
              << " objectives\n"
              << "  files: ";
    for (std::size_t i = 0; i < scenario.files.size(); ++i)
      std::cout << (i ? ", " : "") << scenario.files[i];
    std::cout << "\n";
    print_portfolios(scenario);
    for (const auto& edit : describe_edits(*edits)) std::cout << "  with " << edit << "\n";
    return EXIT_OK;
  };
}

}  // namespace traj::cli
