#include "run_output_text.hpp"

#include <cmath>
#include <cstdio>
#include <iostream>
#include <sstream>
#include <utility>

#include "distance_output.hpp"
#include "traj/display_width.hpp"
#include "traj/ensemble.hpp"
#include "traj/territory/kernel.hpp"
#include "traj/territory/objective_distance.hpp"
#include "traj/territory/objectives.hpp"
#include "traj/territory/plan.hpp"
#include "traj/territory/scenario_text.hpp"
#include "traj/units.hpp"

namespace traj::cli {

using namespace traj::territory;

namespace {

std::string format_value(double value, Dimension dimension, Language language) {
  char buffer[64];
  if (dimension == Dimension::Fraction) {
    std::snprintf(buffer, sizeof buffer, "%.1f %%", 100.0 * value);
    return decimal(buffer, language);
  }
  const double magnitude = std::abs(value);
  const int decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  std::string text = decimal(buffer, language);
  const auto unit = canonical_symbol(dimension);
  // Appended in two steps: `" " + std::string(unit)` trips GCC 12's false
  // -Wrestrict once this function is inlined into its callers here.
  if (!unit.empty()) text.append(" ").append(unit);
  return text;
}

std::string format_threshold(const ObjectiveResult& result, Dimension dimension,
                             Language language) {
  const Objective& objective = *result.objective;
  const std::string sign = objective.comparison == Comparison::AtMost ? "≤ " : "≥ ";
  if (objective.relative_to) {
    char buffer[96];
    std::snprintf(buffer, sizeof buffer, "× %.3g %s %d", objective.threshold,
                  say("times_of", language).c_str(), *objective.relative_to);
    return sign + decimal(buffer, language);
  }
  return sign + format_value(objective.threshold, dimension, language);
}

std::vector<int> table_years(const Scenario& scenario) {
  std::vector<int> years = {scenario.base_year};
  for (const int year : {2025, 2030, 2040, 2050}) {
    if (year > scenario.base_year && year <= scenario.horizon) years.push_back(year);
  }
  if (years.back() != scenario.horizon) years.push_back(scenario.horizon);
  return years;
}

std::vector<int> headline_rows(const Plan& plan) {
  const auto& catalogue = plan.catalogue;
  std::vector<int> rows = {catalogue.final_energy, catalogue.local_production,
                           catalogue.renewable_share, catalogue.ghg};
  const auto sectors = plan.scenario->sectors.size();
  for (std::size_t p = 0; p < plan.scenario->pollutants.size(); ++p) {
    rows.push_back(catalogue.pollutants + static_cast<int>(p * (sectors + 1)));
  }
  for (std::size_t i = 0; i < plan.scenario->indicators.size(); ++i) {
    rows.push_back(catalogue.custom + static_cast<int>(2 * i));
  }
  rows.push_back(catalogue.cost_cumulative);
  return rows;
}

Dimension objective_dimension(const Plan& plan, const Objective& objective) {
  return plan.catalogue[static_cast<std::size_t>(plan.catalogue.find(objective.indicator))]
      .dimension;
}

/// An objective's value in one run: the indicator, or its ratio to the reference.
std::string objective_value(const ObjectiveResult& result, Dimension dimension, Language language) {
  if (!result.objective->relative_to) return format_value(result.value, dimension, language);
  // No ratio to a reference of zero (docs/model.md#8-objectives).
  if (std::isnan(result.value)) return std::string("× ") + say("undefined", language);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "× %.3f", result.value);
  return decimal(buffer, language);
}

}  // namespace

