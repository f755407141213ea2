#include "traj/territory/diagnosis_words.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <utility>

#include "distance_words.hpp"
#include "format.hpp"
#include "labels.hpp"
#include "traj/territory/report.hpp"
#include "traj/territory/scenario_text.hpp"
#include "vocabulary.hpp"

namespace traj::territory {

using namespace report;

std::string diagnosis_number(double value, ReportLanguage language) {
  const double magnitude = std::abs(value);
  const int decimals =
      magnitude > 0.0 ? std::clamp(2 - static_cast<int>(std::floor(std::log10(magnitude))), 0, 6)
                      : 0;
  return number(value, decimals, language);
}

std::string diagnosis_percent(double share, ReportLanguage language) {
  return percent(share, language);
}

std::string points_difference(double difference, ReportLanguage language) {
  std::string shown = difference > 0 ? "+" : "";
  return shown.append(number(100.0 * difference, 1, language))
      .append(" ")
      .append(diagnosis_words("points_unit", language));
}

namespace {

/// Every word of the diagnostic, in both languages (the text's and the page's).
const std::map<std::string, std::pair<std::string, std::string>>& words() {
  static const std::map<std::string, std::pair<std::string, std::string>> table = {
      {"title", {"Diagnostic", "Diagnostic"}},
      {"inhabitants", {"{} inhabitants", "{} habitants"}},
      {"no_population",
       {"population not stated in the scenario (`population` in [territory]): no figure per "
        "inhabitant",
        "population non indiquée dans le scénario (`population` dans [territory])\u00a0: aucun "
        "chiffre par habitant"}},
      {"no_territory_population",
       {"population not stated: no figure per inhabitant",
        "population non indiquée\u00a0: aucun chiffre par habitant"}},
      {"energy_by_sector", {"Final energy by sector", "Énergie finale par secteur"}},
      {"energy_by_carrier", {"Final energy by carrier", "Énergie finale par vecteur"}},
      {"ghg_by_sector", {"GHG emissions by sector", "Émissions de GES par secteur"}},
      {"pollutant_by_sector", {"{} emissions by sector", "Émissions de {} par secteur"}},
      {"of_final_energy", {"of final energy", "de l'énergie finale"}},
      {"of_ghg", {"of GHG emissions", "des émissions de GES"}},
      {"of_pollutant", {"of {} emissions", "des émissions de {}"}},
      {"group_transport", {"Transport", "Transports"}},
      {"group_oil_products", {"Oil products", "Produits pétroliers"}},
      {"group_renewable_carriers", {"Renewable fuels", "Combustibles renouvelables"}},
      {"group_gas_heat_coal",
       {"Gas, heat networks and coal", "Gaz, réseaux de chaleur et charbon"}},
      {"group_buildings", {"Buildings", "Bâtiments"}},
      {"group_energy_waste", {"Energy branch and waste", "Branche énergie et déchets"}},
      {"national_wood_heating",
       {"national figure: wood heating", "chiffre national\u00a0: chauffage au bois"}},
      {"national_agriculture_forestry",
       {"national figure: agriculture and forestry",
        "chiffre national\u00a0: agriculture et sylviculture"}},
      {"measure_final_energy", {"Final energy", "Énergie finale"}},
      {"measure_local_production",
       {"Local renewable production", "Production renouvelable locale"}},
      {"measure_ghg", {"GHG emissions", "Émissions de GES"}},
      {"measure_pollutant", {"{} emissions", "Émissions de {}"}},
      {"share_finding",
       {"{}: {} {} against {} in France ({}), {}", "{}\u00a0: {} {} contre {} en France ({}), {}"}},
      {"per_inhabitant_finding",
       {"{}: {} {} per inhabitant against {} {} in France ({}), {} % {}",
        "{}\u00a0: {} {} par habitant contre {} {} en France ({}), soit {} % de {}"}},
      {"less", {"less", "moins"}},
      {"more", {"more", "plus"}},
      {"renewable_finding",
       {"Local renewable production: {} of final energy against {} of gross final consumption in "
        "France ({}), {}",
        "Production renouvelable locale\u00a0: {} de l'énergie finale contre {} de la "
        "consommation finale brute en France ({}), {}"}},
      {"objective_risk",
       {"{} ({}): {} likely (95 % interval {}–{})",
        "{} ({})\u00a0: {} de chances (intervalle à 95 % {}–{})"}},
      // The page's and the text's headings and notes.
      {"strengths", {"Strengths", "Points forts"}},
      {"weaknesses", {"Weaknesses", "Points faibles"}},
      {"differences",
       {"Where its structure differs from France's",
        "Où sa structure diffère de celle de la France"}},
      {"no_finding",
       {"None: every comparison is within 5 points of France's (10 % for figures per inhabitant).",
        "Aucun : chaque comparaison est à moins de 5 points de la France (10 % pour les "
        "chiffres par habitant)."}},
      {"totals",
       {"In {}: final energy {} GWh, local renewable production {} GWh ({} of final energy), GHG "
        "emissions {} ktCO2e.",
        "En {} : énergie finale {} GWh, production renouvelable locale {} GWh ({} de l'énergie "
        "finale), émissions de GES {} ktCO2e."}},
      {"profile_title", {"Profile in {} against France", "Profil en {} face à la France"}},
      {"profile_note",
       {"The base year without any action, every uncertain number at its median; France's figures "
        "with their years and sources in the last section.",
        "L'année de base sans aucune action, chaque valeur incertaine à sa médiane ; les "
        "chiffres de la France avec leurs années et leurs sources dans la dernière partie."}},
      {"territory_column", {"Territory", "Territoire"}},
      {"difference_column", {"Difference", "Écart"}},
      {"points_unit", {"points", "points"}},
      {"per_inhabitant_title", {"Per inhabitant", "Par habitant"}},
      {"per_inhabitant_unit", {"{} per inhabitant", "{} par habitant"}},
      {"objectives_title",
       {"Objectives, the most at risk first", "Objectifs, du plus menacé au moins menacé"}},
      {"objectives_note",
       {"How likely each objective is {}, over {} members (seed {}); below {} it is at risk.",
        "Probabilité d'atteindre chaque objectif {}, sur {} membres (graine {}) ; sous {} il "
        "est menacé."}},
      {"without_action", {"without any action", "sans aucune action"}},
      {"with_portfolio", {"with the portfolio {}", "avec le portefeuille {}"}},
      {"at_risk", {"at risk", "menacé"}},
      {"no_objective",
       {"The scenario states no objective for this territory.",
        "Le scénario ne fixe aucun objectif à ce territoire."}},
      {"weighs_most", {"What weighs most", "Ce qui pèse le plus"}},
      {"does_not_vary",
       {"no uncertain number moves it", "aucune valeur incertaine ne le fait varier"}},
      {"no_uncertainty",
       {"the scenario has no uncertain number", "le scénario n'a aucune valeur incertaine"}},
      {"method_title", {"Method and sources", "Méthode et sources"}},
      {"method_findings",
       {"A share is called out when it is at least 5 points from France's, a figure per "
        "inhabitant when it is at least 10 % from it. Strengths and weaknesses: less final energy "
        "and GHG per inhabitant, a larger local renewable share, more renewable fuels and fewer "
        "oil products than France are strengths, the reverse weaknesses; other differences are of "
        "structure. France's renewable share counts every renewable the country consumes, the "
        "territory's its local production only.",
        "Une part est signalée quand elle s'écarte d'au moins 5 points de celle de la France, un "
        "chiffre par habitant quand il s'en écarte d'au moins 10 %. Points forts et points "
        "faibles : moins d'énergie finale et de GES par habitant, une part de renouvelables "
        "locales plus grande, plus de combustibles renouvelables et moins de produits pétroliers "
        "que la France sont des points forts, l'inverse des points faibles ; les autres "
        "écarts sont de structure. La part de renouvelables de la France compte toutes celles que "
        "le pays consomme, celle du territoire sa seule production locale."}},
      {"method_morris",
       {"What weighs most: Morris screening (Morris 1991; μ* of Campolongo et al. 2007), {} "
        "trajectories, {} model runs. μ* is the mean absolute change of the objective's indicator "
        "in its year when one uncertain number moves across its range.",
        "Ce qui pèse le plus : criblage de Morris (Morris 1991 ; μ* de Campolongo et al. "
        "2007), {} trajectoires, {} exécutions du modèle. μ* est la variation absolue moyenne de "
        "l'indicateur de l'objectif, l'année de l'objectif, quand une valeur incertaine parcourt "
        "son domaine."}},
      {"method_sobol",
       {"What weighs most: total Sobol indices (Saltelli et al. 2010; Jansen 1999), base sample "
        "{}, {} model runs: the share of the variance of the objective's indicator in its year "
        "that each uncertain number explains with its interactions.",
        "Ce qui pèse le plus : indices de Sobol totaux (Saltelli et al. 2010 ; Jansen "
        "1999), échantillon de base {}, {} exécutions du modèle : la part de la variance de "
        "l'indicateur de l'objectif, l'année de l'objectif, que chaque valeur incertaine explique "
        "avec ses interactions."}},
      {"national_title", {"France's figures", "Les chiffres de la France"}},
      {"national_note",
       {"[S] stated by the source, [D] derived here from its figures.",
        "[S] donné par la source, [D] calculé ici à partir de ses chiffres."}},
      {"figure_column", {"Figure", "Grandeur"}},
      {"value_column", {"Value", "Valeur"}},
      {"year_column", {"Year", "Année"}},
      {"source_column", {"Source", "Source"}},
      {"population", {"Population", "Population"}},
      {"national_renewable_share",
       {"Renewable share of gross final consumption",
        "Part des renouvelables dans la consommation finale brute"}},
      {"whole", {"{} (the whole)", "{} (l'ensemble)"}},
      {"summary_title", {"The territories at a glance", "Les territoires en bref"}},
      {"objectives_at_risk", {"Objectives at risk", "Objectifs menacés"}},
      {"renewable_column", {"Local renewables", "Renouvelables locales"}},
      {"objective_risk_id",
       {"{}: {} likely (95 % interval {}–{})",
        "{}\u00a0: {} de chances (intervalle à 95 % {}–{})"}},
      {"morris_driver",
       {"{}: μ* {}, {} of the sum of μ*", "{}\u00a0: μ* {}, {} de la somme des μ*"}},
      {"sobol_driver",
       {"{}: {} of the variance with its interactions",
        "{}\u00a0: {} de la variance avec ses interactions"}},
  };
  return table;
}

std::string basis_words(ShareBasis basis, const std::string& pollutant, Language language) {
  switch (basis) {
    case ShareBasis::EnergyBySector:
    case ShareBasis::EnergyByCarrier:
      return diagnosis_words("of_final_energy", language);
    case ShareBasis::GhgBySector:
      return diagnosis_words("of_ghg", language);
    case ShareBasis::PollutantBySector:
      return diagnosis_words("of_pollutant", language, {term(pollutant, language)});
  }
  return "";
}

/// A group's own name: a national group's label, else the sector's or carrier's.
std::string group_words(const std::string& group, Language language) {
  const auto found = words().find("group_" + group);
  if (found != words().end())
    return language == Language::French ? found->second.second : found->second.first;
  return term(group, language);
}

/// The objective's indicator: its unit as the distance words show it.
std::string indicator_unit(const Plan& plan, const Objective& objective) {
  const int row = plan.catalogue.find(objective.indicator);
  const Dimension dimension =
      row < 0 ? Dimension::Ratio : plan.catalogue[static_cast<std::size_t>(row)].dimension;
  return dimension == Dimension::Fraction ? "%" : std::string(canonical_symbol(dimension));
}

}  // namespace

std::string diagnosis_words(const std::string& key, ReportLanguage language,
                            const std::vector<std::string>& values) {
  const auto& entry = words().at(key);
  return fill(language == Language::French ? entry.second : entry.first, values);
}

std::string territory_name(const TerritoryDiagnosis& territory, ReportLanguage language) {
  return in_language(territory.name, territory.name_fr, language);
}

std::string population_words(const TerritoryProfile& profile, ReportLanguage language) {
  if (profile.population > 0.0)
    return diagnosis_words("inhabitants", language, {number(profile.population, 0, language)});
  return diagnosis_words("no_population", language);
}

std::string share_table_title(ShareBasis basis, const std::string& pollutant,
                              ReportLanguage language) {
  switch (basis) {
    case ShareBasis::EnergyBySector:
      return diagnosis_words("energy_by_sector", language);
    case ShareBasis::EnergyByCarrier:
      return diagnosis_words("energy_by_carrier", language);
    case ShareBasis::GhgBySector:
      return diagnosis_words("ghg_by_sector", language);
    case ShareBasis::PollutantBySector:
      return diagnosis_words("pollutant_by_sector", language, {term(pollutant, language)});
  }
  return "";
}

std::string share_name(const ShareComparison& share, ReportLanguage language) {
  std::string name = group_words(share.group, language);
  // The members when the group holds others than itself: "Transport (road transport)".
  if (share.members.size() != 1 || share.members.front() != share.group) {
    std::string members;
    for (const std::string& member : share.members) {
      std::string word = term(member, language);
      // "Road transport" → "road transport"; an acronym ("LPG", "NOx") and a
      // non-ASCII capital ("Électricité") are kept.
      const auto ascii_upper = [](char c) { return c >= 'A' && c <= 'Z'; };
      if (word.size() > 1 && ascii_upper(word[0]) && !ascii_upper(word[1]))
        word[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(word[0])));
      members.append(members.empty() ? "" : ", ").append(word);
    }
    name.append(" (").append(members).append(")");
  }
  return name;
}

