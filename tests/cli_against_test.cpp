// traj run --against REF, end to end: what changed against a reference on
// the same members, as text and JSON, and the refused combinations.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "cli_support.hpp"
#include "one_cell.hpp"

namespace {

using traj::testing::cut_scenario;
using traj::testing::run_traj;
using traj::testing::scenario;

/// The number after `"key": ` at or after `from` in a JSON document.
double json_number(const std::string& document, const std::string& key, std::size_t from = 0) {
  const std::string pattern = "\"" + key + "\": ";
  const auto at = document.find(pattern, from);
  if (at == std::string::npos) throw std::runtime_error("no key " + key);
  return std::strtod(document.c_str() + at + pattern.size(), nullptr);
}

/// Where the object `"indicator": "ID", "year": YEAR` of "against" starts.
std::size_t indicator_at(const std::string& document, const std::string& id, int year) {
  const auto against = document.find("\"against\": {");
  const std::string pattern =
      "\"indicator\": \"" + id + "\",\n        \"year\": " + std::to_string(year) + ",";
  const auto at = document.find(pattern, against);
  if (against == std::string::npos || at == std::string::npos)
    throw std::runtime_error("no indicator " + id + " " + std::to_string(year) + " in against");
  return at;
}

struct ScratchDirectory {
  std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("traj_cli_against_" + std::to_string(::getpid()));
  ScratchDirectory() { std::filesystem::create_directories(path); }
  ~ScratchDirectory() { std::filesystem::remove_all(path); }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name) << text;
    // Quoted in steps: `"'" + string + "'"` trips GCC 12's false -Wrestrict.
    std::string quoted = "'";
    quoted.append((path / name).string()).append("'");
    return quoted;
  }
};

}  // namespace

TEST_CASE("run --against baseline: a hand case as text and JSON, and compare's paired difference") {
  const ScratchDirectory scratch;
  const std::string file = scratch.write("cut.toml", cut_scenario());
  const auto text = run_traj("run " + file + " --against baseline --members 4000 -q");
  REQUIRE(text.exit_code == 0);
  CHECK(text.err.empty());
  CHECK_THAT(text.out, Catch::Contains("\nAgainst baseline (the same 4000 members; run − baseline, "
                                       "member by member)\n"));
  // The bands collapse where every member changes by the same amount.
  CHECK_THAT(text.out, Catch::Contains("  final_energy 2021: -10.0 GWh [-10.0; -10.0]\n"));
  CHECK_THAT(text.out, Catch::Contains("  ghg 2022: -2.00 ktCO2e [-2.00; -2.00]\n"));
  CHECK_THAT(text.out, Catch::Contains("  nox 2021: -1.00 t [-1.00; -1.00]\n"));
  CHECK_THAT(text.out, Catch::Contains("  renewable_share 2021: +1.1"));

  const auto json = run_traj("run " + file + " --against baseline --members 4000 --json");
  REQUIRE(json.exit_code == 0);
  const std::string& document = json.out;
  const auto against = document.find("\"against\": {");
  REQUIRE(against != std::string::npos);
  CHECK_THAT(document,
             Catch::Contains("\"reference\": \"baseline\",\n    \"without_edits\": false,\n"
                             "    \"members\": 4000,"));
  const auto ghg = indicator_at(document, "ghg", 2021);
  CHECK_THAT(document.substr(ghg), Catch::StartsWith("\"indicator\": \"ghg\",\n        \"year\": "
                                                     "2021,\n        \"unit\": \"ktCO2e\","));
  CHECK(json_number(document, "median", ghg) == Approx(-2.0).epsilon(1e-6));
  CHECK(json_number(document, "p05", ghg) == json_number(document, "median", ghg));
  CHECK(json_number(document, "p95", ghg) == json_number(document, "median", ghg));
  // pv/900 for pv uniform in [5, 15]: quantiles 5.5/900, 10/900, 14.5/900.
  const auto share = indicator_at(document, "renewable_share", 2021);
  CHECK(json_number(document, "median", share) == Approx(10.0 / 900).epsilon(0.03));
  CHECK(json_number(document, "p05", share) == Approx(5.5 / 900).epsilon(0.03));
  CHECK(json_number(document, "p95", share) == Approx(14.5 / 900).epsilon(0.03));
  // The objective: the run's probability is the run's; the change P(9 ≤ pv < 10) = 0.1.
  const double probability = json_number(document, "probability", against);
  const double reference = json_number(document, "reference_probability", against);
  const double difference = json_number(document, "difference", against);
  CHECK(probability == json_number(document, "probability"));  // the top-level objective's
  CHECK(probability == Approx(0.6).margin(0.035));
  CHECK(reference == Approx(0.5).margin(0.035));
  CHECK(difference == Approx(probability - reference).margin(1e-12));
  CHECK(difference == Approx(0.1).margin(0.02));
  // traj compare gives the same paired difference and interval on the same members.
  const auto compare = run_traj("compare " + file + " --portfolios cut --members 4000 --json");
  REQUIRE(compare.exit_code == 0);
  const auto compared = compare.out.find("\"differences\": [");
  REQUIRE(compared != std::string::npos);
  CHECK_THAT(compare.out.substr(compared),
             Catch::Contains("\"a\": \"cut\",\n      \"b\": \"baseline\""));
  CHECK(json_number(compare.out, "difference", compared) == difference);
  CHECK(json_number(compare.out, "ci_low", compared) == json_number(document, "ci_low", against));
  CHECK(json_number(compare.out, "ci_high", compared) == json_number(document, "ci_high", against));
}

