// The traj command line, end to end: exit codes, stdout and stderr.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "test_support.hpp"

namespace {

struct Outcome {
  int exit_code;
  std::string out;
  std::string err;
};

std::string slurp(const std::string& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

Outcome run_traj(const std::string& arguments, const std::string& directory = "") {
  const auto scratch =
      std::filesystem::temp_directory_path() / ("traj_cli_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(scratch);
  const std::string out = (scratch / "out").string();
  const std::string err = (scratch / "err").string();
  std::ostringstream command_line;
  if (!directory.empty()) command_line << "cd '" << directory << "' && ";
  command_line << "'" << TRAJ_EXECUTABLE << "' " << arguments << " > '" << out << "' 2> '" << err
               << "'";
  const std::string command = command_line.str();
  const int status = std::system(command.c_str());
  Outcome outcome{WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out), slurp(err)};
  std::filesystem::remove_all(scratch);
  return outcome;
}

std::string scenario(const std::string& relative) {
  std::string quoted = "'";
  quoted += traj::testing::source_path(relative);
  quoted += '\'';
  return quoted;
}

}  // namespace

TEST_CASE("version and help flags") {
  const auto version = run_traj("--version");
  CHECK(version.exit_code == 0);
  CHECK_THAT(version.out, Catch::StartsWith("traj 0."));
  const auto help = run_traj("--help");
  CHECK(help.exit_code == 0);
  CHECK_THAT(help.out, Catch::Contains("validate"));
  for (const char* command : {"validate", "graph", "run"}) {
    const auto sub = run_traj(std::string(command) + " --help");
    CHECK(sub.exit_code == 0);
    CHECK_THAT(sub.out, Catch::Contains("Example"));
  }
}

TEST_CASE("validate: ok and a summary, from any directory with the bundled scenario") {
  const auto result = run_traj("validate", std::filesystem::temp_directory_path().string());
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out, Catch::StartsWith("ok: <bundled>/brest-metropole.toml — Brest métropole"));
  CHECK_THAT(result.out, Catch::Contains("3 objectives"));
  CHECK(result.err.empty());
}

TEST_CASE("validate: errors on stderr, nothing on stdout, exit code 2") {
  const auto result = run_traj("validate " + scenario("scenarios/tests/errors/unknown-key.toml"));
  CHECK(result.exit_code == 2);
  CHECK(result.out.empty());
  CHECK_THAT(result.err,
             Catch::Contains("unknown-key.toml:9:13: error: territory.base_yaer: unknown key"));
  const auto missing = run_traj("validate /nonexistent/scenario.toml");
  CHECK(missing.exit_code == 2);
  CHECK_THAT(missing.err,
             Catch::Contains("/nonexistent/scenario.toml: error: cannot read the file"));
}

TEST_CASE("command-line mistakes exit with code 2") {
  CHECK(run_traj("frobnicate").exit_code == 2);
  CHECK(run_traj("graph --format svg").exit_code == 2);
  const auto cap = run_traj("run --precision 0.01 --max-members 2000000000");
  CHECK(cap.exit_code == 2);
  CHECK_THAT(cap.err, Catch::Contains("--max-members"));
  const auto portfolio = run_traj("run --deterministic --portfolio plna");
  CHECK(portfolio.exit_code == 2);
  CHECK_THAT(portfolio.err, Catch::Contains("(did you mean 'plan'?)"));
}

TEST_CASE("graph: text and DOT") {
  const auto text = run_traj("graph --portfolio plan");
  CHECK(text.exit_code == 0);
  CHECK_THAT(text.out, Catch::Contains("[action]"));
  const auto dot =
      run_traj("graph " + scenario("scenarios/examples/example.toml") + " --format dot");
  CHECK(dot.exit_code == 0);
  CHECK_THAT(dot.out, Catch::StartsWith("digraph propagation {"));
}

