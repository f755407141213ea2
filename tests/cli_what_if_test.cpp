// What-if edits end to end: `--set` on the command line against the same
// edit made in a file, rerun of a results file made with edits, the origin
// `scenario show` reports, and `run --save-portfolio`.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "cli_support.hpp"
#include "traj/hdf5_file.hpp"
#include "traj/territory/results_file.hpp"

using traj::testing::run_traj;
using traj::testing::scenario;
using traj::testing::slurp;

namespace {

namespace fs = std::filesystem;

/// `traj run … --json` without what names the scenario, the portfolio or
/// the edits, times the run, or compares it with the unedited portfolio (the
/// default `against` of an edited run): what must be bit-identical. Trailing
/// commas are dropped, since `against` is the document's last key.
std::string run_json_numbers(const std::string& text) {
  std::string kept;
  std::istringstream lines(text);
  bool in_block = false;
  for (std::string line; std::getline(lines, line);) {
    if (line == "  \"edits\": {" || line == "  \"against\": {") in_block = true;
    const bool skipped = in_block || line.find("\"scenario\":") != std::string::npos ||
                         line.find("\"portfolio\":") != std::string::npos ||
                         line.find("\"seconds\":") != std::string::npos;
    if (in_block && (line == "  }," || line == "  }")) in_block = false;
    if (!line.empty() && line.back() == ',') line.pop_back();
    if (!skipped) kept += line + '\n';
  }
  return kept;
}

/// A copy of the Brest scenario and its include in a fresh directory.
struct ScenarioCopy {
  fs::path directory;
  fs::path main;
  explicit ScenarioCopy(const std::string& name)
      : directory(fs::temp_directory_path() / (name + "_" + std::to_string(::getpid()))),
        main(directory / "brest-metropole.toml") {
    fs::remove_all(directory);
    fs::create_directories(directory / "shared");
    fs::copy_file(traj::testing::source_path("scenarios/brest-metropole.toml"), main);
    fs::copy_file(traj::testing::source_path("scenarios/shared/france-emission-factors.toml"),
                  directory / "shared" / "france-emission-factors.toml");
  }
  ~ScenarioCopy() { fs::remove_all(directory); }
  /// Replaces the one occurrence of `from` in the main file by `to`.
  void replace(const std::string& from, const std::string& to) const {
    std::string text = slurp(main.string());
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    REQUIRE(text.find(from, at + 1) == std::string::npos);
    text.replace(at, from.size(), to);
    std::ofstream(main) << text;
  }
  std::string quoted(const fs::path& path) const {
    // Appended piece by piece: GCC 12 warns (-Wrestrict) on "'" + text.
    std::string text = "'";
    text += path.string();
    text += '\'';
    return text;
  }
};

const std::string CYCLING_ADOPTION =
    "adoption = { curve = \"linear\", full_year = 2035, ceiling = { uniform = [0.6, 1.0] } }";

}  // namespace

