#include "traj/territory/report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>
#include <vector>

#include "traj/error.hpp"
#include "traj/hdf5_file.hpp"
#include "traj/setting_ranges.hpp"
#include "traj/territory/results_file.hpp"
#include "traj/territory/results_layout.hpp"

namespace traj::territory {

// What the report reads of a results file is named in one place with its writer.
using namespace results_layout;
namespace {

using Language = ReportLanguage;

/// Every label of the report, in both languages.
const std::map<std::string, std::pair<std::string, std::string>>& labels() {
  static const std::map<std::string, std::pair<std::string, std::string>> table = {
      {"title", {"Climate plan trajectories", "Trajectoires du plan climat"}},
      {"portfolio", {"Portfolio", "Portefeuille"}},
      {"baseline", {"baseline (no action)", "tendanciel (aucune action)"}},
      {"members", {"Members", "Membres"}},
      {"objectives", {"Objectives: how likely each one is", "Objectifs : probabilité d'atteinte"}},
      {"likely", {"likely", "de chances"}},
      {"interval", {"95 % interval", "intervalle à 95 %"}},
      {"all", {"All objectives together", "Tous les objectifs à la fois"}},
      {"trajectories",
       {"Trajectories: median and uncertainty bands",
        "Trajectoires : médiane et bandes d'incertitude"}},
      {"band90", {"5–95 % of members", "5–95 % des membres"}},
      {"band50", {"25–75 % of members", "25–75 % des membres"}},
      {"median", {"median", "médiane"}},
      {"objective", {"objective", "objectif"}},
      {"objective_header", {"Objective", "Objectif"}},
      {"probability_header", {"Probability", "Probabilité"}},
      {"comparison_title", {"Portfolio comparison", "Comparaison des portefeuilles"}},
      {"target_title", {"A target backed by simulations", "Un objectif étayé par les simulations"}},
      {"sensitivity_title", {"What decides the outcome", "Ce qui décide du résultat"}},
      {"sobol_note",
       {"share of the outcome's variance each factor explains with its interactions (total Sobol "
        "index)",
        "part de la variance du résultat expliquée par chaque facteur avec ses interactions "
        "(indice de Sobol total)"}},
      {"morris_note",
       {"mean effect of moving each factor across its range (Morris μ*)",
        "effet moyen du déplacement de chaque facteur sur son domaine (μ* de Morris)"}},
      {"same_members",
       {"all portfolios on the same members", "tous les portefeuilles sur les mêmes membres"}},
      {"table", {"Portfolios", "Portefeuilles"}},
      {"cost", {"Cost (M€)", "Coût (M€)"}},
      {"avoided", {"GHG avoided (kt)", "GES évités (kt)"}},
      {"per_tonne", {"€ per tCO2e avoided", "€ par tCO2e évitée"}},
      {"dominated", {"Dominated by", "Dominé par"}},
      {"differences",
       {"Paired differences of probability (points)",
        "Différences appariées de probabilité (points)"}},
      {"pair", {"Pair", "Paire"}},
      {"difference_header", {"Difference [95 % interval]", "Différence [intervalle à 95 %]"}},
      {"contributions", {"What carries each portfolio", "Ce qui porte chaque portefeuille"}},
      {"contribution_note",
       {"change in GHG at the horizon due to each action (kt, with − without, same members)",
        "variation des GES à l'horizon due à chaque action (kt, avec − sans, mêmes membres)"}},
      {"reproduce", {"Reproducibility", "Reproductibilité"}},
      {"seed", {"Seed", "Graine"}},
      {"version", {"Engine version", "Version du moteur"}},
      {"created", {"Created", "Créé le"}},
      {"command", {"Command", "Commande"}},
      {"inputs", {"Input files (SHA-256)", "Fichiers d'entrée (SHA-256)"}},
      {"rerun", {"Re-run and check bit for bit with", "Relancer et vérifier au bit près avec"}},
      {"final_energy", {"Final energy consumption", "Consommation d'énergie finale"}},
      {"renewable_share", {"Local renewable share", "Part d'énergies renouvelables locales"}},
      {"ghg", {"Greenhouse-gas emissions", "Émissions de gaz à effet de serre"}},
      {"chart", {"Chart", "Graphique"}},
      {"in", {"in", "en"}},
  };
  return table;
}

std::string label(const std::string& key, Language language) {
  const auto& entry = labels().at(key);
  return language == Language::French ? entry.second : entry.first;
}

std::string escape(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

/// A number with `decimals` decimals, grouped by thousands; French uses a
/// decimal comma and a narrow no-break space between thousands.
std::string number(double value, int decimals, Language language) {
  if (!std::isfinite(value)) return "–";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, std::abs(value));
  std::string digits = buffer;
  const auto point = digits.find('.');
  std::string whole = digits.substr(0, point);
  const std::string fraction = point == std::string::npos ? "" : digits.substr(point + 1);
  const std::string group = language == Language::French ? "\u202f" : ",";
  std::string grouped;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) grouped += group;
    grouped += whole[i];
  }
  std::string out = (value < 0 ? "−" : "") + grouped;
  if (!fraction.empty()) out += (language == Language::French ? "," : ".") + fraction;
  return out;
}

