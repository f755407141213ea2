#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "scenario_choice.hpp"
#include "traj/json_writer.hpp"
#include "traj/territory/kernel.hpp"
#include "traj/territory/objectives.hpp"

namespace traj::cli {
namespace {

using namespace traj::territory;

std::string format_value(double value, Dimension dimension) {
  char buffer[64];
  if (dimension == Dimension::Fraction) {
    std::snprintf(buffer, sizeof buffer, "%.1f %%", 100.0 * value);
    return buffer;
  }
  const double magnitude = std::abs(value);
  const int decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  std::string text = buffer;
  const auto unit = canonical_symbol(dimension);
  if (!unit.empty()) text += " " + std::string(unit);
  return text;
}

std::string format_threshold(const ObjectiveResult& result, Dimension dimension) {
  const Objective& objective = *result.objective;
  const std::string sign = objective.comparison == Comparison::AtMost ? "≤ " : "≥ ";
  if (objective.relative_to) {
    char buffer[96];
    std::snprintf(buffer, sizeof buffer, "× %.3g of %d", objective.threshold,
                  *objective.relative_to);
    return sign + buffer;
  }
  return sign + format_value(objective.threshold, dimension);
}

std::vector<int> table_years(const Scenario& scenario) {
  std::vector<int> years = {scenario.base_year};
  for (const int year : {2025, 2030, 2040, 2050}) {
    if (year > scenario.base_year && year <= scenario.horizon) years.push_back(year);
  }
  if (years.back() != scenario.horizon) years.push_back(scenario.horizon);
  return years;
}

std::vector<int> headline_rows(const Plan& plan) {
  const auto& catalogue = plan.catalogue;
  std::vector<int> rows = {catalogue.final_energy, catalogue.local_production,
                           catalogue.renewable_share, catalogue.ghg};
  const auto sectors = plan.scenario->sectors.size();
  for (std::size_t p = 0; p < plan.scenario->pollutants.size(); ++p) {
    rows.push_back(catalogue.pollutants + static_cast<int>(p * (sectors + 1)));
  }
  for (std::size_t i = 0; i < plan.scenario->indicators.size(); ++i) {
    rows.push_back(catalogue.custom + static_cast<int>(2 * i));
  }
  rows.push_back(catalogue.cost_cumulative);
  return rows;
}

void print_table(const Plan& plan, const Trajectory& trajectory,
                 const std::vector<ObjectiveResult>& results, const std::string& portfolio_note) {
  const Scenario& scenario = *plan.scenario;
  std::cout << scenario.name << " — " << portfolio_note << "\n"
            << "Deterministic run: every uncertain number at its median.\n\n";
  const auto years = table_years(scenario);
  std::printf("%-24s", "indicator");
  for (const int year : years) std::printf("%16d", year);
  std::printf("\n");
  for (const int row : headline_rows(plan)) {
    const auto& info = plan.catalogue[static_cast<std::size_t>(row)];
    std::printf("%-24s", info.id.c_str());
    for (const int year : years) {
      std::printf("%16s", format_value(trajectory.at(row, year), info.dimension).c_str());
    }
    std::printf("\n");
  }
  if (results.empty()) {
    std::cout << "\nNo objectives in this scenario.\n";
    return;
  }
  std::cout << "\nObjectives\n";
  std::size_t met = 0;
  for (const auto& result : results) {
    const Objective& objective = *result.objective;
    const auto dimension =
        plan.catalogue[static_cast<std::size_t>(plan.catalogue.find(objective.indicator))]
            .dimension;
    std::string value = objective.relative_to ? [&] {
      char buffer[64];
      std::snprintf(buffer, sizeof buffer, "× %.3f", result.value);
      return std::string(buffer);
    }()
                                              : format_value(result.value, dimension);
    std::printf("  %-4s %-24s %-18s %d  %-14s %s\n", result.met ? "MET" : "MISS",
                objective.id.c_str(), objective.indicator.c_str(), objective.year, value.c_str(),
                format_threshold(result, dimension).c_str());
    met += result.met ? 1 : 0;
  }
  std::cout << "  " << met << " of " << results.size() << " objectives met.\n";
}

void print_json(const Plan& plan, const Trajectory& trajectory,
                const std::vector<ObjectiveResult>& results, const std::string& scenario_name) {
  const Scenario& scenario = *plan.scenario;
  JsonWriter json(std::cout);
  json.begin_object();
  json.key("traj_version").value(TRAJ_VERSION);
  json.key("scenario").value(scenario_name);
  json.key("territory").value(scenario.name);
  json.key("portfolio").value(plan.portfolio.empty() ? "baseline" : plan.portfolio);
  json.key("mode").value("deterministic");
  json.key("central_value").value("median");
  json.key("base_year").value(scenario.base_year);
  json.key("horizon").value(scenario.horizon);
  json.key("years").begin_array();
  for (int year = scenario.base_year; year <= scenario.horizon; ++year) json.value(year);
  json.end_array();
  json.key("indicators").begin_object();
  for (std::size_t row = 0; row < plan.catalogue.size(); ++row) {
    const auto& info = plan.catalogue[row];
    json.key(info.id).begin_object();
    json.key("unit").value(info.dimension == Dimension::Fraction
                               ? "fraction"
                               : std::string(canonical_symbol(info.dimension)));
    json.key("values").begin_array();
    for (int year = scenario.base_year; year <= scenario.horizon; ++year) {
      json.value(trajectory.at(static_cast<int>(row), year));
    }
    json.end_array();
    json.end_object();
  }
  json.end_object();
  json.key("objectives").begin_array();
  for (const auto& result : results) {
    const Objective& objective = *result.objective;
    json.begin_object();
    json.key("id").value(objective.id);
    json.key("description").value(objective.description);
    json.key("indicator").value(objective.indicator);
    json.key("year").value(objective.year);
    json.key("comparison").value(objective.comparison == Comparison::AtMost ? "<=" : ">=");
    json.key("value").value(result.value);
    json.key("threshold").value(objective.threshold);
    json.key("indicator_value").value(result.indicator);
    if (objective.relative_to) {
      json.key("relative_to").value(*objective.relative_to);
      json.key("reference_value").value(result.reference);
    } else {
      json.key("relative_to").null();
      json.key("reference_value").null();
    }
    json.key("met").value(result.met);
    json.end_object();
  }
  json.end_array();
  json.end_object();
}

}  // namespace

CommandRunner add_run_command(CLI::App& app) {
  struct Options {
    std::string path;
    std::string portfolio;
    bool deterministic = false;
    bool json = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand("run", "Simulate a portfolio and judge the objectives");
  command->add_option("scenario", options->path,
                      "Scenario file (TOML); default: the bundled scenario");
  command->add_option("--portfolio,-p", options->portfolio,
                      "Portfolio to run (default: the first of the file; \"baseline\": no action)");
  command->add_flag("--deterministic", options->deterministic,
                    "One run with every uncertain number at its median");
  command->add_flag("--json", options->json, "Print one JSON document instead of tables");
  command->footer(
      "Examples:\n  traj run --deterministic\n"
      "  traj run scenarios/clermont-alliance.toml --deterministic --portfolio alliance --json");
  return [options] {
    const Scenario scenario = load_chosen_scenario(options->path);
    if (!options->deterministic) {
      throw InputError(
          "run: Monte Carlo ensembles are not available in this version yet; add --deterministic");
    }
    std::string portfolio = options->portfolio;
    std::string note;
    if (portfolio.empty()) {
      if (scenario.portfolios.empty()) {
        portfolio = "";
        note = "baseline (the scenario has no portfolio)";
      } else {
        portfolio = scenario.portfolios.front().id;
        note = "portfolio " + portfolio + " (the first of " +
               std::to_string(scenario.portfolios.size()) +
               "; choose with --portfolio, or --portfolio baseline for no action)";
      }
    } else if (portfolio == "baseline" && scenario.find_portfolio("baseline") == NONE) {
      portfolio = "";
      note = "baseline (no action)";
    } else {
      note = "portfolio " + portfolio;
    }
    const Plan plan = compile_plan(scenario, portfolio);
    Kernel kernel(plan);
    Trajectory trajectory;
    const auto parameters = scenario.parameters.central_values();
    kernel.run(parameters, trajectory);
    const auto results = evaluate_objectives(plan, trajectory);
    if (options->json) {
      print_json(plan, trajectory, results, chosen_scenario_name(options->path));
    } else {
      print_table(plan, trajectory, results, note);
    }
    return EXIT_OK;
  };
}

}  // namespace traj::cli
