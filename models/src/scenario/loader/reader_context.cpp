#include "reader_context.hpp"

#include <algorithm>

#include "traj/string_distance.hpp"

namespace traj::territory::loader {

int index_of(const std::vector<std::string>& names, std::string_view name) {
  const auto found = std::find(names.begin(), names.end(), name);
  return found == names.end() ? NONE : static_cast<int>(found - names.begin());
}

std::string quoted(std::string_view text) {
  // Appended piece by piece: GCC 12 warns (-Wrestrict) on "\"" + text.
  std::string result = "\"";
  result += text;
  result += '"';
  return result;
}

std::string article(std::string_view noun) {
  const bool vowel =
      !noun.empty() && std::string_view("aeiou").find(noun.front()) != std::string_view::npos;
  return (vowel ? "an " : "a ") + std::string(noun);
}

std::string element_path(const std::string& array, const ConfigNode& element, std::size_t i) {
  std::string path = array + "[" + std::to_string(i) + "]";
  const ConfigNode* id_node = element.is_table() ? element.find("id") : nullptr;
  if (id_node != nullptr && id_node->is_string() && is_identifier(id_node->text)) {
    path = array + "." + id_node->text;
  }
  return path;
}

ReaderContext::ReaderContext(Scenario& target, Diagnostics& sink)
    : scenario(target), diagnostics(sink), quantities(target.parameters, sink) {}

int ReaderContext::reference(TableReader& table, std::string_view key,
                             const std::vector<std::string>& names, std::string_view what) {
  const int index = index_of(names, key);
  if (index == NONE) {
    table.report(key, "expected " + article(what) + " of the territory, found " + quoted(key) +
                          did_you_mean(key, names));
  }
  return index;
}

void ReaderContext::note_cell_use(int sector, int carrier, const SourceLocation& where,
                                  const std::string& path) {
  const auto cell = static_cast<std::size_t>(scenario.cell(sector, carrier));
  if (cell_used_by[cell].empty()) {
    cell_used_at[cell] = where;
    cell_used_by[cell] = path;
  }
}

std::vector<std::string> ReaderContext::species_names() const {
  std::vector<std::string> names = {"ghg"};
  names.insert(names.end(), scenario.pollutants.begin(), scenario.pollutants.end());
  return names;
}

int ReaderContext::energy_branch_sector() const {
  const int sector = index_of(scenario.sectors, "energy_branch");
  return sector;
}

std::vector<std::string> ReaderContext::source_ids() const {
  std::vector<std::string> ids;
  for (const auto& source : scenario.sources) ids.push_back(source.id);
  return ids;
}

ValueRange ReaderContext::year_range() const {
  return {static_cast<double>(scenario.base_year), static_cast<double>(scenario.horizon),
          year_wording};
}

std::optional<Quantity> ReaderContext::read_year(const ConfigNode& node, const std::string& path) {
  year_wording = "in [" + std::to_string(scenario.base_year) + ", " +
                 std::to_string(scenario.horizon) + "] (base year to horizon)";
  return quantities.read(node, path, Dimension::Year, year_range());
}

std::optional<Quantity> ReaderContext::read_curve_year(const ConfigNode& node,
                                                       const std::string& path) {
  const int latest = scenario.horizon + static_cast<int>(MAX_SHIFT_YEARS);
  year_wording = "in [" + std::to_string(scenario.base_year) + ", " + std::to_string(latest) +
                 "] (base year to 50 years past the horizon)";
  return quantities.read(
      node, path, Dimension::Year,
      {static_cast<double>(scenario.base_year), static_cast<double>(latest), year_wording});
}

std::vector<int> ReaderContext::read_references(TableReader& table, std::string_view key,
                                                const std::vector<std::string>& names,
                                                std::string_view what, bool required) {
  std::vector<int> result;
  const auto ids = table.strings(key, required);
  if (!ids) return result;
  const ConfigNode* node = table.get(key, false, "");
  for (std::size_t i = 0; i < ids->size(); ++i) {
    const int index = index_of(names, (*ids)[i]);
    const SourceLocation& where = node->is_array() ? node->children[i].where : node->where;
    if (index == NONE) {
      std::string element_path = table.path_of(key);
      if (node->is_array()) {
        // Appended piece by piece: GCC 12 warns (-Wrestrict) on "[" + text.
        element_path += '[';
        element_path += std::to_string(i);
        element_path += ']';
      }
      diagnostics.add(where, element_path,
                      "expected " + article(what) + " of the territory, found " +
                          quoted((*ids)[i]) + did_you_mean((*ids)[i], names));
    } else if (!contains(result, index)) {
      result.push_back(index);
    }
  }
  return result;
}

std::optional<int> ReaderContext::read_reference(TableReader& table, std::string_view key,
                                                 const std::vector<std::string>& names,
                                                 std::string_view what) {
  const auto id = table.string(key, true);
  if (!id) return std::nullopt;
  const int index = index_of(names, *id);
  if (index == NONE) {
    table.report(key,
                 "expected " + article(what) + ", found " + quoted(*id) + did_you_mean(*id, names));
    return std::nullopt;
  }
  return index;
}

void ReaderContext::sized() {
  const std::size_t sectors = scenario.sectors.size();
  const std::size_t carriers = scenario.carriers.size();
  const std::size_t species = static_cast<std::size_t>(scenario.species_count());
  scenario.final_energy.assign(sectors * carriers, Quantity::fixed(0.0));
  scenario.in_inventory.assign(sectors * carriers, false);
  cell_used_at.assign(sectors * carriers, {});
  cell_used_by.assign(sectors * carriers, {});
  scenario.local_production.assign(scenario.sources.size(), Quantity::fixed(0.0));
  scenario.non_energy_emissions.assign(species * sectors, Quantity::fixed(0.0));
  scenario.activity_growth.assign(sectors, Quantity::fixed(0.0));
  scenario.autonomous_efficiency.assign(sectors, Quantity::fixed(0.0));
  trend_stated.assign(2 * sectors, false);
  scenario.emission_factors.assign(species * sectors * carriers, {});
  scenario.network_losses.assign(carriers, Quantity::fixed(0.0));
  scenario.own_consumption.assign(carriers, Quantity::fixed(0.0));
}
}  // namespace traj::territory::loader