TEST_CASE("run --deterministic: table and JSON") {
  const auto table = run_traj("run --deterministic --portfolio plan");
  CHECK(table.exit_code == 0);
  CHECK_THAT(table.out, Catch::Contains("renewable_share"));
  CHECK_THAT(table.out, Catch::Contains("objectives met"));
  const auto json =
      run_traj("run " + scenario("scenarios/tests/minimal.toml") + " --deterministic --json");
  CHECK(json.exit_code == 0);
  // minimal.toml: GHG 2020 = 100×0.05 + 200×0.2 + 300×0.3 + 50 × 0.2/(0.8×1) = 147.5 kt;
  // the plan's insulation reaches 0.5 × 40 % of the 200 GWh of gas by 2030.
  CHECK_THAT(json.out, Catch::Contains("\"objectives\": ["));
  CHECK_THAT(json.out, Catch::Contains("\"id\": \"ghg-2030\""));
  CHECK_THAT(json.out, Catch::Contains("\"met\": false"));
  const double expected = (147.5 - 200 * 0.2 * 0.2) / 147.5;
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.10g", expected);
  CHECK_THAT(json.out, Catch::Contains(std::string("\"value\": ") + buffer));
}

TEST_CASE("run: an ensemble with probabilities, as text and JSON") {
  const auto text = run_traj("run --members 2000 --quiet");
  CHECK(text.exit_code == 0);
  CHECK_THAT(text.out, Catch::Contains("Ensemble: 2000 members, seed 1"));
  CHECK_THAT(text.out, Catch::Contains("likely ("));
  CHECK(text.err.empty());  // no progress bar when stderr is not a terminal
  const auto json = run_traj("run " + scenario("scenarios/examples/example.toml") +
                             " --members 1000 --json --threads 2");
  CHECK(json.exit_code == 0);
  CHECK_THAT(json.out, Catch::Contains("\"mode\": \"ensemble\""));
  CHECK_THAT(json.out, Catch::Contains("\"probability\": "));
  CHECK_THAT(json.out, Catch::Contains("\"ci_low\": "));
  CHECK_THAT(json.out, Catch::Contains("\"ci_high\": "));
  // Same seed, same numbers, whatever the thread count.
  const auto again = run_traj("run " + scenario("scenarios/examples/example.toml") +
                              " --members 1000 --json --threads 1");
  const auto strip_timing = [](std::string document) {
    const auto start = document.find("\"threads\"");
    const auto end = document.find("\"precision_reached\"");
    return document.erase(start, end - start);
  };
  CHECK(strip_timing(again.out) == strip_timing(json.out));
  CHECK(run_traj("run --members 0").exit_code == 2);
}

TEST_CASE(
    "run --output writes a file that rerun reproduces; nothing is overwritten without --force") {
  const auto directory =
      std::filesystem::temp_directory_path() / ("traj_cli_output_" + std::to_string(::getpid()));
  std::filesystem::create_directories(directory);
  const std::string file = (directory / "plan.h5").string();
  const auto written = run_traj("run --portfolio plan --members 3000 -q --output '" + file + "'");
  CHECK(written.exit_code == 0);
  CHECK_THAT(written.out, Catch::Contains("Results written to"));
  REQUIRE(std::filesystem::exists(file));
  const auto size = std::filesystem::file_size(file);
  const auto again = run_traj("rerun '" + file + "' --threads 1 -q");
  CHECK(again.exit_code == 0);
  CHECK_THAT(again.out, Catch::StartsWith("identical: 3000 members"));
  const auto refused = run_traj("run --members 100 -q --output '" + file + "'");
  CHECK(refused.exit_code == 2);
  CHECK_THAT(refused.err, Catch::Contains("exists; choose another name or add --force"));
  CHECK(std::filesystem::file_size(file) == size);
  CHECK(run_traj("run --members 100 -q --force --output '" + file + "'").exit_code == 0);
  const auto into_directory =
      run_traj("run --members 100 -q --output '" + directory.string() + "'");
  CHECK(into_directory.exit_code == 2);
  CHECK_THAT(into_directory.err, Catch::Contains("found the directory"));
  const auto huge = run_traj("run --members 1000000000 --trajectories all -q --output '" +
                             directory.string() + "/huge.h5'");
  CHECK(huge.exit_code == 2);
  CHECK_THAT(huge.err, Catch::Contains("GB free; use fewer --members"));
  const auto nowhere = run_traj("run --members 100 -q --output /nonexistent/dir/out.h5");
  CHECK(nowhere.exit_code == 2);
  CHECK_THAT(run_traj("rerun '" + directory.string() + "/missing.h5'").err,
             Catch::Contains("Trajectoires results file"));
  // Only the results remain in the directory: no temporary file left behind.
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(directory))
    ++entries;
  CHECK(entries == 1);
  std::filesystem::remove_all(directory);
}