TEST_CASE(
    "run --against a portfolio of the bundled scenario: both probabilities and their change") {
  const auto run = run_traj("run -p ambitious --against plan --members 2000 --json");
  REQUIRE(run.exit_code == 0);
  const auto reference = run_traj("run -p plan --members 2000 --json");
  REQUIRE(reference.exit_code == 0);
  const std::string& document = run.out;
  const auto against = document.find("\"against\": {");
  REQUIRE(against != std::string::npos);
  CHECK_THAT(document, Catch::Contains("\"reference\": \"plan\",\n    \"without_edits\": false,\n"
                                       "    \"members\": 2000,"));
  // Each objective: the run's probability, plan's as `traj run -p plan` gives it, and the change.
  std::size_t run_at = 0, reference_at = 0, against_at = against;
  for (const std::string id : {"energy-2050", "ghg-2050", "renewables-2030"}) {
    INFO(id);
    run_at = document.find("\"id\": \"" + id + "\"", run_at);
    reference_at = reference.out.find("\"id\": \"" + id + "\"", reference_at);
    against_at = document.find("\"id\": \"" + id + "\"", against_at);
    REQUIRE(run_at < against);
    REQUIRE(reference_at != std::string::npos);
    REQUIRE(against_at != std::string::npos);
    const double probability = json_number(document, "probability", against_at);
    const double reference_probability = json_number(document, "reference_probability", against_at);
    CHECK(probability == json_number(document, "probability", run_at));
    CHECK(reference_probability == json_number(reference.out, "probability", reference_at));
    CHECK(json_number(document, "difference", against_at) ==
          Approx(probability - reference_probability).margin(1e-12));
  }
  // The energy objective: 0 % with plan; with ambitious, clearly more.
  const auto energy = document.find("\"id\": \"energy-2050\"", against);
  CHECK(json_number(document, "reference_probability", energy) == 0.0);
  CHECK(json_number(document, "ci_low", energy) > 0.3);
  // Ambitious cuts GHG further than plan in 2050 for (at least) 95 % of the members.
  const auto ghg = indicator_at(document, "ghg", 2050);
  CHECK(json_number(document, "p95", ghg) < 0.0);
  CHECK(json_number(document, "p05", ghg) <= json_number(document, "median", ghg));
  CHECK(json_number(document, "median", ghg) <= json_number(document, "p95", ghg));
  // Every compared quantity is there: 9 at 2030, 9 at 2050, the discounted cost.
  std::size_t indicators = 0;
  for (auto at = document.find("\"indicator\": ", against); at != std::string::npos;
       at = document.find("\"indicator\": ", at + 1))
    ++indicators;
  CHECK(indicators == 19);
  // The text names the reference and gives the change in the run table's units.
  const auto text = run_traj("run -p ambitious --against plan --members 2000 -q");
  REQUIRE(text.exit_code == 0);
  CHECK_THAT(text.out, Catch::Contains("\nAgainst plan (the same 2000 members; run − plan, member "
                                       "by member)\nObjectives: change of probability, in points "
                                       "[paired 95 % interval]\n  Halve energy consumption by "
                                       "2050"));
  CHECK_THAT(text.out, Catch::Contains("likely against 0 %)\n"));
  CHECK_THAT(text.out, Catch::Contains("\n  ghg 2050: -1"));
  CHECK_THAT(text.out, Catch::Contains(" ktCO2e ["));
  CHECK_THAT(text.out, Catch::Contains("\n  renewable_share 2030: +"));
  CHECK_THAT(text.out, Catch::Contains("\n  cost_discounted 2050: +"));
}