void print_deterministic_table(const Plan& plan, const Trajectory& trajectory,
                               const std::vector<ObjectiveResult>& results,
                               const std::string& portfolio_note, Language language,
                               bool territories) {
  const Scenario& scenario = *plan.scenario;
  std::cout << scenario.name << " — " << portfolio_note << "\n"
            << say("deterministic_run", language) << "\n\n";
  const auto years = table_years(scenario);
  std::cout << pad_right(say("indicator", language), 24);
  for (const int year : years) std::cout << pad_left(std::to_string(year), 16);
  std::cout << "\n";
  std::vector<int> rows = headline_rows(plan);
  const auto& catalogue = plan.catalogue;
  for (std::size_t t = 0; territories && t < catalogue.territory_count(); ++t) {
    for (const std::size_t row : catalogue.territory_headline_rows(t))
      rows.push_back(static_cast<int>(row));
  }
  for (const int row : rows) {
    const auto& info = plan.catalogue[static_cast<std::size_t>(row)];
    std::cout << pad_right(info.id, 24);
    for (const int year : years)
      std::cout << pad_left(format_value(trajectory.at(row, year), info.dimension, language), 16);
    std::cout << "\n";
  }
  if (results.empty()) {
    std::cout << "\n" << say("no_objectives", language) << "\n";
    return;
  }
  std::cout << "\n" << say("objectives", language) << "\n";
  std::size_t met = 0;
  for (const auto& result : results) {
    const Objective& objective = *result.objective;
    const auto dimension = objective_dimension(plan, objective);
    const std::string value = objective_value(result, dimension, language);
    std::cout << "  "
              << pad_right(say(result.met ? "met" : "missed", language),
                           language == Language::French ? 7 : 4)
              << " " << pad_right(objective.id, 24) << " " << pad_right(objective.indicator, 18)
              << " " << objective.year << "  " << pad_right(value, 14) << " "
              << format_threshold(result, dimension, language) << "\n";
    met += result.met ? 1 : 0;
  }
  std::cout << "  "
            << say("objectives_met", language,
                   {std::to_string(met), std::to_string(results.size())})
            << "\n";
}

namespace {

std::string percent(double probability, Language language) {
  char buffer[32];
  double value = 100.0 * probability;
  if (value < 1e-9) value = 0.0;  // rounding noise of the interval's bounds
  if (value > 0.0 && value < 0.01) {
    std::snprintf(buffer, sizeof buffer, "%.2g %%", value);
    return decimal(buffer, language);
  }
  if (value == 0.0 || value == 100.0 || (value >= 1.0 && value <= 99.0)) {
    std::snprintf(buffer, sizeof buffer, "%.0f %%", value);
  } else if (value < 0.1 || value > 99.9) {
    std::snprintf(buffer, sizeof buffer, "%.2f %%", value);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.1f %%", value);
  }
  return decimal(buffer, language);
}

std::string interval(const ProportionEstimate& estimate, Language language) {
  std::string low = percent(estimate.ci_low, language);
  if (low.size() > 2 && low.compare(low.size() - 2, 2, " %") == 0) low.resize(low.size() - 2);
  return "(" + low + "–" + percent(estimate.ci_high, language) + ")";
}

/// The unit a row is shown in, and the factor from its canonical unit:
/// large volumes and energies in larger units, so that columns stay
/// readable (`typical`: the row's base-year median).
std::pair<std::string, double> shown_unit(Dimension dimension, double typical) {
  typical = std::abs(typical);
  if (dimension == Dimension::Volume && typical >= 1e6) return {"Mm3", 1e-6};
  if (dimension == Dimension::Energy && typical >= 1e5) return {"TWh", 1e-3};
  if (dimension == Dimension::Fraction) return {"%", 1.0};
  return {std::string(canonical_symbol(dimension)), 1.0};
}

/// A whole number with thin groups of three digits: "35 300".
std::string format_count(double value, Language language) {
  (void)language;  // both languages group digits with a space
  std::string digits = std::to_string(static_cast<long long>(std::llround(value)));
  std::string grouped;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += "\u00a0";
    grouped += digits[i];
  }
  return grouped;
}

std::string objective_label(const Objective& objective, Language language) {
  return objective_text(objective, language);
}