TEST_CASE("rerun of a file from an earlier version lists what differs and names both versions") {
  // Written by traj at git f2331a9 (`traj run -p plan --members 300
  // --trajectories ghg`), before the PERT tails were read from tables: a few
  // tail draws differ in their last digits, and what depends on them.
  const auto directory =
      std::filesystem::temp_directory_path() / ("traj_cli_old_file_" + std::to_string(::getpid()));
  std::filesystem::create_directories(directory);
  const auto again = run_traj("rerun " + scenario("tests/data/brest-plan-300-members-f2331a9.h5") +
                              " -q --output '" + (directory / "again.h5").string() + "'");
  CHECK(again.exit_code == 1);
  CHECK_THAT(again.out, Catch::StartsWith("different: "));
  CHECK_THAT(again.out, Catch::Contains("  /parameters/values\n"));
  CHECK_THAT(again.out, Catch::Contains("written by traj 0.1.0 (git f2331a910aa3), this is traj"));
  CHECK(std::filesystem::exists(directory / "again.h5"));
  std::filesystem::remove_all(directory);
}

TEST_CASE("SIGINT during a run leaves no file and exits non-zero") {
  const auto directory =
      std::filesystem::temp_directory_path() / ("traj_cli_signal_" + std::to_string(::getpid()));
  std::filesystem::create_directories(directory);
  const std::string file = (directory / "big.h5").string();
  const pid_t child = ::fork();
  if (child == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, 1);
    ::dup2(null, 2);
    // A long run (an unreachable precision) with a small planned file.
    ::execl(TRAJ_EXECUTABLE, "traj", "run", "--members", "20000", "--precision", "0.00001",
            "--max-members", "100000000", "-q", "--output", file.c_str(),
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  // Wait until the run has started writing its temporary file.
  for (int i = 0; i < 200; ++i) {
    bool started = false;
    for (const auto& entry : std::filesystem::directory_iterator(directory))
      started = started || entry.path() != file;
    if (started) break;
    ::usleep(20000);
  }
  ::usleep(300000);
  ::kill(child, SIGINT);
  int status = 0;
  ::waitpid(child, &status, 0);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 128 + SIGINT);
  CHECK_FALSE(std::filesystem::exists(file));
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(directory))
    ++entries;
  CHECK(entries == 0);
  std::filesystem::remove_all(directory);
}

