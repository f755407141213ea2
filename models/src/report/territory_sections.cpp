// The report's sections for a scenario of several territories: the table of
// every territory's commitments (its objectives, probability and distance),
// and small multiples of each territory's final energy, renewable share and
// GHG, read from the results file's /territories group.

#include "territory_sections.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "charts.hpp"
#include "format.hpp"
#include "labels.hpp"
#include "page.hpp"
#include "traj/error.hpp"
#include "traj/territory/results_layout.hpp"

namespace traj::territory {

using namespace results_layout;
using namespace report;

namespace {

/// Where each level of the fan chart is among the file's levels, -1 if absent.
int level_index(const std::vector<double>& levels, double level) {
  for (std::size_t i = 0; i < levels.size(); ++i) {
    if (std::abs(levels[i] - level) < 1e-9) return static_cast<int>(i);
  }
  return -1;
}

std::vector<std::string> territory_names(const hdf5::Group& territories, ReportLanguage language) {
  auto names = territories.open(territory_dataset::NAME).read_strings();
  if (language == ReportLanguage::French && territories.has(territory_dataset::NAME_FR)) {
    const auto french = territories.open(territory_dataset::NAME_FR).read_strings();
    for (std::size_t t = 0; t < names.size() && t < french.size(); ++t)
      if (!french[t].empty()) names[t] = french[t];
  }
  return names;
}

void expect_size(const std::string& path, const hdf5::Dataset& dataset, const std::string& name,
                 std::size_t size) {
  std::uint64_t total = 1;
  for (const auto dim : dataset.dims()) total *= dim;
  if (total != size) {
    throw InputError(path + ": dataset /territories/" + name + ": expected " +
                     std::to_string(size) + " values, found " + std::to_string(total));
  }
}

}  // namespace

std::optional<TerritoryQuantiles> territory_quantiles(const std::string& path,
                                                      const hdf5::Group& root,
                                                      const std::string& indicator,
                                                      std::size_t years, std::size_t levels) {
  const auto at = indicator.find('@');
  if (at == std::string::npos || !root.has(TERRITORIES)) return std::nullopt;
  const hdf5::Group territories = root.open_group(TERRITORIES);
  const std::string name =
      statistics_dataset::of(indicator.substr(0, at), statistics_dataset::QUANTILES);
  if (!territories.has(name)) return std::nullopt;
  const auto ids = territories.open(territory_dataset::TERRITORY).read_strings();
  const auto found = std::find(ids.begin(), ids.end(), indicator.substr(at + 1));
  if (found == ids.end()) return std::nullopt;
  const hdf5::Dataset dataset = territories.open(name);
  expect_size(path, dataset, name, ids.size() * years * levels);
  const auto all = dataset.read_doubles();
  const auto t = static_cast<std::size_t>(found - ids.begin());
  TerritoryQuantiles result;
  result.values.assign(all.begin() + static_cast<std::ptrdiff_t>(t * years * levels),
                       all.begin() + static_cast<std::ptrdiff_t>((t + 1) * years * levels));
  result.units = dataset.has_attribute("display_units") ? dataset.string_attribute("display_units")
                                                        : dataset.string_attribute("units");
  return result;
}

void write_commitments_section(std::ostringstream& html, const hdf5::Group& root,
                               const std::vector<TerritoryCommitment>& commitments,
                               ReportLanguage language) {
  if (!root.has(TERRITORIES)) return;
  const hdf5::Group territories = root.open_group(TERRITORIES);
  const auto ids = territories.open(territory_dataset::TERRITORY).read_strings();
  const auto names = territory_names(territories, language);
  const auto population = territories.open(territory_dataset::POPULATION).read_doubles();
  html << "<section id=\"commitments\"><h2>" << escape(label("commitments", language)) << "</h2><p>"
       << escape(label("commitments_intro", language)) << "</p><table><thead><tr><th>"
       << escape(label("territory", language)) << "</th><th>"
       << escape(label("inhabitants", language)) << "</th><th class=\"objective-cell\">"
       << escape(label("objective_header", language)) << "</th><th>"
       << escape(label("probability_header", language)) << "</th><th>"
       << escape(label("distance", language)) << "</th></tr></thead><tbody>\n";
  for (std::size_t t = 0; t < ids.size(); ++t) {
    std::vector<const TerritoryCommitment*> own;
    for (const auto& commitment : commitments) {
      const auto at = commitment.indicator.find('@');
      if (at != std::string::npos && commitment.indicator.substr(at + 1) == ids[t])
        own.push_back(&commitment);
    }
    const std::string cells = "<td>" + escape(names[t]) + "</td><td class=\"number\">" +
                              number(population[t], 0, language) + "</td>";
    if (own.empty()) {
      html << "<tr>" << cells << "<td colspan=\"3\">" << escape(label("no_commitment", language))
           << "</td></tr>\n";
      continue;
    }
    for (const TerritoryCommitment* commitment : own) {
      html << "<tr>" << cells << "<td>" << escape(commitment->text)
           << "</td><td class=\"probability stacked\">"
           << escape(percent(commitment->probability, language) + " " + label("likely", language))
           << "<span class=\"interval\">"
           << escape(std::string("(") + label("interval", language) + " " +
                     percent(commitment->low, language) + "–" +
                     percent(commitment->high, language) + ")")
           << "</span></td><td class=\"distance\">" << escape(commitment->distance)
           << "</td></tr>\n";
    }
  }
  html << "</tbody></table></section>\n";
}

void write_small_multiples_section(std::ostringstream& html, const std::string& path,
                                   const hdf5::Group& root, const std::vector<int>& years,
                                   const std::vector<double>& levels, ReportLanguage language) {
  if (!root.has(TERRITORIES)) return;
  const hdf5::Group territories = root.open_group(TERRITORIES);
  const auto ids = territories.open(territory_dataset::TERRITORY).read_strings();
  const auto names = territory_names(territories, language);
  const int i05 = level_index(levels, 0.05), i25 = level_index(levels, 0.25),
            i50 = level_index(levels, 0.5), i75 = level_index(levels, 0.75),
            i95 = level_index(levels, 0.95);
  if (i05 < 0 || i50 < 0 || i95 < 0) return;
  html << "<section id=\"territories\"><h2>" << escape(label("territories", language)) << "</h2>\n";
  for (const auto& [id, unit, scale] :
       {std::tuple{std::string("final_energy"), std::string("GWh"), 1.0},
        std::tuple{std::string("renewable_share"), std::string("%"), 100.0},
        std::tuple{std::string("ghg"), std::string("ktCO2e"), 1.0}}) {
    const std::string name = statistics_dataset::of(id, statistics_dataset::QUANTILES);
    if (!territories.has(name)) continue;
    const hdf5::Dataset dataset = territories.open(name);
    expect_size(path, dataset, name, ids.size() * years.size() * levels.size());
    const auto all = dataset.read_doubles();
    html << "<h3>" << escape(label(id, language)) << "</h3><div class=\"small-multiples\">\n";
    for (std::size_t t = 0; t < ids.size(); ++t) {
      const auto series = [&](int level) {
        std::vector<double> values;
        for (std::size_t y = 0; y < years.size(); ++y)
          values.push_back(
              all[(t * years.size() + y) * levels.size() + static_cast<std::size_t>(level)]);
        return values;
      };
      const auto median = series(i50);
      html << fan_chart(id + "-" + ids[t], names[t], unit, years, series(i05),
                        i25 >= 0 ? series(i25) : median, median, i75 >= 0 ? series(i75) : median,
                        series(i95), scale, {}, language);
    }
    html << "</div>\n";
  }
  html << "</section>\n";
}

}  // namespace traj::territory
