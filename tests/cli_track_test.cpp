// traj track, end to end: the bundled example's annual review as text (in
// English and French), JSON, the forum's page and a track file that traj
// rerun reproduces; bad observation files and options refused with exit code 2.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>

#include "cli_support.hpp"
#include "traj/hdf5_file.hpp"

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

namespace {

using traj::testing::slurp;

/// A probability as the page writes it: "12.3 %", in French "12,3 %".
std::string page_percent(double probability, bool french) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.*f %%", probability > 0.0 && probability < 0.01 ? 2 : 1,
                100.0 * probability);
  std::string text = buffer;
  if (french) std::replace(text.begin(), text.end(), '.', ',');
  return text;
}

/// A whole number grouped by thousands as the page writes it: "1,969", "1 969".
std::string grouped(long value, const std::string& separator) {
  std::string digits = std::to_string(value), text;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) text += separator;
    text += digits[i];
  }
  return text;
}

/// A path in a fresh directory of the temporary directory, removed with it.
struct ScratchDirectory {
  ScratchDirectory()
      : path(std::filesystem::temp_directory_path() /
             ("traj_track_dir_" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~ScratchDirectory() { std::filesystem::remove_all(path); }
  std::string file(const std::string& name) const { return (path / name).string(); }
  std::filesystem::path path;
};

const std::string TRACK = "track --portfolio plan --members 2000 -q --observations ";

}  // namespace

TEST_CASE("traj track --report writes the forum's page in French and English with its numbers",
          "[cli][track]") {
  const ScratchDirectory directory;
  const auto json = run_traj(TRACK + scenario(BREST_OBSERVATIONS) + " --json");
  REQUIRE(json.exit_code == 0);
  const auto document = nlohmann::json::parse(json.out);
  const std::string french_page = directory.file("track-fr.html");
  const auto french =
      run_traj(TRACK + scenario(BREST_OBSERVATIONS) + " --lang fr --report '" + french_page + "'");
  INFO(french.err);
  REQUIRE(french.exit_code == 0);
  const auto english = run_traj(TRACK + scenario(BREST_OBSERVATIONS) + " --report '" +
                                directory.file("track-en.html") + "'");
  REQUIRE(english.exit_code == 0);
  const std::string fr = slurp(french_page), en = slurp(directory.file("track-en.html"));
  CHECK(fr.find("<html lang=\"fr\">") != std::string::npos);
  // The illustrative warning, prominent, at the top and at the end.
  CHECK(fr.find("<p class=\"illustrative\" role=\"note\"><strong>Observations illustratives") !=
        std::string::npos);
  CHECK(fr.rfind("class=\"illustrative\"") > fr.find("id=\"trajectories\""));
  CHECK(en.find("Illustrative observations: the observations file says illustrative = true") !=
        std::string::npos);
  // The method and the effective size of the JSON document.
  const auto ess = static_cast<long>(std::lround(document.at("effective_size").get<double>()));
  CHECK(fr.find("Méthode\u00a0: échantillonnage préférentiel\u00a0; taille effective " +
                grouped(ess, "\u202f") + " sur 2\u202f000 membres.") != std::string::npos);
  CHECK(en.find("Method: importance sampling; effective size " + grouped(ess, ",") +
                " of 2,000 members.") != std::string::npos);
  // Each objective before and after, in words, with the JSON's probabilities.
  const auto& objectives = document.at("objectives");
  REQUIRE(objectives.size() == 3);
  const auto& renewables = objectives.at(2);
  REQUIRE(renewables.at("id") == "renewables-2030");
  const double after = renewables.at("after").at("probability").get<double>();
  const double before = renewables.at("before").at("probability").get<double>();
  // The objective's own French text (description_fr of the bundled scenario).
  CHECK(fr.find("Couvrir 30\u00a0% des besoins par des énergies renouvelables produites "
                "localement d'ici 2030\u00a0: " +
                page_percent(after, true) + " de chances, contre " + page_percent(before, true) +
                " avant les données 2019–2022") != std::string::npos);
  CHECK(en.find("Cover 30 % of needs with locally produced renewable energy by 2030: " +
                page_percent(after, false) + " likely, was " + page_percent(before, false) +
                " before the 2019–2022 data") != std::string::npos);
  // Each observation's verdict in the page's words, and its percentile.
  const auto& observations = document.at("observations");
  REQUIRE(observations.size() == 8);
  for (const auto& observation : observations) {
    const std::string verdict = observation.at("verdict");
    const std::string in_french = verdict == "ahead"    ? "en avance"
                                  : verdict == "behind" ? "en retard"
                                                        : "dans la trajectoire";
    CHECK(fr.find("\">" + in_french + "</td>") != std::string::npos);
    CHECK(en.find("\">" + verdict + "</td>") != std::string::npos);
  }
  const long percentile = std::lround(100 * observations.at(0).at("percentile").get<double>());
  CHECK(en.find("<td>2019</td>") != std::string::npos);
  CHECK(en.find("</small></td><td>" + std::to_string(percentile) + "</td>") != std::string::npos);
  // The parameters the data moved, by their names, and a fan chart per
  // observed indicator and objective (final energy, GHG, local production,
  // renewable share) with the observed points.
  CHECK(fr.find("id=\"parameters\"") != std::string::npos);
  for (const char* indicator : {"final_energy", "ghg", "local_production", "renewable_share"})
    CHECK(fr.find(std::string("id=\"fan-") + indicator + "\"") != std::string::npos);
  CHECK(fr.find("<g class=\"observed\">") != std::string::npos);
  CHECK(fr.find("Observé (intervalle à 90 %)") != std::string::npos);
  // The text says where the page went, in its language.
  CHECK(french.out.find("Rapport écrit dans " + french_page) != std::string::npos);
}

TEST_CASE("traj track --lang fr prints the review in French with decimal commas", "[cli][track]") {
  const auto json = run_traj(TRACK + scenario(BREST_OBSERVATIONS) + " --json");
  REQUIRE(json.exit_code == 0);
  const auto document = nlohmann::json::parse(json.out);
  const auto text = run_traj(TRACK + scenario(BREST_OBSERVATIONS) + " --lang fr");
  INFO(text.err);
  REQUIRE(text.exit_code == 0);
  char ess[32];
  std::snprintf(ess, sizeof ess, "%.0f", document.at("effective_size").get<double>());
  CHECK(text.out.find(std::string("Méthode\u00a0: échantillonnage préférentiel\u00a0; taille "
                                  "effective ") +
                      ess + " sur 2000 membres") != std::string::npos);
  CHECK(text.out.find("Observations ILLUSTRATIVES") != std::string::npos);
  CHECK(text.out.find("Objectifs\u00a0:") != std::string::npos);
  CHECK(text.out.find(" de chances (à 95 % ") != std::string::npos);
  CHECK(text.out.find("avant les données 2019–2022") != std::string::npos);
  // The first observation: 4110 GWh, ±2 %, its percentile and verdict.
  const auto& first = document.at("observations").at(0);
  char percentile[16];
  std::snprintf(percentile, sizeof percentile, "%.0f", 100 * first.at("percentile").get<double>());
  const std::string verdict = first.at("verdict");
  const std::string in_french = verdict == "ahead"    ? "en avance"
                                : verdict == "behind" ? "en retard"
                                                      : "dans la trajectoire";
  CHECK(text.out.find(std::string("final_energy 2019\u00a0: 4110 GWh (±2%) — centile ") +
                      percentile + " du plan") != std::string::npos);
  CHECK(text.out.find(in_french + "\u00a0; ") != std::string::npos);
  CHECK(text.out.find("Ce que les données ont le plus déplacé") != std::string::npos);
  // A decimal comma, never a decimal point, in the numbers.
  CHECK(text.out.find("e la médiane du plan, ") != std::string::npos);
  // (but the file's path, on the first line, and its source text are quoted as they are)
  std::istringstream lines(text.out.substr(text.out.find('\n') + 1));
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("Source", 0) == 0) continue;
    INFO(line);
    CHECK_FALSE(std::regex_search(line, std::regex(R"(\d\.\d)")));
  }
  // --lang with --json and no page: refused.
  const auto refused = run_traj(TRACK + scenario(BREST_OBSERVATIONS) + " --lang fr --json");
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("--lang: the language of the text and of the --report page") !=
        std::string::npos);
}

