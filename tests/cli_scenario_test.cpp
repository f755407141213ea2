// `traj scenario export` and `show`, and mistyped commands, end to end.
#include <catch2/catch.hpp>
#include <filesystem>

#include "cli_support.hpp"

using traj::testing::run_traj;
using traj::testing::scenario;

namespace {

/// `traj run … --json` without the lines that name the scenario or time the run.
std::string run_json_body(const std::string& text) {
  std::string kept;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.find("\"scenario\":") != std::string::npos ||
        line.find("\"seconds\":") != std::string::npos)
      continue;
    kept += line + '\n';
  }
  return kept;
}

std::filesystem::path fresh_directory(const std::string& name) {
  const auto directory =
      std::filesystem::temp_directory_path() / (name + "_" + std::to_string(::getpid()));
  std::filesystem::remove_all(directory);
  return directory;
}

}  // namespace

TEST_CASE("scenario export writes the bundled files, which run as the bundled scenario") {
  const auto directory = fresh_directory("traj_export");
  const auto exported = run_traj("scenario export '" + directory.string() + "'");
  REQUIRE(exported.exit_code == 0);
  const auto main_file = directory / "brest-metropole.toml";
  CHECK(std::filesystem::is_regular_file(main_file));
  CHECK(std::filesystem::is_regular_file(directory / "shared/france-emission-factors.toml"));
  CHECK(traj::testing::slurp(main_file.string()) ==
        traj::testing::slurp(traj::testing::source_path("scenarios/brest-metropole.toml")));
  CHECK(run_traj("validate '" + main_file.string() + "'").exit_code == 0);
  const auto bundled = run_traj("run --members 500 --json -q --threads 1");
  const auto edited =
      run_traj("run '" + main_file.string() + "' --members 500 --json -q --threads 1");
  REQUIRE(bundled.exit_code == 0);
  REQUIRE(edited.exit_code == 0);
  CHECK(run_json_body(edited.out) == run_json_body(bundled.out));

  // Never replaces: a second export fails, naming the file, and changes nothing.
  std::filesystem::resize_file(main_file, 10);
  const auto again = run_traj("scenario export '" + directory.string() + "'");
  CHECK(again.exit_code == 2);
  CHECK_THAT(again.err, Catch::Contains("brest-metropole.toml exists"));
  CHECK(std::filesystem::file_size(main_file) == 10);
  std::filesystem::remove_all(directory);
}

TEST_CASE("scenario show prints a value, where it is set, its distribution and unit") {
  const auto ceiling = run_traj("scenario show actions.deep-renovation.adoption.ceiling");
  REQUIRE(ceiling.exit_code == 0);
  CHECK_THAT(
      ceiling.out,
      Catch::Contains("actions.deep-renovation.adoption.ceiling = { uniform = [0.25, 0.45] }"));
  CHECK_THAT(ceiling.out, Catch::Contains("set at <bundled>/brest-metropole.toml:"));
  CHECK_THAT(ceiling.out, Catch::Contains("distribution: uniform(0.25, 0.45), central value 0.35"));

  const auto energy = run_traj("scenario show inventory.final_energy.residential.electricity " +
                               scenario("scenarios/brest-metropole.toml"));
  REQUIRE(energy.exit_code == 0);
  CHECK_THAT(energy.out, Catch::Contains("= 525\n"));
  CHECK_THAT(energy.out, Catch::Contains("fixed (not uncertain)"));
  CHECK_THAT(energy.out, Catch::Contains("unit: \"GWh\", set at "));

  const auto effect = run_traj("scenario show 'actions.deep-renovation.effects[0].type'");
  REQUIRE(effect.exit_code == 0);
  CHECK_THAT(effect.out, Catch::Contains("= \"reduce\""));
}

TEST_CASE("scenario show --lang fr: the same value and origin, said in French") {
  const auto ceiling = run_traj("scenario show actions.deep-renovation.adoption.ceiling --lang fr");
  REQUIRE(ceiling.exit_code == 0);
  CHECK_THAT(
      ceiling.out,
      Catch::Contains("actions.deep-renovation.adoption.ceiling = { uniform = [0.25, 0.45] }"));
  CHECK_THAT(ceiling.out, Catch::Contains("défini en <bundled>/brest-metropole.toml:"));
  CHECK_THAT(ceiling.out,
             Catch::Contains("distribution\u00a0: uniforme(0,25 ; 0,45), valeur centrale 0,35 "
                             "(dans les unités du modèle)"));
  const auto energy = run_traj("scenario show inventory.final_energy.residential.electricity " +
                               scenario("scenarios/brest-metropole.toml") + " --lang fr");
  REQUIRE(energy.exit_code == 0);
  CHECK_THAT(energy.out, Catch::Contains("fixé (non incertain)"));
  CHECK_THAT(energy.out, Catch::Contains("unité\u00a0: \"GWh\", défini en "));
  CHECK(run_traj("scenario show actions.deep-renovation.adoption.ceiling --lang de").exit_code ==
        2);
}

TEST_CASE("scenario show refuses an unknown key, id or index with a suggestion") {
  const auto typo = run_traj("scenario show actions.deep-renovatoin.adoption");
  CHECK(typo.exit_code == 2);
  CHECK_THAT(typo.err,
             Catch::Contains("found \"deep-renovatoin\" (did you mean 'deep-renovation'?)"));
  const auto key = run_traj("scenario show inventory.final_energi");
  CHECK(key.exit_code == 2);
  CHECK_THAT(key.err, Catch::Contains("expected a key of inventory, found \"final_energi\""));
  const auto index = run_traj("scenario show 'actions.deep-renovation.effects[7]'");
  CHECK(index.exit_code == 2);
  CHECK_THAT(index.err, Catch::Contains("expected an index below"));
  CHECK(run_traj("scenario show").exit_code == 2);
  CHECK(run_traj("scenario").exit_code == 2);
}

TEST_CASE("a mistyped command is refused with a suggestion, also with --help") {
  for (const char* arguments : {"runn", "runn --help", "compair -n 100"}) {
    INFO(arguments);
    const auto outcome = run_traj(arguments);
    CHECK(outcome.exit_code == 2);
    CHECK_THAT(outcome.err, Catch::Contains("expected a command (validate, graph, run,"));
  }
  CHECK_THAT(run_traj("runn").err, Catch::Contains("found \"runn\" (did you mean 'run'?)"));
  CHECK(run_traj("run --help").exit_code == 0);
}

TEST_CASE("an empty scenario argument is refused, never read as the bundled scenario") {
  for (const std::string command :
       {"scenario show actions.deep-renovation.adoption.ceiling ''", "validate ''", "run ''",
        "graph ''", "target -p plan --objective ghg-2050 ''", "sensitivity -p plan ''",
        "track -p plan --observations x.csv ''"}) {
    INFO(command);
    const auto result = run_traj(command);
    CHECK(result.exit_code == 2);
    CHECK(result.out.empty());
    CHECK_THAT(result.err, Catch::Contains("scenario: expected a file name, found an empty one"));
  }
}