TEST_CASE("set: the same numbers as the same edit made in the file, bit for bit") {
  const ScenarioCopy copy("traj_cli_set_file");
  const std::string sets =
      " --set 'actions.cycling-plan.adoption.ceiling={ triangular = [0.5, 0.7, 0.9] }'"
      " --set objectives.ghg-2050.threshold=0.3";
  const auto with_set =
      run_traj("run -p plan --json --members 3000 " + copy.quoted(copy.main) + sets);
  const auto with_set_deterministic =
      run_traj("run -p plan --json --deterministic " + copy.quoted(copy.main) + sets);
  const auto unedited = run_traj("run -p plan --json --members 3000 " + copy.quoted(copy.main));
  copy.replace(CYCLING_ADOPTION,
               "adoption = { curve = \"linear\", full_year = 2035, ceiling = { triangular = "
               "[0.5, 0.7, 0.9] } }");
  copy.replace("comparison = \"<=\"\nthreshold = 0.25\n", "comparison = \"<=\"\nthreshold = 0.3\n");
  const auto in_file = run_traj("run -p plan --json --members 3000 " + copy.quoted(copy.main));
  const auto in_file_deterministic =
      run_traj("run -p plan --json --deterministic " + copy.quoted(copy.main));
  REQUIRE(with_set.exit_code == 0);
  REQUIRE(in_file.exit_code == 0);
  CHECK_THAT(with_set.out, Catch::Contains("\"edits\": {\n    \"set\": [\n      "
                                           "\"actions.cycling-plan.adoption.ceiling={ triangular "
                                           "= [0.5, 0.7, 0.9] }\",\n"));
  CHECK(in_file.out.find("\"edits\"") == std::string::npos);
  // An edited run is compared with its portfolio as the file defines it.
  CHECK_THAT(with_set.out, Catch::Contains("\"against\": {\n    \"reference\": \"plan\",\n    "
                                           "\"without_edits\": true,"));
  CHECK(in_file.out.find("\"against\"") == std::string::npos);
  CHECK(run_json_numbers(with_set.out) == run_json_numbers(in_file.out));
  // The edit changes something: the comparison above can fail.
  CHECK(run_json_numbers(with_set.out) != run_json_numbers(unedited.out));

  CHECK(run_json_numbers(with_set_deterministic.out) ==
        run_json_numbers(in_file_deterministic.out));
}

TEST_CASE("set: the text output names every edit, and validate lists them") {
  const auto run = run_traj("run -p plan --deterministic --set objectives.ghg-2050.threshold=0.3");
  REQUIRE(run.exit_code == 0);
  CHECK_THAT(run.out, Catch::StartsWith("Brest métropole — portfolio plan\n  with --set "
                                        "objectives.ghg-2050.threshold=0.3\n"));
  const std::string set = " --set objectives.ghg-2050.threshold=0.3";
  const auto compare =
      run_traj("compare -q --members 200 --no-contributions --portfolios plan" + set);
  REQUIRE(compare.exit_code == 0);
  CHECK_THAT(compare.out, Catch::Contains("(common random numbers)\n  with --set "
                                          "objectives.ghg-2050.threshold=0.3\n\n"));
  const auto compare_json =
      run_traj("compare -q --json --members 200 --no-contributions --portfolios plan" + set);
  CHECK_THAT(compare_json.out, Catch::Contains("\"edits\": {\n    \"set\": [\n      "
                                               "\"objectives.ghg-2050.threshold=0.3\"\n"));
  const auto target = run_traj("target -q -p plan --objective ghg-2050 --members 300" + set);
  REQUIRE(target.exit_code == 0);
  CHECK_THAT(
      target.out,
      Catch::Contains(", with portfolio plan and --set objectives.ghg-2050.threshold=0.3:\n"));
  const auto sensitivity = run_traj("sensitivity -q -p plan -m morris --samples 8" + set);
  REQUIRE(sensitivity.exit_code == 0);
  CHECK_THAT(sensitivity.out,
             Catch::Contains(" factors\n  with --set objectives.ghg-2050.threshold=0.3\n"));
  // The scenario file stays the positional argument after a --set.
  const auto validate = run_traj("validate --set 'territory.name=\"Elsewhere\"' " +
                                 scenario("scenarios/orleans-assises.toml"));
  REQUIRE(validate.exit_code == 0);
  CHECK_THAT(validate.out, Catch::Contains("orleans-assises.toml — Elsewhere, 2019–2050\n"));
  CHECK_THAT(validate.out, Catch::Contains("  with --set territory.name=\"Elsewhere\"\n"));
}