TEST_CASE("traj track --output writes a track file that traj rerun reproduces bit for bit",
          "[cli][track]") {
  const ScratchDirectory directory;
  const std::string file = directory.file("track.h5"), again = directory.file("again.h5");
  const auto json = run_traj(TRACK + scenario(BREST_OBSERVATIONS) + " --json --output '" + file +
                             "' --method importance");
  INFO(json.err);
  REQUIRE(json.exit_code == 0);
  const auto document = nlohmann::json::parse(json.out);
  CHECK(document.at("method_requested") == "importance");
  {
    const traj::hdf5::File track = traj::hdf5::File::open_read_only(file);
    const auto& root = track.root();
    CHECK(root.string_attribute("filetype") == "trajectoires-track");
    CHECK(root.int_attribute("members") == 2000);
    CHECK(root.string_attribute("method_requested") == "importance");
    CHECK(root.open("inputs/observations").read_text() ==
          slurp(traj::testing::source_path(BREST_OBSERVATIONS)));
    // The weights give the JSON's effective size (Kish).
    const auto weights = root.open("track/weights").read_doubles();
    REQUIRE(weights.size() == 2000);
    double sum = 0.0, squares = 0.0;
    for (const double weight : weights) {
      sum += weight;
      squares += weight * weight;
    }
    CHECK(sum == Approx(1.0).epsilon(1e-12));
    CHECK(sum * sum / squares == Approx(document.at("effective_size").get<double>()).epsilon(1e-9));
    const auto percentile = root.open("track/observations/percentile").read_doubles();
    const auto& observations = document.at("observations");
    REQUIRE(percentile.size() == observations.size());
    for (std::size_t i = 0; i < percentile.size(); ++i)
      CHECK(percentile[i] == observations.at(i).at("percentile").get<double>());
    const auto after = root.open("track/objectives/probability_after").read_doubles();
    CHECK(after[1] == document.at("objectives").at(1).at("after").at("probability").get<double>());
    CHECK(root.open("track/parameters/parameter").read_strings().front() ==
          document.at("parameters").at(0).at("name").get<std::string>());
    CHECK(root.open("track/series/indicator").read_strings() ==
          std::vector<std::string>{"final_energy", "ghg", "local_production", "renewable_share"});
    CHECK(root.open_group("track").int_attribute("illustrative") == 1);
  }
  const auto rerun = run_traj("rerun '" + file + "' --threads 2 --output '" + again + "'");
  INFO(rerun.err);
  CHECK(rerun.exit_code == 0);
  CHECK(rerun.out.find("identical: the track of 2000 members of Brest") != std::string::npos);
  CHECK(traj::hdf5::differing_datasets(file, again).empty());
  CHECK(traj::hdf5::File::open_read_only(again).root().open("track/weights").read_doubles() ==
        traj::hdf5::File::open_read_only(file).root().open("track/weights").read_doubles());
}