TEST_CASE("compare and target from the command line") {
  const auto directory =
      std::filesystem::temp_directory_path() / ("traj_cli_compare_" + std::to_string(::getpid()));
  std::filesystem::create_directories(directory);
  const std::string file = (directory / "compare.h5").string();
  const auto compared = run_traj("compare --members 1000 --output '" + file + "'");
  CHECK(compared.exit_code == 0);
  CHECK_THAT(compared.out, Catch::Contains("4 portfolios on the same 1000 members"));
  CHECK_THAT(compared.out, Catch::Contains("Cost per tCO2e avoided"));
  CHECK_THAT(compared.out, Catch::Contains("What carries ambitious"));
  CHECK(std::filesystem::exists(file));
  const auto json = run_traj("compare --members 500 --portfolios plan --no-contributions --json");
  CHECK(json.exit_code == 0);
  CHECK_THAT(json.out, Catch::Contains("\"id\": \"baseline\""));
  CHECK_THAT(json.out, Catch::Contains("\"differences\": ["));
  CHECK(run_traj("compare --members 500 --portfolios plna").exit_code == 2);
  const auto value =
      run_traj("target -p ambitious --indicator renewable_share --year 2030 -c 0.8 -n 2000");
  CHECK(value.exit_code == 0);
  CHECK_THAT(value.out, Catch::Contains("can commit to ≥ "));
  const auto scale = run_traj("target -p ambitious --objective energy-2050 -c 0.8 -n 2000 --json");
  CHECK(scale.exit_code == 0);
  CHECK_THAT(scale.out, Catch::Contains("\"reachable\": true"));
  CHECK(run_traj("target -p plan --indicator renewable_share --year 2099").exit_code == 2);
  CHECK(run_traj("target -p plan --objective nothing").exit_code == 2);
  std::filesystem::remove_all(directory);
}

TEST_CASE("sensitivity from the command line") {
  const auto sobol = run_traj("sensitivity -p plan -n 256 --top 2");
  CHECK(sobol.exit_code == 0);
  CHECK_THAT(sobol.out, Catch::Contains("Sobol indices, "));
  CHECK_THAT(sobol.out, Catch::Contains("of its variance alone"));
  const auto morris =
      run_traj("sensitivity -p plan --method morris -n 20 --indicator ghg --year 2050 --json");
  CHECK(morris.exit_code == 0);
  CHECK_THAT(morris.out, Catch::Contains("\"mu_star\": "));
  const auto grouped =
      run_traj("sensitivity -p plan -n 64 --group action --indicator renewable_share --year 2030");
  CHECK(grouped.exit_code == 0);
  CHECK_THAT(grouped.out, Catch::Contains("actions."));
  CHECK(run_traj("sensitivity -p plan --indicator renewable_shar --year 2030").exit_code == 2);
  const auto directory = std::filesystem::temp_directory_path() /
                         ("traj_cli_sensitivity_" + std::to_string(::getpid()));
  std::filesystem::create_directories(directory);
  const std::string file = (directory / "sens.h5").string();
  CHECK(run_traj("sensitivity -p plan -n 64 --output '" + file + "'").exit_code == 0);
  CHECK(std::filesystem::exists(file));
  std::filesystem::remove_all(directory);
}

TEST_CASE("report: a self-contained HTML file from a results file") {
  const auto directory =
      std::filesystem::temp_directory_path() / ("traj_cli_report_" + std::to_string(::getpid()));
  std::filesystem::create_directories(directory);
  const std::string results = (directory / "plan.h5").string();
  const std::string html = (directory / "plan.html").string();
  REQUIRE(run_traj("run -p plan -n 1000 -q --output '" + results + "'").exit_code == 0);
  const auto english = run_traj("report '" + results + "' -o '" + html + "'");
  CHECK(english.exit_code == 0);
  const std::string page = slurp(html);
  CHECK_THAT(page, Catch::StartsWith("<!DOCTYPE html>"));
  CHECK_THAT(page, Catch::Contains("Content-Security-Policy"));
  CHECK_THAT(page, Catch::Contains("Objectives: how likely each one is"));
  CHECK(run_traj("report '" + results + "' -o '" + html + "'").exit_code ==
        2);  // exists: --force needed
  CHECK(run_traj("report '" + results + "' -o '" + html + "' --lang fr --force").exit_code == 0);
  CHECK_THAT(slurp(html), Catch::Contains("Objectifs\u00a0: probabilité d'atteinte") ||
                              Catch::Contains("Objectifs : probabilité d'atteinte"));
  const auto wrong = run_traj("report '" + html + "' -o '" + (directory / "x.html").string() + "'");
  CHECK(wrong.exit_code == 2);
  CHECK_THAT(wrong.err, Catch::Contains("Trajectoires results file"));
  std::filesystem::remove_all(directory);
}

