// A territory's profile in its base year against France's structure, and
// the comparisons that stand out (docs/model.md#15-the-diagnostic-traj-diagnose).

#include <algorithm>
#include <cmath>
#include <limits>

#include "traj/territory/diagnosis.hpp"
#include "traj/territory/kernel.hpp"

namespace traj::territory {
namespace {

constexpr double NO_FIGURE = std::numeric_limits<double>::quiet_NaN();

/// The base year's value of every row of `scenario`'s baseline, every
/// uncertain number at its median.
struct BaseYear {
  const Scenario& scenario;
  const IndicatorCatalogue& catalogue;
  const Trajectory& trajectory;

  double at(int row) const { return trajectory.at(row, scenario.base_year); }
};

/// The ids a basis divides among: sectors, or carriers.
const std::vector<std::string>& basis_ids(const Scenario& scenario, ShareBasis basis) {
  return basis == ShareBasis::EnergyByCarrier ? scenario.carriers : scenario.sectors;
}

/// Row of the total a basis divides, and of its first part (sector or carrier 0).
std::pair<int, int> basis_rows(const BaseYear& year, ShareBasis basis,
                               const std::string& pollutant) {
  const IndicatorCatalogue& rows = year.catalogue;
  switch (basis) {
    case ShareBasis::EnergyBySector:
      return {rows.final_energy, rows.final_energy_by_sector};
    case ShareBasis::EnergyByCarrier:
      return {rows.final_energy, rows.final_energy_by_carrier};
    case ShareBasis::GhgBySector:
      return {rows.ghg, rows.ghg_by_sector};
    case ShareBasis::PollutantBySector: {
      const int total = rows.find(pollutant);
      return {total, total + 1};  // the pollutant's total, then by sector
    }
  }
  return {-1, -1};
}

/// The shares of one basis (one pollutant's for PollutantBySector): every
/// national group with a member in the territory's sets, then every
/// sector or carrier no group covers that holds a part. Nothing when the
/// territory's total is zero (or the pollutant is not in its sets).
void add_shares(const BaseYear& year, ShareBasis basis, const std::string& pollutant,
                std::vector<ShareComparison>& shares) {
  // Plain variables: clang 14 (the sanitized build) refuses structured bindings in a lambda.
  const std::pair<int, int> rows = basis_rows(year, basis, pollutant);
  const int total_row = rows.first, first_row = rows.second;
  if (total_row < 0) return;
  const double total = year.at(total_row);
  if (!(total > 0.0)) return;
  const std::vector<std::string>& ids = basis_ids(year.scenario, basis);
  const auto part = [&](const std::string& id) {
    const auto at = std::find(ids.begin(), ids.end(), id);
    return at == ids.end() ? NO_FIGURE : year.at(first_row + static_cast<int>(at - ids.begin()));
  };
  std::vector<bool> covered(ids.size(), false);
  for (const NationalShare& national : france_reference().shares) {
    if (national.basis != basis || national.pollutant != pollutant) continue;
    ShareComparison share{basis, pollutant, national.group, {}, 0.0, &national};
    for (const std::string& member : national.members) {
      const double value = part(member);
      if (std::isnan(value)) continue;
      share.members.push_back(member);
      share.share += value / total;
      covered[static_cast<std::size_t>(std::find(ids.begin(), ids.end(), member) - ids.begin())] =
          true;
    }
    if (!share.members.empty()) shares.push_back(std::move(share));
  }
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const double value = part(ids[i]);
    if (covered[i] || !(value > 0.0)) continue;
    shares.push_back({basis, pollutant, ids[i], {ids[i]}, value / total, nullptr});
  }
}

void add_per_inhabitant(TerritoryProfile& profile) {
  if (!(profile.population > 0.0)) return;
  const NationalReference& france = france_reference();
  const double people = profile.population;
  // GWh → MWh and ktCO2e → tCO2e: × 1000; t → kg: × 1000.
  profile.per_inhabitant.push_back({"final_energy", "MWh", 1e3 * profile.final_energy / people,
                                    1e3 * france.final_energy_per_inhabitant()});
  profile.per_inhabitant.push_back(
      {"local_production", "MWh", 1e3 * profile.local_production / people, NO_FIGURE});
  profile.per_inhabitant.push_back(
      {"ghg", "tCO2e", 1e3 * profile.ghg / people, 1e3 * france.ghg_per_inhabitant()});
  for (std::size_t p = 0; p < profile.pollutants.size(); ++p) {
    profile.per_inhabitant.push_back(
        {profile.pollutant_ids[p], "kg", 1e3 * profile.pollutants[p] / people, NO_FIGURE});
  }
}

/// +1 when more of the group is better for a climate plan, −1 when less
/// is, 0 when neither (a difference of structure).
int better_when_higher(const ShareComparison& share) {
  if (share.basis != ShareBasis::EnergyByCarrier) return 0;
  if (share.group == "renewable_carriers") return 1;
  if (share.group == "oil_products") return -1;
  return 0;
}

FindingKind kind_of(double difference, int better_higher) {
  if (better_higher == 0) return FindingKind::Difference;
  return difference * better_higher > 0 ? FindingKind::Strength : FindingKind::Weakness;
}

/// How much a finding stands out, to rank them: points for shares, % for
/// figures per inhabitant.
double prominence(const Finding& finding) {
  if (finding.subject == FindingSubject::PerInhabitant)
    return 100.0 * std::abs(finding.value / finding.national - 1.0);
  return 100.0 * std::abs(finding.value - finding.national);
}

void add_findings(TerritoryProfile& profile) {
  const NationalReference& france = france_reference();
  std::vector<Finding>& findings = profile.findings;
  for (std::size_t i = 0; i < profile.per_inhabitant.size(); ++i) {
    const PerInhabitant& figure = profile.per_inhabitant[i];
    if (std::isnan(figure.national) || !(figure.national > 0.0)) continue;
    const double relative = figure.value / figure.national - 1.0;
    if (std::abs(relative) < PER_INHABITANT_FINDING) continue;
    // Less energy and GHG per inhabitant is better.
    findings.push_back(
        {kind_of(relative, -1), FindingSubject::PerInhabitant, i, figure.value, figure.national});
  }
  if (profile.final_energy > 0.0) {
    const double difference = profile.renewable_share - france.renewable_share.value;
    if (std::abs(difference) >= SHARE_FINDING_POINTS) {
      findings.push_back({kind_of(difference, 1), FindingSubject::RenewableShare, 0,
                          profile.renewable_share, france.renewable_share.value});
    }
  }
  for (std::size_t i = 0; i < profile.shares.size(); ++i) {
    const ShareComparison& share = profile.shares[i];
    if (share.national == nullptr || !share.national->like_for_like) continue;
    const double difference = share.share - share.national->share;
    if (std::abs(difference) < SHARE_FINDING_POINTS) continue;
    findings.push_back({kind_of(difference, better_when_higher(share)), FindingSubject::Share, i,
                        share.share, share.national->share});
  }
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    if (a.kind != b.kind) return a.kind < b.kind;
    return prominence(a) > prominence(b);
  });
}

}  // namespace

