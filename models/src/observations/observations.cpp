// Observed values checked against the scenario: indicator, year, unit and
// uncertainty resolved once, every problem located.

#include "traj/territory/observations.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "observation_records.hpp"
#include "traj/source_provider.hpp"
#include "traj/string_distance.hpp"
#include "traj/units.hpp"

namespace traj::territory {
namespace {

using observations::RawField;
using observations::RawRecord;

/// Largest relative standard deviation accepted: beyond it an observation
/// says nothing and is more likely a typo (50 instead of 5 %).
constexpr double MAX_RELATIVE_SD = 1.0;

std::optional<double> parse_number(std::string_view text) {
  double value = 0.0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc() || stop != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::string shown(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6g", value);
  return buffer;
}

/// A field's number: written as one (TOML) or as text (CSV).
std::optional<double> number_of(const RawField& field, const std::string& expected,
                                Diagnostics& diagnostics) {
  if (!field.present) {
    diagnostics.add(field.where, field.key, "expected " + expected + ", found nothing");
    return std::nullopt;
  }
  if (field.number) return field.number;
  const auto parsed = field.interval ? std::nullopt : parse_number(field.text);
  if (!parsed)
    diagnostics.add(field.where, field.key,
                    "expected " + expected + ", found \"" + field.text + "\"");
  return parsed;
}

class Resolver {
 public:
  Resolver(const Scenario& scenario, Diagnostics& diagnostics)
      : scenario_(scenario), catalogue_(scenario), diagnostics_(diagnostics) {}

  std::optional<Observation> resolve(const RawRecord& record) {
    Observation observation;
    observation.where = record.where;
    bool ok = indicator(record.indicator, observation);
    ok = year(record.year, observation) && ok;
    std::optional<double> factor;
    if (ok) factor = unit_factor(record.unit, observation);
    const auto written = number_of(record.value, "a number (the observed value)", diagnostics_);
    ok = ok && factor && written;
    ok = status(record.status, observation) && ok;
    if (!ok) {
      // The uncertainty is read against the value; its absence is said anyway.
      if (!record.uncertainty.present) missing_uncertainty(record.uncertainty);
      return std::nullopt;
    }
    observation.value = *written * *factor;
    if (!uncertainty(record.uncertainty, *factor, observation)) return std::nullopt;
    if (observation.estimated) observation.sd *= ESTIMATED_WIDENING;
    return observation;
  }

 private:
  bool indicator(const RawField& field, Observation& observation) {
    if (!field.present || field.number || field.interval) {
      diagnostics_.add(field.where, field.key, "expected an indicator id, found nothing");
      return false;
    }
    const int row = catalogue_.find(field.text);
    if (row < 0) {
      diagnostics_.add(field.where, field.key,
                       "expected an indicator of the scenario (`traj scenario show` lists "
                       "them), found \"" +
                           field.text + "\"" + did_you_mean(field.text, catalogue_.ids()));
      return false;
    }
    observation.indicator = field.text;
    observation.row = static_cast<std::size_t>(row);
    return true;
  }

  bool year(const RawField& field, Observation& observation) {
    const auto value = number_of(field, "a year", diagnostics_);
    if (!value) return false;
    const int first = scenario_.base_year + 1, last = scenario_.horizon;
    if (*value != std::floor(*value) || *value < first || *value > last) {
      diagnostics_.add(field.where, field.key,
                       "expected a year from " + std::to_string(first) + " (after the base year " +
                           std::to_string(scenario_.base_year) + ") to the horizon " +
                           std::to_string(last) + ", found " + shown(*value));
      return false;
    }
    observation.year = static_cast<int>(*value);
    return true;
  }

  /// The factor to the indicator's canonical unit.
  std::optional<double> unit_factor(const RawField& field, const Observation& observation) {
    const IndicatorInfo& info = catalogue_[observation.row];
    const std::string canonical(canonical_symbol(info.dimension));
    if (!field.present || field.number || field.interval) {
      if (is_unitless(info.dimension) && info.dimension != Dimension::Fraction) return 1.0;
      diagnostics_.add(field.where, field.key,
                       "expected the unit of " + observation.indicator + ", " +
                           describe(info.dimension) + ", found nothing");
      return std::nullopt;
    }
    const auto unit = parse_unit(field.text);
    if (!unit || unit->dimension != info.dimension) {
      diagnostics_.add(field.where, field.key,
                       "expected the unit of " + observation.indicator + ", " +
                           describe(info.dimension) + ", found \"" + field.text + "\"");
      return std::nullopt;
    }
    return unit->to_canonical;
  }

  bool status(const RawField& field, Observation& observation) {
    if (!field.present) return true;  // documented: no status is a final figure
    if (field.text == "estimated" || field.text == "final") {
      observation.estimated = field.text == "estimated";
      return true;
    }
    diagnostics_.add(field.where, field.key,
                     "expected \"final\" or \"estimated\" (or nothing: final), found \"" +
                         (field.number ? shown(*field.number) : field.text) + "\"");
    return false;
  }

  static constexpr const char* UNCERTAINTY_EXPECTED =
      "a relative standard deviation (\"5%\") or a 90 % interval (\"low..high\" in the "
      "row's unit)";

  void missing_uncertainty(const RawField& field) {
    diagnostics_.add(field.where, field.key,
                     std::string("expected ") + UNCERTAINTY_EXPECTED +
                         ", found nothing: every value states its error");
  }

  bool uncertainty(const RawField& field, double factor, Observation& observation) {
    const std::string expected = UNCERTAINTY_EXPECTED;
    if (!field.present) {
      missing_uncertainty(field);
      return false;
    }
    std::optional<std::pair<double, double>> interval = field.interval;
    const std::string& text = field.text;
    observation.uncertainty_written =
        interval ? shown(interval->first) + ".." + shown(interval->second) : text;
    if (!interval && !text.empty() && text.back() == '%') {
      const auto percent = parse_number(std::string_view(text).substr(0, text.size() - 1));
      if (!percent || *percent <= 0.0 || *percent / 100 > MAX_RELATIVE_SD) {
        diagnostics_.add(field.where, field.key,
                         "expected a relative standard deviation above 0 % and at most " +
                             shown(100 * MAX_RELATIVE_SD) + " %, found \"" + text + "\"");
        return false;
      }
      const double relative = *percent / 100;
      if (observation.value > 0.0) {
        // The lognormal whose relative standard deviation is `relative`.
        observation.sd = std::sqrt(std::log1p(relative * relative));
        observation.on_log = true;
      } else if (observation.value < 0.0) {
        observation.sd = relative * std::abs(observation.value);
        observation.on_log = false;
      } else {
        diagnostics_.add(field.where, field.key,
                         "a relative error of 0 is 0: for an observed 0, give an interval "
                         "\"low..high\"");
        return false;
      }
      return true;
    }
    if (!interval) {
      const std::size_t dots = text.find("..");
      if (dots != std::string::npos) {
        const auto low = parse_number(std::string_view(text).substr(0, dots));
        const auto high = parse_number(std::string_view(text).substr(dots + 2));
        if (low && high) interval = std::make_pair(*low, *high);
      }
    }
    if (!interval) {
      diagnostics_.add(field.where, field.key,
                       "expected " + expected + ", found \"" +
                           (field.number ? shown(*field.number) : text) + "\"");
      return false;
    }
    const double low = interval->first * factor, high = interval->second * factor;
    if (!(low < observation.value && observation.value < high)) {
      diagnostics_.add(field.where, field.key,
                       "expected an interval low..high around the value " +
                           shown(observation.value / factor) + ", found " +
                           observation.uncertainty_written);
      return false;
    }
    observation.on_log = low > 0.0;
    observation.sd = observation.on_log ? (std::log(high) - std::log(low)) / (2 * INTERVAL_Z)
                                        : (high - low) / (2 * INTERVAL_Z);
    return true;
  }

  const Scenario& scenario_;
  IndicatorCatalogue catalogue_;
  Diagnostics& diagnostics_;
};

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

ObservationSet read_observations(const std::string& path, const std::string& text,
                                 const Scenario& scenario) {
  Diagnostics diagnostics;
  const observations::RawFile raw = ends_with(path, ".toml")
                                        ? observations::read_toml(path, text, diagnostics)
                                        : observations::read_csv(path, text, diagnostics);
  ObservationSet set;
  set.path = path;
  set.illustrative = raw.illustrative;
  set.source = raw.source;
  Resolver resolver(scenario, diagnostics);
  for (const RawRecord& record : raw.records) {
    auto observation = resolver.resolve(record);
    if (!observation) continue;
    for (const Observation& earlier : set.observations) {
      if (earlier.row == observation->row && earlier.year == observation->year) {
        diagnostics.add(record.where, record.indicator.key,
                        observation->indicator + " in " + std::to_string(observation->year) +
                            " is observed twice (first at line " +
                            std::to_string(earlier.where.line) + "): keep one");
      }
    }
    set.observations.push_back(std::move(*observation));
  }
  if (diagnostics.empty() && set.observations.empty()) {
    diagnostics.add({path, 0, 0}, "", "expected at least one observation, found none");
  }
  diagnostics.throw_if_any();
  return set;
}

ObservationSet load_observations(const std::string& path, const Scenario& scenario) {
  const SourceText source = DiskSourceProvider().read_text(path);
  if (!source.text) throw InputError("--observations: " + path + " " + source.problem);
  return read_observations(path, *source.text, scenario);
}

}  // namespace traj::territory
