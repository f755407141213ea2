// The diagnostic (traj/territory/diagnosis.hpp): profile shares computed by
// hand on scenarios/tests/minimal.toml and on the two communes of
// scenarios/tests/territories-diagnose.toml, figures per inhabitant against
// France's, the findings' thresholds and kinds, the national table's sums,
// each objective given to its territory, and Morris' μ* of a linear factor
// in closed form.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>
#include <string>

#include "test_support.hpp"
#include "traj/territory/diagnosis.hpp"
#include "traj/territory/diagnosis_words.hpp"

using namespace traj;
using namespace traj::territory;

namespace {

const ShareComparison& share_of(const TerritoryProfile& profile, ShareBasis basis,
                                const std::string& group, const std::string& pollutant = "") {
  for (const ShareComparison& share : profile.shares) {
    if (share.basis == basis && share.group == group && share.pollutant == pollutant) return share;
  }
  throw std::runtime_error("no share " + group);
}

bool has_share(const TerritoryProfile& profile, ShareBasis basis, const std::string& group) {
  return std::any_of(profile.shares.begin(), profile.shares.end(), [&](const auto& share) {
    return share.basis == basis && share.group == group;
  });
}

/// The finding about a share's group, or about a measure per inhabitant.
const Finding* finding_about(const TerritoryProfile& profile, const std::string& name) {
  for (const Finding& finding : profile.findings) {
    if (finding.subject == FindingSubject::Share && profile.shares[finding.index].group == name &&
        profile.shares[finding.index].basis == ShareBasis::EnergyByCarrier)
      return &finding;
    if (finding.subject == FindingSubject::PerInhabitant &&
        profile.per_inhabitant[finding.index].measure == name)
      return &finding;
    if (finding.subject == FindingSubject::RenewableShare && name == "renewable_share")
      return &finding;
  }
  return nullptr;
}

DiagnosisOptions quick_options(const Scenario& scenario) {
  DiagnosisOptions options;
  options.ensemble.members = 2000;
  options.ensemble.threads = 2;
  options.sensitivity.samples = 40;
  options.sensitivity.threads = 2;
  options.factors =
      group_correlated_factors(single_factors(scenario.parameters), scenario.parameters);
  return options;
}

}  // namespace

TEST_CASE("the profile of minimal.toml has the shares computed by hand", "[diagnosis]") {
  const Scenario scenario = testing::scenario_from_file("scenarios/tests/minimal.toml");
  const TerritoryProfile profile = territory_profile(scenario, 0.0);
  // Cells: residential 100 + 200 + 50 = 350 GWh, road transport 300 GWh.
  CHECK(profile.year == 2020);
  CHECK(profile.final_energy == Approx(650.0).epsilon(1e-6));
  CHECK(share_of(profile, ShareBasis::EnergyBySector, "residential").share ==
        Approx(350.0 / 650).epsilon(1e-6));
  const ShareComparison& transport = share_of(profile, ShareBasis::EnergyBySector, "transport");
  CHECK(transport.share == Approx(300.0 / 650).epsilon(1e-6));
  CHECK(transport.members == std::vector<std::string>{"road_transport"});  // no other_transport
  CHECK(transport.national->share == Approx(501.1 / 1626.8).epsilon(1e-12));
  // No industry in the scenario's sets: no industry row, rather than a 0 %.
  CHECK_FALSE(has_share(profile, ShareBasis::EnergyBySector, "industry"));
  CHECK(share_of(profile, ShareBasis::EnergyByCarrier, "oil_products").share ==
        Approx(300.0 / 650).epsilon(1e-6));
  CHECK(share_of(profile, ShareBasis::EnergyByCarrier, "electricity").share ==
        Approx(100.0 / 650).epsilon(1e-6));
  CHECK(share_of(profile, ShareBasis::EnergyByCarrier, "gas_heat_coal").share ==
        Approx(250.0 / 650).epsilon(1e-6));
  CHECK_FALSE(has_share(profile, ShareBasis::EnergyByCarrier, "renewable_carriers"));
  // Local production: PV 10 + half of the 50 GWh of district heat = 35 GWh.
  CHECK(profile.local_production == Approx(35.0).epsilon(1e-6));
  CHECK(profile.renewable_share == Approx(35.0 / 650).epsilon(1e-6));
  // GHG: residential 100×0.05 + 200×0.2 + district heat (62.5 GWh of gas ×
  // 0.2) = 57.5 kt; road transport 300 × 0.3 = 90 kt.
  CHECK(profile.ghg == Approx(147.5).epsilon(1e-6));
  CHECK(share_of(profile, ShareBasis::GhgBySector, "buildings").share ==
        Approx(57.5 / 147.5).epsilon(1e-6));
  CHECK(share_of(profile, ShareBasis::GhgBySector, "transport").share ==
        Approx(90.0 / 147.5).epsilon(1e-6));
  // NOx: residential 200 × 0.1 + 62.5 × 0.1 = 26.25 t; road transport 300 t.
  CHECK(share_of(profile, ShareBasis::PollutantBySector, "buildings", "nox").share ==
        Approx(26.25 / 326.25).epsilon(1e-6));
  // No population: no figure per inhabitant, and the words say why.
  CHECK(profile.per_inhabitant.empty());
  CHECK_THAT(population_words(profile, ReportLanguage::English),
             Catch::Contains("population not stated"));
}