TerritoryProfile territory_profile(const Scenario& scenario, double population) {
  const Plan baseline = compile_plan(scenario, "");
  Kernel kernel(baseline);
  Trajectory trajectory;
  kernel.run(scenario.parameters.central_values(), trajectory);
  const BaseYear year{scenario, baseline.catalogue, trajectory};
  const IndicatorCatalogue& rows = baseline.catalogue;
  TerritoryProfile profile;
  profile.year = scenario.base_year;
  profile.population = population;
  profile.final_energy = year.at(rows.final_energy);
  profile.local_production = year.at(rows.local_production);
  profile.renewable_share = year.at(rows.renewable_share);
  profile.ghg = year.at(rows.ghg);
  profile.pollutant_ids = scenario.pollutants;
  for (const std::string& pollutant : scenario.pollutants)
    profile.pollutants.push_back(year.at(rows.find(pollutant)));
  add_shares(year, ShareBasis::EnergyBySector, "", profile.shares);
  add_shares(year, ShareBasis::EnergyByCarrier, "", profile.shares);
  add_shares(year, ShareBasis::GhgBySector, "", profile.shares);
  for (const std::string& pollutant : scenario.pollutants)
    add_shares(year, ShareBasis::PollutantBySector, pollutant, profile.shares);
  add_per_inhabitant(profile);
  add_findings(profile);
  return profile;
}

}  // namespace traj::territory
