// traj diagnose, end to end: the text in English and French, the JSON
// document's fields and values (the profile computed by hand, the
// objectives' probabilities those of `traj run` on the same members), the
// page in French, per-inhabitant figures omitted with the reason, and the
// refusals of bad input (exit code 2).
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "cli_support.hpp"

namespace {

using traj::testing::run_traj;
using traj::testing::scenario;
using traj::testing::slurp;

const std::string COMMUNES = scenario("scenarios/tests/territories-diagnose.toml");
const std::string MINIMAL = scenario("scenarios/tests/minimal.toml");

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::filesystem::path scratch(const std::string& name) {
  return std::filesystem::temp_directory_path() /
         ("traj_diagnose_" + std::to_string(::getpid()) + "_" + name);
}

const nlohmann::json& territory(const nlohmann::json& document, const std::string& id) {
  for (const auto& one : document["territories"]) {
    if ((id.empty() && one["id"].is_null()) || (!one["id"].is_null() && one["id"] == id))
      return one;
  }
  throw std::runtime_error("no territory " + id);
}

const nlohmann::json& share(const nlohmann::json& profile, const std::string& of,
                            const std::string& group) {
  for (const auto& one : profile["shares"]) {
    if (one["of"] == of && one["group"] == group) return one;
  }
  throw std::runtime_error("no share " + group);
}

}  // namespace

TEST_CASE("traj diagnose states strengths and weaknesses with their numbers", "[cli][diagnose]") {
  const auto english = run_traj("diagnose " + COMMUNES + " -p plan -n 2000 --samples 20 -q");
  INFO(english.out << english.err);
  REQUIRE(english.exit_code == 0);
  CHECK(has(english.out,
            "Diagnostic of Diagnosed intercommunality — base year 2020; objectives "
            "judged with the portfolio The plan (2000 members, seed 1)"));
  CHECK(has(english.out, "The territories at a glance"));
  // The village's line of the summary: population, MWh and tCO2e per
  // inhabitant, local renewables, objectives at risk.
  const auto line_at = english.out.find("\n  The village ");
  REQUIRE(line_at != std::string::npos);
  const std::string line =
      english.out.substr(line_at + 1, english.out.find('\n', line_at + 1) - line_at - 1);
  CHECK(has(line, " 4,000 "));
  CHECK(has(line, " 25.0 "));
  CHECK(has(line, " 4.23 "));
  CHECK(has(line, " 0.0 % "));
  CHECK(has(line, " 1 / 1"));
  CHECK(has(english.out, "== The village =="));
  CHECK(has(english.out, "4,000 inhabitants"));
  CHECK(has(english.out,
            "+ Renewable fuels (wood): 30.0 % of final energy against 13.0 % in "
            "France (2023), +17.0 points"));
  CHECK(has(english.out,
            "+ GHG emissions: 4.23 tCO2e per inhabitant against 5.95 tCO2e in "
            "France (2022), 29 % less"));
  CHECK(has(english.out,
            "− Oil products (diesel): 50.0 % of final energy against 38.0 % in "
            "France (2023), +12.0 points"));
  CHECK(has(english.out,
            "The village's charter: final energy −5 % by 2030 against 2020 "
            "(village-energy-2030): "));
  CHECK(has(english.out,
            "Insulation of dwellings: adoption ceiling "
            "(actions.insulation.adoption.ceiling): μ* 6.00\u00a0GWh"));
  const auto french =
      run_traj("diagnose " + COMMUNES + " -p plan -n 2000 --samples 20 -q --lang fr");
  REQUIRE(french.exit_code == 0);
  CHECK(has(french.out, "== Le village =="));
  CHECK(has(french.out, "4\u202f000 habitants"));
  CHECK(has(french.out,
            "+ Combustibles renouvelables (bois)\u00a0: 30,0 % de l'énergie finale "
            "contre 13,0 % en France (2023), +17,0 points"));
  CHECK(has(french.out, "Points forts"));
  CHECK_FALSE(has(french.out, "Strengths"));
}

