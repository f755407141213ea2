// Each kind of HTML report, rendered from small inputs: its title, the
// numbers it states, its charts (inline SVG with a text alternative), in
// both languages.

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "results_writing.hpp"
#include "test_support.hpp"
#include "traj/territory/comparison.hpp"
#include "traj/territory/report.hpp"

using namespace traj;
using namespace traj::territory;

namespace {

std::string scratch(const std::string& name) {
  return testing::scratch_file("report_kinds", name);
}

std::size_t count_of(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

}  // namespace

TEST_CASE("results file - title, members, objective probability and four fan charts") {
  const Scenario scenario = testing::scenario_from_file("scenarios/tests/minimal.toml");
  const Plan plan = compile_plan(scenario, "plan");
  const std::string path = scratch("results.h5");
  const EnsembleResult result =
      testing::write_results_file(path, plan, 1, 300, "headline", "scenarios/tests/minimal.toml");
  // No member meets ghg-2030 in the fixture: 0 of 300, Wilson's upper bound
  // z² / (n + z²) = 1.26 %.
  REQUIRE(result.objectives.size() == 1);
  REQUIRE(result.objectives[0].successes == 0);
  const std::string english = results_report_html(path, ReportLanguage::English);
  CHECK_THAT(english, Catch::StartsWith("<!DOCTYPE html>\n<html lang=\"en\">"));
  CHECK_THAT(english, Catch::Contains("<title>") && Catch::Contains("Fixture town</title>"));
  CHECK_THAT(english, Catch::Contains("<h1>Fixture town</h1>"));
  CHECK_THAT(english, Catch::Contains("Portfolio: <strong>plan</strong> · Members: 300"));
  CHECK_THAT(english, Catch::Contains("<td>ghg-2030</td>"));
  CHECK_THAT(english, Catch::Contains("0.0 % likely (95 % interval 0.0 %–1.3 %)"));
  // The objective's bar, then a fan chart per headline indicator, each with
  // a caption.
  CHECK(count_of(english, "<svg") == 5);
  CHECK(count_of(english, "<figcaption>") == 4);
  CHECK_THAT(english, Catch::Contains("<figcaption>Greenhouse-gas emissions — median"));
  CHECK_THAT(english, Catch::Contains("<td>Members</td><td>300</td>"));
  CHECK_THAT(english, Catch::Contains("scenarios/tests/minimal.toml"));
  const std::string french = results_report_html(path, ReportLanguage::French);
  CHECK_THAT(french, Catch::Contains("<html lang=\"fr\">"));
  CHECK_THAT(french, Catch::Contains("0,0 %"));
  CHECK(count_of(french, "<svg") == 5);
  std::filesystem::remove(path);
}

TEST_CASE("a file that is not a results file is refused") {
  CHECK_THROWS_AS(results_report_html(scratch("absent.h5"), ReportLanguage::English), InputError);
}

TEST_CASE("target - the statement, the probability in words and its bar") {
  const ProportionEstimate estimate{0.25, 0.2, 0.31, 0.02};
  const std::string french = target_report_html("Fixture town", "plan", "Scale 0.8 reaches it",
                                                &estimate, ReportLanguage::French);
  CHECK_THAT(french, Catch::Contains("<html lang=\"fr\">"));
  CHECK_THAT(french, Catch::Contains(
                         "<title>Un objectif étayé par les simulations — Fixture town</title>"));
  CHECK_THAT(french, Catch::Contains("<strong>Scale 0.8 reaches it</strong>"));
  CHECK_THAT(french, Catch::Contains("25,0 % de chances (intervalle à 95 % 20,0 %–31,0 %)"));
  CHECK(count_of(french, "<svg") == 1);
  // Without a probability: the statement alone, no bar.
  const std::string alone = target_report_html("Fixture town", "plan", "Scale 0.8 reaches it",
                                               nullptr, ReportLanguage::English);
  CHECK_THAT(alone, Catch::Contains("<strong>Scale 0.8 reaches it</strong>"));
  CHECK(count_of(alone, "<svg") == 0);
}

TEST_CASE("sensitivity - factors named from the scenario, ranked by total Sobol index") {
  const Scenario scenario = testing::scenario_from_file("scenarios/examples/example.toml");
  SensitivityResult result;
  result.factors = {"trends.activity_growth.residential", "pv_yield",
                    "actions.renovation.adoption.ceiling",
                    "actions.heat-pumps.effects[1].fraction"};
  result.outputs = {"ghg 2050"};
  result.variance = {4.0};
  result.mean = {300.0};
  // first, its interval, total, its interval
  result.sobol = {{0.05, 0.0, 0.1, 0.08, 0.0, 0.2},
                  {0.6, 0.5, 0.7, 0.65, 0.5, 0.8},
                  {0.2, 0.1, 0.3, 0.25, 0.1, 0.4},
                  {0.0, 0.0, 0.0, 0.0, 0.0, 0.0}};
  const std::vector<SensitivityOutcome> outcomes = {{"ghg", 2050, -1}};
  const std::string html =
      sensitivity_report_html(scenario, "plan", result, outcomes, "sobol", ReportLanguage::English);
  CHECK_THAT(html, Catch::Contains(
                       "<title>What decides the outcome — Example community of communes</title>"));
  CHECK_THAT(html, Catch::Contains("<h3>Greenhouse-gas emissions in 2050</h3>"));
  // Names, not key paths; the key path below, whole; most important first.
  const auto pv = html.find("<strong>pv_yield</strong>");
  const auto renovation = html.find(
      "<strong>Deep renovation of dwellings: adoption ceiling</strong><br><code>"
      "actions.renovation.adoption.ceiling</code>");
  const auto growth = html.find(
      "<strong>Activity growth: residential</strong><br><code>"
      "trends.activity_growth.residential</code>");
  const auto heat_pumps =
      html.find("<strong>Gas boilers replaced by heat pumps: effect 2, fraction</strong>");
  REQUIRE(pv != std::string::npos);
  REQUIRE(renovation != std::string::npos);
  REQUIRE(growth != std::string::npos);
  REQUIRE(heat_pumps != std::string::npos);
  CHECK(pv < renovation);
  CHECK(renovation < growth);
  CHECK(growth < heat_pumps);
  // A named parameter's source is its description.
  CHECK_THAT(html, Catch::Contains("<small>PV yield 1 100–1 300 kWh/kWp"));
  CHECK_THAT(html, Catch::Contains("65.0 % <small>(50.0 %–80.0 %)</small>"));
  // No SVG label that a viewBox could cut: the names are table cells that wrap.
  CHECK(count_of(html, "<svg") == 0);
  CHECK(count_of(html, "<tr><td class=\"factor-cell\">") == 4);
  CHECK_THAT(html, !Catch::Contains("estimation noise"));
}

TEST_CASE("sensitivity - outcomes that never vary are always met or always missed") {
  const Scenario scenario = testing::scenario_from_file("scenarios/examples/example.toml");
  SensitivityResult result;
  result.factors = {"pv_yield"};
  result.outputs = {"success of energy-2050", "success of ghg-2050", "ghg 2050"};
  result.variance = {0.0, 0.0, 0.0};
  result.mean = {1.0, 0.0, 250.0};
  result.sobol.resize(3);
  const std::vector<SensitivityOutcome> outcomes = {
      {"final_energy", 2050, 1}, {"ghg", 2050, 2}, {"ghg", 2050, -1}};
  const std::string html =
      sensitivity_report_html(scenario, "plan", result, outcomes, "sobol", ReportLanguage::English);
  CHECK_THAT(html, Catch::Contains("<h3>Whether the objective is met: Final energy −30 % by 2050 "
                                   "against the base year</h3><p class=\"constant\">Always met"));
  CHECK_THAT(html, Catch::Contains("<h3>Whether the objective is met: GHG −50 % by 2050 against "
                                   "1990</h3><p class=\"constant\">Always missed"));
  CHECK_THAT(html, Catch::Contains("<p class=\"constant\">Does not vary: no uncertain number"));
  CHECK(count_of(html, "<table") == 0);
  const std::string french =
      sensitivity_report_html(scenario, "plan", result, outcomes, "sobol", ReportLanguage::French);
  CHECK_THAT(french, Catch::Contains("Toujours atteint"));
  CHECK_THAT(french, Catch::Contains("Toujours manqué"));
  CHECK_THAT(french, Catch::Contains("<h3>Atteinte de l'objectif\u00a0: "));
}

TEST_CASE("sensitivity - a total below its first order within their intervals is called noise") {
  const Scenario scenario = testing::scenario_from_file("scenarios/examples/example.toml");
  SensitivityResult result;
  result.factors = {"pv_yield", "renovation_savings"};
  result.outputs = {"ghg 2050"};
  result.variance = {1.0};
  result.mean = {1.0};
  // pv_yield: total 0.28 below first 0.30, intervals overlapping; the other is consistent.
  result.sobol = {{0.30, 0.22, 0.38, 0.28, 0.20, 0.36}, {0.5, 0.4, 0.6, 0.6, 0.5, 0.7}};
  const std::vector<SensitivityOutcome> outcomes = {{"ghg", 2050, -1}};
  const std::string html =
      sensitivity_report_html(scenario, "plan", result, outcomes, "sobol", ReportLanguage::English);
  CHECK(count_of(html, "</small> *</td>") == 1);
  CHECK_THAT(html, Catch::Contains("28.0 % <small>(20.0 %–36.0 %)</small> *</td>"));
  CHECK_THAT(html, Catch::Contains("<p class=\"note\">* Total index below the first-order index, "
                                   "within their 95 % intervals"));
  const std::string french =
      sensitivity_report_html(scenario, "plan", result, outcomes, "sobol", ReportLanguage::French);
  CHECK_THAT(french, Catch::Contains("bruit d'estimation"));
}

TEST_CASE("sensitivity - factor names in French, a whole action, an unknown key as written") {
  const Scenario scenario = testing::scenario_from_file("scenarios/examples/example.toml");
  CHECK(sensitivity_factor_name(scenario, "actions.renovation.adoption.ceiling",
                                ReportLanguage::French) ==
        "Deep renovation of dwellings\u00a0: plafond d'adoption");
  CHECK(sensitivity_factor_name(scenario, "actions.renovation", ReportLanguage::English) ==
        "Deep renovation of dwellings");
  CHECK(sensitivity_factor_name(scenario, "emission_factors.nox.road_transport.diesel",
                                ReportLanguage::English) ==
        "Emission factor of nox: road_transport × diesel");
  CHECK(sensitivity_factor_name(scenario, "actions.no-such-action.adoption.ceiling",
                                ReportLanguage::English) ==
        "actions.no-such-action.adoption.ceiling");
  CHECK(sensitivity_factor_name(scenario, "inventory.odd", ReportLanguage::English) ==
        "inventory.odd");
}

TEST_CASE("comparison - every portfolio, the paired differences, each action's part") {
  const Scenario scenario = testing::scenario_from_file("scenarios/tests/minimal.toml");
  EnsembleOptions options;
  options.members = 200;
  options.threads = 1;
  PortfolioComparison comparison = compare_portfolios(scenario, {}, options, true);
  REQUIRE(comparison.portfolios.size() == 2);
  const std::string html = comparison_report_html(scenario, comparison, ReportLanguage::English);
  CHECK_THAT(html, Catch::Contains("<title>Portfolio comparison — Fixture town</title>"));
  CHECK_THAT(html, Catch::Contains("Members: 200 · all portfolios on the same members"));
  CHECK_THAT(html, Catch::Contains("<td><strong>baseline (no action)</strong></td>"));
  CHECK_THAT(html, Catch::Contains("<td><strong>plan</strong></td>"));
  // The GHG the plan avoids, as the table rounds it.
  const double avoided = comparison.portfolios[1].ghg_avoided;
  CHECK(avoided > 35.0);
  CHECK(avoided < 45.0);
  CHECK_THAT(html, Catch::Contains("<td>40</td>"));
  // A bar per portfolio and objective; the headline indicators of both
  // portfolios on one chart each; three breakdowns; a bar per action.
  CHECK(count_of(html, "<svg class=\"bar\"") == 3);
  CHECK(count_of(html, "<svg class=\"fan overlay\"") == 5);
  CHECK(count_of(html, "<svg class=\"stacked\"") == 3);
  CHECK(count_of(html, "class=\"portfolio-median\"") == 10);
  // By hand: no trend, the insulation reaches half its 40 % on gas (200 GWh) in 2030.
  CHECK_THAT(html, Catch::Contains("Final energy consumption by sector, GWh: 2020 650 (Residential "
                                   "350, Road transport 300, Energy branch 0); 2030 · baseline "
                                   "650 (Residential 350, Road transport 300, Energy branch 0); "
                                   "2030 · plan 610 (Residential 310, Road transport 300, Energy "
                                   "branch 0)."));
  CHECK_THAT(html, Catch::Contains("Final energy consumption by carrier, GWh: 2020 650 ("
                                   "Electricity 100, Natural gas 200, Diesel 300, District heat "
                                   "50)"));
  // The plan and the baseline both miss the objective on every member: one sentence, no table.
  CHECK_THAT(html, Catch::Contains("The two portfolios do not differ on a single member for any "
                                   "objective"));
  CHECK_THAT(html, !Catch::Contains("Difference [95 % interval]"));
  // The action by its name, its coalition and its id.
  CHECK_THAT(html, Catch::Contains("<td>Insulation of dwellings<br><code>insulation</code></td>"
                                   "<td>Town</td>"));
  // An informative difference gets its row; the others one sentence.
  comparison.differences = {{1, 0, 0, 0.25, 0.2, 0.3, 0.18, 0.32}, {1, 0, 0, 0.0, 0.0, 0.0, 0, 0}};
  const std::string french = comparison_report_html(scenario, comparison, ReportLanguage::French);
  CHECK_THAT(french, Catch::Contains("<tr><td>plan − tendanciel (aucune action)</td><td>ghg-2030"
                                     "</td><td>25,0 [20,0 ; 30,0]</td></tr>"));
  CHECK_THAT(french, Catch::Contains("L'autre comparaison (deux portefeuilles sur un objectif) ne "
                                     "diffère sur aucun membre"));
  CHECK_THAT(french,
             Catch::Contains("Consommation d'énergie finale par vecteur, GWh\u00a0: 2020 650 ("
                             "Électricité 100, Gaz naturel 200, Gazole 300, Réseaux de "
                             "chaleur 50)"));
}