TEST_CASE("run without --against and without edits compares nothing") {
  const auto json = run_traj("run --members 500 --json");
  REQUIRE(json.exit_code == 0);
  CHECK(json.out.find("\"against\"") == std::string::npos);
  const auto text = run_traj("run --members 500 -q");
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find("Against") == std::string::npos);
}

TEST_CASE("run --against with --precision compares on the member count the run reached") {
  const auto json = run_traj("run " + scenario("scenarios/clermont-alliance.toml") +
                             " --members 1000 --precision 0.01 --against baseline --json");
  REQUIRE(json.exit_code == 0);
  const double members = json_number(json.out, "members");
  CHECK(members > 1000);  // the precision target added members
  CHECK(json_number(json.out, "members", json.out.find("\"against\": {")) == members);
}

TEST_CASE("run --against with --output writes the run only and says so") {
  const ScratchDirectory scratch;
  const std::string results = (scratch.path / "cut.h5").string();
  const std::string file = scratch.write("cut.toml", cut_scenario());
  const auto run =
      run_traj("run " + file + " --against baseline --members 500 -q --output '" + results + "'");
  REQUIRE(run.exit_code == 0);
  CHECK_THAT(run.out, Catch::EndsWith("\nResults written to " + results +
                                      " (the run only, not baseline)\n"));
  CHECK(std::filesystem::exists(results));
  // The file is the run's: rerun reproduces it.
  const auto rerun = run_traj("rerun '" + results + "' -q");
  CHECK(rerun.exit_code == 0);
}

TEST_CASE(
    "run --against refuses an unknown reference, the run's own portfolio and --deterministic") {
  const std::vector<std::pair<std::string, std::string>> refused = {
      {"run --against basline",
       "error: --against: expected a portfolio of the scenario files (baseline, commitments, plan, "
       "ambitious), found \"basline\" (did you mean 'baseline'?)"},
      {"run --against plna -p ambitious", "found \"plna\" (did you mean 'plan'?)"},
      {"run --against commitments",
       "error: --against commitments: the run runs commitments already, and without edits"},
      {"run -p plan --against plan", "error: --against plan: the run runs plan already"},
      {"run -p baseline --against baseline",
       "error: --against baseline: the run runs baseline already"},
      {"run --against ''", "--against: expected a portfolio id, or baseline, found an empty one"},
  };
  for (const auto& [arguments, reason] : refused) {
    INFO(arguments);
    const auto outcome = run_traj(arguments);
    CHECK(outcome.exit_code == 2);
    CHECK(outcome.out.empty());
    CHECK_THAT(outcome.err, Catch::Contains(reason));
  }
}

