// Each kind of HTML report, rendered from small inputs: its title, the
// numbers it states, its charts (inline SVG with a text alternative), in
// both languages.

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "results_writing.hpp"
#include "test_support.hpp"
#include "traj/territory/comparison.hpp"
#include "traj/territory/report.hpp"
#include "traj/territory/scenario_text.hpp"
#include "traj/territory/target_page.hpp"

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
  CHECK_THAT(english, Catch::Contains("Portfolio: <strong>The plan</strong> · Members: 300"));
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

TEST_CASE("French texts of a scenario - in the scenario, the results file and the pages") {
  std::ifstream file(testing::source_path("scenarios/tests/minimal.toml"));
  std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  const auto after = [&](const std::string& line, const std::string& added) {
    const auto at = text.find(line);
    REQUIRE(at != std::string::npos);
    text.insert(at + line.size(), "\n" + added);
  };
  after("name = \"Insulation of dwellings\"", "name_fr = \"Isolation des logements\"");
  after("coalition = \"Town\"", "coalition_fr = \"Commune\"");
  after("name = \"The plan\"", "name_fr = \"Le plan\"");
  after("id = \"ghg-2030\"",
        "description = \"GHG -10 % by 2030\"\ndescription_fr = \"GES -10 % en 2030\"");
  const Scenario scenario = testing::scenario_from_text(text);
  REQUIRE(scenario.actions.size() == 1);
  CHECK(scenario.actions[0].name_fr == "Isolation des logements");
  CHECK(action_name(scenario.actions[0], ReportLanguage::French) == "Isolation des logements");
  CHECK(action_name(scenario.actions[0], ReportLanguage::English) == "Insulation of dwellings");
  CHECK(action_coalition(scenario.actions[0], ReportLanguage::French) == "Commune");
  CHECK(portfolio_name(scenario.portfolios[0], ReportLanguage::French) == "Le plan");
  CHECK(objective_text(scenario.objectives[0], ReportLanguage::French) == "GES -10 % en 2030");
  const Plan plan = compile_plan(scenario, "plan");
  const std::string path = scratch("french.h5");
  testing::write_results_file(path, plan, 1, 100);
  const std::string french = results_report_html(path, ReportLanguage::French);
  CHECK_THAT(french, Catch::Contains("<strong>Le plan</strong>"));
  CHECK_THAT(french, Catch::Contains("GES -10 % en 2030"));
  CHECK_THAT(french, !Catch::Contains("GHG -10 % by 2030"));
  const std::string english = results_report_html(path, ReportLanguage::English);
  CHECK_THAT(english, Catch::Contains("<strong>The plan</strong>"));
  CHECK_THAT(english, Catch::Contains("GHG -10 % by 2030"));
  std::filesystem::remove(path);
  const auto named = named_actions(plan, ReportLanguage::French);
  REQUIRE(named.size() == 1);
  CHECK(named[0].name == "Isolation des logements");
  CHECK(named[0].coalition == "Commune");
  // Without French versions, the one text serves both languages.
  const Scenario plain = testing::scenario_from_file("scenarios/tests/minimal.toml");
  CHECK(action_name(plain.actions[0], ReportLanguage::French) == "Insulation of dwellings");
  CHECK(objective_text(plain.objectives[0], ReportLanguage::French) == "ghg-2030");
}

TEST_CASE("a file that is not a results file is refused") {
  CHECK_THROWS_AS(results_report_html(scratch("absent.h5"), ReportLanguage::English), InputError);
}

namespace {

/// An --indicator page: the renewable share of 1 000 members from 10 % to
/// 29.98 %, 16.8 % reached with 80 % confidence, its interval 16.80–16.84 %.
TargetPage indicator_page() {
  TargetPage page;
  page.territory = "Fixture town";
  page.portfolio = "plan";
  page.indicator = "renewable_share";
  page.indicator_name = "Renewable share of final energy";
  page.dimension = Dimension::Fraction;
  page.year = 2030;
  page.base_year = 2018;
  page.horizon = 2050;
  page.confidence = 0.8;
  page.at_most = false;
  page.committed = 0.168;
  page.committed_low = 0.1680;
  page.committed_high = 0.1684;
  for (int m = 0; m < 1000; ++m) page.values.push_back(0.10 + 0.0002 * m);
  page.members = 1000;
  return page;
}

}  // namespace

