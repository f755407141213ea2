// The traj command line, end to end: exit codes, stdout and stderr.
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli_support.hpp"
#include "forged_file.hpp"
#include "objective_cases.hpp"
#include "test_support.hpp"
#include "traj/display_width.hpp"

namespace {

using traj::testing::Outcome;
using traj::testing::run_traj;
using traj::testing::scenario;
using traj::testing::slurp;

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

TEST_CASE("validate --lang fr: the summary in French, the same counts") {
  const auto english = run_traj("validate");
  const auto french = run_traj("validate --lang fr");
  REQUIRE(english.exit_code == 0);
  REQUIRE(french.exit_code == 0);
  CHECK_THAT(english.out, Catch::Contains("  8 sectors, 10 carriers, 10 sources, 6 pollutants"));
  CHECK_THAT(french.out, Catch::Contains("ok\u00a0: <bundled>/brest-metropole.toml — Brest "));
  CHECK_THAT(french.out, Catch::Contains("  8 secteurs, 10 vecteurs, 10 sources, 6 polluants, 0 "
                                         "indicateurs propres\n"));
  CHECK_THAT(french.out, Catch::Contains("  23 actions (41 effets), 8 paramètres nommés, 58 "
                                         "nombres incertains\n"));
  CHECK_THAT(french.out, Catch::Contains("  portefeuille plan\u00a0: 23 actions\u00a0: "));
  CHECK(french.out.find("sectors") == std::string::npos);
  CHECK(run_traj("validate --lang de").exit_code == 2);
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

TEST_CASE("graph --lang fr: the title, the counts and the kinds in French") {
  const auto english = run_traj("graph --indicator ghg");
  const auto french = run_traj("graph --indicator ghg --lang fr");
  REQUIRE(english.exit_code == 0);
  REQUIRE(french.exit_code == 0);
  CHECK_THAT(french.out, Catch::StartsWith("Brest métropole — toutes les actions — chemins passant "
                                           "par l'indicateur ghg — résumé (--full\u00a0: "));
  CHECK_THAT(french.out, Catch::Contains(" arcs, dans l'ordre de propagation\u00a0:\n"));
  CHECK_THAT(french.out, Catch::Contains("  [indicateur] ghg"));
  CHECK(french.out.find("[indicator]") == std::string::npos);
  // The same graph: as many lines, the same node ids.
  CHECK(std::count(french.out.begin(), french.out.end(), '\n') ==
        std::count(english.out.begin(), english.out.end(), '\n'));
  CHECK(run_traj("graph --format dot --lang fr").exit_code == 2);
  CHECK(run_traj("graph --format text --lang fr").exit_code == 0);
}

TEST_CASE("graph: the summary by default, --full for every node, filters, unknown ids") {
  const auto summary = run_traj("graph");
  CHECK(summary.exit_code == 0);
  CHECK_THAT(summary.out,
             Catch::StartsWith("Brest métropole — every action — summary (--full: every cell, "
                               "energy supply and source)\n34 nodes, 58 edges"));
  CHECK_THAT(summary.out, Catch::Contains("  [sector] residential -> "));
  const auto full = run_traj("graph --full");
  CHECK(full.exit_code == 0);
  CHECK_THAT(full.out, Catch::StartsWith("Brest métropole — every action\n83 nodes, 368 edges"));
  const auto pollutants = run_traj("graph --pollutants");
  CHECK_THAT(pollutants.out, Catch::Contains("39 nodes, 90 edges"));
  const auto action = run_traj("graph --action tinergie-renovation");
  CHECK(action.exit_code == 0);
  CHECK_THAT(action.out, Catch::Contains("paths through action tinergie-renovation"));
  CHECK_THAT(action.out, Catch::Contains("6 nodes, 6 edges"));
  CHECK_THAT(run_traj("graph --sector road_transport").out, Catch::Contains("12 nodes, 11 edges"));
  CHECK_THAT(run_traj("graph --indicator renewable_share --full").out,
             Catch::Contains("65 nodes, 117 edges"));
  const auto unknown = run_traj("graph --sector residentiel");
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.out.empty());
  CHECK_THAT(unknown.err, Catch::Contains("(did you mean 'residential'?)"));
  const auto both = run_traj("graph --action rooftop-pv --indicator ghg");
  CHECK(both.exit_code == 2);
  CHECK_THAT(both.err, Catch::Contains("expected at most one of them"));
  const auto dot = run_traj("graph --format dot --sector waste");
  CHECK(dot.exit_code == 0);
  CHECK_THAT(dot.out, Catch::Contains("[label=\"waste\", shape=ellipse"));
  CHECK_THAT(dot.out, Catch::Contains("paths through sector waste — summary"));
  CHECK(run_traj("graph --full --pollutants").exit_code == 2);
  CHECK(run_traj("graph --action ''").exit_code == 2);
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
  // The kernel computes in single precision: within 1e-6 of the hand value.
  const double expected = (147.5 - 200 * 0.2 * 0.2) / 147.5;
  const auto value_at = json.out.find("\"value\": ");
  REQUIRE(value_at != std::string::npos);
  const double value = std::stod(json.out.substr(value_at + 9));
  CHECK(value == Approx(expected).epsilon(1e-6));
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
    "run --output writes a file that rerun reproduces, and nothing is overwritten without "
    "--force") {
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
  const auto in_french = run_traj("rerun '" + file + "' --threads 2 -q --lang fr");
  CHECK(in_french.exit_code == 0);
  CHECK_THAT(in_french.out,
             Catch::StartsWith("identique\u00a0: 3000 membres de Brest métropole (plan, graine "
                               "1) reproduits bit pour bit"));
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
  CHECK(traj::testing::entries_in(directory) == 1);
  std::filesystem::remove_all(directory);
}

TEST_CASE("a scenario named through ./ or .. gives a file that rerun and report read") {
  const auto directory =
      std::filesystem::temp_directory_path() / ("traj_cli_dots_" + std::to_string(::getpid()));
  std::filesystem::create_directories(directory);
  const std::string file = (directory / "dots.h5").string();
  // "./scenarios/../scenarios/x.toml": the stored inputs are named
  // "scenarios/x.toml", and so must the file's scenario attribute be.
  const auto written = run_traj(
      "run ./scenarios/../scenarios/brest-metropole.toml -p plan --members 200 -q "
      "--output '" +
          file + "'",
      TRAJ_SOURCE_DIR);
  REQUIRE(written.exit_code == 0);
  const auto again = run_traj("rerun '" + file + "' -q");
  CHECK(again.exit_code == 0);
  CHECK_THAT(again.out, Catch::StartsWith("identical: 200 members"));
  CHECK(
      run_traj("report '" + file + "' -o '" + (directory / "dots.html").string() + "'").exit_code ==
      0);
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
  CHECK(traj::testing::entries_in(directory) == 0);
  std::filesystem::remove_all(directory);
}

namespace {

/// A scratch directory for one test case, removed at its end.
struct ScratchDirectory {
  std::filesystem::path path;
  explicit ScratchDirectory(const std::string& name)
      : path(std::filesystem::temp_directory_path() / (name + "_" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~ScratchDirectory() { std::filesystem::remove_all(path); }
  std::string operator/(const std::string& name) const { return (path / name).string(); }
};

/// Runs `shell` with sh, traj being "$TRAJ"; its standard error in `err`
/// (standard output is the command's own business).
int run_shell(const std::string& shell, std::string& err) {
  const auto file =
      std::filesystem::temp_directory_path() / ("traj_cli_shell_err_" + std::to_string(::getpid()));
  const std::string command =
      "TRAJ='" + std::string(TRAJ_EXECUTABLE) + "'; (" + shell + ") 2> '" + file.string() + "'";
  const int status = std::system(command.c_str());
  err = slurp(file.string());
  std::filesystem::remove(file);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::vector<std::string> names_in(const std::filesystem::path& directory) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(directory))
    names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

/// Starts `traj run --members 20000 -q --output file` (plus `extra`), and
/// returns once it has created its temporary file beside `file`.
pid_t start_long_run(const std::string& file, const std::string& err_file) {
  const pid_t child = ::fork();
  if (child == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    const int err = ::open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(null, 1);
    ::dup2(err, 2);
    ::execl(TRAJ_EXECUTABLE, "traj", "run", "--members", "20000", "-q", "--output", file.c_str(),
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  const auto directory = std::filesystem::path(file).parent_path();
  for (int i = 0; i < 1000 && names_in(directory).empty(); ++i) ::usleep(2000);
  return child;
}

}  // namespace

TEST_CASE("force replaces only a regular file or a symbolic link, never a FIFO or a device") {
  const ScratchDirectory directory("traj_cli_force");
  const std::string fifo = directory / "pipe.h5";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const auto onto_fifo = run_traj("run --members 100 -q --force --output '" + fifo + "'");
  CHECK(onto_fifo.exit_code == 2);
  CHECK_THAT(onto_fifo.err,
             Catch::Contains("found the FIFO (named pipe) " + fifo +
                             "; traj replaces only regular files, even with --force"));
  CHECK(std::filesystem::is_fifo(fifo));
  const std::string results = directory / "plan.h5";
  REQUIRE(run_traj("run --members 100 -q --output '" + results + "'").exit_code == 0);
  const auto report = run_traj("report '" + results + "' -o '" + fifo + "' --force");
  CHECK(report.exit_code == 2);
  const auto target = run_traj("target -p plan --indicator ghg --year 2050 -n 100 -q --report '" +
                               fifo + "' --force");
  CHECK(target.exit_code == 2);
  CHECK_THAT(target.err, Catch::StartsWith("error: --report: expected a regular file to write"));
  CHECK(std::filesystem::is_fifo(fifo));
  if (::geteuid() == 0) {  // only root makes device nodes: a copy of /dev/null
    const std::string device = directory / "null";
    REQUIRE(::mknod(device.c_str(), S_IFCHR | 0666, makedev(1, 3)) == 0);
    const auto onto_device = run_traj("run --members 100 -q --force --output '" + device + "'");
    CHECK(onto_device.exit_code == 2);
    CHECK_THAT(onto_device.err, Catch::Contains("found the character device " + device));
    CHECK(std::filesystem::is_character_file(device));
  }
  // A symbolic link is replaced itself, never written through.
  const std::string kept = directory / "kept.txt";
  std::ofstream(kept) << "kept";
  const std::string link = directory / "link.h5";
  REQUIRE(::symlink(kept.c_str(), link.c_str()) == 0);
  CHECK(run_traj("run --members 100 -q --force --output '" + link + "'").exit_code == 0);
  CHECK(std::filesystem::is_regular_file(std::filesystem::symlink_status(link)));
  CHECK(slurp(kept) == "kept");
  // Even a dangling link is something there: replaced only with --force.
  const std::string dangling = directory / "dangling.h5";
  REQUIRE(::symlink((directory / "nowhere").c_str(), dangling.c_str()) == 0);
  const auto onto_dangling = run_traj("run --members 100 -q --output '" + dangling + "'");
  CHECK(onto_dangling.exit_code == 2);
  CHECK_THAT(onto_dangling.err, Catch::Contains("exists; choose another name or add --force"));
  CHECK(std::filesystem::is_symlink(dangling));
}

TEST_CASE("a write that fails for a file-size limit: its reason, exit 1, no crash, no file left") {
  const ScratchDirectory directory("traj_cli_limit");
  // sh counts ulimit -f in blocks of 512 bytes; the bundled scenario's results
  // take 265 kB: 150 kB fails while writing, 260 kB when closing the file.
  for (const int blocks : {300, 520}) {
    std::string err;
    const int code = run_shell("ulimit -f " + std::to_string(blocks) +
                                   " && \"$TRAJ\" run --members 10 -q --output '" +
                                   (directory / "plan.h5") + "' > /dev/null",
                               err);
    CHECK(code == 1);
    CHECK_THAT(err, Catch::StartsWith("error: HDF5: writing "));
    CHECK_THAT(err, Catch::Contains("File too large"));
    CHECK(names_in(directory.path).empty());
  }
  REQUIRE(run_traj("run --members 100 -q --output '" + (directory / "plan.h5") + "'").exit_code ==
          0);
  std::string err;
  CHECK(run_shell("ulimit -f 1 && \"$TRAJ\" report '" + (directory / "plan.h5") + "' -o '" +
                      (directory / "plan.html") + "' > /dev/null",
                  err) == 1);
  CHECK_THAT(err, Catch::Contains("File too large"));
  CHECK(names_in(directory.path) == std::vector<std::string>{"plan.h5"});
}

TEST_CASE("standard output that cannot be written: its reason and exit 1") {
  std::string err;
  CHECK(run_shell("\"$TRAJ\" run --deterministic --json > /dev/full", err) == 1);
  CHECK(err == "error: cannot write to standard output: No space left on device\n");
  CHECK(run_shell("\"$TRAJ\" --help > /dev/full", err) == 1);
  CHECK(run_shell("\"$TRAJ\" validate >&-", err) == 1);
  CHECK(err == "error: cannot write to standard output: Bad file descriptor\n");
  // A closed standard output is not taken by the results file: what was to
  // be printed is lost, the results are whole.
  const ScratchDirectory directory("traj_cli_stdout");
  const std::string results = directory / "plan.h5";
  CHECK(run_shell("\"$TRAJ\" run --members 200 -q --output '" + results + "' >&-", err) == 1);
  CHECK_THAT(err, Catch::Contains("cannot write to standard output: Bad file descriptor"));
  const auto again = run_traj("rerun '" + results + "' -q");
  CHECK(again.exit_code == 0);
  CHECK_THAT(again.out, Catch::StartsWith("identical: 200 members"));
}

TEST_CASE(
    "the same file for two outputs, or an output that is an input, is refused before the run") {
  const ScratchDirectory directory("traj_cli_twice");
  const std::string file = directory / "both";
  const auto compared =
      run_traj("compare -n 100 --portfolios plan --no-contributions -q --output '" + file +
               "' --report '" + file + "' --force");
  CHECK(compared.exit_code == 2);
  CHECK_THAT(compared.err,
             Catch::Contains("--report: " + file + " is the file of --output already"));
  // The same file through a link to its directory.
  REQUIRE(::symlink(directory.path.c_str(), (directory / "alias").c_str()) == 0);
  const auto aliased = run_traj("sensitivity -p plan -n 64 -q --output '" + file + "' --report '" +
                                (directory / "alias/both") + "'");
  CHECK(aliased.exit_code == 2);
  CHECK_THAT(aliased.err, Catch::Contains("is the file of --output already"));
  CHECK(names_in(directory.path) == std::vector<std::string>{"alias"});
  const std::string results = directory / "plan.h5";
  REQUIRE(run_traj("run --members 100 -q --output '" + results + "'").exit_code == 0);
  const auto size = std::filesystem::file_size(results);
  const auto onto_input = run_traj("report '" + results + "' -o '" + results + "' --force");
  CHECK(onto_input.exit_code == 2);
  CHECK_THAT(onto_input.err, Catch::Contains("is an input of this command"));
  CHECK(std::filesystem::file_size(results) == size);
  CHECK(run_traj("rerun '" + results + "' -q -o '" + (directory / "alias/plan.h5") + "' --force")
            .exit_code == 2);
}

TEST_CASE("a signal other than SIGINT or SIGTERM during a run removes the temporary file") {
  const ScratchDirectory directory("traj_cli_other_signal");
  const std::string err = (std::filesystem::temp_directory_path() /
                           ("traj_cli_other_signal_err_" + std::to_string(::getpid())))
                              .string();
  for (const int signal : {SIGHUP, SIGUSR1, SIGPIPE}) {
    const pid_t child = start_long_run(directory / "plan.h5", err);
    REQUIRE(names_in(directory.path).size() == 1);
    ::usleep(100000);
    ::kill(child, signal);
    int status = 0;
    ::waitpid(child, &status, 0);
    CHECK(WIFSIGNALED(status));
    CHECK(WTERMSIG(status) == signal);
    CHECK(names_in(directory.path).empty());
  }
  std::filesystem::remove(err);
}

TEST_CASE("stale temporaries of the target: removed when their process has ended, else named") {
  const ScratchDirectory directory("traj_cli_stale");
  const pid_t ended = ::fork();
  if (ended == 0) ::_exit(0);
  ::waitpid(ended, nullptr, 0);
  const std::string stale = directory / (".plan.h5.tmp-" + std::to_string(ended));
  const std::string running = directory / (".plan.h5.tmp-" + std::to_string(::getpid()));
  std::ofstream(stale) << "left by a killed run";
  std::ofstream(running) << "being written";
  const auto run = run_traj("run --members 100 -q --output '" + (directory / "plan.h5") + "'");
  CHECK(run.exit_code == 0);
  CHECK_THAT(run.err, Catch::Contains("note: removed " + stale +
                                      ", an unfinished temporary file left by process " +
                                      std::to_string(ended) + ", which has ended"));
  CHECK_THAT(run.err, Catch::Contains("note: " + running + " is being written by process " +
                                      std::to_string(::getpid()) + ", still running"));
  CHECK_FALSE(std::filesystem::exists(stale));
  CHECK(std::filesystem::exists(running));
}

TEST_CASE("without --force, a file that appears during the run is not replaced") {
  const ScratchDirectory directory("traj_cli_appeared");
  const std::string file = directory / "plan.h5";
  const std::string err = (std::filesystem::temp_directory_path() /
                           ("traj_cli_appeared_err_" + std::to_string(::getpid())))
                              .string();
  const pid_t child = start_long_run(file, err);
  std::ofstream(file) << "written meanwhile by another run";
  int status = 0;
  ::waitpid(child, &status, 0);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 2);
  CHECK_THAT(slurp(err), Catch::Contains("--output: " + file +
                                         " appeared while traj was running (another run "
                                         "writing it?) and was not replaced"));
  CHECK(slurp(file) == "written meanwhile by another run");
  CHECK(names_in(directory.path) == std::vector<std::string>{"plan.h5"});
  std::filesystem::remove(err);
}

TEST_CASE("outputs are no more readable than the most private of their inputs") {
  const mode_t mask = ::umask(0);
  ::umask(mask);
  const ScratchDirectory directory("traj_cli_private");
  const auto permissions = [](const std::string& path) {
    return static_cast<mode_t>(std::filesystem::status(path).permissions()) & 0777;
  };
  const std::string input = directory / "private.toml";
  std::filesystem::copy_file(traj::testing::source_path("scenarios/tests/minimal.toml"), input);
  for (const mode_t mode : {0600, 0640}) {
    REQUIRE(::chmod(input.c_str(), mode) == 0);
    const std::string results = directory / ("results-" + std::to_string(mode) + ".h5");
    REQUIRE(run_traj("run '" + input + "' --members 100 -q --output '" + results + "'").exit_code ==
            0);
    CHECK(permissions(results) == (mode & ~mask));
    const std::string html = results + ".html";
    REQUIRE(run_traj("report '" + results + "' -o '" + html + "'").exit_code == 0);
    CHECK(permissions(html) == (mode & ~mask));
    REQUIRE(run_traj("rerun '" + results + "' -q -o '" + results + ".again'").exit_code == 0);
    CHECK(permissions(results + ".again") == (mode & ~mask));
  }
  // An included file counts as much as the main one.
  const ScratchDirectory included("traj_cli_private_include");
  std::filesystem::create_directories(included.path / "shared");
  const std::string main_file = included / "orleans.toml";
  std::filesystem::copy_file(traj::testing::source_path("scenarios/orleans-assises.toml"),
                             main_file);
  const std::string factors = included / "shared/france-emission-factors.toml";
  std::filesystem::copy_file(
      traj::testing::source_path("scenarios/shared/france-emission-factors.toml"), factors);
  REQUIRE(::chmod(factors.c_str(), 0600) == 0);
  const std::string from_include = included / "orleans.h5";
  REQUIRE(run_traj("run '" + main_file + "' --members 100 -q --output '" + from_include + "'")
              .exit_code == 0);
  CHECK(permissions(from_include) == (0600 & ~mask));
  const std::string bundled = directory / "bundled.h5";  // not on disk: public
  REQUIRE(run_traj("run --members 100 -q --output '" + bundled + "'").exit_code == 0);
  CHECK(permissions(bundled) == (0666 & ~mask));
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

namespace {

/// The line of `text` that starts with `prefix` (after any spaces).
std::string line_starting(const std::string& text, const std::string& prefix) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.find_first_not_of(' ') != std::string::npos &&
        line.compare(line.find_first_not_of(' '), prefix.size(), prefix) == 0)
      return line;
  }
  return "";
}

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t count = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++count;
  return count;
}

}  // namespace

TEST_CASE(
    "compare: the baseline never dominates a portfolio that does more, the closest is named") {
  // Brest: every objective 0 % likely but ambitious's energy one; the baseline
  // costs nothing and is as likely as commitments and plan.
  const auto text = run_traj("compare --members 1000 --no-contributions -q");
  REQUIRE(text.exit_code == 0);
  CHECK_THAT(text.out, !Catch::Contains("— by baseline"));
  CHECK_THAT(text.out, Catch::Contains("ghg-2050 (ghg 2050): no portfolio is likely to meet it "
                                       "(each below 50 %); closest ambitious"));
  CHECK_THAT(text.out, Catch::Contains("ktCO2e short, "));
  CHECK_THAT(text.out, Catch::Contains("% of the way from 2018"));
  const auto json = run_traj("compare --members 1000 --no-contributions --json");
  REQUIRE(json.exit_code == 0);
  CHECK(occurrences(json.out, "\"dominated_by\": []") == 4);
  CHECK_THAT(json.out, Catch::Contains("\"verdicts\": ["));
  CHECK_THAT(json.out, Catch::Contains("\"within_reach\": false"));
  CHECK_THAT(json.out, Catch::Contains("\"closest\": \"ambitious\""));
  CHECK_THAT(json.out, Catch::Contains("\"most_likely\": null"));           // ghg-2050: 0 % for all
  CHECK_THAT(json.out, Catch::Contains("\"most_likely\": \"ambitious\""));  // energy-2050
  CHECK(occurrences(json.out, "\"shortfall\": ") == 12);  // 4 portfolios × 3 objectives
}

TEST_CASE("run and target: the distance to each objective, as text and JSON") {
  const auto text = run_traj("run -p plan --members 1000 -q");
  REQUIRE(text.exit_code == 0);
  CHECK_THAT(text.out, Catch::Contains("    ghg 2050: 4"));
  CHECK_THAT(text.out, Catch::Contains("ktCO2e short, "));
  CHECK_THAT(text.out, Catch::Contains("pts short, "));  // the renewable share
  const auto json = run_traj("run -p plan --members 1000 --json");
  REQUIRE(json.exit_code == 0);
  CHECK(occurrences(json.out, "\"distance\": {") == 3);
  CHECK_THAT(json.out, Catch::Contains("\"shortfall_p95\": "));
  CHECK_THAT(json.out, Catch::Contains("\"start_year\": 2018"));
  const auto target = run_traj("target -p plan --objective ghg-2050 -c 0.8 -n 500 -q");
  REQUIRE(target.exit_code == 0);
  CHECK_THAT(target.out, Catch::Contains("ghg 2050 as planned: "));
  CHECK_THAT(target.out, Catch::Contains("ktCO2e short"));
  const auto target_json = run_traj("target -p plan --objective ghg-2050 -c 0.8 -n 500 --json");
  REQUIRE(target_json.exit_code == 0);
  CHECK_THAT(target_json.out, Catch::Contains("\"distance\": {"));
}

TEST_CASE("terminal tables line up by characters, not bytes") {
  // "–" and "€" are three bytes and one column each.
  const auto run = run_traj("run -p plan --members 500 -q");
  REQUIRE(run.exit_code == 0);
  const std::string header = line_starting(run.out, "indicator ");
  const std::string row = line_starting(run.out, "ghg (ktCO2e)");
  REQUIRE_FALSE(header.empty());
  REQUIRE_FALSE(row.empty());
  CHECK(traj::display_width(row) == traj::display_width(header));
  const auto compare = run_traj("compare --members 500 --no-contributions -q");
  REQUIRE(compare.exit_code == 0);
  const std::string costs = line_starting(compare.out, "Costs, ");
  const std::string energy = line_starting(compare.out, "final_energy 2050");
  const std::string portfolios = line_starting(compare.out, "baseline");
  REQUIRE_FALSE(costs.empty());
  CHECK(traj::display_width(costs) == traj::display_width(portfolios));
  CHECK(traj::display_width(energy) == traj::display_width(portfolios));
}

TEST_CASE("reports: the distance to each objective, in English and French") {
  const auto directory =
      std::filesystem::temp_directory_path() / ("traj_cli_distance_" + std::to_string(::getpid()));
  std::filesystem::create_directories(directory);
  const std::string compare = (directory / "compare.html").string();
  REQUIRE(run_traj("compare -n 500 --no-contributions -q --report '" + compare + "'").exit_code ==
          0);
  const std::string english = slurp(compare);
  CHECK_THAT(english, Catch::Contains("How far each portfolio is from each objective"));
  CHECK_THAT(english, Catch::Contains("No portfolio is likely to meet this objective"));
  CHECK_THAT(english, Catch::Contains("of the way from 2018"));
  REQUIRE(
      run_traj("compare -n 500 --no-contributions -q --lang fr --force --report '" + compare + "'")
          .exit_code == 0);
  const std::string french = slurp(compare);
  CHECK_THAT(french, Catch::Contains("il manque"));
  CHECK_THAT(french, Catch::Contains("du chemin depuis 2018"));
  CHECK_THAT(french, !Catch::Contains(" short"));
  const std::string results = (directory / "plan.h5").string();
  const std::string page = (directory / "plan.html").string();
  REQUIRE(run_traj("run -p plan -n 500 -q --output '" + results + "'").exit_code == 0);
  REQUIRE(run_traj("report '" + results + "' -o '" + page + "'").exit_code == 0);
  CHECK_THAT(slurp(page), Catch::Contains("Distance to the target"));
  CHECK_THAT(slurp(page), Catch::Contains("ktCO2e short"));
  const std::string target = (directory / "target.html").string();
  REQUIRE(
      run_traj("target -p plan --objective ghg-2050 -n 500 -q --lang fr --report '" + target + "'")
          .exit_code == 0);
  CHECK_THAT(slurp(target), Catch::Contains("Tel que prévu — ghg 2050"));
  std::filesystem::remove_all(directory);
}

TEST_CASE("sensitivity from the command line") {
  const auto sobol = run_traj("sensitivity -p plan -n 256 --top 2");
  CHECK(sobol.exit_code == 0);
  CHECK_THAT(sobol.out, Catch::Contains("Sobol indices, "));
  CHECK_THAT(sobol.out, Catch::Contains("of its variance alone"));
  // Factors by name with their key; objectives no member meets said so.
  CHECK_THAT(sobol.out,
             Catch::Contains("  Activity growth: industry (trends.activity_growth.industry) "
                             "explains "));
  CHECK_THAT(sobol.out, Catch::Contains("success of ghg-2050:\n  always missed: no uncertainty "
                                        "decides it"));
  // Seed 1, N = 256: industry's growth explains 25 % of GHG 2050 alone, 22 % in total.
  CHECK_THAT(sobol.out, Catch::Contains("(trends.activity_growth.industry) explains 25 % of its "
                                        "variance alone (18–34 %), 22 % with its interactions "
                                        "(less than alone only by estimation noise: the intervals "
                                        "overlap)\n"));
  // --lang fr: the same analysis in French, numbers with a decimal comma, the
  // scenario's French action names and the default sets' members in words.
  const auto french = run_traj("sensitivity -p plan -n 256 --top 2 -q --lang fr");
  CHECK(french.exit_code == 0);
  CHECK_THAT(french.out, Catch::StartsWith("Brest métropole — portefeuille plan\u00a0: indices de "
                                           "Sobol, 15360 exécutions du modèle, 58 facteurs\n"));
  CHECK_THAT(french.out,
             Catch::Contains("\nghg 2050\u00a0:\n  Croissance de l'activité\u00a0: industrie "
                             "(trends.activity_growth.industry) explique à lui seul 25 % de sa "
                             "variance (18–34 %), 22 % avec ses interactions (inférieur à "
                             "l'indice seul par simple bruit d'estimation\u00a0: les "
                             "intervalles se recouvrent)\n"));
  CHECK_THAT(french.out,
             Catch::Contains("  Remplacement des chaudières au gaz par des pompes à "
                             "chaleur\u00a0: plafond d'adoption "
                             "(actions.gas-heat-pumps.adoption.ceiling) explique à lui seul 16 % "
                             "de sa variance (9–22 %), 14 % avec ses interactions"));
  CHECK_THAT(french.out,
             Catch::Contains("atteinte de l'objectif ghg-2050\u00a0:\n  toujours "
                             "manqué\u00a0: aucune incertitude ne le décide\u00a0; seul un "
                             "changement du portefeuille le peut\n"));
  CHECK_THAT(french.out, !Catch::Contains("explains"));
  const auto morris_french = run_traj(
      "sensitivity -p plan --method morris -n 20 --indicator ghg --year 2050 --top 2 -q --lang fr");
  CHECK(morris_french.exit_code == 0);
  CHECK_THAT(morris_french.out,
             Catch::Contains("criblage de Morris, 1180 exécutions du modèle, 58 facteurs\n"));
  CHECK_THAT(morris_french.out,
             Catch::Contains("  Remplacement des chaudières au gaz par des pompes à "
                             "chaleur\u00a0: plafond d'adoption "
                             "(actions.gas-heat-pumps.adoption.ceiling)\u00a0: effet moyen d'un "
                             "déplacement complet 26,9 (μ*), dispersion 1,56 (σ)\n"));
  const auto morris =
      run_traj("sensitivity -p plan --method morris -n 20 --indicator ghg --year 2050 --json");
  CHECK(morris.exit_code == 0);
  CHECK_THAT(morris.out, Catch::Contains("\"mu_star\": "));
  const auto grouped =
      run_traj("sensitivity -p plan -n 64 --group action --indicator renewable_share --year 2030");
  CHECK(grouped.exit_code == 0);
  CHECK_THAT(grouped.out, Catch::Contains("(actions."));
  CHECK_THAT(grouped.out,
             Catch::Contains("  Heat network extension (≈ +27 km) and connection of gas- "
                             "and oil-heated buildings (actions.heat-network-extension) "
                             "explains "));
  CHECK(run_traj("sensitivity -p plan --indicator renewable_shar --year 2030").exit_code == 2);
  const auto directory = std::filesystem::temp_directory_path() /
                         ("traj_cli_sensitivity_" + std::to_string(::getpid()));
  std::filesystem::create_directories(directory);
  const std::string file = (directory / "sens.h5").string();
  CHECK(run_traj("sensitivity -p plan -n 64 --output '" + file + "'").exit_code == 0);
  CHECK(std::filesystem::exists(file));
  CHECK_THAT(run_traj("sensitivity -p plan -n 16 -q --lang fr --force --output '" + file + "'").out,
             Catch::EndsWith("\nIndices écrits dans " + file + "\n"));
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
  // The plan meets no objective on any member: said in words, not as a chart of zeros.
  CHECK_THAT(slurp(sensitivity), Catch::Contains("<p class=\"constant\">Toujours manqué"));
  // The bundled scenario's French action names (name_fr).
  CHECK_THAT(slurp(sensitivity),
             Catch::Contains("Extension du réseau de chaleur (≈ +27\u00a0km) et raccordement de "
                             "bâtiments chauffés au gaz et au fioul\u00a0: plafond "
                             "d'adoption</strong>"));
  CHECK_THAT(slurp(sensitivity), !Catch::Contains("Heat network extension"));
  CHECK_THAT(slurp(sensitivity), !Catch::Contains("<svg"));
  std::filesystem::remove_all(directory);
}

TEST_CASE("run: a ratio to a reference of zero is missed, deterministically and in an ensemble") {
  const auto directory =
      std::filesystem::temp_directory_path() / ("traj_cli_zero_" + std::to_string(::getpid()));
  std::filesystem::create_directories(directory);
  const std::string file = (directory / "zero.toml").string();
  std::ofstream(file) << traj::testing::zero_reference_scenario();
  const auto table = run_traj("run --deterministic -p estate '" + file + "'");
  CHECK(table.exit_code == 0);
  CHECK_THAT(table.out, Catch::Contains("MISS energy-halved            final_energy       2022  "
                                        "× undefined"));
  CHECK_THAT(table.out, Catch::Contains("0 of 3 objectives met."));
  const auto json = run_traj("run --deterministic --json -p estate '" + file + "'");
  CHECK(json.exit_code == 0);
  CHECK_THAT(json.out, Catch::Contains("\"value\": null"));
  CHECK_THAT(json.out, Catch::Contains("\"met\": false"));
  CHECK_THAT(json.out, !Catch::Contains("\"met\": true"));
  const auto ensemble = run_traj("run -q -n 100 -p estate '" + file + "'");
  CHECK(ensemble.exit_code == 0);
  CHECK_THAT(ensemble.out, Catch::Contains("land-at-least: 0 % likely"));
  CHECK_THAT(ensemble.out, Catch::Contains("energy-halved: 0 % likely"));
  std::filesystem::remove_all(directory);
}

namespace {

struct NumericOption {
  std::string command, option;
  bool integer;
};

/// Each option against NaN, infinities, an empty value and a value that
/// wraps around or overflows: refused while the command line is read.
void check_refused_values(const std::vector<NumericOption>& options) {
  for (const auto& checked : options) {
    std::vector<std::string> values = {"nan", "inf", "''"};
    values.push_back(checked.integer ? "-1" : "-inf");
    values.push_back(checked.integer ? "18446744073709551616" : "1e999");
    for (const auto& value : values) {
      const auto refused = run_traj(checked.command + " " + checked.option + " " + value + " -q");
      INFO(checked.command << " " << checked.option << " " << value);
      CHECK(refused.exit_code == 2);
      CHECK(refused.out.empty());
      CHECK_THAT(refused.err,
                 Catch::StartsWith(checked.option + ": expected ") &&
                     Catch::Contains(checked.integer ? "an integer from" : "a finite number from"));
    }
  }
}

}  // namespace

TEST_CASE("every numeric option of run and rerun and target refuses NaN and wrap-arounds") {
  check_refused_values({
      {"run", "--members", true},
      {"run", "--seed", true},
      {"run", "--threads", true},
      {"run --precision 0.01", "--max-members", true},
      {"run", "--block", true},
      {"run", "--precision", false},
      {"run", "--quantiles", false},
      {"rerun missing.h5", "--threads", true},
      {"target -p plan", "--members", true},
      {"target -p plan", "--seed", true},
      {"target -p plan", "--threads", true},
      {"target -p plan --indicator ghg", "--year", true},
      {"target -p plan", "--confidence", false},
  });
  // A list is checked item by item.
  CHECK_THAT(run_traj("run --quantiles 0.1,nan,0.9 -q").err,
             Catch::StartsWith("--quantiles: expected a finite number from 0 to 1, found nan"));
}

TEST_CASE("every numeric option of compare and sensitivity refuses NaN and wrap-arounds") {
  check_refused_values({
      {"compare", "--members", true},
      {"compare", "--seed", true},
      {"compare", "--threads", true},
      {"compare", "--top", true},
      {"sensitivity -p plan", "--samples", true},
      {"sensitivity -p plan", "--seed", true},
      {"sensitivity -p plan", "--threads", true},
      {"sensitivity -p plan", "--top", true},
      {"sensitivity -p plan --indicator ghg", "--year", true},
  });
}

TEST_CASE("integers are decimal digits and numbers are whole finite numbers") {
  // The validators are shared by every option: their other refusals once.
  for (const char* value : {"1.5", "0x10", "1e3", "+-3", " 7", "7 "}) {
    const auto refused = run_traj(std::string("run --members '") + value + "' -q");
    INFO(value);
    CHECK(refused.exit_code == 2);
    CHECK_THAT(refused.err, Catch::StartsWith("--members: expected an integer from 1 to "
                                              "1000000000, found"));
  }
  for (const char* value : {"-nan", "0.5x", "-2", "0x1p+1", "", " "}) {
    const auto refused = run_traj(std::string("run --precision '") + value + "' -q");
    INFO(value);
    CHECK(refused.exit_code == 2);
    CHECK_THAT(refused.err,
               Catch::StartsWith("--precision: expected a finite number from 1e-06 to 0.5"));
  }
}

TEST_CASE("seeds are decimal integers from 0 to 2^63 - 1") {
  const auto largest = run_traj("run --members 100 --seed 9223372036854775807 --json -q");
  CHECK(largest.exit_code == 0);
  CHECK_THAT(largest.out, Catch::Contains("\"seed\": 9223372036854775807,"));
  for (const char* seed : {"-1", "9223372036854775808", "18446744073709551615",
                           "18446744073709551616", "99999999999999999999999"}) {
    const auto refused = run_traj(std::string("run --members 100 -q --seed ") + seed);
    INFO(seed);
    CHECK(refused.exit_code == 2);
    CHECK_THAT(refused.err, Catch::StartsWith(std::string("--seed: expected an integer from 0 to "
                                                          "9223372036854775807, found ") +
                                              seed));
  }
  // Decimal, whatever the leading zeros (strtoull's base 0 read 010 as 8).
  CHECK_THAT(run_traj("run --members 100 --seed 010 --json -q").out,
             Catch::Contains("\"seed\": 10,"));
}

TEST_CASE("an option that would be ignored is refused with the reason before anything runs") {
  const auto directory =
      std::filesystem::temp_directory_path() / ("traj_cli_ignored_" + std::to_string(::getpid()));
  std::filesystem::create_directories(directory);
  const std::string file = (directory / "f.h5").string();
  const std::vector<std::pair<std::string, std::string>> refused = {
      {"run --deterministic --output '" + file + "'", "--deterministic with --output: "},
      {"run --deterministic --precision 0.01", "--deterministic with --precision: "},
      {"run --deterministic --members 100", "--deterministic with --members: "},
      {"run --deterministic --seed 2", "--deterministic with --seed: "},
      {"run --deterministic --quantiles 0.1", "--deterministic with --quantiles: "},
      {"run --output ''", "--output: expected a file name, found an empty one"},
      {"run -p ''", "--portfolio: expected a portfolio id, or baseline, found an empty one"},
      {"run --trajectories all", "--trajectories: applies to the --output file"},
      {"run --force", "--force: applies to the --output file"},
      {"run --max-members 100", "--max-members: caps the members added to reach --precision"},
      {"rerun missing.h5 --force", "--force: applies to the --output file"},
      {"rerun missing.h5 -o ''", "--output: expected a file name"},
      {"report missing.h5 -o ''", "--output: expected a file name"},
      {"report ''", "results: expected a file name"},
      {"validate ''", "scenario: expected a file name"},
      {"graph -p ''", "--portfolio: expected a portfolio id"},
      {"target -p ''", "--portfolio: expected a portfolio id"},
      {"target -p plan --objective ghg-2050 --lang fr --json",
       "--lang: the language of the text and of the --report page"},
      {"target -p plan --objective ghg-2050 --force", "--force: applies to the --report page"},
      {"target -p plan --objective ghg-2050 --report ''", "--report: expected a file name"},
      {"target -p plan --indicator ghg --objective ghg-2050",
       "--indicator with --objective: a target is either"},
      {"target -p plan --indicator ghg", "--indicator: expected --year with it"},
      {"target -p plan --objective ghg-2050 --year 2030", "--year: the year of --indicator"},
      {"compare --portfolios ''", "--portfolios: expected a portfolio id"},
      {"compare --top 3 --json", "--top with --json: "},
      {"compare --top 3 --no-contributions", "--top with --no-contributions: "},
      {"compare --lang fr --json", "--lang: the language of the text and of the --report page"},
      {"run --lang fr --json", "--lang is the language of the tables"},
      {"compare --force", "--force: replaces the --output or --report file"},
      {"compare --output ''", "--output: expected a file name"},
      {"compare --report ''", "--report: expected a file name"},
      {"sensitivity -p ''", "--portfolio: expected a portfolio id"},
      {"sensitivity -p plan --top 3 --json", "--top with --json: "},
      {"sensitivity -p plan --lang fr --json",
       "--lang: the language of the text and of the --report page"},
      {"sensitivity -p plan --force", "--force: replaces the --output or --report file"},
      {"sensitivity -p plan --year 2030", "--year: the year of --indicator"},
      {"sensitivity -p plan --output ''", "--output: expected a file name"},
  };
  for (const auto& [arguments, reason] : refused) {
    const auto outcome = run_traj(arguments, directory.string());
    INFO(arguments);
    CHECK(outcome.exit_code == 2);
    CHECK(outcome.out.empty());
    CHECK_THAT(outcome.err, Catch::Contains(reason));
  }
  CHECK_FALSE(std::filesystem::exists(file));
  CHECK(traj::testing::entries_in(directory) == 0);
  std::filesystem::remove_all(directory);
}

TEST_CASE("target --json --report prints the JSON document and writes the page") {
  const auto directory =
      std::filesystem::temp_directory_path() / ("traj_cli_json_page_" + std::to_string(::getpid()));
  std::filesystem::create_directories(directory);
  const std::string page = (directory / "target.html").string();
  const auto both = run_traj(
      "target -p plan --objective ghg-2050 --members 200 --json -q --report '" + page + "'");
  CHECK(both.exit_code == 0);
  CHECK_THAT(both.out, Catch::StartsWith("{") && Catch::Contains("\"objective\": \"ghg-2050\""));
  REQUIRE(std::filesystem::exists(page));
  CHECK_THAT(slurp(page), Catch::Contains("<html") &&
                              Catch::Contains("What would it take to reach 80.0 % confidence"));
  std::filesystem::remove_all(directory);
}

TEST_CASE("a forged or damaged results file gets exit 2 and the reason from rerun and report") {
  const auto directory =
      std::filesystem::temp_directory_path() / ("traj_cli_forged_" + std::to_string(::getpid()));
  std::filesystem::create_directories(directory);
  const std::string file = (directory / "plan.h5").string();
  REQUIRE(run_traj("run -p plan --members 300 -q --output '" + file + "'").exit_code == 0);
  const auto copy = [&](const std::string& name) {
    const std::string forged = (directory / name).string();
    std::filesystem::copy_file(file, forged);
    return forged;
  };
  // block = 0 made rerun spin at 100 % CPU, deaf to SIGINT and SIGTERM.
  const std::string no_block = copy("block.h5");
  traj::testing::forge_attribute(no_block, "block", std::int64_t{0});
  const auto spun = run_traj("rerun '" + no_block + "' -q", "", 30);
  CHECK(spun.exit_code == 2);
  CHECK_THAT(spun.err,
             Catch::Contains(no_block + ": attribute block: expected an integer from 1 to 4096, "
                                        "found 0"));
  // A non-numeric level was "internal error: stod", exit 3.
  const std::string levels = copy("levels.h5");
  traj::testing::forge_attribute(levels, "quantile_levels", std::string("0.05,half,0.95"));
  for (const std::string command : {"rerun", "report"}) {
    const auto outcome = run_traj(command + " '" + levels + "' -o '" +
                                  (directory / (command + ".out")).string() + "'");
    INFO(command);
    CHECK(outcome.exit_code == 2);
    CHECK_THAT(outcome.err, Catch::Contains("attribute quantile_levels: each level expected a "
                                            "finite number from 0 to 1, found \"half\""));
  }
  // Spoiled stored bytes, the stamp recomputed: rerun said "results differ"
  // (exit 1) after its whole run, report wrote a page (exit 0).
  const std::string spoiled = copy("spoiled.h5");
  traj::testing::spoil_first_chunk(spoiled, "/parameters/values");
  for (const std::string command : {"rerun", "report"}) {
    const auto outcome = run_traj(command + " '" + spoiled + "' -o '" +
                                  (directory / (command + ".out")).string() + "'");
    INFO(command);
    CHECK(outcome.exit_code == 2);
    CHECK_THAT(outcome.err, Catch::Contains("found a damaged or incomplete one") &&
                                Catch::Contains("/parameters/values"));
  }
  // Settings that only the stored scenario can judge.
  const std::string portfolio = copy("portfolio.h5");
  traj::testing::forge_attribute(portfolio, "portfolio", std::string("nowhere"));
  CHECK_THAT(run_traj("rerun '" + portfolio + "' -q").err,
             Catch::Contains(portfolio + ": attribute portfolio: expected baseline or a portfolio "
                                         "of the stored scenario, found \"nowhere\""));
  const std::string selection = copy("selection.h5");
  traj::testing::forge_attribute(selection, "trajectories", std::string("ghg,nothing"));
  const auto unknown = run_traj("rerun '" + selection + "' -q");
  CHECK(unknown.exit_code == 2);
  CHECK_THAT(unknown.err, Catch::Contains(selection + ": attribute trajectories: expected "));
  // A dataset of the wrong shape (the report indexed past its end).
  const std::string shape = copy("shape.h5");
  traj::testing::forge_dataset(shape, "/objectives/threshold", {0.5});
  const auto short_dataset =
      run_traj("report '" + shape + "' -o '" + (directory / "shape.html").string() + "'");
  CHECK(short_dataset.exit_code == 2);
  CHECK_THAT(short_dataset.err, Catch::Contains("dataset /objectives/threshold: expected the "
                                                "shape 3, found 1"));
  // Nothing written from any of them.
  for (const char* name : {"rerun.out", "report.out", "shape.html"})
    CHECK_FALSE(std::filesystem::exists(directory / name));
  std::filesystem::remove_all(directory);
}

TEST_CASE("sensitivity refuses what memory cannot hold with the estimate and the way out") {
  // -n 10 000 000 on the bundled scenario holds ≈ 29 GB (it asked for it at
  // once, and exited 3 "bug in traj"); refused before the run where that is
  // more than the memory available.
  std::ifstream meminfo("/proc/meminfo");
  std::string line;
  double available_gb = 0.0;
  while (std::getline(meminfo, line)) {
    if (line.rfind("MemAvailable:", 0) == 0) available_gb = std::stod(line.substr(13)) * 1024 / 1e9;
  }
  if (available_gb == 0.0 || available_gb > 28.0) {
    WARN("more than 28 GB available: the refusal is not exercised here");
    return;
  }
  const auto refused = run_traj("sensitivity -p plan -n 10000000 -q", "", 30);
  CHECK(refused.exit_code == 2);
  CHECK_THAT(refused.err,
             Catch::Contains("--samples: 10000000 would hold about 29.0 GB in memory") &&
                 Catch::Contains("GB are available; use --samples") &&
                 Catch::Contains("--indicator with --year") && Catch::Contains("--group action"));
}

TEST_CASE("compare gives the same document at 1 and 2 threads") {
  // The portfolios' ensembles and those without each action run side by
  // side: the JSON (every number, every action's contribution, in order)
  // is the same byte for byte.
  const std::string common = "compare --members 3000 --json -q --threads ";
  const auto one = run_traj(common + "1");
  const auto two = run_traj(common + "2");
  REQUIRE(one.exit_code == 0);
  REQUIRE(two.exit_code == 0);
  CHECK_THAT(one.out, Catch::Contains("\"contributions\": ["));
  CHECK(one.out == two.out);
}

TEST_CASE("compare refuses, before it starts, members whose outcomes memory cannot hold") {
  // The large scenario's 6 portfolios and 80 more (one action each): the
  // baseline and 86 portfolios keep 5 bytes (objectives) and 20 floats
  // (quantities) per member each, and 4 bytes for the costs' order
  // statistics: 87 × 85 + 4 = 7 399 bytes; 10 000 000 members, 74.0 GB.
  std::ifstream meminfo("/proc/meminfo");
  std::string line;
  double available_gb = 0.0;
  while (std::getline(meminfo, line)) {
    if (line.rfind("MemAvailable:", 0) == 0) available_gb = std::stod(line.substr(13)) * 1024 / 1e9;
  }
  if (available_gb == 0.0 || available_gb > 73.0) {
    WARN("more than 73 GB available: the memory refusal of compare is not exercised here");
    return;
  }
  const auto directory = std::filesystem::temp_directory_path() /
                         ("traj_cli_compare_memory_" + std::to_string(::getpid()));
  std::filesystem::create_directories(directory);
  const std::string file = (directory / "many-portfolios.toml").string();
  {
    std::ofstream out(file);
    out << "format = 1\ninclude = [\"" << TRAJ_SOURCE_DIR
        << "/scenarios/bench/metropole-large.toml\"]\n";
    for (int k = 0; k < 80; ++k) {
      out << "[[portfolios]]\nid = \"lighting-" << k << "\"\nname = \"Lighting " << k
          << "\"\nactions = [\"public-lighting\"]\n";
    }
  }
  const auto refused =
      run_traj("compare '" + file + "' --members 10000000 --no-contributions -q", "", 60);
  CHECK(refused.exit_code == 2);
  CHECK_THAT(refused.err,
             Catch::Contains("--members: comparing the baseline and 86 portfolios on 10000000 "
                             "members would hold about 74.0 GB in memory (7399 bytes per member") &&
                 Catch::Contains("GB are available; use --members") &&
                 Catch::Contains("or fewer --portfolios"));
  CHECK(refused.out.empty());
  // What fits runs: the same file, two portfolios, 100 members.
  const auto fits = run_traj("compare '" + file +
                             "' --portfolios all,lighting-0 --members 100 --no-contributions -q");
  CHECK(fits.exit_code == 0);
  std::filesystem::remove_all(directory);
}

TEST_CASE("SIGINT during a sensitivity analysis stops it between chunks and leaves no file") {
  const auto directory = std::filesystem::temp_directory_path() /
                         ("traj_cli_sensitivity_signal_" + std::to_string(::getpid()));
  std::filesystem::create_directories(directory);
  const std::string file = (directory / "sens.h5").string();
  const std::string page = (directory / "sens.html").string();
  const pid_t child = ::fork();
  if (child == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, 1);
    ::dup2(null, 2);
    // 30 M model runs: far longer than the test.
    ::execl(TRAJ_EXECUTABLE, "traj", "sensitivity", "-p", "plan", "-n", "500000", "-q", "--output",
            file.c_str(), "--report", page.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  for (int i = 0; i < 200; ++i) {  // until its temporary files exist
    if (std::distance(std::filesystem::directory_iterator(directory),
                      std::filesystem::directory_iterator()) >= 2)
      break;
    ::usleep(20000);
  }
  ::usleep(300000);
  ::kill(child, SIGINT);
  int status = 0;
  ::waitpid(child, &status, 0);
  REQUIRE(WIFEXITED(status));  // not killed by the signal: it stopped and cleaned up
  CHECK(WEXITSTATUS(status) == 128 + SIGINT);
  CHECK(std::filesystem::is_empty(directory));
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

TEST_CASE("validate: each portfolio's resolved actions, after extends, add and remove") {
  const auto directory = std::filesystem::temp_directory_path() /
                         ("traj_validate_portfolios_" + std::to_string(::getpid()));
  std::filesystem::create_directories(directory);
  {
    std::ofstream file(directory / "town.toml");
    file << "include = ['" << traj::testing::source_path("scenarios/examples/example.toml")
         << "']\n"
         << "[[portfolios]]\nid = \"plan-without-stoves\"\nname = \"x\"\nextends = \"plan\"\n"
            "remove = [\"wood-stoves\"]\n";
  }
  const auto result = run_traj("validate " + (directory / "town.toml").string());
  std::filesystem::remove_all(directory);
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out, Catch::Contains("  portfolio plan: 6 actions: renovation,"));
  CHECK_THAT(result.out, Catch::Contains("  portfolio plan-without-stoves: 5 actions: "));
  CHECK(result.out.find("wood-stoves", result.out.find("plan-without-stoves")) ==
        std::string::npos);
}