/// Median and 5 %–95 % range of `rows` at the table's years, under
/// `heading` (a line break then the heading, or nothing).
void print_quantile_table(const Plan& plan, const EnsembleResult& result,
                          const std::vector<int>& rows, const std::string& heading,
                          Language language) {
  const Scenario& scenario = *plan.scenario;
  const auto years = table_years(scenario);
  std::size_t low = 0, median = 0, high = 0;
  for (std::size_t i = 0; i < result.quantile_levels.size(); ++i) {
    const double level = result.quantile_levels[i];
    if (std::abs(level - 0.05) < 1e-9) low = i;
    if (std::abs(level - 0.5) < 1e-9) median = i;
    if (std::abs(level - 0.95) < 1e-9) high = i;
  }
  std::ostringstream low_level, high_level;
  low_level << result.quantile_levels[low] * 100 << " %";
  high_level << result.quantile_levels[high] * 100 << " %";
  std::cout << "\n";
  if (!heading.empty()) std::cout << heading.substr(1) << "\n";
  std::cout << say("indicators_heading", language,
                   {decimal(low_level.str(), language), decimal(high_level.str(), language)})
            << "\n";
  std::cout << pad_right(say("indicator", language), 24);
  for (const int year : years) std::cout << pad_left(std::to_string(year), 22);
  std::cout << "\n";
  const auto number = [language](double value, Dimension dimension) {
    // The value without its unit, which the indicator column states.
    if (dimension == Dimension::Fraction) value *= 100.0;
    std::string text = format_value(
        value, dimension == Dimension::Fraction ? Dimension::Ratio : dimension, language);
    const auto space = text.find(' ');
    return space == std::string::npos ? text : text.substr(0, space);
  };
  for (const int row : rows) {
    const auto& info = plan.catalogue[static_cast<std::size_t>(row)];
    const auto r = static_cast<std::size_t>(row);
    const auto display = shown_unit(info.dimension, result.quantile_at(r, 0, median));
    const std::string& unit = display.first;
    const double scale = display.second;
    std::string label = info.id.substr(0, info.id.find('@'));
    label.append(" (").append(unit).append(")");
    std::cout << pad_right(label, 24);
    for (const int year : years) {
      const auto y = static_cast<std::size_t>(year - scenario.base_year);
      const auto value = [&](std::size_t level) {
        const Dimension shown = scale != 1.0 ? Dimension::Ratio : info.dimension;
        return number(result.quantile_at(r, y, level) * scale, shown);
      };
      const std::string cell = value(median) + " [" + value(low) + "–" + value(high) + "]";
      std::cout << pad_left(cell, 22);
    }
    std::cout << "\n";
  }
}

}  // namespace

void print_ensemble_table(const Plan& plan, const EnsembleResult& result,
                          const std::string& portfolio_note, int threads, int ranks, double seconds,
                          Language language, bool territories) {
  const Scenario& scenario = *plan.scenario;
  std::cout << scenario.name << " — " << portfolio_note << "\n"
            << say("ensemble_line", language,
                   {std::to_string(result.members), std::to_string(result.seed),
                    std::to_string(threads)});
  if (ranks > 1) std::cout << " × " << ranks << " " << say("mpi_ranks", language);
  char duration[32];
  std::snprintf(duration, sizeof duration, "%.2f s", seconds);
  std::cout << ", " << decimal(duration, language) << "\n";
  if (!result.precision_reached) std::cout << say("precision_not_reached", language) << "\n";
  if (!scenario.objectives.empty()) {
    std::cout << "\n" << say("objectives_heading", language) << "\n";
    for (std::size_t o = 0; o < scenario.objectives.size(); ++o) {
      const auto& estimate = result.objectives[o].estimate;
      std::cout << "  " << objective_label(scenario.objectives[o], language) << colon(language)
                << percent(estimate.probability, language) << " " << say("likely", language) << " "
                << interval(estimate, language) << "\n";
      const std::string distance = distance_text(
          distance_to_objective(scenario.objectives[o], plan.catalogue, scenario.base_year, result),
          objective_dimension(plan, scenario.objectives[o]), language);
      if (!distance.empty())
        std::cout << "    " << scenario.objectives[o].indicator << " "
                  << scenario.objectives[o].year << colon(language) << distance << "\n";
    }
    if (scenario.objectives.size() > 1) {
      std::cout << "  "
                << say("all_together", language, {std::to_string(scenario.objectives.size())})
                << colon(language) << percent(result.joint.probability, language) << " "
                << say("likely", language) << " " << interval(result.joint, language) << "\n";
    }
  }
  print_quantile_table(plan, result, headline_rows(plan), "", language);
  if (territories) {
    const auto& catalogue = plan.catalogue;
    for (std::size_t t = 0; t < scenario.territories.size(); ++t) {
      const Territory& territory = scenario.territories[t];
      std::vector<int> rows;
      for (const std::size_t row : catalogue.territory_headline_rows(t))
        rows.push_back(static_cast<int>(row));
      std::string heading = "\n";
      heading.append(territory_name(territory, language))
          .append(" (")
          .append(say("inhabitants", language, {format_count(territory.population, language)}))
          .append(")");
      print_quantile_table(plan, result, rows, heading, language);
    }
  }
}

