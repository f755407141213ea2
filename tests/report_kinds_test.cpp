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
  CHECK_THAT(english, Catch::Contains("0.0 % likely (95 % interval 0.00 %–1.3 %)"));
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

TEST_CASE("sensitivity - factors ranked by total Sobol index, with their values") {
  SensitivityResult result;
  result.factors = {"growth", "pv_yield", "insulation_share"};
  result.outputs = {"ghg 2050"};
  // first, its interval, total, its interval
  result.sobol = {{0.05, 0.0, 0.1, 0.08, 0.0, 0.2},
                  {0.6, 0.5, 0.7, 0.65, 0.5, 0.8},
                  {0.2, 0.1, 0.3, 0.25, 0.1, 0.4}};
  const std::string html =
      sensitivity_report_html("Fixture town", "plan", result, "sobol", ReportLanguage::English);
  CHECK_THAT(html, Catch::Contains("<title>What decides the outcome — Fixture town</title>"));
  CHECK_THAT(html, Catch::Contains("<h3>ghg 2050</h3>"));
  CHECK(count_of(html, "<svg") == 1);
  // The chart's text alternative lists them, most important first.
  CHECK_THAT(html, Catch::Contains(
                       "<desc>pv_yield 65.0 %; insulation_share 25.0 %; growth 8.0 %; </desc>"));
}

TEST_CASE("comparison - every portfolio, the paired differences, each action's part") {
  const Scenario scenario = testing::scenario_from_file("scenarios/tests/minimal.toml");
  EnsembleOptions options;
  options.members = 200;
  options.threads = 1;
  const PortfolioComparison comparison = compare_portfolios(scenario, {}, options, true);
  REQUIRE(comparison.portfolios.size() == 2);
  const std::string html = comparison_report_html(scenario, comparison, ReportLanguage::English);
  CHECK_THAT(html, Catch::Contains("<title>Portfolio comparison — Fixture town</title>"));
  CHECK_THAT(html, Catch::Contains("Members: 200 · all portfolios on the same members"));
  CHECK_THAT(html, Catch::Contains("<td><strong>baseline (no action)</strong></td>"));
  CHECK_THAT(html, Catch::Contains("<td><strong>plan</strong></td>"));
  CHECK_THAT(html, Catch::Contains("<td>plan − baseline (no action)</td><td>ghg-2030</td>"));
  // The GHG the plan avoids, as the table rounds it.
  const double avoided = comparison.portfolios[1].ghg_avoided;
  CHECK(avoided > 35.0);
  CHECK(avoided < 45.0);
  CHECK_THAT(html, Catch::Contains("<td>40</td>"));
  // A bar per portfolio and objective, and the chart of the plan's actions.
  CHECK(count_of(html, "<svg") == 3);
  CHECK_THAT(html, Catch::Contains("<h3>plan</h3><figure class=\"chart\"><svg"));
}
