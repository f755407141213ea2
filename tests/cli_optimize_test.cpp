// traj optimize, end to end: on the knapsack fixture (six independent
// actions, scenarios/tests/knapsack.toml) the text in English and French
// names the optimum, the JSON document holds the front under the budget,
// --save-portfolio writes a portfolio that `traj run` runs to the figures
// stated on the fresh members, and every bad option exits 2 with a message.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "cli_support.hpp"

namespace {

using traj::testing::run_traj;
using traj::testing::scenario;

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

const std::string KNAPSACK = std::string("optimize ") + scenario("scenarios/tests/knapsack.toml") +
                             " --candidates everything --members 20 --population 16 "
                             "--generations 30";

}  // namespace

TEST_CASE("traj optimize states the front and the chosen portfolio in English and French",
          "[cli][optimize]") {
  const auto english = run_traj(KNAPSACK + " --budget 20");
  INFO(english.out << english.err);
  REQUIRE(english.exit_code == 0);
  CHECK(has(english.out,
            "Knapsack town — portfolio search: 6 candidates (portfolio everything), "
            "levels 0 ; 1; objectives all met: ghg-2030; budget 20 M€"));
  CHECK(has(english.out, "Searched on 20 common members (seed 1)"));
  CHECK(has(english.out, "Pareto front under the budget"));
  CHECK(has(english.out, "← chosen"));
  CHECK(has(english.out, "cost 20.0 M€, probability 100.0 % [83.9–100.0], GHG avoided 35.4 kt"));
  CHECK(has(english.out, "its 3 actions: a1, a4, a5"));
  const auto french = run_traj(KNAPSACK + " --budget 20 --lang fr");
  INFO(french.out << french.err);
  REQUIRE(french.exit_code == 0);
  CHECK(has(french.out, "recherche de portefeuille\u00a0: 6 candidates"));
  CHECK(has(french.out,
            "coût 20,0\u00a0M€, probabilité 100,0 % [83,9–100,0], GES évités 35,4\u00a0kt"));
  CHECK(has(french.out, "ses 3 actions\u00a0: a1, a4, a5"));
  CHECK(has(french.out, "← choisi"));
}

TEST_CASE("traj optimize --json holds the front within the budget and the seeds",
          "[cli][optimize]") {
  const auto outcome = run_traj(KNAPSACK + " --budget 11 --seed 5 --json");
  INFO(outcome.out << outcome.err);
  REQUIRE(outcome.exit_code == 0);
  const auto json = nlohmann::json::parse(outcome.out);
  CHECK(json["seed"] == 5);
  CHECK(json["fresh_seed"] != 5);
  CHECK(json["budget"] == 11.0);
  CHECK(json["candidate_actions"].size() == 6);
  REQUIRE(json["front"].size() > 3);
  for (const auto& point : json["front"])
    CHECK(point["fresh"]["cost"].get<double>() <= 11.0 + 1e-9);
  // Under 11 M€ the most GHG avoided is a2 + a5 (Σw 10, 11 M€) or a1 (10.2, 12 M€: too dear):
  // a2 + a5, 2 × 10 = 20 kt.
  const auto& chosen = json["front"][json["chosen"].get<std::size_t>()];
  CHECK(chosen["fresh"]["ghg_avoided"].get<double>() == Approx(20.0).epsilon(1e-9));
  REQUIRE(chosen["actions"].size() == 2);
  CHECK(chosen["actions"][0]["id"] == "a2");
  CHECK(chosen["actions"][1]["id"] == "a5");
}

TEST_CASE("traj optimize --save-portfolio writes what traj run runs to the stated figures",
          "[cli][optimize]") {
  // Brest, every action a candidate: uncertain numbers, so the fresh seed matters.
  const auto folder = std::filesystem::temp_directory_path() /
                      (std::string("traj_optimize_") + std::to_string(::getpid()));
  std::filesystem::create_directories(folder);
  const std::string saved = (folder / "chosen.toml").string();
  const auto outcome =
      run_traj(std::string("optimize ") + scenario("scenarios/brest-metropole.toml") +
               " --candidates all --budget 400 --members 300 --generations 2 "
               "--population 8 --seed 3 --json --save-portfolio '" +
               saved + "'");
  INFO(outcome.out << outcome.err);
  REQUIRE(outcome.exit_code == 0);
  const auto json = nlohmann::json::parse(outcome.out);
  REQUIRE(json["chosen"].is_number());
  const auto& chosen = json["front"][json["chosen"].get<std::size_t>()];
  const auto run =
      run_traj(std::string("run '") + saved + "' --portfolio optimized --members 300 --seed " +
               std::to_string(json["fresh_seed"].get<long long>()) + " --json");
  INFO(run.out << run.err);
  REQUIRE(run.exit_code == 0);
  const auto result = nlohmann::json::parse(run.out);
  CHECK(result["all_objectives"]["probability"].get<double>() ==
        Approx(chosen["fresh"]["probability"].get<double>()).margin(1e-12));
  // A saved file is never replaced.
  const auto again =
      run_traj(std::string("optimize ") + scenario("scenarios/brest-metropole.toml") +
               std::string(" --candidates all --save-portfolio '") + saved + "'");
  CHECK(again.exit_code == 2);
  CHECK(has(again.err, "exists"));
  std::filesystem::remove_all(folder);
}