TEST_CASE("target - an indicator's page: the sentence in the page's language, the distribution") {
  const TargetPage page = indicator_page();
  const std::string french = target_report_html(page, ReportLanguage::French);
  CHECK_THAT(french, Catch::Contains("<html lang=\"fr\">"));
  CHECK_THAT(french, Catch::Contains(
                         "<title>Un objectif étayé par les simulations — Fixture town</title>"));
  // The headline indicator's French name; the bounds with as many decimals as
  // it takes for them to differ.
  CHECK_THAT(french, Catch::Contains("Part d'énergies renouvelables locales (renewable_share) "
                                     "sera au moins 16,8 % en 2030 avec une confiance de 80,0 %"));
  CHECK_THAT(french, Catch::Contains("16,80 %–16,84 %"));
  CHECK_THAT(french, Catch::Contains("La coalition peut donc s'engager sur ≥ 16,8 % en 2030"));
  CHECK(count_of(french, "<svg") == 1);
  CHECK_THAT(french, Catch::Contains("1000 membres de 10,0 % à 30,0 %, médiane 20,0 %"));
  CHECK_THAT(french, Catch::Contains("atteint avec une confiance de 80,0 %\u00a0: 16,8 %"));
  CHECK_THAT(french, !Catch::Contains("cible"));  // no target on an --indicator page
  // 30 bins of 1000 members over the ticks' range: every bar drawn has members.
  CHECK(count_of(french, "fill=\"#9ecae1\"") >= 20);
  const std::string english = target_report_html(page, ReportLanguage::English);
  CHECK_THAT(english, Catch::Contains("Local renewable share (renewable_share) will be at least "
                                      "16.8 % in 2030 with 80.0 % confidence"));
  CHECK_THAT(english, Catch::Contains("16.80 %–16.84 %"));
}

