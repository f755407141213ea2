// [[correlations]] end to end: the example scenario with its two named
// parameters rank-correlated, through validate, run (1 and 2 threads),
// sensitivity (the grouped factor in English, French and JSON), run
// --output and rerun (bit for bit), and the refusals (exit code 2, the
// file, line and key, the smallest eigenvalue and the pair).
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "cli_support.hpp"

namespace {

using traj::testing::run_traj;

/// The scenario written in the temporary directory for one test, removed after it.
struct ScenarioFile {
  explicit ScenarioFile(const std::string& text, const std::string& name = "correlated.toml")
      : path(std::filesystem::temp_directory_path() /
             (std::string("traj_correlations_") + std::to_string(::getpid()) + "_" + name)) {
    std::ofstream(path) << text;
  }
  ~ScenarioFile() { std::filesystem::remove(path); }
  std::string quoted() const { return std::string("'") + path.string() + "'"; }
  std::filesystem::path path;
};

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

/// The example scenario with a third named parameter, `heat_pump_cop`
/// (unused by the model), before its actions, and `tail` appended.
std::string example_with(const std::string& tail) {
  std::string text =
      traj::testing::slurp(traj::testing::source_path("scenarios/examples/example.toml"));
  const std::string marker = "[parameters.renovation_savings]";
  const auto at = text.find(marker);
  REQUIRE(at != std::string::npos);
  text.insert(at, "[parameters.heat_pump_cop]\ndistribution = { uniform = [2.5, 4.0] }\n\n");
  // The copy lives in the temporary directory: its include by absolute path.
  const std::string include = "\"../shared/france-emission-factors.toml\"";
  const auto included = text.find(include);
  REQUIRE(included != std::string::npos);
  text.replace(included, include.size(),
               std::string("\"") +
                   traj::testing::source_path("scenarios/shared/france-emission-factors.toml") +
                   "\"");
  return text + "\n" + tail;
}

const std::string PAIR =
    "[[correlations]]\nparameters = [\"pv_yield\", \"renovation_savings\"]\nrank = 0.7\n";

/// The line of `text` (1-based) holding `part`.
int line_of(const std::string& text, const std::string& part) {
  const auto at = text.find(part);
  REQUIRE(at != std::string::npos);
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
}

}  // namespace

TEST_CASE("correlations: validate, run at 1 and 2 threads identical, differs from independent") {
  const ScenarioFile correlated(example_with(PAIR));
  const auto valid = run_traj("validate " + correlated.quoted());
  CHECK(valid.exit_code == 0);
  const std::string run = "run " + correlated.quoted() + " --members 3000 --seed 5 --json";
  const auto one = run_traj(run + " --threads 1");
  const auto two = run_traj(run + " --threads 2");
  REQUIRE(one.exit_code == 0);
  REQUIRE(two.exit_code == 0);
  // Every number the same; only how it was run (threads, seconds) differs.
  auto first = nlohmann::json::parse(one.out), second = nlohmann::json::parse(two.out);
  for (auto* document : {&first, &second}) {
    document->erase("threads");
    document->erase("seconds");
  }
  CHECK(first == second);
  const ScenarioFile independent(example_with(""), "independent.toml");
  const auto plain =
      run_traj("run " + independent.quoted() + " --members 3000 --seed 5 --json --threads 1");
  REQUIRE(plain.exit_code == 0);
  auto independent_document = nlohmann::json::parse(plain.out);
  independent_document.erase("threads");
  independent_document.erase("seconds");
  CHECK(independent_document != first);
}

TEST_CASE("correlations: sensitivity groups the correlated parameters and says so") {
  const ScenarioFile file(example_with(PAIR));
  const std::string common = "sensitivity " + file.quoted() +
                             " -p plan --method morris --samples 8 --indicator ghg --year 2030";
  const auto json = run_traj(common + " --json");
  REQUIRE(json.exit_code == 0);
  const auto document = nlohmann::json::parse(json.out);
  REQUIRE(document.contains("correlated_factors"));
  REQUIRE(document["correlated_factors"].size() == 1);
  CHECK(document["correlated_factors"][0]["factor"] == "pv_yield + renovation_savings");
  CHECK(document["correlated_factors"][0]["merged"] ==
        nlohmann::json::array({"pv_yield", "renovation_savings"}));
  bool listed = false;
  for (const auto& factor : document["outputs"][0]["factors"]) {
    CHECK(factor["factor"] != "pv_yield");
    listed = listed || factor["factor"] == "pv_yield + renovation_savings";
  }
  CHECK(listed);
  const auto english = run_traj(common);
  REQUIRE(english.exit_code == 0);
  CHECK(has(english.out,
            "correlated parameters moved together as one factor: pv_yield + "
            "renovation_savings"));
  const auto french = run_traj(common + " --lang fr");
  REQUIRE(french.exit_code == 0);
  CHECK(has(french.out,
            "paramètres corrélés variés ensemble comme un seul facteur\u00a0: "
            "pv_yield + renovation_savings"));
  // Without correlations: no such key, no such line.
  const ScenarioFile plain(example_with(""), "plain.toml");
  const auto independent = run_traj("sensitivity " + plain.quoted() +
                                    " -p plan --method morris --samples 8 --indicator ghg --year "
                                    "2030 --json");
  REQUIRE(independent.exit_code == 0);
  CHECK_FALSE(nlohmann::json::parse(independent.out).contains("correlated_factors"));
}