TEST_CASE("run --deterministic --against: both central runs, without bands") {
  const ScratchDirectory scratch;
  const std::string file = scratch.write("cut.toml", cut_scenario());
  // At the medians PV gives 10 GWh: a share of 10/90 against 10/100, both ≥ 10 %.
  const auto text = run_traj("run " + file + " --deterministic --against baseline");
  REQUIRE(text.exit_code == 0);
  CHECK_THAT(text.out, Catch::Contains("\nAgainst baseline (every uncertain number at its median "
                                       "in both; run − baseline)\nObjectives: the run, then "
                                       "baseline\n  share-10: MET against MET (11.1 % against "
                                       "10.0 %)\n"));
  CHECK_THAT(text.out,
             Catch::Contains("\n  final_energy 2021: -10.0 GWh (90.0 GWh against 100 GWh)\n"));
  CHECK_THAT(text.out,
             Catch::Contains("\n  ghg 2022: -2.00 ktCO2e (18.0 ktCO2e against 20.0 ktCO2e)\n"));
  CHECK_THAT(text.out,
             Catch::Contains("\n  renewable_share 2021: +1.11 pts (11.1 % against 10.0 %)\n"));
  const auto json = run_traj("run " + file + " --deterministic --against baseline --json");
  REQUIRE(json.exit_code == 0);
  const std::string& document = json.out;
  const auto against = document.find("\"against\": {");
  REQUIRE(against != std::string::npos);
  CHECK_THAT(document.substr(against),
             Catch::StartsWith("\"against\": {\n    \"reference\": \"baseline\",\n    "
                               "\"without_edits\": false,\n    \"objectives\": [\n      {\n        "
                               "\"id\": \"share-10\",\n        \"met\": true,\n        "
                               "\"reference_met\": true,"));
  CHECK(json_number(document, "value", against) == Approx(10.0 / 90).epsilon(1e-6));
  CHECK(json_number(document, "reference_value", against) == Approx(0.1).epsilon(1e-6));
  const auto ghg = indicator_at(document, "ghg", 2021);
  CHECK(json_number(document, "difference", ghg) == Approx(-2.0).epsilon(1e-6));
  CHECK(json_number(document, "value", ghg) == Approx(18.0).epsilon(1e-6));
  CHECK(json_number(document, "reference_value", ghg) == Approx(20.0).epsilon(1e-6));
  // The deterministic run's own numbers are those of a run without --against.
  const auto alone = run_traj("run " + file + " --deterministic --json");
  REQUIRE(alone.exit_code == 0);
  const auto objectives_end = document.rfind("\n  ]", against);  // of the run's "objectives"
  CHECK(document.substr(0, objectives_end) == alone.out.substr(0, objectives_end));
  CHECK(alone.out.substr(objectives_end) == "\n  ]\n}\n");
}

TEST_CASE("run --against: a reference that overflows is refused like a run, nothing written") {
  // Two actions of 3e38 GWh each: the reference's local production overflows
  // single precision, the run's (cut) does not.
  const std::string huge = cut_scenario() + R"([[actions]]
id = "huge-a"
name = "Huge A"
coalition = "Town"
theme = "energy"
start = 2021
adoption = { curve = "step", ceiling = 1.0 }
  [[actions.effects]]
  type = "produce"
  source = "pv"
  energy = { value = 3e38, unit = "GWh" }
[[actions]]
id = "huge-b"
name = "Huge B"
coalition = "Town"
theme = "energy"
start = 2021
adoption = { curve = "step", ceiling = 1.0 }
  [[actions.effects]]
  type = "produce"
  source = "pv"
  energy = { value = 3e38, unit = "GWh" }
[[portfolios]]
id = "huge"
name = "Huge"
actions = ["huge-a", "huge-b"]
)";
  const ScratchDirectory scratch;
  const std::string file = scratch.write("huge.toml", huge);
  const std::string results = (scratch.path / "cut.h5").string();
  const auto ensemble =
      run_traj("run " + file + " -p cut --against huge -q -n 100 --output '" + results + "'");
  CHECK(ensemble.exit_code == 1);
  CHECK(ensemble.out.empty());
  CHECK(ensemble.err ==
        "error: the reference huge gave non-finite or negative results (energy, emissions…) for "
        "100 member(s), first member 0 (seed 1); no results written.\n");
  CHECK_FALSE(std::filesystem::exists(results));
  CHECK(traj::testing::entries_in(scratch.path) == 1);  // huge.toml only: no temporary left
  const auto central = run_traj("run " + file + " -p cut --against huge --deterministic --json");
  CHECK(central.exit_code == 1);
  CHECK(central.out.empty());
  CHECK(central.err ==
        "error: the reference huge (every parameter at its median) gave a non-finite value: "
        "local_production in 2021 = inf; no results written.\n");
}
