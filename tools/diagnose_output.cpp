#include "diagnose_output.hpp"

#include <algorithm>
#include <cmath>

#include "traj/display_width.hpp"
#include "traj/territory/diagnosis_words.hpp"
#include "what_if_options.hpp"

namespace traj::cli {

using namespace traj::territory;

namespace {

std::string shown_share(double share, Language language) {
  return diagnosis_percent(share, language);
}

std::string heading_of(const Diagnosis& diagnosis, const TerritoryDiagnosis& territory,
                       Language language) {
  const std::string name = territory_name(territory, language);
  if (territory.id.empty() && diagnosis.territories.size() > 1)
    return diagnosis_words("whole", language, {name});
  return name;
}

void print_findings(const TerritoryProfile& profile, Language language, std::ostream& out) {
  if (profile.findings.empty()) {
    out << "  " << diagnosis_words("no_finding", language) << "\n";
    return;
  }
  const std::pair<FindingKind, const char*> kinds[] = {{FindingKind::Strength, "strengths"},
                                                       {FindingKind::Weakness, "weaknesses"},
                                                       {FindingKind::Difference, "differences"}};
  for (const auto& [kind, key] : kinds) {
    bool any = false;
    for (const Finding& finding : profile.findings) {
      if (finding.kind != kind) continue;
      if (!any) out << diagnosis_words(key, language) << "\n";
      any = true;
      out << "  "
          << (kind == FindingKind::Strength   ? "+"
              : kind == FindingKind::Weakness ? "−"
                                              : "·")
          << " " << finding_text(profile, finding, language) << "\n";
    }
  }
}

void print_objectives(const Plan& plan, const TerritoryDiagnosis& territory,
                      const DiagnoseSettings& settings, Language language, std::ostream& out) {
  out << "\n" << diagnosis_words("objectives_title", language) << "\n";
  if (territory.objectives.empty()) {
    out << "  " << diagnosis_words("no_objective", language) << "\n";
    return;
  }
  const bool uncertain = plan.scenario->parameters.size() > 0;
  std::size_t rank = 0;
  for (const ObjectiveDiagnosis& objective : territory.objectives) {
    out << "  " << ++rank << ". " << objective_risk_text(plan, objective, language);
    if (objective.at_risk) out << " — " << diagnosis_words("at_risk", language);
    out << "\n     " << objective_distance_text(plan, objective, language) << "\n     "
        << diagnosis_words("weighs_most", language);
    if (!uncertain) {
      out << colon(language) << diagnosis_words("no_uncertainty", language) << "\n";
    } else if (!objective.varies || objective.drivers.empty()) {
      out << colon(language) << diagnosis_words("does_not_vary", language) << "\n";
    } else {
      out << (language == Language::French ? "\u00a0:" : ":") << "\n";
      for (const ObjectiveDriver& driver : objective.drivers)
        out << "       - " << driver_text(plan, objective, driver, settings.sobol, language)
            << "\n";
    }
  }
}

/// The width of the name column: the longest name of the profile's tables.
std::size_t name_width(const TerritoryProfile& profile, Language language) {
  std::size_t width = 0;
  for (const ShareComparison& share : profile.shares)
    width = std::max(width, display_width(share_name(share, language)));
  for (const PerInhabitant& figure : profile.per_inhabitant)
    width = std::max(width, display_width(per_inhabitant_name(figure, language)));
  return width;
}

void print_shares(const TerritoryProfile& profile, ShareBasis basis, const std::string& pollutant,
                  Language language, std::ostream& out) {
  const std::size_t width = name_width(profile, language);
  bool any = false;
  for (const ShareComparison& share : profile.shares) {
    if (share.basis != basis || share.pollutant != pollutant) continue;
    if (!any) out << "  " << share_table_title(basis, pollutant, language) << "\n";
    any = true;
    std::string line = "    " + pad_right(share_name(share, language), width) + " " +
                       pad_left(shown_share(share.share, language), 8);
    if (share.national != nullptr) {
      line.append("  ").append(pad_left(shown_share(share.national->share, language), 8));
      line.append("  ").append(
          pad_left(points_difference(share.share - share.national->share, language), 13));
    }
    out << line << "\n";
  }
}

void print_profile(const TerritoryProfile& profile, Language language, std::ostream& out) {
  out << "\n"
      << diagnosis_words("profile_title", language, {std::to_string(profile.year)}) << " ("
      << diagnosis_words("territory_column", language) << " / France)\n  "
      << diagnosis_words(
             "totals", language,
             {std::to_string(profile.year), diagnosis_number(profile.final_energy, language),
              diagnosis_number(profile.local_production, language),
              shown_share(profile.renewable_share, language),
              diagnosis_number(profile.ghg, language)})
      << "\n";
  if (!profile.per_inhabitant.empty()) {
    out << "  " << diagnosis_words("per_inhabitant_title", language) << "\n";
    for (const PerInhabitant& figure : profile.per_inhabitant) {
      std::string line =
          "    " + pad_right(per_inhabitant_name(figure, language), name_width(profile, language)) +
          " " + pad_left(diagnosis_number(figure.value, language), 8) + " ";
      if (std::isnan(figure.national)) {
        line.append(figure.unit);
      } else {
        line.append(pad_right(figure.unit, 5))
            .append(" ")
            .append(pad_left(diagnosis_number(figure.national, language), 8));
      }
      out << line << "\n";
    }
  }
  print_shares(profile, ShareBasis::EnergyBySector, "", language, out);
  print_shares(profile, ShareBasis::EnergyByCarrier, "", language, out);
  print_shares(profile, ShareBasis::GhgBySector, "", language, out);
  for (const std::string& pollutant : profile.pollutant_ids)
    print_shares(profile, ShareBasis::PollutantBySector, pollutant, language, out);
}

/// With several territories: one line each, to compare them at a glance.
void print_summary(const Diagnosis& diagnosis, Language language, std::ostream& out) {
  if (diagnosis.territories.size() < 2) return;
  std::size_t width = 0;
  for (const TerritoryDiagnosis& territory : diagnosis.territories)
    width = std::max(width, display_width(heading_of(diagnosis, territory, language)));
  const std::vector<std::string> headers = {
      "",
      diagnosis_words("population", language),
      diagnosis_words("per_inhabitant_unit", language, {"MWh"}),
      diagnosis_words("per_inhabitant_unit", language, {"tCO2e"}),
      diagnosis_words("renewable_column", language),
      diagnosis_words("objectives_at_risk", language)};
  const auto row = [&](const std::vector<std::string>& cells) {
    std::string line = "  " + pad_right(cells[0], width);
    for (std::size_t c = 1; c < cells.size(); ++c)
      line.append("  ").append(pad_left(cells[c], display_width(headers[c])));
    return line;
  };
  out << "\n" << diagnosis_words("summary_title", language) << "\n" << row(headers) << "\n";
  for (const TerritoryDiagnosis& territory : diagnosis.territories) {
    const TerritoryProfile& profile = territory.profile;
    const auto per_inhabitant = [&](const char* measure) {
      for (const PerInhabitant& figure : profile.per_inhabitant)
        if (figure.measure == measure) return diagnosis_number(figure.value, language);
      return std::string("–");
    };
    const auto at_risk = std::count_if(territory.objectives.begin(), territory.objectives.end(),
                                       [](const ObjectiveDiagnosis& o) { return o.at_risk; });
    out << row({heading_of(diagnosis, territory, language),
                profile.population > 0 ? diagnosis_number(profile.population, language) : "–",
                per_inhabitant("final_energy"), per_inhabitant("ghg"),
                shown_share(profile.renewable_share, language),
                std::to_string(at_risk) + " / " + std::to_string(territory.objectives.size())})
        << "\n";
  }
}

}  // namespace

void print_diagnosis_text(const Plan& plan, const Diagnosis& diagnosis,
                          const DiagnoseSettings& settings, Language language, std::ostream& out) {
  const Scenario& scenario = *plan.scenario;
  const std::string who =
      settings.portfolio_name.empty()
          ? diagnosis_words("without_action", language)
          : diagnosis_words("with_portfolio", language, {settings.portfolio_name});
  out << say("diagnose_heading", language,
             {scenario.name, std::to_string(scenario.base_year), who,
              std::to_string(diagnosis.members), std::to_string(diagnosis.seed)});
  if (!scenario.objectives.empty() && scenario.parameters.size() > 0) {
    out << (language == Language::French ? "\u00a0; " : "; ")
        << say(settings.sobol ? "diagnose_sobol" : "diagnose_morris", language,
               {std::to_string(settings.samples), std::to_string(diagnosis.runs)});
  }
  out << "\n" << edit_lines(settings.edits);
  print_summary(diagnosis, language, out);
  for (const TerritoryDiagnosis& territory : diagnosis.territories) {
    if (diagnosis.territories.size() > 1)
      out << "\n== " << heading_of(diagnosis, territory, language) << " ==\n";
    out << "\n" << population_words(territory.profile, language) << "\n\n";
    print_findings(territory.profile, language, out);
    print_objectives(plan, territory, settings, language, out);
    print_profile(territory.profile, language, out);
  }
  out << "\n" << say("diagnose_sources", language) << "\n";
}

}  // namespace traj::cli