TEST_CASE("traj diagnose --json has the profile, the findings and run's probabilities",
          "[cli][diagnose]") {
  const auto diagnosed =
      run_traj("diagnose " + COMMUNES + " -p plan -n 3000 --seed 5 --samples 20 --json -q");
  INFO(diagnosed.err);
  REQUIRE(diagnosed.exit_code == 0);
  const auto document = nlohmann::json::parse(diagnosed.out);
  CHECK(document["territory"] == "Diagnosed intercommunality");
  CHECK(document["portfolio"] == "plan");
  CHECK(document["base_year"] == 2020);
  CHECK(document["members"] == 3000);
  CHECK(document["seed"] == 5);
  CHECK(document["method"] == "morris");
  CHECK(document["samples"] == 20);
  CHECK(document["runs"] == 20 * (3 + 1));  // r (k + 1): three uncertain numbers
  CHECK(document["at_risk_below"] == 0.5);
  REQUIRE(document["territories"].size() == 3);
  const auto& village = territory(document, "village");
  CHECK(village["name"] == "The village");
  CHECK(village["population"] == 4000);
  CHECK(village["final_energy"].get<double>() == Approx(100.0).epsilon(1e-6));
  CHECK(village["ghg"].get<double>() == Approx(16.9).epsilon(1e-6));
  CHECK(share(village, "final_energy", "renewable_carriers")["share"].get<double>() ==
        Approx(0.3).epsilon(1e-6));
  CHECK(share(village, "final_energy", "renewable_carriers")["national"].get<double>() == 0.13);
  CHECK(share(village, "final_energy", "renewable_carriers")["by"] == "carrier");
  CHECK(village["per_inhabitant"][0]["measure"] == "final_energy");
  CHECK(village["per_inhabitant"][0]["value"].get<double>() == Approx(25.0).epsilon(1e-6));
  bool strength = false;
  for (const auto& finding : village["findings"]) {
    if (finding["subject"] == "per_inhabitant" && finding["measure"] == "ghg") {
      CHECK(finding["kind"] == "strength");
      CHECK(finding["value"].get<double>() == Approx(4.225).epsilon(1e-6));
      CHECK(finding["text"].get<std::string>().find("29 % less") != std::string::npos);
      strength = true;
    }
  }
  CHECK(strength);
  const auto& whole = territory(document, "");
  CHECK(whole["final_energy"].get<double>() == Approx(600.0).epsilon(1e-6));
  CHECK(document["national"]["population"]["value"] == 67813000.0);
  CHECK(document["national"]["final_energy"]["source"] ==
        "SDES, Bilan énergétique de la France pour 2021");

  // The same members as traj run: the same probabilities, to the bit.
  const auto ran = run_traj("run " + COMMUNES + " -p plan -n 3000 --seed 5 --json -q");
  REQUIRE(ran.exit_code == 0);
  const auto run = nlohmann::json::parse(ran.out);
  std::size_t compared = 0;
  for (const auto& objective : run["objectives"]) {
    for (const auto& one : document["territories"]) {
      for (const auto& diagnosed_objective : one["objectives"]) {
        if (diagnosed_objective["id"] != objective["id"]) continue;
        CHECK(diagnosed_objective["probability"] == objective["probability"]);
        CHECK(diagnosed_objective["ci_low"] == objective["ci_low"]);
        CHECK(diagnosed_objective["distance"]["median"] == objective["distance"]["median"]);
        ++compared;
      }
    }
  }
  CHECK(compared == 3);
}

TEST_CASE(
    "traj diagnose says why figures per inhabitant are left out, and gives them with "
    "a population",
    "[cli][diagnose]") {
  const auto without = run_traj("diagnose " + MINIMAL + " -n 200 --json -q");
  REQUIRE(without.exit_code == 0);
  const auto uncounted = nlohmann::json::parse(without.out);
  const auto& profile = uncounted["territories"][0];
  CHECK(profile["population"].is_null());
  CHECK(profile["per_inhabitant"].empty());
  CHECK(profile["per_inhabitant_note"].get<std::string>().find("population not stated") == 0);
  const auto with =
      run_traj("diagnose " + MINIMAL + " -n 200 --json -q --set territory.population=1000");
  REQUIRE(with.exit_code == 0);
  const auto counted_document = nlohmann::json::parse(with.out);
  const auto& counted = counted_document["territories"][0];
  CHECK(counted["population"] == 1000);
  CHECK(counted["per_inhabitant"][0]["value"].get<double>() == Approx(650.0).epsilon(1e-6));
  const auto text = run_traj("diagnose " + MINIMAL + " -n 200 -q");
  CHECK(has(text.out,
            "population not stated in the scenario (`population` in [territory]): "
            "no figure per inhabitant"));
  CHECK(has(text.out, "the scenario has no uncertain number"));
}