TEST_CASE("target and sensitivity pages") {
  const auto directory =
      std::filesystem::temp_directory_path() / ("traj_cli_pages_" + std::to_string(::getpid()));
  std::filesystem::create_directories(directory);
  const std::string target = (directory / "target.html").string();
  const std::string sensitivity = (directory / "sensitivity.html").string();
  CHECK(run_traj("target -p plan --indicator ghg --year 2050 -n 500 -q --report '" + target + "'")
            .exit_code == 0);
  CHECK_THAT(slurp(target), Catch::Contains("can commit to"));
  CHECK(
      run_traj("sensitivity -p plan -n 64 -q --report '" + sensitivity + "' --lang fr").exit_code ==
      0);
  CHECK_THAT(slurp(sensitivity), Catch::Contains("Ce qui décide du résultat"));
  std::filesystem::remove_all(directory);
}

namespace {
/// scenarios/tests/minimal.toml with each `from` replaced by its `to`, in a
/// file of its own; returns its path (quoted) and removes it at the end.
struct EditedScenario {
  std::filesystem::path path;
  EditedScenario(const std::string& name,
                 const std::vector<std::pair<std::string, std::string>>& edits) {
    std::string text = slurp(traj::testing::source_path("scenarios/tests/minimal.toml"));
    for (const auto& [from, to] : edits) {
      const auto at = text.find(from);
      REQUIRE(at != std::string::npos);
      text.replace(at, from.size(), to);
    }
    std::string file = name;  // appended: GCC 12 warns (-Wrestrict) on "-" + text
    file += '-';
    file += std::to_string(::getpid());
    file += ".toml";
    path = std::filesystem::temp_directory_path() / file;
    std::ofstream(path) << text;
  }
  ~EditedScenario() {
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
  }
  std::string quoted() const {
    std::string text = "'";
    text += path.string();
    text += '\'';
    return text;
  }
};
}  // namespace

TEST_CASE("run --deterministic has the ensemble's numeric guards") {
  // Each number loads (within single precision); their product overflows it.
  const EditedScenario overflow(
      "deterministic-overflow",
      {{"residential = { electricity = 100,", "residential = { electricity = 3e38,"},
       {"electricity = 0.05", "electricity = 50"}});
  for (const std::string json : {"", " --json"}) {
    const auto run = run_traj("run --deterministic" + json + " " + overflow.quoted());
    CHECK(run.exit_code == 1);
    CHECK(run.out.empty());
    CHECK(run.err ==
          "error: the deterministic run (every parameter at its median) gave a non-finite value: "
          "ghg in 2020 = inf; no results written.\n");
  }
  const auto ensemble = run_traj("run -q -n 100 " + overflow.quoted());
  CHECK(ensemble.exit_code == 1);
  CHECK_THAT(ensemble.err, Catch::StartsWith("error: 100 member(s) gave non-finite"));
}

TEST_CASE("a control character in a scenario never reaches the terminal") {
  const EditedScenario title(
      "retitle", {{"name = \"Fixture town\"", "name = \"Town\\u001b]0;owned\\u0007\""}});
  for (const std::string command : {"validate", "run --deterministic", "run -q -n 10"}) {
    const auto run = run_traj(command + " " + title.quoted());
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
    CHECK_THAT(run.err, Catch::Contains(":7:8: error: territory.name: expected text without "
                                        "control characters (line breaks and tabs aside), found "
                                        "U+001B at character 5"));
    CHECK(run.err.find('\x1b') == std::string::npos);
    CHECK(run.err.find('\x07') == std::string::npos);
  }
  const auto device = run_traj("validate /dev/zero");
  CHECK(device.exit_code == 2);
  CHECK(device.err ==
        "/dev/zero: error: cannot read the file: it is a character device, not a "
        "regular file\n");
}
