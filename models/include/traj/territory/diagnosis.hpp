#pragma once
/// The diagnostic (`traj diagnose`, docs/model.md#15-the-diagnostic-traj-diagnose):
/// per territory, its profile in the base year against France's structure
/// (traj/territory/national_reference.hpp) and per inhabitant, its
/// strengths and weaknesses as comparisons with their numbers, and per
/// objective how likely a plan is to meet it and which uncertainties weigh
/// most on it (Morris screening, or Sobol indices).

#include <cstdint>
#include <string>
#include <vector>

#include "traj/ensemble.hpp"
#include "traj/sensitivity.hpp"
#include "traj/territory/national_reference.hpp"
#include "traj/territory/objective_distance.hpp"
#include "traj/territory/plan.hpp"

namespace traj::territory {

/// A share's difference from France's that makes it a finding: 5 points.
inline constexpr double SHARE_FINDING_POINTS = 0.05;
/// A figure per inhabitant's relative difference that makes it a finding: 10 %.
inline constexpr double PER_INHABITANT_FINDING = 0.10;
/// An objective less likely than this is at risk (as compare's `likely_level`).
inline constexpr double AT_RISK_BELOW = 0.5;

/// One group of the territory's sectors or carriers: its share of the
/// territory's total, against France's when there is a national figure.
struct ShareComparison {
  ShareBasis basis = ShareBasis::EnergyBySector;
  std::string pollutant;             ///< PollutantBySector: its id
  std::string group;                 ///< the national group's id, or the sector's or carrier's own
  std::vector<std::string> members;  ///< the territory's sectors or carriers in the group
  double share = 0.0;                ///< fraction of the territory's total, base year
  /// The national figure (in france_reference()), or null for a sector or
  /// carrier no national group covers.
  const NationalShare* national = nullptr;
};

/// A figure per inhabitant, in the unit people read it in.
struct PerInhabitant {
  std::string measure;  ///< final_energy, local_production, ghg or a pollutant id
  std::string unit;     ///< MWh, tCO2e or kg (per inhabitant)
  double value = 0.0;
  double national = 0.0;  ///< France's, in `unit`; NaN when there is none
};

enum class FindingKind { Strength, Weakness, Difference };
enum class FindingSubject { Share, PerInhabitant, RenewableShare };

/// A comparison with France that stands out (SHARE_FINDING_POINTS,
/// PER_INHABITANT_FINDING): a strength or a weakness when one side is
/// better for a climate plan (less energy or GHG per inhabitant, more
/// renewables, less oil), else a difference of structure.
struct Finding {
  FindingKind kind = FindingKind::Difference;
  FindingSubject subject = FindingSubject::Share;
  std::size_t index = 0;  ///< into TerritoryProfile::shares or ::per_inhabitant
  double value = 0.0;     ///< the territory's: a fraction, or per inhabitant in its unit
  double national = 0.0;  ///< France's, the same way
};

/// A territory in its base year, every uncertain number at its median
/// (the baseline's deterministic run).
struct TerritoryProfile {
  int year = 0;
  double population = 0.0;  ///< inhabitants; 0 when the scenario does not state it
  double final_energy = 0.0, local_production = 0.0;  ///< GWh
  double renewable_share = 0.0;                       ///< local production / final energy
  double ghg = 0.0;                                   ///< ktCO2e
  std::vector<std::string> pollutant_ids;
  std::vector<double> pollutants;  ///< t, per pollutant_ids
  std::vector<ShareComparison> shares;
  std::vector<PerInhabitant> per_inhabitant;  ///< empty without a population
  std::vector<Finding> findings;              ///< strengths, weaknesses, differences; largest first
};

/// An uncertain parameter (or group) that weighs on an objective.
struct ObjectiveDriver {
  std::string factor;  ///< the factor's name (a parameter's, or merged ones joined by " + ")
  /// Morris: μ*, in the indicator's canonical unit; Sobol: the total index.
  double weight = 0.0;
  /// Morris: μ* / the sum of every factor's μ*; Sobol: the total index (share of variance).
  double share = 0.0;
};

struct ObjectiveDiagnosis {
  std::size_t objective = 0;  ///< index in the scenario's objectives
  ProportionEstimate probability;
  ObjectiveDistance distance;
  bool at_risk = false;                  ///< probability < AT_RISK_BELOW
  bool varies = false;                   ///< the indicator moves with the uncertain numbers
  std::vector<ObjectiveDriver> drivers;  ///< the weightiest first (at most `top`), weight > 0
};

struct TerritoryDiagnosis {
  std::string id;  ///< empty for the whole scenario
  std::string name, name_fr;
  TerritoryProfile profile;
  std::vector<ObjectiveDiagnosis> objectives;  ///< the least likely first
};

struct DiagnosisOptions {
  EnsembleOptions ensemble;        ///< the objectives' probabilities
  SensitivityOptions sensitivity;  ///< what weighs: its samples, seed, threads
  bool sobol = false;              ///< Sobol indices instead of Morris screening
  std::vector<SensitivityFactor> factors;
  std::size_t top = 3;  ///< drivers kept per objective
};

struct Diagnosis {
  std::string portfolio;  ///< "" for the baseline
  std::uint64_t members = 0, seed = 0;
  std::uint64_t runs = 0;  ///< model runs of the sensitivity design
  /// The whole first, then each of Scenario::territories.
  std::vector<TerritoryDiagnosis> territories;
  bool cancelled = false;  ///< stopped by a `cancelled` callback: the rest is empty
  std::uint64_t invalid_members = 0;
  std::vector<std::uint64_t> invalid_examples;
};

/// The profile of `scenario` (one territory's, or a whole's) in its base
/// year, with `population` inhabitants (0: none stated).
TerritoryProfile territory_profile(const Scenario& scenario, double population);

/// Which territory an objective belongs to: the id after the last '@' of
/// its indicator, or "" (the whole).
std::string objective_territory(const Objective& objective);

/// The diagnostic of `plan`'s scenario: profiles from the baseline, the
/// objectives under `plan`. Throws InputError for options outside their
/// ranges. No ensemble runs when the scenario has no objective, no
/// sensitivity design when it has no uncertain number.
Diagnosis diagnose(const Plan& plan, const DiagnosisOptions& options);

}  // namespace traj::territory