/// French typography puts a space before a colon.
const char* colon(Language language) {
  return language == Language::French ? "\u00a0: " : ": ";
}

int decimals_for(double magnitude) {
  return magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : 2;
}

std::string percent(double probability, Language language) {
  return number(100.0 * probability, probability > 0.0 && probability < 0.01 ? 2 : 1, language) +
         " %";
}

std::string localised_date(const std::string& iso, Language language) {
  if (iso.size() < 10 || language == Language::English) return iso.substr(0, 10);
  static const char* months[] = {"janvier",   "février", "mars",     "avril",
                                 "mai",       "juin",    "juillet",  "août",
                                 "septembre", "octobre", "novembre", "décembre"};
  const int month = std::stoi(iso.substr(5, 2));
  return std::to_string(std::stoi(iso.substr(8, 2))) + " " + months[std::clamp(month, 1, 12) - 1] +
         " " + iso.substr(0, 4);
}

/// Colour by how likely: red below 1/3, amber below 2/3, green above (all
/// with a contrast ratio ≥ 4.5 against white text).
std::string likelihood_colour(double probability) {
  return probability < 1.0 / 3.0 ? "#b3261e" : probability < 2.0 / 3.0 ? "#8a5a00" : "#1b6e2d";
}

/// Ticks at 1, 2 or 5 × 10^k covering [low, high].
std::vector<double> nice_ticks(double low, double high) {
  const double span = std::max(high - low, 1e-12);
  const double raw = span / 4.0;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  const double step = raw / power < 1.5 ? power : raw / power < 3.5 ? 2 * power : 5 * power;
  std::vector<double> ticks;
  for (double tick = std::ceil(low / step) * step; tick <= high + 1e-9 * span; tick += step)
    ticks.push_back(tick);
  return ticks;
}

struct Threshold {
  double value = 0.0;
  int year = 0;
  std::string label;
};