TEST_CASE("traj optimize refuses bad options with exit 2 and a message", "[cli][optimize]") {
  const std::string knapsack = scenario("scenarios/tests/knapsack.toml");
  const auto refused = [](const std::string& arguments, const std::string& message) {
    const auto outcome = run_traj(arguments);
    INFO(arguments << "\n" << outcome.out << outcome.err);
    CHECK(outcome.exit_code == 2);
    CHECK(has(outcome.err, message));
    CHECK(outcome.out.empty());
  };
  refused(std::string("optimize ") + knapsack, "--candidates is required");
  refused(std::string("optimize ") + knapsack + " --candidates everything --budget 0", "--budget");
  refused(std::string("optimize ") + knapsack + " --candidates everything --budget -5", "--budget");
  refused(std::string("optimize ") + knapsack + " --candidates nothing",
          "expected a portfolio of the scenario");
  refused(std::string("optimize ") + knapsack + " --candidates baseline", "which has no action");
  refused(
      std::string("optimize ") + knapsack + " --candidates all --objectives ghg-2050",
      "--objectives: expected objectives of the scenario (ghg-2030) or all, found \"ghg-2050\"");
  refused(std::string("optimize ") + knapsack + " --candidates all --levels 0,1.5",
          "between 0 and 1");
  refused(std::string("optimize ") + knapsack + " --candidates all --levels 0,x", "found \"x\"");
  refused(std::string("optimize ") + knapsack + " --candidates all --levels 1,0", "increasing");
  refused(std::string("optimize ") + knapsack + " --candidates all --confidence 1", "--confidence");
  refused(std::string("optimize ") + knapsack + " --candidates all --population 10",
          "multiple of 4");
  refused(std::string("optimize ") + knapsack + " --candidates all --json --lang fr", "--lang");
  refused("optimize --candidates all --save-portfolio x.toml", "bundled scenario");
}

TEST_CASE("traj optimize --output and --report write the front and its page", "[cli][optimize]") {
  const auto folder = std::filesystem::temp_directory_path() /
                      (std::string("traj_optimize_files_") + std::to_string(::getpid()));
  std::filesystem::create_directories(folder);
  const std::string h5 = (folder / "search.h5").string(), page = (folder / "search.html").string();
  const auto outcome =
      run_traj(KNAPSACK + " --budget 20 --lang fr --output '" + h5 + "' --report '" + page + "'");
  INFO(outcome.out << outcome.err);
  REQUIRE(outcome.exit_code == 0);
  CHECK(has(outcome.out, "Recherche écrite dans"));
  const std::string html = traj::testing::slurp(page);
  CHECK(has(html, "<svg class=\"front\""));
  CHECK(has(html, "Le front de Pareto dans le budget"));
  CHECK(has(html, "Gas savings in sector s1, Gas savings in sector s4, Gas savings in sector s5"));
  CHECK(has(html, "20,0 M€"));
  // The file: its type, the chosen point and each point's levels (h5dump, Debian's hdf5-tools).
  const std::string dump = (folder / "dump.txt").string();
  REQUIRE(
      std::system((std::string("h5dump -a /filetype -a /chosen -d /front/level -d /front/cost '") +
                   h5 + "' > '" + dump + "'")
                      .c_str()) == 0);
  const std::string text = traj::testing::slurp(dump);
  CHECK(has(text, "trajectoires-portfolio-search"));
  CHECK(has(text, "DATASPACE  SIMPLE { ( 15, 6 ) / ( 15, 6 ) }"));
  // Asked again, the files are not replaced without --force.
  const auto again = run_traj(KNAPSACK + " --budget 20 --output '" + h5 + "'");
  CHECK(again.exit_code == 2);
  std::filesystem::remove_all(folder);
}