TEST_CASE("set: every mistake at once, located at its argument, exit code 2") {
  for (const char* command : {"validate", "graph", "run --deterministic", "compare",
                              "target -p plan --objective ghg-2050", "sensitivity -p plan",
                              "scenario show territory.name"}) {
    const auto result =
        run_traj(std::string(command) +
                 " --set territory.name=Brest --set actions.deep-renovatoin.adoption.ceiling=0.6"
                 " --set actions.deep-renovation.adoption.ceilng=0.6");
    INFO(command);
    CHECK(result.exit_code == 2);
    CHECK(result.out.empty());
    CHECK_THAT(result.err, Catch::Contains("--set #1: error: territory.name: expected a TOML "
                                           "value"));
    CHECK_THAT(result.err,
               Catch::Contains("--set #2: error: actions.deep-renovatoin: expected the id of an "
                               "element of actions, found \"deep-renovatoin\" (did you mean "
                               "'deep-renovation'?)\n"));
    CHECK_THAT(result.err, Catch::Contains("--set #3: error: actions.deep-renovation.adoption."
                                           "ceilng: unknown key 'ceilng' (did you mean "
                                           "'ceiling'?)\n"));
  }
  const auto empty = run_traj("run --set ''");
  CHECK(empty.exit_code == 2);
  CHECK_THAT(empty.err, Catch::Contains("--set"));
}

TEST_CASE("rerun of a results file made with edits: the edits are stored and applied") {
  const ScenarioCopy copy("traj_cli_set_rerun");
  const fs::path results = copy.directory / "edited.h5";
  const auto run =
      run_traj("run -q -p plan --members 500 -o " + copy.quoted(results) +
               " --set objectives.ghg-2050.threshold=0.3"
               " --set 'actions.cycling-plan.adoption.ceiling={ uniform = [0.2, 0.4] }'"
               " --only deep-renovation,cycling-plan " +
               copy.quoted(copy.main));
  REQUIRE(run.exit_code == 0);
  const auto record = traj::territory::read_run_record(results.string());
  CHECK(record.settings.edits.sets ==
        std::vector<std::string>{"objectives.ghg-2050.threshold=0.3",
                                 "actions.cycling-plan.adoption.ceiling={ uniform = [0.2, 0.4] }"});
  CHECK(record.settings.edits.only == std::vector<std::string>{"deep-renovation,cycling-plan"});
  CHECK(record.settings.edits.shifts.empty());
  CHECK(record.settings.edits.actions_off.empty());
  fs::remove(copy.main);  // the rerun reads the stored inputs alone
  const auto rerun = run_traj("rerun -q " + copy.quoted(results));
  CHECK(rerun.exit_code == 0);
  CHECK_THAT(rerun.out, Catch::StartsWith("identical: 500 members of Brest métropole (plan"));

  // A file without edits has none.
  const fs::path plain = copy.directory / "plain.h5";
  REQUIRE(run_traj("run -q -p plan --members 200 -o " + copy.quoted(plain)).exit_code == 0);
  CHECK(traj::territory::read_run_record(plain.string()).settings.edits.empty());
}

TEST_CASE("scenario show: a value set by --set reports the argument as its origin") {
  const auto edited = run_traj(
      "scenario show actions.deep-renovation.adoption.ceiling --set "
      "'actions.deep-renovation.adoption.ceiling={ uniform = [0.4, 0.7] }'");
  REQUIRE(edited.exit_code == 0);
  CHECK_THAT(edited.out, Catch::StartsWith("actions.deep-renovation.adoption.ceiling = { uniform "
                                           "= [0.4, 0.7] }\n  set by --set #1\n  distribution: "
                                           "uniform(0.4, 0.7)"));
  const auto file = run_traj("scenario show actions.deep-renovation.adoption.ceiling");
  REQUIRE(file.exit_code == 0);
  CHECK_THAT(file.out, Catch::Contains("\n  set at <bundled>/brest-metropole.toml:"));
}