/// A fan chart: 5–95 % and 25–75 % bands and the median over the years.
std::string fan_chart(const std::string& id, const std::string& title, const std::string& unit,
                      const std::vector<int>& years, const std::vector<double>& q05,
                      const std::vector<double>& q25, const std::vector<double>& q50,
                      const std::vector<double>& q75, const std::vector<double>& q95, double scale,
                      const std::vector<Threshold>& thresholds, Language language) {
  constexpr double WIDTH = 640, HEIGHT = 260, LEFT = 64, RIGHT = 16, TOP = 16, BOTTOM = 32;
  double low = 0.0, high = 0.0;
  for (std::size_t i = 0; i < years.size(); ++i) high = std::max(high, q95[i] * scale);
  for (const auto& threshold : thresholds) high = std::max(high, threshold.value * scale);
  high = high > 0 ? high * 1.05 : 1.0;
  const auto x = [&](double year) {
    return LEFT + (year - years.front()) / std::max(1, years.back() - years.front()) *
                      (WIDTH - LEFT - RIGHT);
  };
  const auto y = [&](double value) {
    return TOP + (1.0 - (value * scale - low) / (high - low)) * (HEIGHT - TOP - BOTTOM);
  };
  const auto band = [&](const std::vector<double>& lower, const std::vector<double>& upper) {
    std::ostringstream points;
    for (std::size_t i = 0; i < years.size(); ++i)
      points << x(years[i]) << ',' << y(upper[i]) << ' ';
    for (std::size_t i = years.size(); i-- > 0;) points << x(years[i]) << ',' << y(lower[i]) << ' ';
    return points.str();
  };
  const int digits = decimals_for(high);
  std::ostringstream svg;
  const std::string description =
      title + ", " + unit + ": " + label("median", language) + " " +
      number(q50.front() * scale, digits, language) + " " + label("in", language) + " " +
      std::to_string(years.front()) + ", " + number(q50.back() * scale, digits, language) + " " +
      label("in", language) + " " + std::to_string(years.back()) + " (" +
      label("band90", language) + " " + number(q05.back() * scale, digits, language) + "–" +
      number(q95.back() * scale, digits, language) + ").";
  svg << "<figure class=\"chart\"><svg class=\"fan\" id=\"fan-" << escape(id)
      << "\" role=\"img\" viewBox=\"0 0 " << WIDTH << ' ' << HEIGHT << "\" aria-labelledby=\"fan-"
      << escape(id) << "-title fan-" << escape(id) << "-desc\"><title id=\"fan-" << escape(id)
      << "-title\">" << escape(title) << "</title><desc id=\"fan-" << escape(id) << "-desc\">"
      << escape(description) << "</desc>";
  for (const double tick : nice_ticks(low, high)) {
    svg << "<line class=\"grid\" x1=\"" << LEFT << "\" x2=\"" << WIDTH - RIGHT << "\" y1=\""
        << y(tick / scale) << "\" y2=\"" << y(tick / scale) << "\"/><text class=\"tick\" x=\""
        << LEFT - 6 << "\" y=\"" << y(tick / scale) + 4 << "\" text-anchor=\"end\">"
        << number(tick, decimals_for(high / 4), language) << "</text>";
  }
  for (int year = (years.front() + 4) / 5 * 5; year <= years.back(); year += 5) {
    svg << "<text class=\"tick\" x=\"" << x(year) << "\" y=\"" << HEIGHT - 10
        << "\" text-anchor=\"middle\">" << year << "</text>";
  }
  svg << "<polygon class=\"band90\" points=\"" << band(q05, q95) << "\"/>";
  svg << "<polygon class=\"band50\" points=\"" << band(q25, q75)
      << "\"/><polyline class=\"median\" points=\"";
  for (std::size_t i = 0; i < years.size(); ++i) svg << x(years[i]) << ',' << y(q50[i]) << ' ';
  svg << "\"/>";
  for (const auto& threshold : thresholds) {
    svg << "<line class=\"threshold\" x1=\"" << LEFT << "\" x2=\"" << WIDTH - RIGHT << "\" y1=\""
        << y(threshold.value) << "\" y2=\"" << y(threshold.value)
        << "\"/><line class=\"year-mark\" x1=\"" << x(threshold.year) << "\" x2=\""
        << x(threshold.year) << "\" y1=\"" << TOP << "\" y2=\"" << HEIGHT - BOTTOM
        << "\"/><text class=\"threshold-label\" x=\"" << x(threshold.year) - 4 << "\" y=\""
        << y(threshold.value) - 6 << "\" text-anchor=\"end\">" << escape(threshold.label)
        << "</text>";
  }
  svg << "<text class=\"unit\" x=\"" << LEFT << "\" y=\"11\">" << escape(unit)
      << "</text></svg><figcaption>" << escape(title) << " — " << label("median", language) << ", "
      << label("band50", language) << ", " << label("band90", language)
      << "</figcaption></figure>\n";
  return svg.str();
}

