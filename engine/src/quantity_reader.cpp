// QuantityReader: numbers with units, distributions, named parameters and
// percentages, read from ConfigNodes (declared in config_reader.hpp).
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdlib>

#include "reader_wording.hpp"
#include "traj/config_reader.hpp"
#include "traj/string_distance.hpp"
#include "traj/text_checks.hpp"

namespace traj {
using detail::format_number;
using detail::single_precision_wording;

namespace {

/// The number of a percentage written as a string, "30 %" or "30%".
std::optional<double> percentage_of(std::string_view text) {
  const std::size_t percent = text.find('%');
  if (percent == std::string_view::npos || percent + 1 != text.size()) return std::nullopt;
  std::string_view number = text.substr(0, percent);
  while (!number.empty() && number.back() == ' ') number.remove_suffix(1);
  // strtod would also take spaces before, "inf", "nan" and hexadecimal numbers.
  const bool plain = !number.empty() && std::all_of(number.begin(), number.end(), [](char c) {
    return (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
  });
  if (!plain) return std::nullopt;
  const std::string digits(number);
  char* end = nullptr;
  const double value = std::strtod(digits.c_str(), &end);
  if (end != digits.c_str() + digits.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

/// For a fraction above 1, most likely a percentage: how to write it.
std::string percentage_hint(double value) {
  return " (write " + format_number(value / 100.0) + " or \"" + format_number(value) + " %\" for " +
         format_number(value) + " %)";
}

}  // namespace

std::optional<Unit> QuantityReader::read_unit(TableReader& table, bool required) {
  const auto symbol = table.string("unit", required);
  if (!symbol) return std::nullopt;
  const auto unit = parse_unit(*symbol);
  if (!unit) {
    table.report("unit", "expected a known unit (see docs/scenario-format.md#units), found \"" +
                             *symbol + "\"");
    // Values relying on this unit are not reported again.
    return Unit{Dimension::Unknown, 1.0};
  }
  return unit;
}

std::optional<Distribution> QuantityReader::read_distribution(const ConfigNode& node,
                                                              const std::string& path,
                                                              std::string& family_key) {
  if (node.is_number()) {
    if (!std::isfinite(node.number)) {
      report_type(diagnostics_, node, path, "a finite number");
      return std::nullopt;
    }
    family_key = "value";
    return Distribution::fixed(node.number);
  }
  TableReader table(&node, path, diagnostics_);
  if (!table.valid()) return std::nullopt;
  static const std::vector<std::string> FAMILIES = {"value",  "uniform",   "triangular", "pert",
                                                    "normal", "lognormal", "parameter"};
  std::vector<std::string> present;
  for (const auto& key : node.keys) {
    if (std::find(FAMILIES.begin(), FAMILIES.end(), key) != FAMILIES.end()) present.push_back(key);
  }
  if (present.size() != 1) {
    diagnostics_.add(node.where, path,
                     "expected exactly one of value, uniform, triangular, pert, normal, lognormal, "
                     "parameter, found " +
                         (present.empty() ? std::string("none") : std::to_string(present.size())));
    return std::nullopt;
  }
  family_key = present.front();
  if (family_key == "parameter") return std::nullopt;  // handled by the caller

  const ConfigNode& body = *node.find(family_key);
  const std::string body_path = join_path(path, family_key);
  auto finite_numbers = [&](const ConfigNode& array, std::size_t count,
                            std::string_view wording) -> std::optional<std::vector<double>> {
    if (!array.is_array() || array.children.size() != count ||
        !std::all_of(array.children.begin(), array.children.end(),
                     [](const ConfigNode& child) { return child.is_number(); })) {
      report_type(diagnostics_, array, body_path, wording);
      return std::nullopt;
    }
    std::vector<double> values;
    for (const auto& child : array.children) {
      if (!std::isfinite(child.number)) {
        report_type(diagnostics_, child, body_path, "finite numbers");
        return std::nullopt;
      }
      values.push_back(child.number);
    }
    return values;
  };

  Distribution result;
  if (family_key == "value") {
    auto value = table.unscaled_number("value", true, ANY_VALUE);
    if (!value) return std::nullopt;
    result = Distribution::fixed(*value);
  } else if (family_key == "uniform") {
    table.skip("uniform");
    const auto values = finite_numbers(body, 2, "an array [min, max]");
    if (!values) return std::nullopt;
    if ((*values)[0] > (*values)[1]) {
      diagnostics_.add(body.where, body_path,
                       "expected min ≤ max, found min " + format_number((*values)[0]) + " > max " +
                           format_number((*values)[1]));
      return std::nullopt;
    }
    result = {Distribution::Family::Uniform, (*values)[0], (*values)[1], 0.0};
  } else if (family_key == "triangular" || family_key == "pert") {
    table.skip(family_key);
    const auto values = finite_numbers(body, 3, "an array [min, mode, max]");
    if (!values) return std::nullopt;
    const double min = (*values)[0], mode = (*values)[1], max = (*values)[2];
    if (!(min <= mode && mode <= max)) {
      diagnostics_.add(body.where, body_path,
                       "expected min ≤ mode ≤ max, found [" + format_number(min) + ", " +
                           format_number(mode) + ", " + format_number(max) + "]");
      return std::nullopt;
    }
    result = {family_key == "pert" ? Distribution::Family::Pert : Distribution::Family::Triangular,
              min, mode, max};
  } else if (family_key == "normal") {
    TableReader normal = table.table("normal", true);
    if (!normal.valid()) return std::nullopt;
    const auto mean = normal.unscaled_number("mean", true, ANY_VALUE);
    const auto sd = normal.unscaled_number("sd", true, NON_NEGATIVE);
    const auto min = normal.unscaled_number("min", false, ANY_VALUE);
    const auto max = normal.unscaled_number("max", false, ANY_VALUE);
    normal.finish({"mean", "sd", "min", "max"});
    if (!mean || !sd) return std::nullopt;
    result = {Distribution::Family::Normal, *mean, *sd, 0.0};
    if (min) result.lower = *min;
    if (max) result.upper = *max;
    if (result.lower >= result.upper || *mean < result.lower || *mean > result.upper) {
      diagnostics_.add(body.where, body_path,
                       "expected min < max with the mean between them, found min " +
                           format_number(result.lower) + ", mean " + format_number(*mean) +
                           ", max " + format_number(result.upper));
      return std::nullopt;
    }
  } else if (family_key == "lognormal") {
    TableReader lognormal = table.table("lognormal", true);
    if (!lognormal.valid()) return std::nullopt;
    const auto median = lognormal.unscaled_number("median", true, POSITIVE);
    const auto sigma = lognormal.unscaled_number("sigma", true, NON_NEGATIVE);
    lognormal.finish({"median", "sigma"});
    if (!median || !sigma) return std::nullopt;
    result = {Distribution::Family::Lognormal, *median, *sigma, 0.0};
  }
  return result;
}

bool QuantityReader::check_range(const Distribution& distribution, const ConfigNode& node,
                                 const std::string& path, Dimension dimension,
                                 const ValueRange& range) {
  const double low = distribution.support_min();
  const double high = distribution.support_max();
  if (range.contains(low) && range.contains(high)) return true;
  std::string expected = describe(dimension);
  if (!range.wording.empty()) expected += std::string(" ") + std::string(range.wording);
  std::string found = distribution.describe();
  if (!distribution.is_fixed()) {
    found += " whose values range over [" + format_number(low) + ", " + format_number(high) + "]";
  }
  if (dimension == Dimension::Fraction && distribution.family == Distribution::Family::Normal) {
    found += " (truncate it with min and max)";
  } else if (dimension == Dimension::Fraction && high > 1.0 && range.max <= 1.0) {
    found += distribution.is_fixed()
                 ? percentage_hint(high)
                 : " (write fractions, 0.3 for 30 %, or give the numbers a unit \"%\")";
  }
  diagnostics_.add(node.where, path, "expected " + expected + ", found " + found);
  return false;
}

bool QuantityReader::check_single_precision(const Distribution& canonical, const ConfigNode& node,
                                            const std::string& path, Dimension dimension) {
  std::vector<double> numbers = {canonical.a};
  switch (canonical.family) {
    case Distribution::Family::Fixed:
      break;
    case Distribution::Family::Uniform:
    case Distribution::Family::Lognormal:
      numbers.push_back(canonical.b);
      break;
    case Distribution::Family::Triangular:
    case Distribution::Family::Pert:
      numbers.insert(numbers.end(), {canonical.b, canonical.c});
      break;
    case Distribution::Family::Normal:
      numbers.push_back(canonical.b);
      if (std::isfinite(canonical.lower)) numbers.push_back(canonical.lower);
      if (std::isfinite(canonical.upper)) numbers.push_back(canonical.upper);
      break;
  }
  for (const double number : numbers) {
    if (is_single_precision(number)) continue;
    const std::string_view symbol = canonical_symbol(dimension);
    std::string found = format_number(number);
    if (!symbol.empty()) found.append(" ").append(symbol);
    if (!canonical.is_fixed()) found += " in " + canonical.describe();
    diagnostics_.add(node.where, path,
                     "expected " + single_precision_wording(symbol) + ", found " + found);
    return false;
  }
  return true;
}

std::optional<Quantity> QuantityReader::read(const ConfigNode& node, const std::string& path,
                                             Dimension dimension, const ValueRange& range,
                                             const std::optional<Unit>& inherited_unit) {
  if (node.is_string() && dimension == Dimension::Fraction) {
    return read_percentage(node, path, range);
  }
  if (!node.is_number() && !node.is_table()) {
    report_type(diagnostics_, node, path, "a number or a distribution");
    return std::nullopt;
  }
  // Named parameter reference.
  if (node.is_table() && node.find("parameter") != nullptr) {
    TableReader table(&node, path, diagnostics_);
    const auto name = table.string("parameter", true);
    table.finish({"parameter"});
    if (!name) return std::nullopt;
    const int index = parameters_.find(*name);
    if (index < 0 || !parameters_[static_cast<std::size_t>(index)].named) {
      diagnostics_.add(node.find("parameter")->where, join_path(path, "parameter"),
                       "expected the name of a parameter declared in [parameters], found \"" +
                           *name + "\"" + did_you_mean(*name, parameters_.names(true)));
      return std::nullopt;
    }
    const Parameter& parameter = parameters_[static_cast<std::size_t>(index)];
    const bool compatible =
        parameter.unitless ? is_unitless(dimension) : parameter.dimension == dimension;
    if (!compatible) {
      diagnostics_.add(
          node.where, path,
          "expected a parameter holding " + describe(dimension) + ", found \"" + *name +
              "\" which holds " +
              (parameter.unitless ? std::string("a plain number") : describe(parameter.dimension)));
      return std::nullopt;
    }
    if (!check_range(parameter.distribution, node, path, dimension, range)) return std::nullopt;
    return Quantity{0.0, index, 1.0};
  }

  std::string family_key;
  auto distribution = read_distribution(node, path, family_key);
  if (!distribution) return std::nullopt;

  // Unit: the value's own, else the enclosing table's.
  std::optional<Unit> unit;
  bool unit_ok = true;
  if (node.is_table()) {
    TableReader table(&node, path, diagnostics_);
    for (const auto& key : {"value", "uniform", "triangular", "pert", "normal", "lognormal"}) {
      table.skip(key);
    }
    if (node.find("unit") != nullptr) {
      unit = read_unit(table, false);
      unit_ok = unit.has_value() && unit->dimension != Dimension::Unknown;
    }
    table.finish(
        {"value", "uniform", "triangular", "pert", "normal", "lognormal", "parameter", "unit"});
  }
  if (!unit_ok) return std::nullopt;
  const bool own_unit = unit.has_value();
  if (!unit) unit = inherited_unit;
  if (unit && unit->dimension == Dimension::Unknown) return std::nullopt;
  double factor = 1.0;
  if (unit) {
    if (unit->dimension != dimension) {
      diagnostics_.add(node.where, path,
                       "expected " + describe(dimension) + ", found a value in a unit of " +
                           describe(unit->dimension) +
                           (own_unit ? "" : " (the unit of the enclosing table)"));
      return std::nullopt;
    }
    factor = unit->to_canonical;
  } else if (!is_unitless(dimension)) {
    diagnostics_.add(node.where, path,
                     "expected " + describe(dimension) +
                         " with its unit, found a number without unit (write { value = …, unit = "
                         "\"…\" } or set the table's unit)");
    return std::nullopt;
  }
  const Distribution canonical = distribution->scaled(factor);
  if (!check_single_precision(canonical, node, path, dimension)) return std::nullopt;
  if (!check_range(canonical, node, path, dimension, range)) return std::nullopt;
  if (canonical.is_fixed()) return Quantity::fixed(canonical.a);
  Parameter parameter;
  parameter.name = path;
  parameter.distribution = canonical;
  parameter.dimension = dimension;
  parameter.unitless = is_unitless(dimension);
  parameter.where = node.where;
  return Quantity{0.0, parameters_.add(std::move(parameter)), 1.0};
}

std::optional<Quantity> QuantityReader::read_percentage(const ConfigNode& node,
                                                        const std::string& path,
                                                        const ValueRange& range) {
  const auto percentage = percentage_of(node.text);
  if (!percentage) {
    report_type(diagnostics_, node, path,
                "a fraction: a number such as 0.3 or a percentage such as \"30 %\"");
    return std::nullopt;
  }
  // The same operations as { value = 30, unit = "%" }, so the same number.
  const Distribution canonical =
      Distribution::fixed(*percentage).scaled(parse_unit("%")->to_canonical);
  if (!check_single_precision(canonical, node, path, Dimension::Fraction)) return std::nullopt;
  if (!check_range(canonical, node, path, Dimension::Fraction, range)) return std::nullopt;
  return Quantity::fixed(canonical.a);
}

void QuantityReader::declare_parameter(const ConfigNode& node, const std::string& name,
                                       const std::string& path) {
  TableReader table(&node, path, diagnostics_);
  if (!table.valid()) return;
  if (!is_identifier(name)) {
    diagnostics_.add(
        node.where, path,
        "expected a parameter name made of letters, digits, '_' and '-', found \"" + name + "\"");
  }
  const ConfigNode* body = table.get("distribution", true, "a number or a distribution");
  const bool has_unit = node.find("unit") != nullptr;
  std::optional<Unit> unit;
  if (has_unit) unit = read_unit(table, false);
  const auto source = table.string("source", false);
  table.text("description", false);
  table.finish({"distribution", "unit", "source", "description"});
  if (body == nullptr) return;
  if (has_unit && (!unit || unit->dimension == Dimension::Unknown)) return;
  if (!body->is_number() && !body->is_table()) {
    report_type(diagnostics_, *body, table.path_of("distribution"), "a number or a distribution");
    return;
  }
  if (body->is_table() && body->find("parameter") != nullptr) {
    diagnostics_.add(body->where, table.path_of("distribution"),
                     "expected a distribution, found a reference to another parameter");
    return;
  }
  std::string family_key;
  const auto distribution = read_distribution(*body, table.path_of("distribution"), family_key);
  if (body->is_table()) {
    TableReader inner(body, table.path_of("distribution"), diagnostics_);
    for (const auto& key : {"value", "uniform", "triangular", "pert", "normal", "lognormal"}) {
      inner.skip(key);
    }
    if (body->find("unit") != nullptr) {
      inner.skip("unit");
      diagnostics_.add(body->find("unit")->where, table.path_of("distribution.unit"),
                       "expected the unit beside the distribution (parameters." + name +
                           ".unit), found it inside");
    }
    inner.finish({"value", "uniform", "triangular", "pert", "normal", "lognormal"});
  }
  if (!distribution) return;
  if (parameters_.find(name) >= 0) {
    diagnostics_.add(node.where, path,
                     "expected a unique parameter name, found \"" + name + "\" declared twice");
    return;
  }
  const Distribution canonical = distribution->scaled(has_unit ? unit->to_canonical : 1.0);
  const Dimension dimension = has_unit ? unit->dimension : Dimension::Ratio;
  if (!check_single_precision(canonical, *body, table.path_of("distribution"), dimension)) return;
  Parameter parameter;
  parameter.name = name;
  parameter.named = true;
  parameter.where = node.where;
  parameter.source = source.value_or("");
  parameter.unitless = !has_unit;
  parameter.dimension = dimension;
  parameter.distribution = canonical;
  parameters_.add(std::move(parameter));
}

}  // namespace traj