TEST_CASE("run --save-portfolio: the saved file validates and runs as the edited run did") {
  const ScenarioCopy copy("traj_cli_save_portfolio");
  const fs::path saved = copy.directory / "what-if" / "mine.toml";
  fs::create_directories(saved.parent_path());
  const std::string edits =
      " --set actions.tram-line-b.adoption.full_year=2036"
      " --set portfolios.plan.overrides.ground-pv.ceiling=0.5"
      " --set 'portfolios.plan.actions=[\"deep-renovation\", \"tram-line-b\", \"ground-pv\", "
      "\"cycling-plan\"]'"
      " --shift tram-line-b=+2 --shift ground-pv=-0.5";
  const auto run = run_traj("run -p plan --json --members 2000 " + copy.quoted(copy.main) + edits +
                            " --save-portfolio mine --to " + copy.quoted(saved));
  REQUIRE(run.exit_code == 0);
  CHECK_THAT(run.err, Catch::Contains("Portfolio mine saved to "));
  const std::string text = slurp(saved.string());
  CHECK_THAT(text, Catch::Contains("include = \"../brest-metropole.toml\"\n"));
  CHECK_THAT(text, Catch::Contains("actions = [\"deep-renovation\", \"tram-line-b\", "
                                   "\"ground-pv\", \"cycling-plan\"]\n"
                                   "overrides.tram-line-b = { full_year = 2036, shift = 2 }\n"
                                   "overrides.ground-pv = { ceiling = 0.5, shift = -0.5 }\n"));
  const auto validate = run_traj("validate " + copy.quoted(saved));
  CHECK(validate.exit_code == 0);
  const auto again = run_traj("run --portfolio mine --json --members 2000 " + copy.quoted(saved));
  REQUIRE(again.exit_code == 0);
  CHECK(run_json_numbers(run.out) == run_json_numbers(again.out));
  const auto plan = run_traj("run --portfolio plan --json --members 2000 " + copy.quoted(saved));
  CHECK(run_json_numbers(plan.out) != run_json_numbers(again.out));
  // The original is never edited.
  CHECK(slurp(copy.main.string()) ==
        slurp(traj::testing::source_path("scenarios/brest-metropole.toml")));

  // Never over an existing file.
  const auto twice = run_traj("run -p plan --deterministic " + copy.quoted(copy.main) + edits +
                              " --save-portfolio mine2 --to " + copy.quoted(saved));
  CHECK(twice.exit_code == 2);
  CHECK_THAT(twice.err, Catch::Contains(" exists; --save-portfolio never replaces a file: choose "
                                        "another name\n"));
  CHECK(slurp(saved.string()) == text);
}

TEST_CASE("run --save-portfolio refuses what a portfolio cannot hold, before the run") {
  const ScenarioCopy copy("traj_cli_save_refused");
  const fs::path saved = copy.directory / "saved.toml";
  const auto refused = [&](const std::string& arguments, const std::string& message) {
    const auto result = run_traj(arguments);
    INFO(arguments);
    CHECK(result.exit_code == 2);
    CHECK(result.out.empty());
    CHECK_THAT(result.err, Catch::Contains(message));
    CHECK_FALSE(fs::exists(saved));
  };
  const std::string scenario_and_target = copy.quoted(copy.main) + " --to " + copy.quoted(saved);
  refused("run -p plan --deterministic --save-portfolio mine --to " + copy.quoted(saved),
          "traj scenario export DIR");
  refused("run -p plan --deterministic --save-portfolio mine " + scenario_and_target +
              " --set objectives.ghg-2050.threshold=0.3",
          "--set #1: error: objectives.ghg-2050.threshold: --save-portfolio: expected a change a "
          "portfolio can hold (portfolios.plan.… or actions.ID.adoption.ceiling, start, "
          "full_year, midpoint or steepness), found this one");
  refused("run -p plan --deterministic --save-portfolio mine " + scenario_and_target +
              " --set actions.cycling-plan.adoption.ceiling=0.7",
          "--set #1: error: actions.cycling-plan.adoption.ceiling: --save-portfolio: expected a "
          "change a portfolio can hold, found a new ceiling of an action that has costs");
  refused("run -p plan --deterministic --save-portfolio ambitious " + scenario_and_target,
          "--save-portfolio: expected a new portfolio id, found \"ambitious\"");
  refused("run -p baseline --deterministic --save-portfolio mine " + scenario_and_target,
          "found the baseline");
  refused("run -p plan --deterministic --to " + copy.quoted(saved) + " " + copy.quoted(copy.main),
          "--save-portfolio NAME and --to FILE go together");
}

