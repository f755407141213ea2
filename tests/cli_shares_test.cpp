// traj compare --shares from the command line: the section in English and
// French, the JSON key, and the options it refuses.
#include <unistd.h>
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "cli_support.hpp"

using traj::testing::run_traj;

TEST_CASE("compare --shares prints what each coalition brings, in English and French",
          "[cli][shares]") {
  const auto english = run_traj(
      "compare --portfolios commitments --members 100 --no-contributions --shares coalitions -q");
  REQUIRE(english.exit_code == 0);
  CHECK_THAT(english.out,
             Catch::Contains("(Shapley values on the same 100 members, exact over every set of "
                             "the 9 players: 512 ensembles; 95 % intervals):"));
  CHECK_THAT(english.out,
             Catch::Contains("  Brest métropole (5 action(s)): energy-2050 +0 ± 0 pts"));
  CHECK_THAT(english.out, Catch::Contains("Together (the portfolio minus no action): "));
  const auto french = run_traj(
      "compare --portfolios commitments --members 100 --no-contributions --shares coalitions -q "
      "--lang fr");
  REQUIRE(french.exit_code == 0);
  CHECK_THAT(french.out, Catch::Contains("Ce que chaque coalition apporte à "));
  CHECK_THAT(french.out,
             Catch::Contains("exactes sur tous les ensembles des 9 acteurs\u00a0: 512 ensembles"));
  CHECK_THAT(french.out, Catch::Contains("Ensemble (le portefeuille moins aucune action)\u00a0: "));
}

TEST_CASE("compare --shares --json: the shares add up to the portfolio minus no action",
          "[cli][shares]") {
  const auto ran = run_traj(
      "compare --portfolios commitments --members 100 --no-contributions --shares actions "
      "--permutations 2 --json -q");
  REQUIRE(ran.exit_code == 0);
  const auto document = nlohmann::json::parse(ran.out);
  REQUIRE(document["shares"].size() == 1);
  const auto& shares = document["shares"][0];
  CHECK(shares["portfolio"] == "commitments");
  CHECK(shares["players"] == "actions");
  CHECK(shares["method"] == "sampled orders");  // 13 actions: beyond 12, orders are sampled
  CHECK(shares["permutations"] == 2);
  CHECK(shares["evaluations"] == 1 + 2 * 13);
  REQUIRE(shares["shares"].size() == 13);
  const std::size_t outcomes = shares["outcomes"].size();
  for (std::size_t o = 0; o < outcomes; ++o) {
    double total = 0.0;
    for (const auto& player : shares["shares"]) total += player["share"][o].get<double>();
    const double whole =
        shares["portfolio_value"][o].get<double>() - shares["no_action_value"][o].get<double>();
    CHECK(total == Approx(whole).margin(1e-9 * (std::abs(whole) + 1.0)));
  }
  // Without --shares the document has no such key (it is unchanged).
  const auto plain =
      run_traj("compare --portfolios commitments --members 100 --no-contributions --json -q");
  CHECK(nlohmann::json::parse(plain.out).count("shares") == 0);
}

TEST_CASE("compare refuses --shares options it cannot honour", "[cli][shares]") {
  const auto alone = run_traj("compare --members 100 --permutations 5 -q");
  CHECK(alone.exit_code == 2);
  CHECK_THAT(alone.err, Catch::Contains("--permutations: the random orders of --shares"));
  const auto file = run_traj("compare --members 100 --shares coalitions --output x.h5 -q");
  CHECK(file.exit_code == 2);
  CHECK_THAT(file.err, Catch::Contains("--shares: not written to --output files yet"));
  CHECK(run_traj("compare --members 100 --shares communes -q").exit_code == 2);
  CHECK(run_traj("compare --members 100 --shares actions --permutations 1 -q").exit_code == 2);
}

TEST_CASE("compare --shares --report: the page shows what each coalition brings, in French",
          "[cli][shares]") {
  const auto directory =
      std::filesystem::temp_directory_path() / ("traj_cli_shares_" + std::to_string(::getpid()));
  std::filesystem::create_directories(directory);
  const std::string page = (directory / "shares.html").string();
  const auto ran = run_traj(
      "compare --portfolios commitments --members 100 --no-contributions --shares coalitions -q "
      "--lang fr --report '" +
      page + "'");
  REQUIRE(ran.exit_code == 0);
  const std::string html = traj::testing::slurp(page);
  CHECK_THAT(html,
             Catch::Contains("<section id=\"shares\"><h2>Ce que chaque coalition apporte</h2>"));
  CHECK_THAT(html,
             Catch::Contains("<strong>Ensemble (le portefeuille moins aucune action)</strong>"));
  // One row per coalition (nine), then the whole.
  std::size_t rows = 0;
  const std::size_t table = html.find("<table class=\"shares\">");
  REQUIRE(table != std::string::npos);
  const std::size_t end = html.find("</table>", table);
  for (std::size_t at = html.find("<tr>", table); at != std::string::npos && at < end;
       at = html.find("<tr>", at + 1))
    ++rows;
  CHECK(rows == 1 + 9);  // the heading row and the nine coalitions; the whole is a "total" row
  CHECK_THAT(html, Catch::Contains("GES 2050"));
  std::filesystem::remove_all(directory);
}
