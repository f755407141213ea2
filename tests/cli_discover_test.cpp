// traj discover, end to end: on a one-cell scenario where the objective is
// met iff growth ≤ 0.4 %/yr, the text in English and French, the JSON
// document's values, the HDF5 file and the page, and the refusals (exit
// code 2).
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "cli_support.hpp"
#include "discovery_cases.hpp"
#include "traj/hdf5_file.hpp"

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
  CHECK(has(lang.err, "--lang: the language of the text and of the --report page; the JSON"));
  const auto missing = run_traj(command);
  CHECK(missing.exit_code == 2);
  CHECK(has(missing.err, "--objective"));
}

TEST_CASE(
    "traj discover --output and --report: the file holds what the JSON says, the page "
    "states the box in its language",
    "[cli][discover]") {
  const ScenarioFile file(traj::testing::growth_below_scenario());
  const auto directory = std::filesystem::temp_directory_path() /
                         ("traj_discover_files_" + std::to_string(::getpid()));
  std::filesystem::create_directories(directory);
  const std::string h5 = (directory / "discover.h5").string();
  const std::string page = (directory / "discover.html").string();
  const std::string command = "discover " + file.quoted() +
                              " --portfolio baseline --objective fe-2022 --members 2000 --seed 7";
  const auto json = run_traj(command + " --json");
  REQUIRE(json.exit_code == 0);
  const auto document = nlohmann::json::parse(json.out);
  const auto written =
      run_traj(command + " --output '" + h5 + "' --report '" + page + "' --lang fr -q");
  INFO(written.out << written.err);
  REQUIRE(written.exit_code == 0);
  CHECK(has(written.out, "Découverte écrite dans " + h5));
  CHECK(has(written.out, "Rapport écrit dans " + page));

  const traj::hdf5::File stored = traj::hdf5::File::open_read_only(h5);
  CHECK(stored.root().string_attribute("filetype") == "trajectoires-discovery");
  CHECK(stored.root().int_attribute("members") == 2000);
  CHECK(stored.root().int_attribute("seed") == 7);
  const traj::hdf5::Group group = stored.root().open_group("discovery");
  CHECK(group.string_attribute("objective") == "fe-2022");
  CHECK(group.int_attribute("of_interest") == document["of_interest"].get<std::int64_t>());
  CHECK(group.double_attribute("chosen_density") == document["chosen"]["density"].get<double>());
  CHECK(group.double_attribute("chosen_coverage") == document["chosen"]["coverage"].get<double>());
  CHECK(group.open("parameter").read_strings() == std::vector<std::string>{"growth", "nox_factor"});
  const auto coverage = group.open("coverage").read_doubles();
  REQUIRE(coverage.size() == document["trajectory"].size());
  for (std::size_t b = 0; b < coverage.size(); ++b)
    CHECK(coverage[b] == document["trajectory"][b]["coverage"].get<double>());
  // Box 0 holds every member: open on both sides of every parameter.
  const auto lower = group.open("lower").read_doubles();
  CHECK(std::isinf(lower[0]));
  CHECK(group.open("restricted_parameter").read_strings() == std::vector<std::string>{"growth"});
  CHECK(group.open("restriction_upper").read_doubles().front() ==
        document["chosen"]["restrictions"][0]["upper"].get<double>());
  CHECK(stored.root().open_group("inputs").has("file_000"));

  const std::string html = traj::testing::slurp(page);
  CHECK(has(html, "<html lang=\"fr\""));
  CHECK(has(html, "L'objectif est atteint dans 100,0 % des membres où growth ≤ 0,"));
  CHECK(has(html, "Trajectoire d'épluchage"));
  CHECK(has(html, "<circle"));
  CHECK_FALSE(has(html, "The objective is met"));

  // Never replaced without --force, and nothing half-written.
  const auto size = std::filesystem::file_size(h5);
  const auto again = run_traj(command + " --output '" + h5 + "' -q");
  CHECK(again.exit_code == 2);
  CHECK(has(again.err, "exists"));
  CHECK(std::filesystem::file_size(h5) == size);
  CHECK(run_traj(command + " --output '" + h5 + "' -q --force").exit_code == 0);
  const auto force = run_traj(command + " --force -q");
  CHECK(force.exit_code == 2);
  CHECK(has(force.err, "--force: replaces the --output or --report file"));
  const auto lang = run_traj(command + " --json --lang fr --output '" + h5 + "' --force");
  CHECK(lang.exit_code == 2);
  std::filesystem::remove_all(directory);
}