TEST_CASE("compare and sensitivity files store the edits they were run with") {
  const ScenarioCopy copy("traj_cli_set_files");
  const fs::path comparison = copy.directory / "compare.h5";
  const fs::path sensitivity = copy.directory / "sensitivity.h5";
  const std::string set = " --set objectives.ghg-2050.threshold=0.3 --action-off tram-line-b";
  REQUIRE(run_traj("compare -q --members 200 --no-contributions --portfolios plan -o " +
                   copy.quoted(comparison) + set)
              .exit_code == 0);
  REQUIRE(
      run_traj("sensitivity -q -p plan -m morris --samples 8 -o " + copy.quoted(sensitivity) + set)
          .exit_code == 0);
  for (const auto& path : {comparison, sensitivity}) {
    INFO(path.string());
    const auto file = traj::hdf5::File::open_read_only(path.string());
    const auto inputs = file.root().open_group("inputs");
    REQUIRE(inputs.has("edits_set"));
    CHECK(inputs.open("edits_set").read_strings() ==
          std::vector<std::string>{"objectives.ghg-2050.threshold=0.3"});
    CHECK(inputs.open("edits_action_off").read_strings() ==
          std::vector<std::string>{"tram-line-b"});
    CHECK_FALSE(inputs.has("edits_shift"));
    CHECK_FALSE(inputs.has("edits_only"));
  }
}

TEST_CASE("shift: --shift gives the numbers of the same shift written in the portfolio") {
  const ScenarioCopy copy("traj_cli_shift_file");
  const auto with_shift = run_traj("run -p plan --json --deterministic " + copy.quoted(copy.main) +
                                   " --shift rooftop-pv=+3");
  const auto unshifted = run_traj("run -p plan --json --deterministic " + copy.quoted(copy.main));
  copy.replace(
      "\"agriculture-practices\", \"waste-reduction\"]\n\n[[portfolios]]\nid = "
      "\"ambitious\"",
      "\"agriculture-practices\", \"waste-reduction\"]\noverrides = { rooftop-pv = { "
      "shift = 3 } }\n\n[[portfolios]]\nid = \"ambitious\"");
  const auto in_file = run_traj("run -p plan --json --deterministic " + copy.quoted(copy.main));
  REQUIRE(with_shift.exit_code == 0);
  REQUIRE(in_file.exit_code == 0);
  CHECK(run_json_numbers(with_shift.out) == run_json_numbers(in_file.out));
  CHECK(run_json_numbers(with_shift.out) != run_json_numbers(unshifted.out));
  // Every action at once: the run moves, and says against what.
  const auto all = run_traj("run -p plan --deterministic --shift all=+2");
  REQUIRE(all.exit_code == 0);
  CHECK_THAT(all.out, Catch::Contains("  with --shift all=+2\n"));
  CHECK_THAT(all.out, Catch::Contains("without the edits"));
}

TEST_CASE("shift, action-off and only: located errors on the command line, exit code 2") {
  const auto refused = [](const std::string& arguments, const std::string& message) {
    const auto result = run_traj(arguments);
    INFO(arguments);
    CHECK(result.exit_code == 2);
    CHECK(result.out.empty());
    CHECK_THAT(result.err, Catch::Contains(message));
  };
  refused("run --deterministic --shift rooftop-pvv=3",
          "--shift #1: error: expected an action of the scenario or all, found \"rooftop-pvv\" "
          "(did you mean 'rooftop-pv'?)");
  refused("validate --shift rooftop-pv", "--shift #1: error: ");
  refused("validate --shift rooftop-pv=60", "--shift #1: error: expected a shift ");
  refused("validate --action-off nope", "--action-off #1: error: ");
  refused("validate --only rooftop-pv,,ground-pv", "--only: error: ");
  // commitments holds neither: left empty, it would run as the baseline.
  refused("run --deterministic -p commitments --only deep-renovation",
          "--only/--action-off: expected them to leave portfolio commitments at least one "
          "action, found none left");
}

