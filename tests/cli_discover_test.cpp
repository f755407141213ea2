// traj discover, end to end: on a one-cell scenario where the objective is
// met iff growth ≤ 0.4 %/yr, the text in English and French, the JSON
// document's values, and the refusals (exit code 2).
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "cli_support.hpp"
#include "discovery_cases.hpp"

namespace {

using traj::testing::run_traj;

/// The scenario written in the temporary directory for one test, removed after it.
struct ScenarioFile {
  explicit ScenarioFile(const std::string& text, const std::string& name = "growth.toml")
      : path(std::filesystem::temp_directory_path() /
             (std::string("traj_discover_") + std::to_string(::getpid()) + "_" + name)) {
    std::ofstream(path) << text;
  }
  ~ScenarioFile() { std::filesystem::remove(path); }
  std::string quoted() const {
    std::string text = "'";
    text += path.string();
    text += '\'';
    return text;
  }
  std::filesystem::path path;
};

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("traj discover states the box in English and in French", "[cli][discover]") {
  const ScenarioFile file(traj::testing::growth_below_scenario());
  const std::string command =
      "discover " + file.quoted() + " --portfolio baseline --objective fe-2022 --members 2000";
  const auto english = run_traj(command);
  INFO(english.out << english.err);
  REQUIRE(english.exit_code == 0);
  CHECK(has(english.out, "objective \"fe-2022\" (fe-2022): scenario discovery over 2000 members"));
  CHECK(has(english.out, "over 2 uncertain parameters"));
  CHECK(has(english.out, "Peeling trajectory (coverage: share of the members meeting it"));
  CHECK(has(english.out, "← chosen"));
  // The bound's value, 0.4 %/yr within the pasting's resolution, is checked with --json.
  CHECK(has(english.out, "The objective is met in 100 % of the members where growth ≤ 0."));
  CHECK(has(english.out, " %/yr; such members are 4"));
  CHECK(has(english.out, "1. growth ≤ 0."));
  CHECK(has(english.out, ": without it, density 4"));
  CHECK_FALSE(has(english.out, "nox_factor"));
  const auto french = run_traj(command + " --lang fr");
  INFO(french.out << french.err);
  REQUIRE(french.exit_code == 0);
  CHECK(has(french.out, "découverte de scénarios sur 2000 membres"));
  CHECK(has(french.out, "Trajectoire d'épluchage (couverture\u00a0: part des membres"));
  CHECK(has(french.out, "L'objectif est atteint dans 100 % des membres où growth ≤ 0,"));
  CHECK(has(french.out, "%/an"));
  CHECK(has(french.out, "\u00a0: sans elle, densité 4"));
  CHECK_FALSE(has(french.out, "without it"));
  const auto failure = run_traj(command + " --target failure");
  REQUIRE(failure.exit_code == 0);
  CHECK(has(failure.out, "(--target failure)"));
  CHECK(has(failure.out, "The objective is missed in 100 % of the members where growth ≥ 0."));
}

TEST_CASE("traj discover --json gives the trajectory and the chosen box", "[cli][discover]") {
  const ScenarioFile file(traj::testing::growth_below_scenario());
  const auto outcome = run_traj("discover " + file.quoted() +
                                " --portfolio baseline --objective fe-2022 --members 2000 "
                                "--seed 7 --alpha 0.1 --json");
  INFO(outcome.err);
  REQUIRE(outcome.exit_code == 0);
  const auto document = nlohmann::json::parse(outcome.out);
  CHECK(document["objective"] == "fe-2022");
  CHECK(document["target"] == "success");
  CHECK(document["members"] == 2000);
  CHECK(document["seed"] == 7);
  CHECK(document["peel_alpha"] == 0.1);
  CHECK(document["minimum_coverage"] == 0.5);
  CHECK(document["parameters"] == nlohmann::json::array({"growth", "nox_factor"}));
  const double met = document["objective_met"].get<double>() / 2000.0;
  CHECK(met == Approx(1.4 / 3.0).margin(0.04));
  const auto& trajectory = document["trajectory"];
  REQUIRE(trajectory.size() >= 2);
  CHECK(trajectory[0]["coverage"] == 1.0);
  CHECK(trajectory[0]["mass"] == 1.0);
  CHECK(trajectory[0]["restrictions"].empty());
  const auto& chosen = document["chosen"];
  CHECK(chosen["density"] == 1.0);
  CHECK(chosen["coverage"].get<double>() > 0.97);
  CHECK(chosen["mass"].get<double>() == Approx(met).margin(0.02));
  REQUIRE(chosen["restrictions"].size() == 1);
  const auto& growth = chosen["restrictions"][0];
  CHECK(growth["parameter"] == "growth");
  CHECK(growth["name"] == "growth");
  CHECK(growth["unit"] == "1/yr");
  CHECK(growth["lower"].is_null());
  CHECK(growth["upper"].get<double>() == Approx(0.004).margin(0.0006));
  CHECK(growth["density_without"].get<double>() == Approx(met));
  CHECK(growth["density_drop"].get<double>() == Approx(1.0 - met));
  CHECK(growth["quasi_p"].get<double>() < 1e-100);
}

TEST_CASE("traj discover refuses what it cannot discover", "[cli][discover]") {
  const ScenarioFile file(traj::testing::growth_below_scenario());
  const std::string command = "discover " + file.quoted() + " --portfolio baseline --members 500";
  const auto unknown = run_traj(command + " --objective fe-2023");
  CHECK(unknown.exit_code == 2);
  CHECK(has(unknown.err,
            "--objective: expected an objective of the scenario (fe-2022), found "
            "\"fe-2023\""));
  CHECK(unknown.out.empty());
  const ScenarioFile always(traj::testing::growth_below_scenario("1000"), "always.toml");
  const auto met = run_traj("discover " + always.quoted() +
                            " --portfolio baseline --members 500 --objective fe-2022");
  CHECK(met.exit_code == 2);
  CHECK(has(met.err,
            "every one of the 500 members meets it without any action: there is "
            "nothing to discover"));
  const auto alpha = run_traj(command + " --objective fe-2022 --alpha 0.6");
  CHECK(alpha.exit_code == 2);
  CHECK(has(alpha.err, "--alpha: expected a finite number from 0.01 to 0.5, found 0.6"));
  const auto target = run_traj(command + " --objective fe-2022 --target failures");
  CHECK(target.exit_code == 2);
  const auto lang = run_traj(command + " --objective fe-2022 --json --lang fr");
  CHECK(lang.exit_code == 2);
  CHECK(has(lang.err, "--lang with --json"));
  const auto missing = run_traj(command);
  CHECK(missing.exit_code == 2);
  CHECK(has(missing.err, "--objective"));
}