TEST_CASE("correlations: a results file is re-run bit for bit") {
  const ScenarioFile file(example_with(PAIR));
  const auto output = std::filesystem::temp_directory_path() /
                      ("traj_correlations_" + std::to_string(::getpid()) + ".h5");
  std::filesystem::remove(output);
  const auto run = run_traj("run " + file.quoted() + " --members 500 --seed 2 --output '" +
                            output.string() + "'");
  REQUIRE(run.exit_code == 0);
  const auto rerun = run_traj(std::string("rerun '") + output.string() + "'");
  CHECK(rerun.exit_code == 0);
  CHECK(has(rerun.out, "reproduced bit for bit"));
  std::filesystem::remove(output);
}

TEST_CASE("correlations: a matrix that is not positive semi-definite is refused") {
  const std::string matrix =
      "[[correlations]]\nparameters = [\"pv_yield\", \"heat_pump_cop\", \"renovation_savings\"]\n"
      "matrix = [[1, 0.9, 0.8],\n          [0.9, 1, -0.3],\n          [0.8, -0.3, 1]]\n";
  const std::string text = example_with(matrix);
  const ScenarioFile file(text);
  const auto outcome = run_traj("validate " + file.quoted());
  CHECK(outcome.exit_code == 2);
  CHECK(outcome.out.empty());
  // Computed apart (Jacobi rotations): with r = 2 sin(pi rho / 6), the
  // smallest eigenvalue is -0.384846, eigenvector (0.661, -0.549, -0.512);
  // v_i v_j r_ij: -0.329 for pv_yield and heat_pump_cop, -0.275 and -0.088
  // for the others.
  CHECK(has(outcome.err, "smallest eigenvalue of -0.384846"));
  CHECK(has(outcome.err, "the pair most responsible: pv_yield and heat_pump_cop (rank 0.9"));
  CHECK(has(outcome.err, std::string(":") + std::to_string(line_of(text, "matrix = [[")) + ":"));
  CHECK(has(outcome.err, "correlations[0].matrix[0][1]"));
  const auto run = run_traj("run " + file.quoted() + " --members 10");
  CHECK(run.exit_code == 2);
  CHECK(run.out.empty());
}

TEST_CASE("correlations: each mistake located, exit code 2") {
  struct Case {
    std::string tail, key, message;
  };
  const Case cases[] = {
      {"[[correlations]]\nparameters = [\"pv_yield\", \"pv_yeld\"]\nrank = 0.3\n",
       "correlations[0].parameters", "found \"pv_yeld\" (did you mean 'pv_yield'?)"},
      {"[[correlations]]\nparameters = [\"pv_yield\", \"pv_yield\"]\nrank = 0.3\n",
       "correlations[0].parameters", "not correlated with itself"},
      {"[[correlations]]\nparameters = [\"pv_yield\", \"renovation_savings\"]\nrank = 1.2\n",
       "correlations[0].rank", "expected a rank correlation in [-1, 1], found 1.2"},
      {PAIR + "[[correlations]]\nparameters = [\"renovation_savings\", \"pv_yield\"]\nrank = 0.1\n",
       "correlations[1].rank", "expected each pair of parameters once"},
      {"[[correlations]]\nparameters = [\"pv_yield\", \"renovation_savings\"]\n"
       "matrix = [[1, 0.2], [0.3, 1]]\n",
       "correlations[0].matrix[1][0]", "expected a symmetric matrix"},
      {"[[correlations]]\nparameters = [\"pv_yield\", \"renovation_savings\"]\n",
       "correlations[0].rank", "expected either rank (two parameters) or matrix"},
      {"[[correlations]]\nparameters = [\"pv_yield\", \"renovation_savings\"]\nrank = 0.3\n"
       "ranks = 2\n",
       "correlations[0].ranks", "unknown key"},
  };
  for (const auto& c : cases) {
    const ScenarioFile file(example_with(c.tail));
    const auto outcome = run_traj("validate " + file.quoted());
    INFO(c.tail << "\n" << outcome.err);
    CHECK(outcome.exit_code == 2);
    CHECK(has(outcome.err, c.key));
    CHECK(has(outcome.err, c.message));
  }
}

TEST_CASE("correlations: scenario show names a parameter's correlations, in English and French") {
  const ScenarioFile file(example_with(PAIR));
  const std::string show = "scenario show 'actions.pv-roofs.effects[0].yield' " + file.quoted();
  const auto english = run_traj(show);
  REQUIRE(english.exit_code == 0);
  CHECK(has(english.out, "rank-correlated with renovation_savings: 0.7 (a Gaussian copula)"));
  const auto french = run_traj(show + " --lang fr");
  REQUIRE(french.exit_code == 0);
  CHECK(has(french.out,
            "corrélé en rang avec renovation_savings\u00a0: 0,7 (une copule gaussienne)"));
  const ScenarioFile plain(example_with(""), "plain.toml");
  CHECK_FALSE(
      has(run_traj("scenario show 'actions.pv-roofs.effects[0].yield' " + plain.quoted()).out,
          "rank-correlated"));
}