TEST_CASE("traj track refuses a bad --method and never clobbers an existing output",
          "[cli][track]") {
  const ScratchDirectory directory;
  const auto bad = run_traj(TRACK + scenario(BREST_OBSERVATIONS) + " --method mcmc");
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("--method") != std::string::npos);
  CHECK(bad.err.find("mcmc") != std::string::npos);
  CHECK(bad.out.empty());
  const std::string kept = directory.file("kept.h5"), page = directory.file("kept.html");
  std::ofstream(kept) << "keep me";
  std::ofstream(page) << "keep me too";
  // Without --force: refused before the run.
  const auto exists = run_traj(TRACK + scenario(BREST_OBSERVATIONS) + " --output '" + kept + "'");
  CHECK(exists.exit_code == 2);
  CHECK(exists.err.find("--force") != std::string::npos);
  CHECK(slurp(kept) == "keep me");
  // With --force, observations no member comes near: nothing replaced, no temporary left.
  const ScratchFile far("far_force.csv",
                        "indicator,year,value,unit,uncertainty,status\n"
                        "final_energy,2022,100,GWh,2%,final\n");
  const auto refused =
      run_traj("track --portfolio plan --members 200 -q --force --observations '" +
               far.path.string() + "' --output '" + kept + "' --report '" + page + "'");
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("is incompatible with the scenario") != std::string::npos);
  CHECK(slurp(kept) == "keep me");
  CHECK(slurp(page) == "keep me too");
  CHECK(traj::testing::entries_in(directory.path) == 2);
  // --force without a file to replace: refused.
  const auto useless = run_traj(TRACK + scenario(BREST_OBSERVATIONS) + " --force");
  CHECK(useless.exit_code == 2);
  CHECK(useless.err.find("--force: replaces the --output or --report file") != std::string::npos);
}