std::string per_inhabitant_name(const PerInhabitant& figure, ReportLanguage language) {
  if (figure.measure == "final_energy" || figure.measure == "local_production" ||
      figure.measure == "ghg")
    return diagnosis_words("measure_" + figure.measure, language);
  return diagnosis_words("measure_pollutant", language, {term(figure.measure, language)});
}

std::string finding_text(const TerritoryProfile& profile, const Finding& finding,
                         ReportLanguage language) {
  const NationalReference& france = france_reference();
  if (finding.subject == FindingSubject::RenewableShare) {
    return diagnosis_words("renewable_finding", language,
                           {percent(finding.value, language), percent(finding.national, language),
                            std::to_string(france.renewable_share.year),
                            points_difference(finding.value - finding.national, language)});
  }
  if (finding.subject == FindingSubject::PerInhabitant) {
    const PerInhabitant& figure = profile.per_inhabitant[finding.index];
    const double relative = finding.value / finding.national - 1.0;
    const int year = figure.measure == "ghg" ? france.ghg.year : france.final_energy.year;
    return diagnosis_words(
        "per_inhabitant_finding", language,
        {per_inhabitant_name(figure, language), diagnosis_number(finding.value, language),
         figure.unit, diagnosis_number(finding.national, language), figure.unit,
         std::to_string(year), number(100.0 * std::abs(relative), 0, language),
         diagnosis_words(relative < 0 ? "less" : "more", language)});
  }
  const ShareComparison& share = profile.shares[finding.index];
  std::string year = std::to_string(share.national->year);
  if (!share.national->national_group.empty())
    year.append(", ").append(
        diagnosis_words("national_" + share.national->national_group, language));
  return diagnosis_words(
      "share_finding", language,
      {share_name(share, language), percent(finding.value, language),
       basis_words(share.basis, share.pollutant, language), percent(finding.national, language),
       year, points_difference(finding.value - finding.national, language)});
}

