#pragma once
/// Observed yearly values of the model's indicators (`traj track
/// --observations`), read from CSV or TOML (docs/scenario-format.md#observations),
/// converted once to the indicator's canonical unit and checked against the
/// scenario: known indicator, year after the base year and up to the
/// horizon, a unit of the indicator's dimension, a stated uncertainty.

#include <string>
#include <vector>

#include "traj/error.hpp"
#include "traj/territory/indicators.hpp"

namespace traj::territory {

/// How much wider an `estimated` value's error is than a final one's.
inline constexpr double ESTIMATED_WIDENING = 2.0;
/// z of the two-sided 90 % interval an `uncertainty` interval states.
inline constexpr double INTERVAL_Z = 1.6448536269514722;

struct Observation {
  std::string indicator;
  std::size_t row = 0;  ///< in the scenario's IndicatorCatalogue
  int year = 0;
  double value = 0.0;  ///< in the indicator's canonical unit
  /// The error's standard deviation: of ln(value) when `on_log`, else of the
  /// value (canonical unit); after widening an estimated value.
  double sd = 0.0;
  bool on_log = true;  ///< Gaussian on the log (a positive value), else on the value
  bool estimated = false;
  std::string uncertainty_written;  ///< as the file wrote it, for outputs
  SourceLocation where;             ///< the record's line (CSV) or table (TOML)
};

struct ObservationSet {
  std::string path;
  bool illustrative = false;              ///< the file says its numbers are not measurements
  std::string source;                     ///< where the figures come from, as the file says
  std::vector<Observation> observations;  ///< in file order
};

/// Reads `text` (the file `path`; CSV unless the name ends in ".toml") and
/// checks every record against `scenario`'s indicators and years. Throws
/// InputError with every problem found, each located (file:line and the
/// column or key).
ObservationSet read_observations(const std::string& path, const std::string& text,
                                 const Scenario& scenario);

/// Loads the file at `path` (InputError if it cannot be read) and reads it.
ObservationSet load_observations(const std::string& path, const Scenario& scenario);

}  // namespace traj::territory
