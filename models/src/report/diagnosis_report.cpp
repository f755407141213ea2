#include "traj/territory/diagnosis_page.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "format.hpp"
#include "labels.hpp"
#include "page.hpp"
#include "traj/territory/diagnosis_words.hpp"

namespace traj::territory {

using namespace report;

namespace {

std::string said(const std::string& key, Language language,
                 const std::vector<std::string>& values = {}) {
  return escape(diagnosis_words(key, language, values));
}

/// The territory's heading: a whole of several territories is said to be one.
std::string heading(const Diagnosis& diagnosis, const TerritoryDiagnosis& territory,
                    Language language) {
  const std::string name = territory_name(territory, language);
  if (territory.id.empty() && diagnosis.territories.size() > 1)
    return diagnosis_words("whole", language, {name});
  return name;
}

void findings_section(std::ostringstream& html, const TerritoryProfile& profile,
                      Language language) {
  const std::pair<FindingKind, const char*> kinds[] = {{FindingKind::Strength, "strengths"},
                                                       {FindingKind::Weakness, "weaknesses"},
                                                       {FindingKind::Difference, "differences"}};
  if (profile.findings.empty()) {
    html << "<p>" << said("no_finding", language) << "</p>\n";
    return;
  }
  for (const auto& [kind, key] : kinds) {
    std::ostringstream items;
    for (const Finding& finding : profile.findings) {
      if (finding.kind == kind)
        items << "<li>" << escape(finding_text(profile, finding, language)) << "</li>\n";
    }
    if (items.str().empty()) continue;
    html << "<h3>" << said(key, language) << "</h3>\n<ul class=\"findings " << key << "\">\n"
         << items.str() << "</ul>\n";
  }
}

/// Two bars, the territory's share over France's, with the numbers as their text.
std::string share_bars(double share, const NationalShare* national, const std::string& words) {
  std::ostringstream svg;
  const auto width = [](double value) { return std::clamp(value, 0.0, 1.0) * 120.0; };
  svg << "<svg class=\"share-bars\" role=\"img\" viewBox=\"0 0 120 18\" width=\"120\" "
         "aria-label=\""
      << escape(words) << "\"><rect x=\"0\" y=\"1\" height=\"8\" width=\""
      << std::max(0.5, width(share)) << "\" fill=\"#1f5fa8\"/>";
  if (national != nullptr)
    svg << "<rect x=\"0\" y=\"10\" height=\"7\" width=\"" << std::max(0.5, width(national->share))
        << "\" fill=\"#999\"/>";
  svg << "</svg>";
  return svg.str();
}

void share_table(std::ostringstream& html, const TerritoryProfile& profile, ShareBasis basis,
                 const std::string& pollutant, Language language) {
  std::ostringstream rows;
  for (const ShareComparison& share : profile.shares) {
    if (share.basis != basis || share.pollutant != pollutant) continue;
    const std::string name = share_name(share, language);
    const std::string france =
        share.national == nullptr ? "–" : percent(share.national->share, language);
    const std::string difference =
        share.national == nullptr
            ? "–"
            : points_difference(share.share - share.national->share, language);
    const std::string bar_words = name + colon(language) + percent(share.share, language) +
                                  (share.national == nullptr ? "" : " / France " + france);
    rows << "<tr><td>" << escape(name) << "</td><td>"
         << share_bars(share.share, share.national, bar_words) << "</td><td class=\"value\">"
         << escape(percent(share.share, language)) << "</td><td class=\"value\">" << escape(france)
         << "</td><td class=\"value\">" << escape(difference) << "</td></tr>\n";
  }
  if (rows.str().empty()) return;
  html << "<h4>" << escape(share_table_title(basis, pollutant, language)) << "</h4>\n"
       << "<table class=\"diagnosis-shares\"><thead><tr><th></th><th></th><th>"
       << said("territory_column", language) << "</th><th>France</th><th>"
       << said("difference_column", language) << "</th></tr></thead><tbody>\n"
       << rows.str() << "</tbody></table>\n";
}

void per_inhabitant_table(std::ostringstream& html, const TerritoryProfile& profile,
                          Language language) {
  if (profile.per_inhabitant.empty()) return;
  html << "<h4>" << said("per_inhabitant_title", language) << "</h4>\n"
       << "<table class=\"diagnosis-per-inhabitant\"><thead><tr><th></th><th>"
       << said("territory_column", language) << "</th><th>France</th></tr></thead><tbody>\n";
  for (const PerInhabitant& figure : profile.per_inhabitant) {
    const std::string unit = diagnosis_words("per_inhabitant_unit", language, {figure.unit});
    html << "<tr><td>" << escape(per_inhabitant_name(figure, language))
         << "</td><td class=\"value\">"
         << escape(diagnosis_number(figure.value, language) + "\u00a0" + unit)
         << "</td><td class=\"value\">"
         << escape(std::isnan(figure.national)
                       ? "–"
                       : diagnosis_number(figure.national, language) + "\u00a0" + unit)
         << "</td></tr>\n";
  }
  html << "</tbody></table>\n";
}

void profile_section(std::ostringstream& html, const TerritoryProfile& profile, Language language) {
  html << "<h3>" << said("profile_title", language, {std::to_string(profile.year)}) << "</h3>\n<p>"
       << said("totals", language,
               {std::to_string(profile.year), number(profile.final_energy, 0, language),
                number(profile.local_production, 0, language),
                percent(profile.renewable_share, language), number(profile.ghg, 0, language)})
       << "</p>\n<p class=\"note\">" << said("profile_note", language) << "</p>\n";
  per_inhabitant_table(html, profile, language);
  share_table(html, profile, ShareBasis::EnergyBySector, "", language);
  share_table(html, profile, ShareBasis::EnergyByCarrier, "", language);
  share_table(html, profile, ShareBasis::GhgBySector, "", language);
  for (const std::string& pollutant : profile.pollutant_ids)
    share_table(html, profile, ShareBasis::PollutantBySector, pollutant, language);
}

void objectives_section(std::ostringstream& html, const DiagnosisPage& page,
                        const TerritoryDiagnosis& territory, Language language) {
  const Diagnosis& diagnosis = *page.diagnosis;
  html << "<h3>" << said("objectives_title", language) << "</h3>\n";
  if (territory.objectives.empty()) {
    html << "<p>" << said("no_objective", language) << "</p>\n";
    return;
  }
  const std::string who = page.portfolio.empty()
                              ? diagnosis_words("without_action", language)
                              : diagnosis_words("with_portfolio", language, {page.portfolio});
  html << "<p class=\"note\">"
       << said("objectives_note", language,
               {who, std::to_string(diagnosis.members), std::to_string(diagnosis.seed),
                percent(AT_RISK_BELOW, language)})
       << "</p>\n<ol class=\"diagnosis-objectives\">\n";
  const bool uncertain = page.plan->scenario->parameters.size() > 0;
  for (const ObjectiveDiagnosis& objective : territory.objectives) {
    html << "<li" << (objective.at_risk ? " class=\"at-risk\"" : "") << "><p><strong>"
         << escape(objective_risk_text(*page.plan, objective, language)) << "</strong>";
    if (objective.at_risk)
      html << " — <span class=\"warning\">" << said("at_risk", language) << "</span>";
    html << "<br>" << escape(objective_distance_text(*page.plan, objective, language))
         << "</p>\n<p>" << said("weighs_most", language) << colon(language);
    if (!uncertain) {
      html << said("no_uncertainty", language) << "</p>\n";
    } else if (!objective.varies || objective.drivers.empty()) {
      html << said("does_not_vary", language) << "</p>\n";
    } else {
      html << "</p>\n<ul>\n";
      for (const ObjectiveDriver& driver : objective.drivers)
        html << "<li>" << escape(driver_text(*page.plan, objective, driver, page.sobol, language))
             << "</li>\n";
      html << "</ul>\n";
    }
    html << "</li>\n";
  }
  html << "</ol>\n";
}

/// With several territories: one line each, to compare them at a glance.
void summary_section(std::ostringstream& html, const Diagnosis& diagnosis, Language language) {
  if (diagnosis.territories.size() < 2) return;
  html << "<section><h2>" << said("summary_title", language) << "</h2>\n"
       << "<table class=\"diagnosis-summary\"><thead><tr><th></th><th>"
       << said("population", language) << "</th><th>"
       << said("per_inhabitant_unit", language, {"MWh"}) << "</th><th>"
       << said("per_inhabitant_unit", language, {"tCO2e"}) << "</th><th>"
       << said("renewable_column", language) << "</th><th>" << said("objectives_at_risk", language)
       << "</th></tr></thead><tbody>\n";
  for (const TerritoryDiagnosis& territory : diagnosis.territories) {
    const TerritoryProfile& profile = territory.profile;
    const auto per_inhabitant = [&](const char* measure) {
      for (const PerInhabitant& figure : profile.per_inhabitant)
        if (figure.measure == measure) return diagnosis_number(figure.value, language);
      return std::string("–");
    };
    const auto at_risk = std::count_if(territory.objectives.begin(), territory.objectives.end(),
                                       [](const ObjectiveDiagnosis& o) { return o.at_risk; });
    html << "<tr><td>" << escape(heading(diagnosis, territory, language))
         << "</td><td class=\"value\">"
         << escape(profile.population > 0 ? number(profile.population, 0, language) : "–")
         << "</td><td class=\"value\">" << escape(per_inhabitant("final_energy"))
         << "</td><td class=\"value\">" << escape(per_inhabitant("ghg"))
         << "</td><td class=\"value\">" << escape(percent(profile.renewable_share, language))
         << "</td><td class=\"value\">" << at_risk << " / " << territory.objectives.size()
         << "</td></tr>\n";
  }
  html << "</tbody></table>\n</section>\n";
}

void national_row(std::ostringstream& html, const std::string& name, const std::string& value,
                  int year, const std::string& source, bool derived) {
  html << "<tr><td>" << escape(name) << "</td><td class=\"value\">" << escape(value) << "</td><td>"
       << year << "</td><td>" << escape(source) << (derived ? " [D]" : " [S]") << "</td></tr>\n";
}

void method_section(std::ostringstream& html, const DiagnosisPage& page, Language language) {
  const Diagnosis& diagnosis = *page.diagnosis;
  const NationalReference& france = france_reference();
  html << "<section><h2>" << said("method_title", language) << "</h2>\n<p>"
       << said("method_findings", language) << "</p>\n";
  if (page.plan->scenario->parameters.size() > 0 && !page.plan->scenario->objectives.empty())
    html << "<p>"
         << said(page.sobol ? "method_sobol" : "method_morris", language,
                 {std::to_string(page.samples), std::to_string(diagnosis.runs)})
         << "</p>\n";
  html << "<h3>" << said("national_title", language) << "</h3>\n<p class=\"note\">"
       << said("national_note", language) << "</p>\n<table class=\"national\"><thead><tr><th>"
       << said("figure_column", language) << "</th><th>" << said("value_column", language)
       << "</th><th>" << said("year_column", language) << "</th><th>"
       << said("source_column", language) << "</th></tr></thead><tbody>\n";
  national_row(html, diagnosis_words("population", language),
               number(france.population.value, 0, language), france.population.year,
               france.population.source, false);
  national_row(html, diagnosis_words("measure_final_energy", language),
               number(france.final_energy.value, 0, language) + "\u00a0GWh",
               france.final_energy.year, france.final_energy.source, false);
  national_row(html, diagnosis_words("measure_ghg", language),
               number(france.ghg.value, 0, language) + "\u00a0ktCO2e", france.ghg.year,
               france.ghg.source, false);
  national_row(html, diagnosis_words("national_renewable_share", language),
               percent(france.renewable_share.value, language), france.renewable_share.year,
               france.renewable_share.source, false);
  for (const NationalShare& national : france.shares) {
    ShareComparison named{national.basis,   national.pollutant, national.group,
                          national.members, national.share,     &national};
    national_row(html,
                 share_table_title(national.basis, national.pollutant, language) + colon(language) +
                     share_name(named, language),
                 percent(national.share, language), national.year, national.source,
                 national.derived);
  }
  html << "</tbody></table>\n</section>\n";
}

}  // namespace

std::string diagnosis_report_html(const DiagnosisPage& page, ReportLanguage language) {
  const Diagnosis& diagnosis = *page.diagnosis;
  const Scenario& scenario = *page.plan->scenario;
  std::ostringstream html;
  const std::string title = diagnosis_words("title", language);
  html << page_start(title + " — " + scenario.name, language);
  html << "<header><h1>" << escape(scenario.name) << "</h1><p class=\"subtitle\">" << escape(title)
       << " · " << escape(label("portfolio", language)) << colon(language) << "<strong>"
       << escape(page.portfolio.empty() ? label("baseline", language) : page.portfolio)
       << "</strong>";
  for (const std::string& edit : page.edits)
    html << " · " << escape(label("what_if", language)) << colon(language) << escape(edit);
  html << "</p></header>\n";
  summary_section(html, diagnosis, language);
  for (const TerritoryDiagnosis& territory : diagnosis.territories) {
    html << "<section class=\"territory\"><h2>" << escape(heading(diagnosis, territory, language))
         << "</h2>\n<p>" << escape(population_words(territory.profile, language)) << "</p>\n";
    findings_section(html, territory.profile, language);
    objectives_section(html, page, territory, language);
    profile_section(html, territory.profile, language);
    html << "</section>\n";
  }
  method_section(html, page, language);
  html << "</body></html>\n";
  return html.str();
}

}  // namespace traj::territory