namespace {

/// A difference with its sign, `decimals` after the point.
std::string signed_number(double value, int decimals, Language language) {
  char buffer[48];
  if (value == 0.0) value = 0.0;  // no "-0"
  std::snprintf(buffer, sizeof buffer, "%+.*f", decimals, value);
  return decimal(buffer, language);
}

/// Decimals that show the largest of the values to about three digits.
int decimals_for(std::initializer_list<double> values) {
  double magnitude = 0.0;
  for (const double value : values) magnitude = std::max(magnitude, std::abs(value));
  return magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
}

/// "Against REF…" and, when the run has edits, which REF that is.
std::string against_title(const AgainstReference& reference, Language language) {
  std::string title = "\n";
  title += say("against", language, {reference.name});
  if (reference.without_edits) title += say("without_edits", language);
  return title;
}

/// A change in the run table's unit (a share's in points), e.g. "-38.2 ktCO2e".
std::string change_text(double change, const ComparedQuantity& quantity, const Plan& plan,
                        Language language) {
  const auto dimension = plan.catalogue[quantity.row].dimension;
  const bool share = dimension == Dimension::Fraction;
  const std::string unit = share ? "pts" : std::string(canonical_symbol(dimension));
  const double value = share ? 100.0 * change : change;
  return signed_number(value, decimals_for({value}), language) + (unit.empty() ? "" : " ") + unit;
}

}  // namespace

void print_against_table(const Plan& plan, const AgainstReference& reference,
                         const WhatChanged& changed, Language language) {
  const Scenario& scenario = *plan.scenario;
  std::cout << against_title(reference, language)
            << say("same_members", language, {std::to_string(changed.members), reference.name})
            << "\n";
  if (!changed.objectives.empty()) {
    std::cout << say("change_of_probability", language) << "\n";
    for (const auto& change : changed.objectives) {
      const auto& difference = change.difference;
      std::cout << "  " << objective_label(scenario.objectives[difference.objective], language)
                << colon(language) << signed_number(100 * difference.difference, 1, language)
                << " pts [" << signed_number(100 * difference.ci_low, 1, language) << "; "
                << signed_number(100 * difference.ci_high, 1, language) << "] ("
                << say("likely_against", language,
                       {percent(change.run.probability, language),
                        percent(change.reference.probability, language)})
                << ")\n";
    }
  }
  std::cout << say("differences_heading", language) << "\n";
  std::size_t median = 0;
  for (std::size_t i = 0; i < changed.run.quantile_levels.size(); ++i) {
    if (std::abs(changed.run.quantile_levels[i] - 0.5) < 1e-9) median = i;
  }
  for (const auto& change : changed.quantities) {
    const auto& info = plan.catalogue[change.quantity.row];
    // The run table's unit; a difference of shares in points.
    const auto shown =
        shown_unit(info.dimension, changed.run.quantile_at(change.quantity.row, 0, median));
    const bool share = info.dimension == Dimension::Fraction;
    const double scale = share ? 100.0 : shown.second;
    const std::string unit = share ? "pts" : shown.first;
    const double values[3] = {change.median * scale, change.low * scale, change.high * scale};
    const int decimals = decimals_for({values[0], values[1], values[2]});
    std::cout << "  " << change.quantity.label << colon(language)
              << signed_number(values[0], decimals, language) << (unit.empty() ? "" : " ") << unit
              << " [" << signed_number(values[1], decimals, language) << "; "
              << signed_number(values[2], decimals, language) << "]\n";
  }
}

void print_against_central_table(const Plan& plan, const AgainstReference& reference,
                                 const CentralChange& changed, Language language) {
  std::cout << against_title(reference, language) << say("at_medians", language, {reference.name})
            << "\n";
  if (!changed.objectives.empty()) std::cout << say("run_then", language, {reference.name}) << "\n";
  const std::string against = std::string(" ") + say("against_word", language) + " ";
  for (const auto& change : changed.objectives) {
    const auto dimension = objective_dimension(plan, *change.run.objective);
    std::cout << "  " << objective_label(*change.run.objective, language) << colon(language)
              << say(change.run.met ? "met" : "missed", language) << against
              << say(change.reference.met ? "met" : "missed", language) << " ("
              << objective_value(change.run, dimension, language) << against
              << objective_value(change.reference, dimension, language) << ")\n";
  }
  std::cout << say("change_heading", language, {reference.name}) << "\n";
  for (const auto& change : changed.quantities) {
    const auto dimension = plan.catalogue[change.quantity.row].dimension;
    std::cout << "  " << change.quantity.label << colon(language)
              << change_text(change.difference(), change.quantity, plan, language) << " ("
              << format_value(change.run, dimension, language) << against
              << format_value(change.reference, dimension, language) << ")\n";
  }
}

}  // namespace traj::cli
