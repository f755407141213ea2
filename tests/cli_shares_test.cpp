// traj compare --shares from the command line: the section in English and
// French, the JSON key, the comparison file's group, and the options it
// refuses.
#include <unistd.h>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "cli_support.hpp"
#include "traj/hdf5_file.hpp"

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
  CHECK(run_traj("compare --members 100 --shares communes -q").exit_code == 2);
  CHECK(run_traj("compare --members 100 --shares actions --permutations 1 -q").exit_code == 2);
  // 10 million members of the large scenario's 70 actions hold ≈ 53 GB:
  // refused before the first ensemble runs where that is more than the
  // memory available.
  std::ifstream meminfo("/proc/meminfo");
  std::string line;
  double available_gb = 0.0;
  while (std::getline(meminfo, line)) {
    if (line.rfind("MemAvailable:", 0) == 0) available_gb = std::stod(line.substr(13)) * 1024 / 1e9;
  }
  if (available_gb == 0.0 || available_gb > 50.0) {
    WARN("more than 50 GB available: the refusal of --shares is not exercised here");
    return;
  }
  const auto memory =
      run_traj("compare " + traj::testing::scenario("scenarios/bench/metropole-large.toml") +
                   " --portfolios all --members 10000000 --shares actions -q",
               "", 30);
  CHECK(memory.exit_code == 2);
  CHECK_THAT(memory.err, Catch::Contains("--shares: the shares of all's 70 players over 10000000 "
                                         "members would hold about 53.3 GB") &&
                             Catch::Contains("or --shares coalitions (fewer players)"));
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

TEST_CASE("compare --shares --output: the file's shares are the JSON's, player by outcome",
          "[cli][shares]") {
  const auto directory = std::filesystem::temp_directory_path() /
                         ("traj_cli_shares_file_" + std::to_string(::getpid()));
  std::filesystem::create_directories(directory);
  const std::string file = (directory / "compare.h5").string();
  const std::string command =
      "compare --portfolios commitments --members 100 --no-contributions --shares coalitions -q";
  const auto json = run_traj(command + " --json");
  REQUIRE(json.exit_code == 0);
  const auto document = nlohmann::json::parse(json.out);
  const auto& expected = document["shares"][0];
  const auto written = run_traj(command + " --output '" + file + "'");
  INFO(written.err);
  REQUIRE(written.exit_code == 0);
  const traj::hdf5::File stored = traj::hdf5::File::open_read_only(file);
  const traj::hdf5::Group group = stored.root().open_group("shares").open_group("commitments");
  CHECK(group.string_attribute("players") == "coalitions");
  CHECK(group.string_attribute("method") == "exact");
  CHECK(group.int_attribute("evaluations") == expected["evaluations"].get<std::int64_t>());
  const auto players = group.open("player").read_strings();
  const auto outcomes = group.open("outcome").read_strings();
  REQUIRE(players.size() == expected["shares"].size());
  REQUIRE(outcomes.size() == expected["outcomes"].size());
  const auto share = group.open("share").read_doubles();
  const auto error = group.open("standard_error").read_doubles();
  const auto low = group.open("share_ci_low").read_doubles();
  const auto whole = group.open("portfolio_value").read_doubles();
  const auto none = group.open("no_action_value").read_doubles();
  for (std::size_t p = 0; p < players.size(); ++p) {
    CHECK(players[p] == expected["shares"][p]["player"].get<std::string>());
    for (std::size_t o = 0; o < outcomes.size(); ++o) {
      CHECK(share[p * outcomes.size() + o] == expected["shares"][p]["share"][o].get<double>());
      const std::size_t at = p * outcomes.size() + o;
      CHECK(error[at] == expected["shares"][p]["standard_error"][o].get<double>());
      CHECK(low[at] == Approx(share[at] - 1.959963984540054 * error[at]));
    }
  }
  for (std::size_t o = 0; o < outcomes.size(); ++o) {
    CHECK(outcomes[o] == expected["outcomes"][o]["label"].get<std::string>());
    CHECK(whole[o] == expected["portfolio_value"][o].get<double>());
    double total = 0.0;
    for (std::size_t p = 0; p < players.size(); ++p) total += share[p * outcomes.size() + o];
    CHECK(total == Approx(whole[o] - none[o]).margin(1e-9 * (std::abs(whole[o]) + 1.0)));
  }
  const auto units = group.open("outcome_units").read_strings();
  CHECK(units.front() == "1");  // the first outcome is an objective: a probability
  CHECK(units.back() != "1");   // the last, the discounted cost, has a unit
  std::filesystem::remove_all(directory);
}