TEST_CASE("the findings of minimal.toml: oil products and local renewables are weaknesses",
          "[diagnosis]") {
  const Scenario scenario = testing::scenario_from_file("scenarios/tests/minimal.toml");
  const TerritoryProfile profile = territory_profile(scenario, 0.0);
  // Oil products 46.2 % against 38 %: +8.2 points, more oil is worse.
  const Finding* oil = finding_about(profile, "oil_products");
  REQUIRE(oil != nullptr);
  CHECK(oil->kind == FindingKind::Weakness);
  CHECK(oil->value - oil->national == Approx(300.0 / 650 - 0.38).epsilon(1e-6));
  CHECK(finding_text(profile, *oil, ReportLanguage::English) ==
        "Oil products (diesel): 46.2 % of final energy against 38.0 % in France (2023), +8.2 "
        "points");
  CHECK(finding_text(profile, *oil, ReportLanguage::French) ==
        "Produits pétroliers (gazole)\u00a0: 46,2 % de l'énergie finale contre 38,0 % en France "
        "(2023), +8,2 points");
  const Finding* renewables = finding_about(profile, "renewable_share");
  REQUIRE(renewables != nullptr);
  CHECK(renewables->kind == FindingKind::Weakness);
  // Electricity 15.4 % against 27 %: a difference of structure, neither.
  const Finding* electricity = finding_about(profile, "electricity");
  REQUIRE(electricity != nullptr);
  CHECK(electricity->kind == FindingKind::Difference);
  // Strengths first, then weaknesses, then differences; the largest first in each.
  for (std::size_t i = 1; i < profile.findings.size(); ++i)
    CHECK(profile.findings[i - 1].kind <= profile.findings[i].kind);
  // The energy branch's GHG (0 %) is not counted as France counts it: no finding.
  for (const Finding& finding : profile.findings) {
    if (finding.subject == FindingSubject::Share)
      CHECK(profile.shares[finding.index].group != "energy_waste");
  }
}

TEST_CASE("figures per inhabitant are the totals over the population, against France's",
          "[diagnosis]") {
  const Scenario scenario = testing::scenario_from_file("scenarios/tests/minimal.toml");
  const TerritoryProfile profile = territory_profile(scenario, 1000.0);
  REQUIRE(profile.per_inhabitant.size() == 4);  // final energy, local production, GHG, NOx
  CHECK(profile.per_inhabitant[0].measure == "final_energy");
  CHECK(profile.per_inhabitant[0].unit == "MWh");
  CHECK(profile.per_inhabitant[0].value == Approx(650.0).epsilon(1e-6));  // 650 GWh / 1000
  CHECK(profile.per_inhabitant[0].national == Approx(1626.8e6 / 67.813e6).epsilon(1e-12));
  CHECK(profile.per_inhabitant[2].value == Approx(147.5).epsilon(1e-6));  // tCO2e
  CHECK(profile.per_inhabitant[2].national == Approx(403.8e6 / 67.813e6).epsilon(1e-12));
  CHECK(std::isnan(profile.per_inhabitant[1].national));  // no national local production
  CHECK(profile.per_inhabitant[3].unit == "kg");
  CHECK(profile.per_inhabitant[3].value == Approx(326.25).epsilon(1e-6));  // 326.25 t / 1000
  const Finding* energy = finding_about(profile, "final_energy");
  REQUIRE(energy != nullptr);
  CHECK(energy->kind == FindingKind::Weakness);
}

