#include "scales.hpp"

#include <sstream>

#include "traj/territory/results_layout.hpp"

namespace traj::territory::results {

using namespace results_layout;
using hdf5::Dataset;
using hdf5::Group;
using hdf5::Type;

std::string unit_of(Dimension dimension) {
  if (dimension == Dimension::Fraction) return "1";
  const auto symbol = canonical_symbol(dimension);
  return symbol.empty() ? "1" : std::string(symbol);
}

namespace {
bool is_greenhouse_gas(Dimension dimension) {
  return dimension == Dimension::GhgMass || dimension == Dimension::GhgIntensity;
}
}  // namespace

void set_units(Dataset& variable, Dimension dimension) {
  variable.set_attribute("units", std::string(cf_units(dimension)));
  variable.set_attribute("display_units",
                         dimension == Dimension::Fraction ? std::string("%") : unit_of(dimension));
  if (is_greenhouse_gas(dimension)) variable.set_attribute("mass_of", std::string("CO2e"));
  if (dimension == Dimension::Money || dimension == Dimension::MoneyRate)
    variable.set_attribute("currency", std::string("EUR"));
}

void set_long_name(Dataset& variable, Dimension dimension, const std::string& long_name) {
  const bool says_it = long_name.find("CO2e") != std::string::npos;
  variable.set_attribute(
      "long_name", is_greenhouse_gas(dimension) && !says_it ? long_name + " (CO2e)" : long_name);
}

std::string display_units_of(const Dataset& variable) {
  for (const char* name : {"display_units", "units"}) {
    if (variable.has_attribute(name)) return variable.string_attribute(name);
  }
  return "";
}

std::string join_numbers(const std::vector<double>& values) {
  std::ostringstream text;
  text.precision(17);
  for (std::size_t i = 0; i < values.size(); ++i) text << (i ? "," : "") << values[i];
  return text.str();
}

Dataset year_scale(Group& group, const Scenario& scenario) {
  std::vector<std::int32_t> years;
  for (int year = scenario.base_year; year <= scenario.horizon; ++year) years.push_back(year);
  Dataset scale = group.create(statistics_dataset::YEAR, Type::Int32, {years.size()});
  scale.write(years.data(), Type::Int32);
  scale.make_scale(statistics_dataset::YEAR);
  scale.set_attribute("units", std::string("year"));
  scale.set_attribute("long_name", std::string("calendar year"));
  return scale;
}

Dataset name_scale(Group& group, const std::string& name, const std::vector<std::string>& values,
                   const std::string& long_name) {
  Dataset scale = group.create_strings(name, values);
  scale.make_scale(name);
  if (!long_name.empty()) scale.set_attribute("long_name", long_name);
  return scale;
}

Dataset member_scale(Group& group) {
  Dataset scale = group.create_growing(member_dataset::MEMBER, Type::Int64, {}, {MEMBER_CHUNK});
  scale.make_scale(member_dataset::MEMBER);
  scale.set_attribute(
      "long_name",
      std::string("member of the ensemble (its draws depend only on seed, parameter and member)"));
  return scale;
}

}  // namespace traj::territory::results
