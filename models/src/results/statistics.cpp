// The group `statistics`, once the run ends: its coordinates (year,
// quantile, sector, carrier, source, pollutant), then the mean, standard
// deviation and quantiles of every indicator, year by year.

#include <algorithm>

#include "groups.hpp"
#include "scales.hpp"
#include "traj/territory/results_layout.hpp"

namespace traj::territory::results {

using namespace results_layout;
using hdf5::Dataset;
using hdf5::Group;
using hdf5::Type;

namespace {

Dataset quantile_scale(Group& statistics, const std::vector<double>& levels) {
  Dataset quantile =
      statistics.create(statistics_dataset::QUANTILE, Type::Float64, {levels.size()});
  quantile.write(levels.data(), Type::Float64);
  quantile.make_scale(statistics_dataset::QUANTILE);
  quantile.set_attribute(
      "long_name",
      std::string("quantile level (relative accuracy of the values: see root attribute)"));
  return quantile;
}

std::vector<std::string> source_ids(const Scenario& scenario) {
  std::vector<std::string> ids;
  for (const auto& source : scenario.sources) ids.push_back(source.id);
  return ids;
}

/// The long name of a block of rows (final_energy_by_sector, …).
std::string block_name(const std::string& name) {
  if (name == "final_energy_by_sector") return "final energy consumption by sector";
  if (name == "final_energy_by_carrier") return "final energy consumption by carrier";
  if (name == "local_production_by_source") return "local renewable production by source";
  if (name == "ghg_by_sector") return "GHG emissions by sector";
  if (name == statistics_dataset::POLLUTANTS) return "air pollutant emissions by pollutant";
  std::string words = name;
  std::replace(words.begin(), words.end(), '_', ' ');
  return words;
}

Group statistics_group(Group& root) {
  Group statistics = root.create_group(STATISTICS);
  statistics.set_attribute("long_name",
                           std::string("statistics of every indicator over the members"));
  return statistics;
}

/// The group and its coordinates, created in this order, then its variables.
class StatisticsWriter {
 public:
  StatisticsWriter(Group& root, const Plan& plan, const EnsembleResult& of)
      : scenario_(*plan.scenario),
        catalogue_(plan.catalogue),
        result_(of),
        statistics_(statistics_group(root)),
        year_(year_scale(statistics_, scenario_)),
        quantile_(quantile_scale(statistics_, result_.quantile_levels)),
        sector_(name_scale(statistics_, statistics_dataset::SECTOR, scenario_.sectors, "sector")),
        carrier_(name_scale(statistics_, statistics_dataset::CARRIER, scenario_.carriers,
                            "energy carrier")),
        source_(name_scale(statistics_, statistics_dataset::SOURCE, source_ids(scenario_),
                           "local production source")),
        pollutant_(name_scale(statistics_, statistics_dataset::POLLUTANT, scenario_.pollutants,
                              "air pollutant")) {}

  /// The scalar indicators: mean, sd, and quantiles where recorded.
  void write_indicators() {
    for (const int row : scalar_rows(catalogue_, scenario_)) {
      const std::string& id = catalogue_[static_cast<std::size_t>(row)].id;
      write_block(id, row, 1, 1, nullptr, statistics_dataset::MEAN);
      write_block(id, row, 1, 1, nullptr, statistics_dataset::SD);
      if (has_quantiles(row)) write_block(id, row, 1, 1, nullptr, statistics_dataset::QUANTILES);
    }
  }

  /// The blocks by sector, carrier, source and pollutant.
  void write_blocks() {
    const std::size_t sectors = scenario_.sectors.size();
    for (const auto& kind :
         {std::string(statistics_dataset::MEAN), std::string(statistics_dataset::SD)}) {
      write_block("final_energy_by_sector", catalogue_.final_energy_by_sector, sectors, 1, &sector_,
                  kind);
      write_block("final_energy_by_carrier", catalogue_.final_energy_by_carrier,
                  scenario_.carriers.size(), 1, &carrier_, kind);
      write_block("local_production_by_source", catalogue_.local_production_by_source,
                  scenario_.sources.size(), 1, &source_, kind);
      write_block("ghg_by_sector", catalogue_.ghg_by_sector, sectors, 1, &sector_, kind);
      if (!scenario_.pollutants.empty()) {
        write_block(statistics_dataset::POLLUTANTS, catalogue_.pollutants,
                    scenario_.pollutants.size(), sectors + 1, &pollutant_, kind);
      }
    }
    if (!scenario_.pollutants.empty() && has_quantiles(catalogue_.pollutants)) {
      write_block(statistics_dataset::POLLUTANTS, catalogue_.pollutants,
                  scenario_.pollutants.size(), sectors + 1, &pollutant_,
                  statistics_dataset::QUANTILES);
    }
  }