TEST_CASE("France's shares of final energy add up to one, by sector and by carrier",
          "[diagnosis]") {
  const NationalReference& france = france_reference();
  double by_sector = 0.0, by_carrier = 0.0;
  for (const NationalShare& share : france.shares) {
    if (share.basis == ShareBasis::EnergyBySector) by_sector += share.share;
    if (share.basis == ShareBasis::EnergyByCarrier) by_carrier += share.share;
    CHECK(!share.source.empty());
    CHECK(share.share > 0.0);
    CHECK(share.share < 1.0);
  }
  CHECK(by_sector == Approx(1.0).epsilon(1e-12));   // 501.1 + 498.5 + 311.7 + 263.4 + 52.1 TWh
  CHECK(by_carrier == Approx(1.0).epsilon(1e-12));  // 38 + 27 + 13 + 22 %
  CHECK(france.final_energy.value == Approx(1'626'800.0).epsilon(1e-12));  // GWh
  CHECK(france.ghg.value == Approx(403'800.0).epsilon(1e-12));             // ktCO2e
  CHECK(france.renewable_share.value == Approx(0.222).epsilon(1e-12));
}

TEST_CASE("each commune's profile comes from its own inventory and the whole is their sum",
          "[diagnosis]") {
  const Scenario scenario =
      testing::scenario_from_file("scenarios/tests/territories-diagnose.toml");
  REQUIRE(scenario.territories.size() == 2);
  const TerritoryProfile whole = territory_profile(scenario, scenario.population);
  const TerritoryProfile town =
      territory_profile(*scenario.territories[0].scenario, scenario.territories[0].population);
  const TerritoryProfile village =
      territory_profile(*scenario.territories[1].scenario, scenario.territories[1].population);
  CHECK(scenario.population == 14000.0);
  CHECK(town.final_energy == Approx(500.0).epsilon(1e-6));
  CHECK(village.final_energy == Approx(100.0).epsilon(1e-6));
  CHECK(whole.final_energy == Approx(600.0).epsilon(1e-6));
  // The village: wood 30 of 100 GWh; electricity 20 × 0.05 + diesel 50 × 0.3 + wood 30 × 0.03.
  CHECK(share_of(village, ShareBasis::EnergyByCarrier, "renewable_carriers").share ==
        Approx(0.30).epsilon(1e-6));
  CHECK(village.ghg == Approx(16.9).epsilon(1e-6));
  CHECK(town.ghg == Approx(105.0).epsilon(1e-6));
  CHECK(whole.ghg == Approx(121.9).epsilon(1e-6));
  // 25 MWh per inhabitant is within 10 % of France's 24.0: not a finding;
  // 4.225 tCO2e against 5.95 is 29 % less: a strength.
  CHECK(village.per_inhabitant[0].value == Approx(25.0).epsilon(1e-6));
  CHECK(finding_about(village, "final_energy") == nullptr);
  const Finding* ghg = finding_about(village, "ghg");
  REQUIRE(ghg != nullptr);
  CHECK(ghg->kind == FindingKind::Strength);
  CHECK(ghg->value == Approx(4.225).epsilon(1e-6));
  CHECK(finding_about(village, "renewable_carriers")->kind == FindingKind::Strength);
  CHECK(finding_about(village, "oil_products")->kind == FindingKind::Weakness);
  // The town: 40 % oil products, within 5 points of 38 %: not a finding.
  CHECK(finding_about(town, "oil_products") == nullptr);
  CHECK(finding_about(town, "ghg")->kind == FindingKind::Weakness);  // 10.5 t
}

TEST_CASE("diagnose gives each objective to its territory, the least likely first", "[diagnosis]") {
  const Scenario scenario =
      testing::scenario_from_file("scenarios/tests/territories-diagnose.toml");
  const Plan plan = compile_plan(scenario, "plan");
  const Diagnosis diagnosis = diagnose(plan, quick_options(scenario));
  REQUIRE(diagnosis.territories.size() == 3);
  CHECK(diagnosis.territories[0].id.empty());
  CHECK(diagnosis.territories[1].id == "town");
  CHECK(diagnosis.territories[2].id == "village");
  CHECK(diagnosis.territories[2].name_fr == "Le village");
  const auto ids = [&](const TerritoryDiagnosis& territory) {
    std::vector<std::string> found;
    for (const auto& objective : territory.objectives)
      found.push_back(scenario.objectives[objective.objective].id);
    return found;
  };
  CHECK(ids(diagnosis.territories[0]) == std::vector<std::string>{"ghg-2030"});
  CHECK(ids(diagnosis.territories[1]) == std::vector<std::string>{"town-ghg-2030"});
  CHECK(ids(diagnosis.territories[2]) == std::vector<std::string>{"village-energy-2030"});
  CHECK(diagnosis.members == 2000);
  for (const TerritoryDiagnosis& territory : diagnosis.territories) {
    for (std::size_t i = 1; i < territory.objectives.size(); ++i)
      CHECK(territory.objectives[i - 1].probability.probability <=
            territory.objectives[i].probability.probability);
    for (const auto& objective : territory.objectives)
      CHECK(objective.at_risk == (objective.probability.probability < AT_RISK_BELOW));
  }
}

TEST_CASE(
    "Morris' mean absolute effect of the insulation ceiling on the village's energy is 50 × 0.3 × "
    "0.4 GWh",
    "[diagnosis]") {
  // The village's final energy in 2030: residential 50 GWh × (1 − 0.3 c),
  // c the ceiling, uniform on [0.3, 0.7], reached in 2030; plus road
  // transport 50 × (1 + g)^10, g uniform on [0, 2 %/yr]. Morris' steps go
  // from the levels 1/8 or 3/8 of the unit cube to 5/8 or 7/8 (Δ = 1/2).
  // Linear in c: every elementary effect is 50 × 0.3 × 0.4 = 6 GWh per unit
  // of the cube; g's lie between 50 (1.0125^10 − 1.0025^10) / 0.5 = 10.70
  // and 50 (1.0175^10 − 1.0075^10) / 0.5 = 11.18 GWh.
  const Scenario scenario =
      testing::scenario_from_file("scenarios/tests/territories-diagnose.toml");
  const Plan plan = compile_plan(scenario, "plan");
  const Diagnosis diagnosis = diagnose(plan, quick_options(scenario));
  const ObjectiveDiagnosis& village = diagnosis.territories[2].objectives.at(0);
  REQUIRE(village.varies);
  REQUIRE(village.drivers.size() == 2);  // the grid factor does not move energy
  CHECK(village.drivers[0].factor == "trends.activity_growth.road_transport");
  CHECK(village.drivers[0].weight > 10.69);
  CHECK(village.drivers[0].weight < 11.19);
  CHECK(village.drivers[1].factor == "actions.insulation.adoption.ceiling");
  CHECK(village.drivers[1].weight == Approx(6.0).epsilon(1e-4));
  CHECK(village.drivers[0].share + village.drivers[1].share == Approx(1.0).epsilon(1e-12));
  // GHG moves with the grid factor too.
  const ObjectiveDiagnosis& whole = diagnosis.territories[0].objectives.at(0);
  CHECK(std::any_of(whole.drivers.begin(), whole.drivers.end(),
                    [](const ObjectiveDriver& driver) { return driver.factor == "grid_factor"; }));
}

TEST_CASE("an objective's territory is the id after the last @ of its indicator", "[diagnosis]") {
  Objective objective;
  objective.indicator = "final_energy@saint-chamond";
  CHECK(objective_territory(objective) == "saint-chamond");
  objective.indicator = "final_energy";
  CHECK(objective_territory(objective).empty());
}