TEST_CASE("traj diagnose --report writes the page in French", "[cli][diagnose]") {
  const auto page = scratch("page.html");
  std::filesystem::remove(page);
  const auto outcome = run_traj("diagnose " + COMMUNES + " -p plan -n 1000 --samples 10 -q " +
                                "--lang fr --report '" + page.string() + "'");
  INFO(outcome.err);
  REQUIRE(outcome.exit_code == 0);
  CHECK(has(outcome.out, "Rapport écrit dans"));
  const std::string html = slurp(page.string());
  std::filesystem::remove(page);
  CHECK(has(html, "<html lang=\"fr\">"));
  CHECK(has(html, "<h2>Les territoires en bref</h2>"));
  CHECK(has(html, "<h2>Diagnosed intercommunality (l'ensemble)</h2>"));
  CHECK(has(html, "<h2>La ville</h2>"));
  CHECK(has(html, "<h3>Points forts</h3>"));
  CHECK(has(html,
            "Combustibles renouvelables (bois)\u00a0: 30,0 % de l'énergie finale contre "
            "13,0 % en France (2023), +17,0 points"));
  CHECK(has(html, "Objectifs, du plus menacé au moins menacé"));
  CHECK(has(html, "de chances (intervalle à 95 %"));
  CHECK(has(html, "Ce qui pèse le plus"));
  CHECK(has(html, "Insee, Bilan démographique 2021"));
  CHECK(has(html, "<svg class=\"share-bars\""));
  CHECK_FALSE(has(html, "Strengths"));
  CHECK_FALSE(has(html, "likely"));
}

TEST_CASE("traj diagnose refuses bad input with exit code 2", "[cli][diagnose]") {
  const auto unknown = run_traj("diagnose " + COMMUNES + " -p plna -q");
  CHECK(unknown.exit_code == 2);
  CHECK(has(unknown.err, "plna"));
  CHECK(has(unknown.err, "plan"));
  const auto zero = run_traj("diagnose " + COMMUNES + " --members 0 -q");
  CHECK(zero.exit_code == 2);
  CHECK(has(zero.err, "--members"));
  const auto samples = run_traj("diagnose " + COMMUNES + " --samples 3 -q");
  CHECK(samples.exit_code == 2);
  CHECK(has(samples.err, "--samples"));
  const auto top = run_traj("diagnose " + COMMUNES + " --top 0 -q");
  CHECK(top.exit_code == 2);
  const auto method = run_traj("diagnose " + COMMUNES + " --method fast -q");
  CHECK(method.exit_code == 2);
  const auto language = run_traj("diagnose " + COMMUNES + " --json --lang fr -q");
  CHECK(language.exit_code == 2);
  CHECK(has(language.err, "--lang: the language of the text and of the --report page"));
  const auto force = run_traj("diagnose " + COMMUNES + " --force -q");
  CHECK(force.exit_code == 2);
  CHECK(has(force.err, "--force: replaces the --report file"));
  const auto population = run_traj("diagnose " + MINIMAL + " -q --set territory.population=-5");
  CHECK(population.exit_code == 2);
  CHECK(has(population.err, "territory.population: expected a number > 0, found -5"));
  // With [[territories]], the whole's population is their sum (10 000 + 4 000).
  const auto sum = run_traj("diagnose " + COMMUNES + " -q --set territory.population=1000");
  CHECK(sum.exit_code == 2);
  CHECK(has(sum.err,
            "territory.population: expected the sum of the populations of "
            "[[territories]], 14000"));
  const auto missing =
      run_traj("diagnose " + scenario("scenarios/tests/nothing-here.toml") + " -q");
  CHECK(missing.exit_code == 2);
}