  /// Pollutants by sector: (year, pollutant, sector).
  void write_pollutants_by_sector() {
    if (scenario_.pollutants.empty()) return;
    const std::size_t years = result_.years;
    const std::size_t sectors = scenario_.sectors.size();
    for (const auto& kind :
         {std::string(statistics_dataset::MEAN), std::string(statistics_dataset::SD)}) {
      std::vector<double> values;
      for (std::size_t y = 0; y < years; ++y) {
        for (std::size_t p = 0; p < scenario_.pollutants.size(); ++p) {
          for (std::size_t s = 0; s < sectors; ++s) {
            const std::size_t row =
                static_cast<std::size_t>(catalogue_.pollutants) + p * (sectors + 1) + 1 + s;
            values.push_back(kind == statistics_dataset::MEAN ? result_.mean_at(row, y)
                                                              : result_.sd_at(row, y));
          }
        }
      }
      Dataset variable = statistics_.create("pollutants_by_sector_" + kind, Type::Float64,
                                            {years, scenario_.pollutants.size(), sectors});
      variable.write(values.data(), Type::Float64);
      variable.attach_scale(year_, 0);
      variable.attach_scale(pollutant_, 1);
      variable.attach_scale(sector_, 2);
      set_units(variable, Dimension::Mass);
      set_long_name(variable, Dimension::Mass,
                    (kind == statistics_dataset::SD ? std::string("standard deviation of ")
                                                    : std::string("mean of ")) +
                        "air pollutant emissions by pollutant and sector");
    }
  }

 private:
  bool has_quantiles(int row) const {
    return std::find(result_.quantile_rows.begin(), result_.quantile_rows.end(),
                     static_cast<std::size_t>(row)) != result_.quantile_rows.end();
  }

  /// A variable (year[, item][, quantile]) from rows first_row + item × stride.
  void write_block(const std::string& name, int first_row, std::size_t items, std::size_t stride,
                   const Dataset* item_scale, const std::string& kind) {
    const std::size_t years = result_.years;
    const std::size_t levels = result_.quantile_levels.size();
    const auto& info = catalogue_[static_cast<std::size_t>(first_row)];
    std::vector<std::uint64_t> dims = {years};
    if (item_scale != nullptr) dims.push_back(items);
    std::vector<double> values;
    if (kind == statistics_dataset::QUANTILES) {
      dims.push_back(levels);
      for (std::size_t y = 0; y < years; ++y) {
        for (std::size_t i = 0; i < items; ++i) {
          for (std::size_t q = 0; q < levels; ++q) {
            values.push_back(
                result_.quantile_at(static_cast<std::size_t>(first_row) + i * stride, y, q));
          }
        }
      }
    } else {
      for (std::size_t y = 0; y < years; ++y) {
        for (std::size_t i = 0; i < items; ++i) {
          const std::size_t row = static_cast<std::size_t>(first_row) + i * stride;
          values.push_back(kind == statistics_dataset::MEAN ? result_.mean_at(row, y)
                                                            : result_.sd_at(row, y));
        }
      }
    }
    Dataset variable =
        statistics_.create(statistics_dataset::of(name, kind.c_str()), Type::Float64, dims);
    variable.write(values.data(), Type::Float64);
    variable.attach_scale(year_, 0);
    if (item_scale != nullptr) variable.attach_scale(*item_scale, 1);
    if (kind == statistics_dataset::QUANTILES)
      variable.attach_scale(quantile_, item_scale != nullptr ? 2 : 1);
    set_units(variable, info.dimension);
    // A block (year, item) is named as a whole, not by its first item's row.
    const std::string what = item_scale != nullptr ? block_name(name) : info.description;
    set_long_name(
        variable, info.dimension,
        (kind == statistics_dataset::SD ? std::string("standard deviation of ") : kind + " of ") +
            what);
  }

  const Scenario& scenario_;
  const IndicatorCatalogue& catalogue_;
  const EnsembleResult& result_;
  Group statistics_;
  const Dataset year_, quantile_, sector_, carrier_, source_, pollutant_;
};

}  // namespace

std::vector<int> scalar_rows(const IndicatorCatalogue& catalogue, const Scenario& scenario) {
  std::vector<int> rows = {catalogue.final_energy,
                           catalogue.local_production,
                           catalogue.renewable_share,
                           catalogue.energy_imports,
                           catalogue.ghg,
                           catalogue.ghg_cumulative,
                           catalogue.cost_investment,
                           catalogue.cost_operating,
                           catalogue.cost_cumulative,
                           catalogue.cost_discounted};
  for (std::size_t i = 0; i < 2 * scenario.indicators.size(); ++i)
    rows.push_back(catalogue.custom + static_cast<int>(i));
  return rows;
}

void write_statistics(Group& root, const Plan& plan, const EnsembleResult& result) {
  StatisticsWriter writer(root, plan, result);
  writer.write_indicators();
  writer.write_blocks();
  writer.write_pollutants_by_sector();
}

}  // namespace traj::territory::results
