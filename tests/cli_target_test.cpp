// traj target --objective end to end: what it would take, in text, JSON and the page.

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "cli_support.hpp"

using traj::testing::run_traj;
using traj::testing::slurp;

TEST_CASE(
    "target --objective: the single changes ranked by cost, the combination, the uniform scale") {
  const auto json_run =
      run_traj("target -p ambitious --objective energy-2050 -c 0.8 -n 1000 --json -q");
  REQUIRE(json_run.exit_code == 0);
  const auto document = nlohmann::json::parse(json_run.out);
  // The keys target has always printed are still there, with the uniform scale.
  CHECK(document.at("reachable").get<bool>());
  const auto& takes = document.at("what_it_takes");
  CHECK((takes.at("uniform").at("scale") == document.at("scale")));
  CHECK((takes.at("uniform").at("probability") == document.at("probability")));
  CHECK(takes.at("target").get<double>() > 0.0);
  // Reaching single changes first, by extra cost; each reaches the confidence.
  const auto& single = takes.at("single");
  REQUIRE(single.size() == 23);  // every action of the portfolio
  double previous_cost = -1e300;
  bool reaching = true;
  int reaching_count = 0;
  for (const auto& change : single) {
    if (!change.at("changeable").get<bool>()) continue;
    if (!change.at("reaches").get<bool>()) {
      reaching = false;
      CHECK(change.at("probability").get<double>() < 0.8);
      continue;
    }
    CHECK(reaching);  // no reaching change after one that does not
    ++reaching_count;
    CHECK(change.at("probability").get<double>() >= 0.8);
    CHECK(change.at("extra_cost").get<double>() >= previous_cost);
    previous_cost = change.at("extra_cost").get<double>();
    const bool changed =
        change.at("ceiling").get<double>() > change.at("ceiling_planned").get<double>() ||
        change.at("years_earlier").get<int>() > 0;
    CHECK(changed);
  }
  CHECK(reaching_count >= 1);
  const auto& combination = takes.at("combination");
  REQUIRE(combination.at("reaches").get<bool>());
  CHECK(combination.at("probability").get<double>() >= 0.8);
  CHECK_FALSE(combination.at("changes").empty());
  // The greedy finds it for less than the cheapest single change and the uniform scale.
  CHECK(combination.at("extra_cost").get<double>() <= single.at(0).at("extra_cost").get<double>());
  CHECK(combination.at("extra_cost").get<double>() <=
        takes.at("uniform").at("extra_cost").get<double>());

  const auto text = run_traj("target -p ambitious --objective energy-2050 -c 0.8 -n 1000 -q");
  REQUIRE(text.exit_code == 0);
  CHECK_THAT(text.out, Catch::Contains("What would reach 80 % confidence, each action alone, "
                                       "cheapest first"));
  CHECK_THAT(text.out, Catch::Contains("    1. "));
  CHECK_THAT(text.out, Catch::Contains("Cheapest combination found (greedy): "));
  CHECK_THAT(text.out, Catch::Contains("Every action's ceiling × "));
  CHECK_THAT(text.out, Catch::Contains(" M€."));
}

TEST_CASE("target --report: the page in French, with the distribution and what it would take") {
  const auto directory =
      std::filesystem::temp_directory_path() / ("traj_cli_target_" + std::to_string(::getpid()));
  std::filesystem::create_directories(directory);
  const std::string page = (directory / "target.html").string();
  REQUIRE(run_traj("target -p ambitious --objective energy-2050 -c 0.8 -n 1000 -q --lang fr "
                   "--report '" +
                   page + "'")
              .exit_code == 0);
  const std::string html = slurp(page);
  CHECK_THAT(html, Catch::Contains("Consommation d'énergie finale en 2050\u00a0: répartition des "
                                   "membres"));
  CHECK_THAT(html, Catch::Contains("class=\"distribution\""));
  CHECK_THAT(html, Catch::Contains("cible\u00a0: "));
  CHECK_THAT(html, Catch::Contains("Ce qu'il faudrait pour une confiance de 80,0 %"));
  // The bundled scenario's French action names (name_fr).
  CHECK_THAT(html, Catch::Contains("<strong>Rénovation performante (BBC) des logements</strong>"));
  CHECK_THAT(html, !Catch::Contains("Deep (BBC) renovation of dwellings"));
  CHECK_THAT(html, Catch::Contains("Combinaison la moins chère trouvée"));
  CHECK_THAT(html, Catch::Contains("Plafond de chaque action × "));
  // An --indicator page: the statement in French, the distribution, no table.
  const std::string value = (directory / "value.html").string();
  REQUIRE(run_traj("target -p plan --indicator renewable_share --year 2030 -n 1000 -q --lang fr "
                   "--report '" +
                   value + "'")
              .exit_code == 0);
  const std::string indicator = slurp(value);
  CHECK_THAT(indicator, Catch::Contains("sera au moins"));
  CHECK_THAT(indicator, Catch::Contains("La coalition peut donc s'engager sur ≥ "));
  CHECK_THAT(indicator, Catch::Contains("class=\"distribution\""));
  CHECK_THAT(indicator, !Catch::Contains("<table"));
  std::filesystem::remove_all(directory);
}