TEST_CASE("action-off and only: validate shows the portfolios they leave") {
  const auto off = run_traj("validate --action-off ground-pv");
  REQUIRE(off.exit_code == 0);
  CHECK_THAT(off.out, Catch::Contains("portfolio plan: 22 actions: "));
  CHECK_THAT(off.out, Catch::Contains("  with --action-off ground-pv\n"));
  const auto only = run_traj("validate --only rooftop-pv,ground-pv");
  REQUIRE(only.exit_code == 0);
  CHECK_THAT(only.out, Catch::Contains("portfolio plan: 2 actions: rooftop-pv, ground-pv\n"));
  CHECK_THAT(only.out, Catch::Contains("portfolio commitments: 1 action: rooftop-pv\n"));
}

TEST_CASE("rerun: a results file made with --shift and --only is reproduced bit for bit") {
  const ScenarioCopy copy("traj_cli_shift_rerun");
  const fs::path results = copy.directory / "shifted.h5";
  const auto run = run_traj("run -q -p plan --members 500 -o " + copy.quoted(results) +
                            " --shift deep-renovation=+3 --only deep-renovation,rooftop-pv " +
                            copy.quoted(copy.main));
  REQUIRE(run.exit_code == 0);
  const auto record = traj::territory::read_run_record(results.string());
  CHECK(record.settings.edits.shifts == std::vector<std::string>{"deep-renovation=+3"});
  CHECK(record.settings.edits.only == std::vector<std::string>{"deep-renovation,rooftop-pv"});
  fs::remove_all(copy.main.parent_path() / "shared");
  fs::remove(copy.main);
  const auto rerun = run_traj("rerun -q " + copy.quoted(results));
  CHECK(rerun.exit_code == 0);
  CHECK_THAT(rerun.out, Catch::StartsWith("identical: 500 members of Brest métropole (plan"));
}

TEST_CASE("against: an edited run is compared with its portfolio as the file defines it") {
  const ScenarioCopy copy("traj_cli_against_edits");
  const std::string set = " --set portfolios.ambitious.overrides.ground-pv.ceiling=0.4";
  const auto edited =
      run_traj("run -p ambitious --json --members 2000 " + copy.quoted(copy.main) + set);
  REQUIRE(edited.exit_code == 0);
  CHECK_THAT(edited.out, Catch::Contains("\"against\": {\n    \"reference\": \"ambitious\",\n    "
                                         "\"without_edits\": true,"));
  // The same comparison written in a file: portfolio `edited` (ambitious
  // with the edit) against ambitious as shipped.
  const fs::path both_file = copy.directory / "both.toml";
  std::string both = slurp(copy.main.string());
  const auto ambitious_at = both.find("[[portfolios]]\nid = \"ambitious\"");
  REQUIRE(ambitious_at != std::string::npos);
  const auto next = both.find("\n\n", ambitious_at);
  std::string edited_copy = both.substr(ambitious_at, next - ambitious_at);
  edited_copy.replace(edited_copy.find("id = \"ambitious\""), 16, "id = \"edited\"");
  edited_copy.replace(edited_copy.find("ground-pv = { ceiling = 1.0 }"), 29,
                      "ground-pv = { ceiling = 0.4 }");
  both.insert(next, "\n\n" + edited_copy);
  std::ofstream(both_file) << both;
  const auto in_file =
      run_traj("run -p edited --against ambitious --json --members 2000 " + copy.quoted(both_file));
  REQUIRE(in_file.exit_code == 0);
  const auto against_block = [](const std::string& out) {
    const auto at = out.find("  \"against\": {");
    REQUIRE(at != std::string::npos);
    std::string block = out.substr(at);
    // Only the edited run says its reference is itself without edits.
    const auto flag = block.find("\"without_edits\": ");
    block.erase(flag, block.find('\n', flag) - flag);
    return block;
  };
  CHECK(against_block(edited.out) == against_block(in_file.out));
}
