// traj track, end to end: the bundled example's annual review as text and
// JSON, and bad observation files refused with exit code 2.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "cli_support.hpp"

namespace {

using traj::testing::run_traj;
using traj::testing::scenario;

/// A file written in the temporary directory for one test, removed after it.
struct ScratchFile {
  explicit ScratchFile(const std::string& name, const std::string& text)
      : path(std::filesystem::temp_directory_path() /
             ("traj_track_" + std::to_string(::getpid()) + "_" + name)) {
    std::ofstream(path) << text;
  }
  ~ScratchFile() { std::filesystem::remove(path); }
  std::filesystem::path path;
};

double json_number(const std::string& document, const std::string& key) {
  const std::string pattern = "\"" + key + "\": ";
  const auto at = document.find(pattern);
  if (at == std::string::npos) throw std::runtime_error("no key " + key);
  return std::strtod(document.c_str() + at + pattern.size(), nullptr);
}

const std::string BREST_OBSERVATIONS = "scenarios/observations/brest-metropole.csv";

}  // namespace

TEST_CASE("traj track conditions the bundled plan on its example observations", "[cli][track]") {
  const auto text = run_traj("track --portfolio plan --members 2000 --observations " +
                             scenario(BREST_OBSERVATIONS));
  INFO(text.err);
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find("ILLUSTRATIVE observations") != std::string::npos);
  CHECK(text.out.find("Method: importance sampling; effective size") != std::string::npos);
  CHECK(text.out.find("likely (95 %") != std::string::npos);
  CHECK(text.out.find(") — percentile ") != std::string::npos);
  CHECK(text.out.find("What the data moved most") != std::string::npos);
  const auto json = run_traj("track --portfolio plan --members 2000 --json --observations " +
                             scenario(BREST_OBSERVATIONS));
  REQUIRE(json.exit_code == 0);
  CHECK(json.out.find("\"illustrative\": true") != std::string::npos);
  CHECK(json.out.find("\"method\": \"importance sampling\"") != std::string::npos);
  const double ess = json_number(json.out, "effective_size");
  CHECK(ess > 1.0);
  CHECK(ess < 2000.0);
  CHECK(json_number(json.out, "members") == 2000);
}

TEST_CASE("traj track refuses a bad observations file with its place", "[cli][track]") {
  const ScratchFile file("bad.csv",
                         "indicator,year,value,unit,uncertainty,status\n"
                         "final_energi,2018,6000,GWh,5%,final\n");
  const auto outcome =
      run_traj("track --portfolio plan --members 200 --observations '" + file.path.string() + "'");
  CHECK(outcome.exit_code == 2);
  CHECK(outcome.err.find(file.path.string() + ":2:1: error: indicator:") != std::string::npos);
  CHECK(outcome.err.find("did you mean 'final_energy'") != std::string::npos);
  CHECK(outcome.err.find(":2:14: error: year: expected a year from 2019") != std::string::npos);
}

TEST_CASE("traj track refuses observations no member comes near", "[cli][track]") {
  const ScratchFile file("far.csv",
                         "indicator,year,value,unit,uncertainty,status\n"
                         "final_energy,2022,100,GWh,2%,final\n");
  const auto outcome =
      run_traj("track --portfolio plan --members 200 --observations '" + file.path.string() + "'");
  CHECK(outcome.exit_code == 2);
  CHECK(outcome.err.find("is incompatible with the scenario") != std::string::npos);
  CHECK(outcome.err.find("the members range from") != std::string::npos);
  CHECK(outcome.out.empty());
}

TEST_CASE("traj track requires its observations", "[cli][track]") {
  const auto outcome = run_traj("track --portfolio plan");
  CHECK(outcome.exit_code == 2);
  CHECK(outcome.err.find("--observations") != std::string::npos);
  const auto missing = run_traj("track --portfolio plan --observations /nonexistent/obs.csv");
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("/nonexistent/obs.csv") != std::string::npos);
}