const char* STYLE = R"(
body { font-family: "DejaVu Sans", Arial, sans-serif; color: #1a1a1a; background: #fff; max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; } h2 { font-size: 1.25rem; border-bottom: 2px solid #1f4e79; padding-bottom: 0.2rem; margin-top: 2rem; }
.subtitle { color: #444; margin-top: 0; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: 0.35rem 0.5rem; border-bottom: 1px solid #ccc; vertical-align: middle; }
.objective-cell { width: 40%; } .bar-cell { width: 25%; } .probability { font-weight: bold; white-space: nowrap; }
.chart { margin: 1rem 0; } .chart svg { width: 100%; height: auto; } figcaption { font-size: 0.85rem; color: #444; }
.fan .grid { stroke: #ddd; stroke-width: 1; } .fan .tick, .fan .unit { font-size: 11px; fill: #333; }
.fan .band90 { fill: #9ecae1; } .fan .band50 { fill: #4292c6; } .fan .median { fill: none; stroke: #08306b; stroke-width: 2.5; }
.fan .threshold { stroke: #b3261e; stroke-width: 2; stroke-dasharray: 6 4; } .fan .year-mark { stroke: #b3261e; stroke-width: 1; stroke-dasharray: 2 3; }
.fan .threshold-label { font-size: 11px; fill: #b3261e; font-weight: bold; }
code, .hash { font-family: "DejaVu Sans Mono", monospace; font-size: 0.85rem; word-break: break-all; }
.reproduce td:first-child { white-space: nowrap; color: #444; }
@media print { body { max-width: none; margin: 0; } section { page-break-before: always; } section:first-of-type { page-break-before: auto; } .chart { page-break-inside: avoid; } }
)";

std::string page_start(const std::string& title, Language language) {
  std::ostringstream html;
  html << "<!DOCTYPE html>\n<html lang=\"" << (language == Language::French ? "fr" : "en")
       << "\"><head><meta charset=\"utf-8\">"
       << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
          "'unsafe-inline'\">"
       << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
       << "<title>" << escape(title) << "</title><style>" << STYLE << "</style></head><body>\n";
  return html.str();
}

/// Horizontal bars with labels, for ranked values (may be negative).
/// `signed_colours`: green for decreases, red for increases; else one blue.
std::string ranked_bars(const std::string& id,
                        const std::vector<std::pair<std::string, double>>& items,
                        const std::string& unit, Language language, bool signed_colours = true) {
  double largest = 0.0;
  for (const auto& item : items) largest = std::max(largest, std::abs(item.second));
  if (largest == 0.0) largest = 1.0;
  constexpr double WIDTH = 640, ROW = 22, LABEL = 240;
  const double height = ROW * static_cast<double>(items.size()) + 8;
  std::ostringstream svg;
  std::string description;
  for (const auto& item : items)
    description +=
        item.first + " " + number(item.second, decimals_for(largest), language) + " " + unit + "; ";
  svg << "<figure class=\"chart\"><svg class=\"ranked\" id=\"" << escape(id)
      << "\" role=\"img\" viewBox=\"0 0 " << WIDTH << ' ' << height << "\"><title>" << escape(id)
      << "</title><desc>" << escape(description) << "</desc>";
  const double zero = LABEL + (WIDTH - LABEL - 80) / 2;
  const double half = (WIDTH - LABEL - 80) / 2;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const double y = 4 + ROW * static_cast<double>(i);
    const double length = half * items[i].second / largest;
    svg << "<text x=\"" << LABEL - 6 << "\" y=\"" << y + 14
        << "\" text-anchor=\"end\" font-size=\"12\">" << escape(items[i].first)
        << "</text><rect x=\"" << std::min(zero, zero + length) << "\" y=\"" << y + 3
        << "\" width=\"" << std::abs(length) << "\" height=\"" << ROW - 8 << "\" fill=\""
        << (!signed_colours        ? "#1f4e79"
            : items[i].second <= 0 ? "#1b6e2d"
                                   : "#b3261e")
        << "\"/><text x=\"" << WIDTH - 4 << "\" y=\"" << y + 14
        << "\" text-anchor=\"end\" font-size=\"12\">"
        << number(items[i].second, decimals_for(largest), language) << "</text>";
  }
  svg << "<line x1=\"" << zero << "\" x2=\"" << zero << "\" y1=\"0\" y2=\"" << height
      << "\" stroke=\"#333\"/></svg></figure>\n";
  return svg.str();
}

}  // namespace

std::string target_report_html(const std::string& territory, const std::string& portfolio,
                               const std::string& statement, const ProportionEstimate* probability,
                               ReportLanguage language) {
  std::ostringstream html;
  html << page_start(label("target_title", language) + " — " + territory, language);
  html << "<header><h1>" << escape(territory) << "</h1><p class=\"subtitle\">"
       << escape(label("target_title", language)) << " · " << escape(label("portfolio", language))
       << colon(language) << "<strong>" << escape(portfolio)
       << "</strong></p></header>\n<section id=\"target\"><h2>"
       << escape(label("target_title", language)) << "</h2><p class=\"statement\"><strong>"
       << escape(statement) << "</strong></p>\n";
  if (probability != nullptr) {
    const std::string words = percent(probability->probability, language) + " " +
                              label("likely", language) + " (" + label("interval", language) + " " +
                              percent(probability->ci_low, language) + "–" +
                              percent(probability->ci_high, language) + ")";
    html << "<svg class=\"bar\" role=\"img\" viewBox=\"0 0 200 20\" width=\"400\" aria-label=\""
         << escape(words)
         << "\"><rect x=\"0\" y=\"3\" width=\"200\" height=\"14\" fill=\"#eee\"/><rect x=\"0\" "
            "y=\"3\" width=\""
         << 200 * probability->probability << "\" height=\"14\" fill=\""
         << likelihood_colour(probability->probability) << "\"/><line x1=\""
         << 200 * probability->ci_low << "\" x2=\"" << 200 * probability->ci_high
         << "\" y1=\"10\" y2=\"10\" stroke=\"#000\" stroke-width=\"2\"/></svg><p>" << escape(words)
         << "</p>\n";
  }
  html << "</section>\n</body></html>\n";
  return html.str();
}

std::string sensitivity_report_html(const std::string& territory, const std::string& portfolio,
                                    const SensitivityResult& result, const std::string& method,
                                    ReportLanguage language) {
  std::ostringstream html;
  html << page_start(label("sensitivity_title", language) + " — " + territory, language);
  html << "<header><h1>" << escape(territory) << "</h1><p class=\"subtitle\">"
       << escape(label("sensitivity_title", language)) << " · "
       << escape(label("portfolio", language)) << colon(language) << "<strong>" << escape(portfolio)
       << "</strong></p></header>\n<section id=\"sensitivity\"><h2>"
       << escape(label("sensitivity_title", language)) << "</h2><p>"
       << escape(label(method == "sobol" ? "sobol_note" : "morris_note", language)) << "</p>\n";
  const std::size_t factors = result.factors.size();
  for (std::size_t o = 0; o < result.outputs.size(); ++o) {
    std::vector<std::pair<std::string, double>> items;
    for (std::size_t f = 0; f < factors; ++f) {
      const double value = method == "sobol"
                               ? -std::max(0.0, result.sobol[o * factors + f].total) * 100.0
                               : -result.morris[o * factors + f].mu_star;
      items.emplace_back(result.factors[f], value);
    }
    std::stable_sort(items.begin(), items.end(),
                     [](const auto& x, const auto& y) { return x.second < y.second; });
    if (items.size() > 12) items.resize(12);
    for (auto& item : items) item.second = -item.second;  // drawn to the right
    html << "<h3>" << escape(result.outputs[o]) << "</h3>"
         << ranked_bars("sensitivity-" + std::to_string(o), items, method == "sobol" ? "%" : "",
                        language, false);
  }
  html << "</section>\n</body></html>\n";
  return html.str();
}

std::string comparison_report_html(const Scenario& scenario, const PortfolioComparison& comparison,
                                   ReportLanguage language) {
  std::ostringstream html;
  html << page_start(label("comparison_title", language) + " — " + scenario.name, language);
  html << "<header><h1>" << escape(scenario.name) << "</h1><p class=\"subtitle\">"
       << escape(label("comparison_title", language)) << " · " << escape(label("members", language))
       << colon(language) << number(static_cast<double>(comparison.members), 0, language) << " · "
       << escape(label("same_members", language)) << "</p></header>\n";
  const auto& portfolios = comparison.portfolios;
  const auto name = [&](const std::string& id) {
    return id == "baseline" ? label("baseline", language) : id;
  };
  // Portfolio table.
  html << "<section id=\"portfolios\"><h2>" << escape(label("table", language))
       << "</h2><table><thead><tr><th>" << escape(label("portfolio", language)) << "</th>";
  for (const auto& objective : scenario.objectives)
    html << "<th>" << escape(objective.id) << "</th>";
  html << "<th>" << escape(label("cost", language)) << "</th><th>"
       << escape(label("avoided", language)) << "</th><th>" << escape(label("per_tonne", language))
       << "</th><th>" << escape(label("dominated", language)) << "</th></tr></thead><tbody>\n";
  for (const auto& portfolio : portfolios) {
    html << "<tr class=\"portfolio-row\"><td><strong>" << escape(name(portfolio.id))
         << "</strong></td>";
    for (const auto& outcome : portfolio.result.objectives) {
      const auto& estimate = outcome.estimate;
      html << "<td><svg class=\"bar\" role=\"img\" viewBox=\"0 0 100 14\" aria-label=\""
           << escape(percent(estimate.probability, language))
           << "\"><rect x=\"0\" y=\"2\" width=\"100\" height=\"10\" fill=\"#eee\"/>"
           << "<rect x=\"0\" y=\"2\" width=\"" << 100 * estimate.probability
           << "\" height=\"10\" fill=\"" << likelihood_colour(estimate.probability)
           << "\"/><line x1=\"" << 100 * estimate.ci_low << "\" x2=\"" << 100 * estimate.ci_high
           << "\" y1=\"7\" y2=\"7\" stroke=\"#000\" stroke-width=\"1.5\"/></svg><br>"
           << percent(estimate.probability, language) << "</td>";
    }
    std::string dominated;
    for (const auto& other : portfolio.dominated_by)
      dominated += (dominated.empty() ? "" : ", ") + name(other);
    html << "<td>" << number(portfolio.cost_discounted, 0, language) << "</td><td>"
         << number(portfolio.ghg_avoided, 0, language) << "</td><td>"
         << number(portfolio.cost_per_tonne, 0, language) << "</td><td>" << escape(dominated)
         << "</td></tr>\n";
  }
  html << "</tbody></table></section>\n";
  // Paired differences.
  html << "<section id=\"differences\"><h2>" << escape(label("differences", language))
       << "</h2><table><thead><tr><th>" << escape(label("pair", language)) << "</th><th>"
       << escape(label("objective_header", language)) << "</th><th>"
       << escape(label("difference_header", language)) << "</th></tr></thead><tbody>\n";
  for (const auto& difference : comparison.differences) {
    html << "<tr><td>" << escape(name(portfolios[difference.a].id)) << " − "
         << escape(name(portfolios[difference.b].id)) << "</td><td>"
         << escape(scenario.objectives[difference.objective].id) << "</td><td>"
         << number(100 * difference.difference, 1, language) << " ["
         << number(100 * difference.ci_low, 1, language) << " ; "
         << number(100 * difference.ci_high, 1, language) << "]</td></tr>\n";
  }
  html << "</tbody></table></section>\n";
  // Contributions: ranked bars of the GHG change at the horizon.
  std::size_t ghg = comparison.quantities.size();
  for (std::size_t q = 0; q < comparison.quantities.size(); ++q) {
    if (comparison.quantities[q].label == "ghg " + std::to_string(scenario.horizon)) ghg = q;
  }
  html << "<section id=\"contributions\"><h2>" << escape(label("contributions", language))
       << "</h2><p>" << escape(label("contribution_note", language)) << "</p>\n";
  for (const auto& portfolio : portfolios) {
    if (portfolio.contributions.empty() || ghg == comparison.quantities.size()) continue;
    std::vector<std::pair<std::string, double>> items;
    for (const auto& contribution : portfolio.contributions)
      items.emplace_back(contribution.action, contribution.mean[ghg]);
    std::stable_sort(items.begin(), items.end(),
                     [](const auto& x, const auto& y) { return x.second < y.second; });
    if (items.size() > 12) items.resize(12);
    html << "<h3>" << escape(name(portfolio.id)) << "</h3>"
         << ranked_bars("contributions-" + portfolio.id, items, "kt", language);
  }
  html << "</section>\n</body></html>\n";
  return html.str();
}

namespace {

/// Refuses a dataset whose shape is not the one the report indexes by.
void expect_dims(const std::string& path, const hdf5::Dataset& dataset, const std::string& name,
                 const std::vector<std::uint64_t>& expected) {
  const auto found = dataset.dims();
  if (found == expected) return;
  const auto shown = [](const std::vector<std::uint64_t>& dims) {
    std::string text;
    for (std::size_t i = 0; i < dims.size(); ++i)
      text += (i ? " × " : "") + std::to_string(dims[i]);
    return dims.empty() ? std::string("a scalar") : text;
  };
  throw InputError(path + ": dataset " + name + ": expected the shape " + shown(expected) +
                   ", found " + shown(found));
}

/// The years of /statistics/year: consecutive, as the scenario's.
std::vector<int> statistics_years(const std::string& path, const hdf5::Group& statistics) {
  const hdf5::Dataset dataset = statistics.open(statistics_dataset::YEAR);
  const auto values = dataset.read_ints();
  if (values.empty()) expect_dims(path, dataset, "/statistics/year", {1});
  std::vector<int> years;
  for (std::size_t i = 0; i < values.size(); ++i) {
    check_setting(path + ": dataset /statistics/year: a year", values[i], YEAR_RANGE);
    if (i > 0 && values[i] != values[i - 1] + 1) {
      throw InputError(path + ": dataset /statistics/year: expected consecutive years, found " +
                       std::to_string(values[i - 1]) + " then " + std::to_string(values[i]));
    }
    years.push_back(static_cast<int>(values[i]));
  }
  return years;
}

std::string results_report_html_unchecked(const std::string& path, ReportLanguage language) {
  read_run_record(path);  // refuses other files, unknown versions, forged settings, damage
  const hdf5::File file = hdf5::File::open_read_only(path);
  const hdf5::Group& root = file.root();
  const std::string territory = root.string_attribute(run_attribute::TERRITORY);
  const std::string portfolio = root.string_attribute(run_attribute::PORTFOLIO);
  check_setting(path + ": attribute members", root.int_attribute(run_attribute::MEMBERS),
                MEMBERS_RANGE);
  const hdf5::Group statistics = root.open_group(STATISTICS);
  const std::vector<int> years = statistics_years(path, statistics);
  const auto levels = statistics.open(statistics_dataset::QUANTILE).read_doubles();
  expect_dims(path, statistics.open(statistics_dataset::QUANTILE), "/statistics/quantile",
              {levels.size()});
  for (const double level : levels)
    check_setting(path + ": dataset /statistics/quantile: a level", level, QUANTILE_LEVEL_RANGE);
  const auto level_index = [&](double level) {
    for (std::size_t i = 0; i < levels.size(); ++i) {
      if (std::abs(levels[i] - level) < 1e-9) return static_cast<int>(i);
    }
    return -1;
  };
  const int i05 = level_index(0.05), i25 = level_index(0.25), i50 = level_index(0.5),
            i75 = level_index(0.75), i95 = level_index(0.95);

  std::ostringstream html;
  html << page_start(label("title", language) + " — " + territory, language);
  html << "<header><h1>" << escape(territory) << "</h1><p class=\"subtitle\">"
       << escape(label("title", language)) << " · " << escape(label("portfolio", language))
       << colon(language) << "<strong>"
       << escape(portfolio == "baseline" ? label("baseline", language) : portfolio)
       << "</strong> · " << escape(label("members", language)) << colon(language)
       << number(static_cast<double>(root.int_attribute(run_attribute::MEMBERS)), 0, language)
       << "</p></header>\n";

  // Objectives: a bar per objective with its interval.
  const hdf5::Group objectives = root.open_group(OBJECTIVES);
  struct ObjectiveRow {
    std::string id, description, indicator, comparison;
    int year, relative_to;
    double threshold, reference, probability, low, high;
  };
  std::vector<ObjectiveRow> rows;
  if (objectives.has(objective_dataset::ID)) {
    const auto ids = objectives.open(objective_dataset::ID).read_strings();
    const auto descriptions = objectives.open(objective_dataset::DESCRIPTION).read_strings();
    const auto indicators = objectives.open(objective_dataset::INDICATOR).read_strings();
    const auto comparisons = objectives.open(objective_dataset::COMPARISON).read_strings();
    const auto objective_years = objectives.open(objective_dataset::YEAR).read_ints();
    const auto relative = objectives.open(objective_dataset::RELATIVE_TO).read_ints();
    const auto thresholds = objectives.open(objective_dataset::THRESHOLD).read_doubles();
    const auto references = objectives.open(objective_dataset::REFERENCE_VALUE).read_doubles();
    const auto probability = objectives.open(objective_dataset::PROBABILITY).read_doubles();
    const auto low = objectives.open(objective_dataset::CI_LOW).read_doubles();
    const auto high = objectives.open(objective_dataset::CI_HIGH).read_doubles();
    for (const char* name :
         {objective_dataset::DESCRIPTION, objective_dataset::INDICATOR,
          objective_dataset::COMPARISON, objective_dataset::YEAR, objective_dataset::RELATIVE_TO,
          objective_dataset::THRESHOLD, objective_dataset::REFERENCE_VALUE,
          objective_dataset::PROBABILITY, objective_dataset::CI_LOW, objective_dataset::CI_HIGH}) {
      expect_dims(path, objectives.open(name), std::string("/objectives/") + name, {ids.size()});
    }
    for (std::size_t o = 0; o < ids.size(); ++o) {
      rows.push_back({ids[o], descriptions[o], indicators[o], comparisons[o],
                      static_cast<int>(objective_years[o]), static_cast<int>(relative[o]),
                      thresholds[o], references[o], probability[o], low[o], high[o]});
    }
    html << "<section id=\"objectives\"><h2>" << escape(label("objectives", language))
         << "</h2><table><thead><tr><th class=\"objective-cell\">"
         << escape(label("objective_header", language)) << "</th><th class=\"bar-cell\">"
         << escape(label("chart", language)) << "</th><th>"
         << escape(label("probability_header", language)) << "</th></tr></thead><tbody>\n";
    for (const auto& row : rows) {
      const std::string text = (row.description.empty() ? row.id : row.description);
      const std::string words = percent(row.probability, language) + " " +
                                label("likely", language) + " (" + label("interval", language) +
                                " " + percent(row.low, language) + "–" +
                                percent(row.high, language) + ")";
      html << "<tr class=\"objective-row\"><td>" << escape(text)
           << "</td><td class=\"bar-cell\"><svg class=\"bar\" role=\"img\" "
           << "viewBox=\"0 0 200 20\" aria-label=\"" << escape(text + ": " + words)
           << "\"><rect x=\"0\" y=\"3\" width=\"200\" "
           << "height=\"14\" fill=\"#eee\"/><rect x=\"0\" y=\"3\" width=\"" << 200 * row.probability
           << "\" height=\"14\" fill=\"" << likelihood_colour(row.probability) << "\"/><line x1=\""
           << 200 * row.low << "\" x2=\"" << 200 * row.high
           << "\" y1=\"10\" y2=\"10\" stroke=\"#000\" stroke-width=\"2\"/></svg></td>"
           << "<td class=\"probability\">" << escape(words) << "</td></tr>\n";
    }
    if (root.open_group(OBJECTIVES).has_attribute(objective_dataset::ALL_PROBABILITY)) {
      html << "<tr><td><strong>" << escape(label("all", language))
           << "</strong></td><td></td><td class=\"probability\">"
           << percent(objectives.double_attribute(objective_dataset::ALL_PROBABILITY), language)
           << " " << escape(label("likely", language)) << "</td></tr>\n";
    }
    html << "</tbody></table></section>\n";
  }

  // Fan charts: final energy, renewable share, GHG and the six pollutants.
  html << "<section id=\"trajectories\"><h2>" << escape(label("trajectories", language))
       << "</h2>\n";
  const auto quantiles_of = [&](const std::vector<double>& values, std::size_t items,
                                std::size_t item, int level) {
    std::vector<double> series;
    for (std::size_t y = 0; y < years.size(); ++y) {
      series.push_back(
          level < 0 ? std::nan("")
                    : values[(y * items + item) * levels.size() + static_cast<std::size_t>(level)]);
    }
    return series;
  };
  const auto thresholds_for = [&](const std::string& indicator, const std::vector<double>& median) {
    std::vector<Threshold> marks;
    for (const auto& row : rows) {
      if (row.indicator != indicator) continue;
      double value = row.threshold;
      std::string note = row.id;
      if (row.relative_to >= 0) {
        const double reference =
            std::isfinite(row.reference) ? row.reference
            : (row.relative_to >= years.front() && row.relative_to <= years.back())
                ? median[static_cast<std::size_t>(row.relative_to - years.front())]
                : std::nan("");
        value = row.threshold * reference;
      }
      if (std::isfinite(value)) marks.push_back({value, row.year, note});
    }
    return marks;
  };
  const auto chart = [&](const std::string& id, const std::string& title, const std::string& unit,
                         const std::vector<double>& values, std::size_t items, std::size_t item,
                         double scale, const std::string& indicator) {
    const auto median = quantiles_of(values, items, item, i50);
    if (i05 < 0 || i50 < 0 || i95 < 0) return;
    const auto q25 = i25 >= 0 ? quantiles_of(values, items, item, i25) : median;
    const auto q75 = i75 >= 0 ? quantiles_of(values, items, item, i75) : median;
    html << fan_chart(id, title, unit, years, quantiles_of(values, items, item, i05), q25, median,
                      q75, quantiles_of(values, items, item, i95), scale,
                      thresholds_for(indicator, median), language);
  };
  for (const auto& [id, unit, scale] :
       {std::tuple{std::string("final_energy"), std::string("GWh"), 1.0},
        std::tuple{std::string("renewable_share"), std::string("%"), 100.0},
        std::tuple{std::string("ghg"), std::string("ktCO2e"), 1.0}}) {
    const std::string quantiles = statistics_dataset::of(id, statistics_dataset::QUANTILES);
    if (!statistics.has(quantiles)) continue;
    expect_dims(path, statistics.open(quantiles), "/statistics/" + quantiles,
                {years.size(), levels.size()});
    chart(id, label(id, language), unit, statistics.open(quantiles).read_doubles(), 1, 0, scale,
          id);
  }
  if (const std::string pollutants =
          statistics_dataset::of(statistics_dataset::POLLUTANTS, statistics_dataset::QUANTILES);
      statistics.has(pollutants)) {
    const auto names = statistics.open(statistics_dataset::POLLUTANT).read_strings();
    const auto values = statistics.open(pollutants).read_doubles();
    expect_dims(path, statistics.open(pollutants), "/statistics/" + pollutants,
                {years.size(), names.size(), levels.size()});
    for (std::size_t p = 0; p < names.size(); ++p) {
      chart(names[p], names[p], "t", values, names.size(), p, 1.0, names[p]);
    }
  }
  html << "</section>\n";

  // Reproducibility block.
  html << "<section id=\"reproducibility\"><h2>" << escape(label("reproduce", language))
       << "</h2><table class=\"reproduce\"><tbody>"
       << "<tr><td>" << escape(label("seed", language)) << "</td><td>"
       << root.int_attribute(run_attribute::SEED) << "</td></tr>"
       << "<tr><td>" << escape(label("members", language)) << "</td><td>"
       << root.int_attribute(run_attribute::MEMBERS) << "</td></tr>"
       << "<tr><td>" << escape(label("version", language)) << "</td><td>traj "
       << escape(root.string_attribute(run_attribute::TRAJ_VERSION))
       << " (git <span class=\"hash\">" << escape(root.string_attribute(run_attribute::GIT_HASH))
       << "</span>)</td></tr>"
       << "<tr><td>" << escape(label("created", language)) << "</td><td>"
       << escape(localised_date(root.string_attribute(run_attribute::CREATED), language))
       << "</td></tr>"
       << "<tr><td>" << escape(label("command", language)) << "</td><td><code>"
       << escape(root.string_attribute(run_attribute::COMMAND_LINE)) << "</code></td></tr><tr><td>"
       << escape(label("inputs", language)) << "</td><td>";
  const hdf5::Group inputs = root.open_group(INPUTS);
  for (std::size_t i = 0;; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, input_file::NAME_FORMAT, i);
    if (!inputs.has(name)) break;
    const auto stored = inputs.open(name);
    html << escape(stored.string_attribute(input_file::PATH)) << " <span class=\"hash\">"
         << escape(stored.string_attribute(input_file::SHA256)) << "</span><br>";
  }
  html << "</td></tr><tr><td>" << escape(label("rerun", language)) << "</td><td><code>traj rerun "
       << escape(path.substr(
              path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1))
       << "</code></td></tr></tbody></table></section>\n</body></html>\n";
  return html.str();
}

}  // namespace

std::string results_report_html(const std::string& path, ReportLanguage language) {
  return as_input_error(path, [&] { return results_report_html_unchecked(path, language); });
}

}  // namespace traj::territory
