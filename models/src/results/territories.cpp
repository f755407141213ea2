// The group `territories` of a scenario that holds several, once the run
// ends: the territories (a `territory` dimension with their names and
// populations) and the statistics of each territory's indicators along it,
// (territory, year[, sector][, quantile]), as xarray reads them.

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

class TerritoriesWriter {
 public:
  TerritoriesWriter(Group& root, const Plan& plan, const EnsembleResult& result)
      : scenario_(*plan.scenario),
        catalogue_(plan.catalogue),
        result_(result),
        group_(root.create_group(TERRITORIES)),
        territory_(name_scale(group_, territory_dataset::TERRITORY, ids(), "territory")),
        year_(year_scale(group_, scenario_)),
        sector_(name_scale(group_, statistics_dataset::SECTOR, scenario_.sectors, "sector")),
        quantile_(quantile_scale()) {
    group_.set_attribute("long_name",
                         std::string("statistics of each territory's indicators over the members"));
  }

  void write_territories() {
    std::vector<std::string> names, names_fr;
    std::vector<double> population;
    bool french = false;
    for (const Territory& territory : scenario_.territories) {
      names.push_back(territory.name);
      names_fr.push_back(territory.name_fr);
      french = french || !territory.name_fr.empty();
      population.push_back(territory.population);
    }
    Dataset name = group_.create_strings(territory_dataset::NAME, names);
    name.attach_scale(territory_, 0);
    name.set_attribute("long_name", std::string("name of the territory"));
    if (french) {
      Dataset name_fr = group_.create_strings(territory_dataset::NAME_FR, names_fr);
      name_fr.attach_scale(territory_, 0);
      name_fr.set_attribute("long_name",
                            std::string("name of the territory in French (empty: as name)"));
    }
    Dataset inhabitants =
        group_.create(territory_dataset::POPULATION, Type::Float64, {population.size()});
    inhabitants.write(population.data(), Type::Float64);
    inhabitants.attach_scale(territory_, 0);
    inhabitants.set_attribute("units", std::string("1"));
    inhabitants.set_attribute("long_name", std::string("inhabitants of the territory"));
  }

  void write_indicators() {
    // Beside /statistics' scalars, each pollutant's total (/statistics has
    // them as one (year, pollutant) block).
    std::vector<int> scalars = scalar_rows(catalogue_, scenario_);
    const std::size_t sectors = scenario_.sectors.size();
    for (std::size_t p = 0; p < scenario_.pollutants.size(); ++p)
      scalars.push_back(catalogue_.pollutants + static_cast<int>(p * (sectors + 1)));
    for (const int row : scalars) {
      const auto r = static_cast<std::size_t>(row);
      write(r, 1, statistics_dataset::MEAN);
      write(r, 1, statistics_dataset::SD);
      if (every_territory_has_quantiles(r)) write(r, 1, statistics_dataset::QUANTILES);
    }
    for (const auto* kind : {statistics_dataset::MEAN, statistics_dataset::SD}) {
      write(static_cast<std::size_t>(catalogue_.final_energy_by_sector), sectors, kind,
            "final_energy_by_sector");
      write(static_cast<std::size_t>(catalogue_.ghg_by_sector), sectors, kind, "ghg_by_sector");
    }
  }

 private:
  std::vector<std::string> ids() const {
    std::vector<std::string> result;
    for (const Territory& territory : scenario_.territories) result.push_back(territory.id);
    return result;
  }

  Dataset quantile_scale() {
    const auto& levels = result_.quantile_levels;
    Dataset quantile = group_.create(statistics_dataset::QUANTILE, Type::Float64, {levels.size()});
    quantile.write(levels.data(), Type::Float64);
    quantile.make_scale(statistics_dataset::QUANTILE);
    quantile.set_attribute("long_name", std::string("quantile level"));
    return quantile;
  }

  bool every_territory_has_quantiles(std::size_t row) const {
    for (std::size_t t = 0; t < catalogue_.territory_count(); ++t) {
      const std::size_t territory_row = catalogue_.territory_row(t, row);
      if (std::find(result_.quantile_rows.begin(), result_.quantile_rows.end(), territory_row) ==
          result_.quantile_rows.end())
        return false;
    }
    return true;
  }

  /// (territory, year[, sector][, quantile]) from the territories' rows
  /// `row` … `row + items − 1`.
  void write(std::size_t row, std::size_t items, const std::string& kind,
             const std::string& block = "") {
    const std::size_t territories = catalogue_.territory_count();
    const std::size_t years = result_.years;
    const std::size_t levels = result_.quantile_levels.size();
    const bool quantiles = kind == statistics_dataset::QUANTILES;
    std::vector<std::uint64_t> dims = {territories, years};
    if (!block.empty()) dims.push_back(items);
    if (quantiles) dims.push_back(levels);
    std::vector<double> values;
    for (std::size_t t = 0; t < territories; ++t) {
      for (std::size_t y = 0; y < years; ++y) {
        for (std::size_t i = 0; i < items; ++i) {
          const std::size_t r = catalogue_.territory_row(t, row + i);
          if (quantiles) {
            for (std::size_t q = 0; q < levels; ++q) values.push_back(result_.quantile_at(r, y, q));
          } else {
            values.push_back(kind == statistics_dataset::MEAN ? result_.mean_at(r, y)
                                                              : result_.sd_at(r, y));
          }
        }
      }
    }
    const IndicatorInfo& info = catalogue_[row];
    const std::string name = block.empty() ? info.id : block;
    Dataset variable =
        group_.create(statistics_dataset::of(name, kind.c_str()), Type::Float64, dims);
    variable.write(values.data(), Type::Float64);
    variable.attach_scale(territory_, 0);
    variable.attach_scale(year_, 1);
    if (!block.empty()) variable.attach_scale(sector_, 2);
    if (quantiles) variable.attach_scale(quantile_, block.empty() ? 2 : 3);
    set_units(variable, info.dimension);
    std::string what =
        block.empty() ? info.description : info.description.substr(0, info.description.find(','));
    if (!block.empty()) what.append(" by sector");
    set_long_name(
        variable, info.dimension,
        (kind == statistics_dataset::SD ? std::string("standard deviation of ") : kind + " of ") +
            what + ", by territory");
  }

  const Scenario& scenario_;
  const IndicatorCatalogue& catalogue_;
  const EnsembleResult& result_;
  Group group_;
  const Dataset territory_, year_, sector_, quantile_;
};

}  // namespace

void write_territories(Group& root, const Plan& plan, const EnsembleResult& result) {
  if (plan.scenario->territories.empty()) return;
  TerritoriesWriter writer(root, plan, result);
  writer.write_territories();
  writer.write_indicators();
}

}  // namespace traj::territory::results
