#include "traj/units.hpp"

#include <array>

namespace traj {
namespace {

struct UnitEntry {
  std::string_view symbol;
  Dimension dimension;
  double to_canonical;
};

// 1 GWh = 3 600 GJ, so 1 g/GJ = 3 600 g/GWh = 0.0036 t/GWh.
constexpr std::array UNITS = {
    UnitEntry{"%", Dimension::Fraction, 0.01},
    UnitEntry{"fraction", Dimension::Fraction, 1.0},
    UnitEntry{"TWh", Dimension::Energy, 1000.0},
    UnitEntry{"GWh", Dimension::Energy, 1.0},
    UnitEntry{"MWh", Dimension::Energy, 1e-3},
    UnitEntry{"kWh", Dimension::Energy, 1e-6},
    UnitEntry{"ktep", Dimension::Energy, 11.63},  // 1 toe = 11.63 MWh (IEA)
    UnitEntry{"tep", Dimension::Energy, 0.01163},
    UnitEntry{"MtCO2e", Dimension::GhgMass, 1000.0},
    UnitEntry{"ktCO2e", Dimension::GhgMass, 1.0},
    UnitEntry{"tCO2e", Dimension::GhgMass, 1e-3},
    UnitEntry{"kt", Dimension::Mass, 1000.0},
    UnitEntry{"t", Dimension::Mass, 1.0},
    UnitEntry{"kg", Dimension::Mass, 1e-3},
    UnitEntry{"kgCO2e/kWh", Dimension::GhgIntensity, 1.0},
    UnitEntry{"gCO2e/kWh", Dimension::GhgIntensity, 1e-3},
    UnitEntry{"tCO2e/MWh", Dimension::GhgIntensity, 1.0},
    UnitEntry{"ktCO2e/GWh", Dimension::GhgIntensity, 1.0},
    UnitEntry{"g/GJ", Dimension::MassIntensity, 0.0036},
    UnitEntry{"kg/TJ", Dimension::MassIntensity, 0.0036},
    UnitEntry{"g/kWh", Dimension::MassIntensity, 1.0},
    UnitEntry{"mg/kWh", Dimension::MassIntensity, 1e-3},
    UnitEntry{"kg/MWh", Dimension::MassIntensity, 1.0},
    UnitEntry{"t/GWh", Dimension::MassIntensity, 1.0},
    UnitEntry{"GWp", Dimension::Power, 1000.0},
    UnitEntry{"MWp", Dimension::Power, 1.0},
    UnitEntry{"kWp", Dimension::Power, 1e-3},
    UnitEntry{"MW", Dimension::Power, 1.0},
    UnitEntry{"kW", Dimension::Power, 1e-3},
    UnitEntry{"kWh/kWp", Dimension::SpecificYield, 1e-3},
    UnitEntry{"MWh/MWp", Dimension::SpecificYield, 1e-3},
    UnitEntry{"GWh/MWp", Dimension::SpecificYield, 1.0},
    UnitEntry{"kWh/kW", Dimension::SpecificYield, 1e-3},
    UnitEntry{"MWh/MW", Dimension::SpecificYield, 1e-3},
    UnitEntry{"M€", Dimension::Money, 1.0},
    UnitEntry{"k€", Dimension::Money, 1e-3},
    UnitEntry{"€", Dimension::Money, 1e-6},
    UnitEntry{"MEUR", Dimension::Money, 1.0},
    UnitEntry{"kEUR", Dimension::Money, 1e-3},
    UnitEntry{"EUR", Dimension::Money, 1e-6},
    UnitEntry{"M€/yr", Dimension::MoneyRate, 1.0},
    UnitEntry{"k€/yr", Dimension::MoneyRate, 1e-3},
    UnitEntry{"€/yr", Dimension::MoneyRate, 1e-6},
    UnitEntry{"MEUR/yr", Dimension::MoneyRate, 1.0},
    UnitEntry{"kEUR/yr", Dimension::MoneyRate, 1e-3},
    UnitEntry{"EUR/yr", Dimension::MoneyRate, 1e-6},
    UnitEntry{"%/yr", Dimension::Rate, 0.01},
    UnitEntry{"1/yr", Dimension::Rate, 1.0},
    UnitEntry{"m3", Dimension::Volume, 1.0},
    UnitEntry{"m³", Dimension::Volume, 1.0},
    UnitEntry{"Mm3", Dimension::Volume, 1e6},
    UnitEntry{"Mm³", Dimension::Volume, 1e6},
    UnitEntry{"ha", Dimension::Area, 1.0},
    UnitEntry{"km2", Dimension::Area, 100.0},
    UnitEntry{"km²", Dimension::Area, 100.0},
    UnitEntry{"m2", Dimension::Area, 1e-4},
    UnitEntry{"m²", Dimension::Area, 1e-4},
};

}  // namespace

std::optional<Unit> parse_unit(std::string_view symbol) {
  for (const auto& entry : UNITS) {
    if (entry.symbol == symbol) return Unit{entry.dimension, entry.to_canonical};
  }
  return std::nullopt;
}

std::string_view canonical_symbol(Dimension dimension) {
  switch (dimension) {
    case Dimension::Energy:
      return "GWh";
    case Dimension::GhgMass:
      return "ktCO2e";
    case Dimension::Mass:
      return "t";
    case Dimension::GhgIntensity:
      return "ktCO2e/GWh";
    case Dimension::MassIntensity:
      return "t/GWh";
    case Dimension::Power:
      return "MWp";
    case Dimension::SpecificYield:
      return "GWh/MWp";
    case Dimension::Money:
      return "M€";
    case Dimension::MoneyRate:
      return "M€/yr";
    case Dimension::Rate:
      return "1/yr";
    case Dimension::Volume:
      return "m3";
    case Dimension::Area:
      return "ha";
    case Dimension::Fraction:
    case Dimension::Ratio:
    case Dimension::Year:
    case Dimension::Steepness:
    case Dimension::Unknown:
      return "";
  }
  return "";
}

std::string_view cf_units(Dimension dimension) {
  switch (dimension) {
    case Dimension::Energy:
      return "GW h";
    case Dimension::GhgMass:
      return "Gg";
    case Dimension::Mass:
      return "t";
    case Dimension::GhgIntensity:
      return "Gg/(GW h)";
    case Dimension::MassIntensity:
      return "t/(GW h)";
    case Dimension::Power:
      return "MW";
    case Dimension::SpecificYield:
      return "GW h/MW";
    case Dimension::Money:
      return "1e6";
    case Dimension::MoneyRate:
      return "1e6 year^-1";
    case Dimension::Rate:
      return "year^-1";
    case Dimension::Volume:
      return "m^3";
    case Dimension::Area:
      return "ha";
    case Dimension::Fraction:
    case Dimension::Ratio:
    case Dimension::Year:
    case Dimension::Steepness:
    case Dimension::Unknown:
      return "1";
  }
  return "1";
}

std::string describe(Dimension dimension) {
  std::string name;
  switch (dimension) {
    case Dimension::Fraction:
      return "a fraction (a plain number in [0, 1], a percentage \"30 %\", or a unit \"%\")";
    case Dimension::Ratio:
      return "a plain number";
    case Dimension::Year:
      return "a year";
    case Dimension::Steepness:
      return "a steepness in 1/yr (a plain number)";
    case Dimension::Unknown:
      return "an unknown unit";
    case Dimension::Energy:
      name = "an energy";
      break;
    case Dimension::GhgMass:
      name = "a GHG mass";
      break;
    case Dimension::Mass:
      name = "a mass";
      break;
    case Dimension::GhgIntensity:
      name = "a GHG emission factor";
      break;
    case Dimension::MassIntensity:
      name = "a pollutant emission factor";
      break;
    case Dimension::Power:
      name = "a power";
      break;
    case Dimension::SpecificYield:
      name = "a specific yield";
      break;
    case Dimension::Money:
      name = "an amount of money";
      break;
    case Dimension::MoneyRate:
      name = "an amount of money per year";
      break;
    case Dimension::Rate:
      name = "a rate per year";
      break;
    case Dimension::Volume:
      name = "a volume";
      break;
    case Dimension::Area:
      name = "an area";
      break;
  }
  std::string symbols;
  for (const auto& entry : UNITS) {
    if (entry.dimension != dimension) continue;
    if (!symbols.empty()) symbols += ", ";
    symbols += entry.symbol;
  }
  return name + " (" + symbols + ")";
}

bool is_unitless(Dimension dimension) {
  return dimension == Dimension::Fraction || dimension == Dimension::Ratio ||
         dimension == Dimension::Year || dimension == Dimension::Steepness;
}

}  // namespace traj
