#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "option_checks.hpp"
#include "scenario_choice.hpp"
#include "what_if_options.hpp"
#include "words.hpp"

namespace traj::cli {
namespace {

/// A scenario of several territories: each with its population, its
/// objectives and whether its figures are estimates.
void print_territories(const territory::Scenario& scenario, Language language) {
  if (scenario.territories.empty()) return;
  char population[32];
  std::snprintf(population, sizeof population, "%.0f", scenario.population);
  std::cout << "  "
            << say("validate_territories", language,
                   {std::to_string(scenario.territories.size()), population})
            << "\n";
  for (std::size_t t = 0; t < scenario.territories.size(); ++t) {
    const territory::Territory& territory = scenario.territories[t];
    std::size_t objectives = 0;
    for (const auto& objective : scenario.objectives)
      objectives += objective.territory == static_cast<int>(t) ? 1 : 0;
    std::snprintf(population, sizeof population, "%.0f", territory.population);
    std::cout << "    "
              << say("validate_territory", language,
                     {territory.id, population, std::to_string(objectives)});
    if (territory.estimate) std::cout << " (" << say("validate_estimate", language) << ")";
    std::cout << "\n";
  }
}

/// Each portfolio's actions once `extends`, `add`, `remove` (and the
/// what-if edits) are resolved, in the scenario's order.
void print_portfolios(const territory::Scenario& scenario, Language language) {
  for (const auto& portfolio : scenario.portfolios) {
    std::vector<int> actions = portfolio.actions;
    std::sort(actions.begin(), actions.end());
    std::cout << "  "
              << say(actions.size() == 1 ? "validate_portfolio_one" : "validate_portfolio_many",
                     language, {portfolio.id, std::to_string(actions.size())});
    for (std::size_t i = 0; i < actions.size(); ++i) {
      std::cout << (i ? ", " : colon(language))
                << scenario.actions[static_cast<std::size_t>(actions[i])].id;
    }
    std::cout << "\n";
  }
}

}  // namespace

CommandRunner add_validate_command(CLI::App& app) {
  auto path = std::make_shared<std::string>();
  auto edits = std::make_shared<territory::ScenarioEdits>();
  auto language = std::make_shared<std::string>("en");
  CLI::App* command = app.add_subcommand(
      "validate", "Check a scenario file and print a summary, or every error with its location");
  add_scenario_argument(*command, *path);
  add_what_if_options(*command, *edits);
  command->add_option("--lang", *language, "Language of the summary (errors stay in English)")
      ->check(CLI::IsMember({"en", "fr"}))
      ->capture_default_str();
  command->footer(
      "Examples:\n  traj validate scenarios/clermont-alliance.toml\n"
      "  traj validate --set actions.deep-renovation.adoption.ceiling=0.6\n"
      "Errors are printed as FILE:LINE:COLUMN: error: KEY.PATH: expected …, found … and the exit "
      "code is 2.");
  return [path, edits, language] {
    const Language chosen = language_named(*language);
    const auto scenario = load_chosen(*path, *edits).scenario;
    std::size_t uncertain = 0;
    for (const auto& parameter : scenario.parameters.all())
      uncertain += parameter.distribution.is_fixed() ? 0 : 1;
    std::size_t named = scenario.parameters.names(true).size();
    std::size_t effects = 0;
    for (const auto& action : scenario.actions) effects += action.effects.size();
    const auto count = [](std::size_t n) { return std::to_string(n); };
    std::cout << "ok" << colon(chosen) << chosen_scenario_name(*path) << " — " << scenario.name
              << ", " << scenario.base_year << "–" << scenario.horizon << "\n  "
              << say("validate_sets", chosen,
                     {count(scenario.sectors.size()), count(scenario.carriers.size()),
                      count(scenario.sources.size()), count(scenario.pollutants.size()),
                      count(scenario.indicators.size())})
              << "\n  "
              << say("validate_actions", chosen,
                     {count(scenario.actions.size()), count(effects), count(named),
                      count(uncertain)})
              << "\n  "
              << say("validate_portfolios", chosen,
                     {count(scenario.portfolios.size()), count(scenario.objectives.size())})
              << "\n  " << say("validate_files", chosen) << colon(chosen);
    for (std::size_t i = 0; i < scenario.files.size(); ++i)
      std::cout << (i ? ", " : "") << scenario.files[i];
    std::cout << "\n";
    print_portfolios(scenario, chosen);
    print_territories(scenario, chosen);
    for (const auto& edit : describe_edits(*edits))
      std::cout << "  " << say("validate_with", chosen) << " " << edit << "\n";
    return EXIT_OK;
  };
}

}  // namespace traj::cli
