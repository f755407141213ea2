// `traj diagnose --json`: one document, the same in every language
// (README, "The diagnostic").

#include "diagnose_output.hpp"
#include "distance_output.hpp"
#include "traj/json_writer.hpp"
#include "traj/territory/diagnosis_words.hpp"
#include "what_if_options.hpp"

namespace traj::cli {

using namespace traj::territory;

namespace {

const char* kind_name(FindingKind kind) {
  return kind == FindingKind::Strength   ? "strength"
         : kind == FindingKind::Weakness ? "weakness"
                                         : "difference";
}

const char* basis_of(ShareBasis basis) {
  return basis == ShareBasis::EnergyByCarrier ? "carrier" : "sector";
}

std::string divided(const ShareComparison& share) {
  switch (share.basis) {
    case ShareBasis::EnergyBySector:
    case ShareBasis::EnergyByCarrier:
      return "final_energy";
    case ShareBasis::GhgBySector:
      return "ghg";
    case ShareBasis::PollutantBySector:
      return share.pollutant;
  }
  return "";
}

void write_profile_json(JsonWriter& json, const TerritoryProfile& profile) {
  json.key("population");
  if (profile.population > 0) {
    json.value(profile.population);
  } else {
    json.null();
  }
  json.key("final_energy").value(profile.final_energy);
  json.key("local_production").value(profile.local_production);
  json.key("renewable_share").value(profile.renewable_share);
  json.key("ghg").value(profile.ghg);
  json.key("pollutants").begin_object();
  for (std::size_t p = 0; p < profile.pollutants.size(); ++p)
    json.key(profile.pollutant_ids[p]).value(profile.pollutants[p]);
  json.end_object();
  json.key("per_inhabitant").begin_array();
  for (const PerInhabitant& figure : profile.per_inhabitant) {
    json.begin_object();
    json.key("measure").value(figure.measure);
    json.key("unit").value(figure.unit);
    json.key("value").value(figure.value);
    json.key("national").value(figure.national);  // null without a national figure
    json.end_object();
  }
  json.end_array();
  if (profile.per_inhabitant.empty())
    json.key("per_inhabitant_note").value(population_words(profile, Language::English));
  json.key("shares").begin_array();
  for (const ShareComparison& share : profile.shares) {
    json.begin_object();
    json.key("of").value(divided(share));
    json.key("by").value(basis_of(share.basis));
    json.key("group").value(share.group);
    json.key("members").begin_array();
    for (const std::string& member : share.members) json.value(member);
    json.end_array();
    json.key("share").value(share.share);
    if (share.national != nullptr) {
      json.key("national").value(share.national->share);
      json.key("difference").value(share.share - share.national->share);
      json.key("national_year").value(share.national->year);
    } else {
      json.key("national").null();
      json.key("difference").null();
      json.key("national_year").null();
    }
    json.end_object();
  }
  json.end_array();
  json.key("findings").begin_array();
  for (const Finding& finding : profile.findings) {
    json.begin_object();
    json.key("kind").value(kind_name(finding.kind));
    json.key("subject").value(finding.subject == FindingSubject::Share ? "share"
                              : finding.subject == FindingSubject::PerInhabitant
                                  ? "per_inhabitant"
                                  : "renewable_share");
    if (finding.subject == FindingSubject::Share) {
      json.key("of").value(divided(profile.shares[finding.index]));
      json.key("group").value(profile.shares[finding.index].group);
    } else if (finding.subject == FindingSubject::PerInhabitant) {
      json.key("measure").value(profile.per_inhabitant[finding.index].measure);
      json.key("unit").value(profile.per_inhabitant[finding.index].unit);
    }
    json.key("value").value(finding.value);
    json.key("national").value(finding.national);
    json.key("text").value(finding_text(profile, finding, Language::English));
    json.end_object();
  }
  json.end_array();
}

void write_objectives_json(JsonWriter& json, const Plan& plan,
                           const TerritoryDiagnosis& territory) {
  json.key("objectives").begin_array();
  for (const ObjectiveDiagnosis& objective : territory.objectives) {
    const Objective& stated = plan.scenario->objectives[objective.objective];
    json.begin_object();
    json.key("id").value(stated.id);
    json.key("indicator").value(stated.indicator);
    json.key("year").value(stated.year);
    json.key("probability").value(objective.probability.probability);
    json.key("ci_low").value(objective.probability.ci_low);
    json.key("ci_high").value(objective.probability.ci_high);
    json.key("standard_error").value(objective.probability.standard_error);
    json.key("at_risk").value(objective.at_risk);
    write_distance_json(json, objective.distance);
    json.key("varies").value(objective.varies);
    json.key("drivers").begin_array();
    for (const ObjectiveDriver& driver : objective.drivers) {
      json.begin_object();
      json.key("factor").value(driver.factor);
      json.key("weight").value(driver.weight);
      json.key("share").value(driver.share);
      json.end_object();
    }
    json.end_array();
    json.end_object();
  }
  json.end_array();
}

void write_national_json(JsonWriter& json) {
  const NationalReference& france = france_reference();
  const auto figure = [&](const char* name, const NationalFigure& value, const char* unit) {
    json.key(name).begin_object();
    json.key("value").value(value.value);
    json.key("unit").value(unit);
    json.key("year").value(value.year);
    json.key("source").value(value.source);
    json.end_object();
  };
  json.key("national").begin_object();
  figure("population", france.population, "inhabitants");
  figure("final_energy", france.final_energy, "GWh");
  figure("ghg", france.ghg, "ktCO2e");
  figure("renewable_share", france.renewable_share, "1");
  json.key("final_energy_per_inhabitant").value(1e3 * france.final_energy_per_inhabitant());
  json.key("ghg_per_inhabitant").value(1e3 * france.ghg_per_inhabitant());
  json.key("shares").begin_array();
  for (const NationalShare& share : france.shares) {
    json.begin_object();
    json.key("of").value(share.basis == ShareBasis::PollutantBySector ? share.pollutant
                         : share.basis == ShareBasis::GhgBySector     ? "ghg"
                                                                      : "final_energy");
    json.key("by").value(basis_of(share.basis));
    json.key("group").value(share.group);
    json.key("members").begin_array();
    for (const std::string& member : share.members) json.value(member);
    json.end_array();
    json.key("share").value(share.share);
    json.key("year").value(share.year);
    json.key("source").value(share.source);
    json.key("derived").value(share.derived);
    json.end_object();
  }
  json.end_array();
  json.end_object();
}

}  // namespace

void print_diagnosis_json(const Plan& plan, const Diagnosis& diagnosis,
                          const DiagnoseSettings& settings, std::ostream& out) {
  const Scenario& scenario = *plan.scenario;
  JsonWriter json(out);
  json.begin_object();
  json.key("territory").value(scenario.name);
  json.key("portfolio").value(plan.portfolio.empty() ? "baseline" : plan.portfolio);
  write_edits_json(json, settings.edits);
  json.key("base_year").value(scenario.base_year);
  json.key("members").value(static_cast<long long>(diagnosis.members));
  json.key("seed").value(static_cast<long long>(diagnosis.seed));
  json.key("method").value(settings.sobol ? "sobol" : "morris");
  json.key("samples").value(static_cast<long long>(settings.samples));
  json.key("runs").value(static_cast<long long>(diagnosis.runs));
  json.key("at_risk_below").value(AT_RISK_BELOW);
  json.key("share_finding_points").value(SHARE_FINDING_POINTS);
  json.key("per_inhabitant_finding").value(PER_INHABITANT_FINDING);
  json.key("territories").begin_array();
  for (const TerritoryDiagnosis& territory : diagnosis.territories) {
    json.begin_object();
    json.key("id");
    if (territory.id.empty()) {
      json.null();
    } else {
      json.value(territory.id);
    }
    json.key("name").value(territory.name);
    write_profile_json(json, territory.profile);
    write_objectives_json(json, plan, territory);
    json.end_object();
  }
  json.end_array();
  write_national_json(json);
  json.end_object();
}

}  // namespace traj::cli