TEST_CASE("target - an objective's page: what it would take, ranked, the rest in one line") {
  TargetPage page = indicator_page();
  page.dimension = Dimension::Energy;
  page.indicator = "final_energy";
  page.at_most = true;
  page.values = {80.0, 82.0, 84.0, 86.0};
  page.committed = 86.0;
  page.target = 80.0;
  page.objective = "Cut energy by 20 %";
  page.probability = ProportionEstimate{0.25, 0.2, 0.31, 0.02};
  WhatItTakes takes;
  takes.confidence = 0.8;
  takes.target = 80.0;
  takes.as_planned.cost = 110.0;
  const auto single = [](std::size_t slot, bool reaches, double ceiling, int years, double p,
                         double extra) {
    SingleChange change;
    change.reaches = reaches;
    change.change = {slot, ceiling / 0.2, years, 0.2, ceiling};
    change.at.probability = {p, p - 0.01, p + 0.01, 0.005};
    change.at.committed = 79.5;
    change.extra_cost = extra;
    return change;
  };
  takes.single = {single(0, true, 0.25, 0, 0.81, 2.6), single(1, true, 0.6, 1, 0.82, 22.8)};
  for (std::size_t slot = 2; slot < 9; ++slot)
    takes.single.push_back(
        single(slot, false, 1.0, 0, 0.1 + 0.01 * static_cast<double>(slot), 1.0));
  SingleChange fixed;
  fixed.changeable = false;
  fixed.change.slot = 9;
  takes.single.push_back(fixed);
  takes.combined = {true, {takes.single[0].change}, takes.single[0].at, 2.6};
  takes.uniform.search.reachable = true;
  takes.uniform.search.scale = 1.12;
  takes.uniform.at.probability = {0.8, 0.79, 0.81, 0.005};
  takes.uniform.extra_cost = 13.2;
  page.takes = &takes;
  for (int a = 0; a < 10; ++a)
    page.actions.push_back(
        {std::string("Action ") + std::to_string(a), std::string("a") + std::to_string(a), "Town"});
  const std::string html = target_report_html(page, ReportLanguage::English);
  CHECK_THAT(html, Catch::Contains("Objective “Cut energy by 20 %”, as planned:"));
  CHECK_THAT(html, Catch::Contains("25.0 % likely (95 % interval 20.0 %–31.0 %)"));
  CHECK(count_of(html, "<svg") == 2);  // the probability's bar, the distribution
  CHECK_THAT(html, Catch::Contains("target: 80.0 GWh"));
  CHECK_THAT(html, Catch::Contains("What would it take to reach 80.0 % confidence"));
  CHECK_THAT(html, Catch::Contains("<strong>Action 0</strong><br><small>a0 · Town</small>"));
  CHECK_THAT(html, Catch::Contains("ceiling 20.0 % → 25.0 %</td>"));
  CHECK_THAT(html, Catch::Contains("ceiling 20.0 % → 60.0 %, 1 year earlier</td>"));
  CHECK_THAT(html, Catch::Contains("+2.60\u00a0M€"));
  // Two that reach, the five closest of the others, then one sentence for the last two.
  CHECK(count_of(html, "not enough alone") == 5);
  CHECK_THAT(html, Catch::Contains("The 2 other actions, each alone at full adoption and started "
                                   "as early as allowed, reach at most 18.0 % likely: a7, a8."));
  CHECK_THAT(html, Catch::Contains("(nothing to change): a9."));
  CHECK_THAT(html, Catch::Contains("Cheapest combination found"));
  CHECK_THAT(html, Catch::Contains("a0: ceiling 20.0 % → 25.0 %"));
  CHECK_THAT(html, Catch::Contains("Every action's ceiling × 1.12 alike (capped at full adoption): "
                                   "80.0 % (79.0 %–81.0 %) likely, +13.2\u00a0M€."));
  const std::string french = target_report_html(page, ReportLanguage::French);
  CHECK_THAT(french, Catch::Contains("Ce qu'il faudrait pour une confiance de 80,0 %"));
  CHECK_THAT(french, Catch::Contains("plafond 20,0 % → 60,0 %, 1 an plus tôt"));
  CHECK_THAT(french, Catch::Contains("Combinaison la moins chère trouvée"));
  CHECK_THAT(french, Catch::Contains("cible\u00a0: 80,0 GWh"));
  // Already reached: no table, one sentence.
  takes.single.clear();
  const std::string reached = target_report_html(page, ReportLanguage::English);
  CHECK_THAT(reached,
             Catch::Contains("As planned, the portfolio already reaches 80.0 % confidence."));
  CHECK(count_of(reached, "<table") == 0);
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
  // The portfolio by its name in each language, not its id.
  CHECK_THAT(html, Catch::Contains("Portfolio: <strong>The climate plan</strong>"));
  CHECK_THAT(french, Catch::Contains("Portefeuille\u00a0: <strong>Le plan climat</strong>"));
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
        "Rénovation performante des logements\u00a0: plafond d'adoption");
  CHECK(sensitivity_factor_name(scenario, "actions.renovation", ReportLanguage::English) ==
        "Deep renovation of dwellings");
  CHECK(sensitivity_factor_name(scenario, "emission_factors.nox.road_transport.diesel",
                                ReportLanguage::English) ==
        "Emission factor of nox: road_transport × diesel");
  // French names the default sets' members in words; English keeps their ids.
  CHECK(sensitivity_factor_name(scenario, "emission_factors.nox.road_transport.diesel",
                                ReportLanguage::French) ==
        "Facteur d'émission de NOx\u00a0: transport routier × gazole");
  CHECK(sensitivity_factor_name(scenario, "trends.activity_growth.industry",
                                ReportLanguage::French) ==
        "Croissance de l'activité\u00a0: industrie");
  CHECK(sensitivity_factor_name(scenario, "trends.autonomous_efficiency.energy_branch",
                                ReportLanguage::English) ==
        "Autonomous efficiency gains: energy_branch");
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
  CHECK_THAT(html, Catch::Contains("<td><strong>The plan</strong></td>"));
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
  CHECK_THAT(french,
             Catch::Contains("<tr><td>The plan − tendanciel (aucune action)</td><td>GES 2030"
                             "</td><td>25,0 [20,0 ; 30,0]</td></tr>"));
  CHECK_THAT(french, Catch::Contains("L'autre comparaison (deux portefeuilles sur un objectif) ne "
                                     "diffère sur aucun membre"));
  CHECK_THAT(french,
             Catch::Contains("Consommation d'énergie finale par vecteur, GWh\u00a0: 2020 650 ("
                             "Électricité 100, Gaz naturel 200, Gazole 300, Réseaux de "
                             "chaleur 50)"));
}
