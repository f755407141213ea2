#pragma once
/// What every group of a results file shares: its units and its dimension
/// scales (netCDF dimensions: year, member, a list of names).

#include <cstdint>
#include <string>
#include <vector>

#include "traj/hdf5_file.hpp"
#include "traj/territory/scenario.hpp"

namespace traj::territory::results {

/// Rows of a growing (member) dataset per chunk.
inline constexpr std::uint64_t MEMBER_CHUNK = 1024;

/// The canonical unit of a dimension as the file writes it ("1" for none).
std::string unit_of(Dimension dimension);
/// Attributes of a quantity in `dimension` (docs/hdf5-layout.md#units):
/// `units` as UDUNITS-2 and pint read it (cf_units), `display_units` as
/// traj shows it ("GWh", "ktCO2e", "M€", "%" for a fraction: × 100), and
/// what the units cannot say: `mass_of = "CO2e"` for greenhouse gases,
/// `currency = "EUR"` for money.
void set_units(hdf5::Dataset& variable, Dimension dimension);
/// `long_name`, with "(CO2e)" added for a greenhouse-gas quantity that does
/// not say it.
void set_long_name(hdf5::Dataset& variable, Dimension dimension, const std::string& long_name);
/// The unit a person reads for a variable: its display_units, else (files
/// written before 2026-12-03) its units; "" for none.
std::string display_units_of(const hdf5::Dataset& variable);

/// "0.05,0.5,0.95", each number at full precision.
std::string join_numbers(const std::vector<double>& values);

/// A coordinate variable that is also a dimension scale (netCDF dimension).
hdf5::Dataset year_scale(hdf5::Group& group, const Scenario& scenario);
/// Of texts; without `long_name` when it is empty.
hdf5::Dataset name_scale(hdf5::Group& group, const std::string& name,
                         const std::vector<std::string>& values, const std::string& long_name);
hdf5::Dataset member_scale(hdf5::Group& group);

}  // namespace traj::territory::results