std::string objective_risk_text(const Plan& plan, const ObjectiveDiagnosis& objective,
                                ReportLanguage language) {
  const Objective& stated = plan.scenario->objectives[objective.objective];
  const std::string& text = objective_text(stated, language);
  std::vector<std::string> values = {text, stated.id};
  // An objective without a description is named by its id, once.
  if (text == stated.id) values.pop_back();
  values.push_back(percent(objective.probability.probability, language));
  values.push_back(percent(objective.probability.ci_low, language));
  values.push_back(percent(objective.probability.ci_high, language));
  return diagnosis_words(text == stated.id ? "objective_risk_id" : "objective_risk", language,
                         values);
}

std::string objective_distance_text(const Plan& plan, const ObjectiveDiagnosis& objective,
                                    ReportLanguage language) {
  const Objective& stated = plan.scenario->objectives[objective.objective];
  return stated.indicator + " " + std::to_string(stated.year) + colon(language) +
         distance_words(objective.distance, indicator_unit(plan, stated), language);
}

std::string driver_text(const Plan& plan, const ObjectiveDiagnosis& objective,
                        const ObjectiveDriver& driver, bool sobol, ReportLanguage language) {
  const Scenario& scenario = *plan.scenario;
  std::string name = sensitivity_factor_name(scenario, driver.factor, language);
  if (name != driver.factor) name.append(" (").append(driver.factor).append(")");
  if (sobol)
    return diagnosis_words("sobol_driver", language, {name, percent(driver.share, language)});
  const std::string unit = indicator_unit(plan, scenario.objectives[objective.objective]);
  const bool share = unit == "%";
  const double weight = share ? 100.0 * driver.weight : driver.weight;
  std::string effect = diagnosis_number(weight, language);
  const std::string shown_unit = share ? label("points", language) : unit;
  if (!shown_unit.empty()) effect.append("\u00a0").append(shown_unit);
  return diagnosis_words("morris_driver", language,
                         {name, effect, percent(driver.share, language)});
}

}  // namespace traj::territory
