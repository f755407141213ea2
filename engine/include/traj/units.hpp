#pragma once
/// Units of measure, converted once at load time to canonical units.
///
/// Canonical units: energy GWh; GHG mass ktCO2e; pollutant mass t;
/// GHG intensity ktCO2e/GWh (numerically equal to kgCO2e/kWh); pollutant
/// intensity t/GWh; power MWp; specific yield GWh/MWp; money M€; money rate
/// M€/yr; rates per year as fractions; volume m3; area ha.

#include <optional>
#include <string>
#include <string_view>

namespace traj {

enum class Dimension {
  Fraction,       ///< a share: plain number or "%"
  Ratio,          ///< a plain positive number that may exceed 1 (COP, efficiency)
  Year,           ///< a calendar year
  Energy,         ///< GWh
  GhgMass,        ///< ktCO2e
  Mass,           ///< t
  GhgIntensity,   ///< ktCO2e/GWh
  MassIntensity,  ///< t/GWh
  Power,          ///< MWp
  SpecificYield,  ///< GWh/MWp
  Money,          ///< M€
  MoneyRate,      ///< M€/yr
  Rate,           ///< fraction per year
  Volume,         ///< m3
  Area,           ///< ha
  Steepness,      ///< 1/yr, plain number
  Unknown,        ///< a unit that could not be read (already reported)
};

/// A unit the user wrote, resolved: its dimension and the factor that turns a
/// value in this unit into the canonical unit of the dimension.
struct Unit {
  Dimension dimension;
  double to_canonical;
};

/// The unit named `symbol` (e.g. "kWh/kWp", "g/GJ", "%/yr"), if known.
std::optional<Unit> parse_unit(std::string_view symbol);

/// The canonical unit's symbol, e.g. "GWh" (empty for plain numbers).
std::string_view canonical_symbol(Dimension dimension);

/// The canonical unit as both UDUNITS-2 and pint read it, for the `units`
/// attribute of files (CF-1.8): "GW h" for GWh ("GWh" is not UDUNITS'),
/// "Gg" for the kilotonne ("kt" is the knot to both), "Gg/(GW h)", "t",
/// "MW", "1e6" for money in millions (the currency in its own attribute:
/// no units library knows €), "year^-1", "m^3", "ha"; "1" for plain numbers
/// and fractions.
std::string_view cf_units(Dimension dimension);

/// A phrase for error messages, e.g. "an energy (GWh, MWh, kWh, TWh)".
std::string describe(Dimension dimension);

/// Whether a value of this dimension may be written without a unit.
bool is_unitless(Dimension dimension);

}  // namespace traj
