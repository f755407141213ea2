#include "traj/territory/csv_export.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <map>

#include "traj/error.hpp"
#include "traj/hdf5_file.hpp"
#include "traj/string_distance.hpp"
#include "traj/territory/results_file.hpp"
#include "traj/territory/results_layout.hpp"

namespace traj::territory {

namespace {

using hdf5::Dataset;
using hdf5::Group;
namespace layout = results_layout;

/// Writing a table failed: not the results file's fault (exit 1, not 2).
class CsvWriteFailure : public Error {
 public:
  using Error::Error;
};

/// Runs `read`, turning a failure of HDF5 into an InputError naming the
/// results file, as every reader of results files does.
template <class Read>
void reading(const std::string& results, Read&& read) {
  try {
    read();
  } catch (const InputError&) {
    throw;
  } catch (const CsvWriteFailure&) {
    throw;
  } catch (const Error& error) {
    throw InputError(results + ": expected a complete Trajectoires file, found a damaged or " +
                     "incomplete one: " + error.what());
  }
}

// Members read at once: bounds memory whatever the ensemble's size.
constexpr std::uint64_t MEMBER_BLOCK = 4096;
// Generous bytes per row of each table, for the disk check.
constexpr double BYTES_PER_ROW = 96.0;

std::string number_text(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Inf" : "-Inf";
  char text[32];
  const auto end = std::to_chars(text, text + sizeof text, value).ptr;
  return std::string(text, end);
}

/// RFC 4180: a field with a comma, a quote or a line break is quoted.
std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

class CsvFile {
 public:
  CsvFile(const std::string& path, const std::vector<std::string>& columns)
      : path_(path), out_(path, std::ios::binary) {
    if (!out_) throw CsvWriteFailure("cannot create " + path);
    row(columns);
    rows_ = 0;
  }
  void row(const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) out_ << ',';
      out_ << csv_field(fields[i]);
    }
    out_ << '\n';
    ++rows_;
  }
  std::uint64_t close() {
    out_.close();
    if (!out_) throw CsvWriteFailure("writing " + path_ + " failed (disk full?)");
    return rows_;
  }

 private:
  std::string path_;
  std::ofstream out_;
  std::uint64_t rows_ = 0;
};

/// The non-coordinate datasets directly in `group`, by name.
std::vector<std::string> variables(const hdf5::File& file, const std::string& group) {
  std::vector<std::string> names;
  const std::string prefix = "/" + group + "/";
  for (const auto& path : file.dataset_paths()) {
    if (path.rfind(prefix, 0) != 0) continue;
    const std::string name = path.substr(prefix.size());
    if (name.find('/') != std::string::npos) continue;
    if (!file.root().open(group + "/" + name).is_scale()) names.push_back(name);
  }
  return names;
}

/// A coordinate variable's values as text (numbers or strings).
std::vector<std::string> coordinate_text(const Group& group, const std::string& dimension) {
  if (!group.has(dimension)) return {};
  const Dataset coordinate = group.open(dimension);
  if (coordinate.holds_text()) return coordinate.read_strings();
  std::vector<std::string> text;
  for (const double value : coordinate.read_doubles()) text.push_back(number_text(value));
  return text;
}

std::string units_of(const Dataset& dataset) {
  return dataset.has_attribute(layout::member_dataset::UNITS)
             ? dataset.string_attribute(layout::member_dataset::UNITS)
             : "";
}

/// Coordinates of every dimension of a group, read once.
class Coordinates {
 public:
  explicit Coordinates(const Group& group) : group_(group) {}
  const std::vector<std::string>& of(const std::string& dimension) {
    auto found = cache_.find(dimension);
    if (found == cache_.end()) {
      found = cache_.emplace(dimension, coordinate_text(group_, dimension)).first;
    }
    return found->second;
  }
  std::string at(const std::string& dimension, std::uint64_t index) {
    const auto& values = of(dimension);
    return index < values.size() ? values[index] : std::to_string(index);
  }

 private:
  const Group& group_;
  std::map<std::string, std::vector<std::string>> cache_;
};

/// One table row per element of a numeric dataset: `leading` fields, then
/// the coordinate of each of `columns` (empty where the dataset has no such
/// dimension), the value and `trailing` fields. Streams by blocks of rows
/// of the first dimension.
void write_elements(CsvFile& csv, const Dataset& dataset, Coordinates& coordinates,
                    const std::vector<std::string>& leading,
                    const std::vector<std::string>& columns,
                    const std::function<std::string(const std::vector<std::uint64_t>&)>& trailing,
                    const std::function<bool()>& stop_requested) {
  const auto extent = dataset.dims();
  const auto names = dataset.dimension_names();
  if (extent.empty()) return;
  std::vector<int> position_of(columns.size(), -1);
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const auto found = std::find(names.begin(), names.end(), columns[c]);
    if (found != names.end()) position_of[c] = static_cast<int>(found - names.begin());
  }
  std::vector<std::string> fields;
  std::vector<std::uint64_t> index(extent.size());
  for (std::uint64_t first = 0; first < extent[0]; first += MEMBER_BLOCK) {
    if (stop_requested()) throw CsvExportInterrupted{};
    const std::uint64_t count = std::min(MEMBER_BLOCK, extent[0] - first);
    const auto values = dataset.read_rows(first, count);
    for (std::uint64_t e = 0; e < values.size(); ++e) {
      std::uint64_t rest = e;
      for (std::size_t d = extent.size(); d-- > 1;) {
        index[d] = rest % extent[d];
        rest /= extent[d];
      }
      index[0] = first + rest;
      fields = leading;
      for (std::size_t c = 0; c < columns.size(); ++c) {
        fields.push_back(
            position_of[c] < 0
                ? std::string()
                : coordinates.at(columns[c], index[static_cast<std::size_t>(position_of[c])]));
      }
      fields.push_back(number_text(values[e]));
      if (trailing) fields.push_back(trailing(index));
      csv.row(fields);
    }
  }
}

/// Every dimension of the numeric variables of `group`, `first` ones first,
/// the others in the order they appear.
std::vector<std::string> dimensions_of(const Group& group, const std::vector<std::string>& names,
                                       const std::vector<std::string>& first) {
  std::vector<std::string> dimensions = first;
  for (const auto& name : names) {
    const Dataset dataset = group.open(name);
    if (dataset.holds_text()) continue;
    for (const auto& dimension : dataset.dimension_names()) {
      if (std::find(dimensions.begin(), dimensions.end(), dimension) == dimensions.end())
        dimensions.push_back(dimension);
    }
  }
  return dimensions;
}

std::uint64_t write_run(const hdf5::File& file, const std::string& path) {
  CsvFile csv(path, {"attribute", "value"});
  const Group& root = file.root();
  for (const auto& name : root.attribute_names()) csv.row({name, root.attribute_text(name)});
  if (root.has(layout::OBJECTIVES)) {
    const Group objectives = root.open_group(layout::OBJECTIVES);
    for (const auto& name : objectives.attribute_names()) {
      csv.row({std::string(layout::OBJECTIVES) + "/" + name, objectives.attribute_text(name)});
    }
  }
  return csv.close();
}

std::uint64_t write_trajectories(const hdf5::File& file, const std::string& path,
                                 const std::function<bool()>& stop) {
  CsvFile csv(path, {"indicator", layout::member_dataset::MEMBER, "year", "value", "units"});
  if (!file.root().has(layout::TRAJECTORIES)) return csv.close();
  const Group group = file.root().open_group(layout::TRAJECTORIES);
  Coordinates coordinates(group);
  for (const auto& name : variables(file, layout::TRAJECTORIES)) {
    const Dataset dataset = group.open(name);
    const std::string units = units_of(dataset);
    write_elements(
        csv, dataset, coordinates, {name}, {layout::member_dataset::MEMBER, "year"},
        [&](const std::vector<std::uint64_t>&) { return units; }, stop);
  }
  return csv.close();
}

std::uint64_t write_parameters(const hdf5::File& file, const std::string& path,
                               const std::function<bool()>& stop) {
  CsvFile csv(
      path, {layout::member_dataset::MEMBER, layout::member_dataset::PARAMETER, "value", "units"});
  const Group group = file.root().open_group(layout::PARAMETERS);
  if (!group.has(layout::member_dataset::VALUES)) return csv.close();
  Coordinates coordinates(group);
  const auto units = group.open(layout::member_dataset::UNITS).read_strings();
  write_elements(
      csv, group.open(layout::member_dataset::VALUES), coordinates, {},
      {layout::member_dataset::MEMBER, layout::member_dataset::PARAMETER},
      [&](const std::vector<std::uint64_t>& index) {
        return index.size() > 1 && index[1] < units.size() ? units[index[1]] : std::string();
      },
      stop);
  return csv.close();
}

/// One row per coordinate of `dimension`, one column per variable of the
/// group over that dimension alone, `preferred` ones first.
std::uint64_t write_wide(const hdf5::File& file, const std::string& group_name,
                         const std::string& dimension, const std::vector<std::string>& preferred,
                         const std::string& path) {
  const Group group = file.root().open_group(group_name);
  std::vector<std::string> columns;
  for (const auto& name : variables(file, group_name)) {
    const Dataset dataset = group.open(name);
    const auto names = dataset.dimension_names();
    if (names.size() == 1 && names[0] == dimension) columns.push_back(name);
  }
  const auto rank = [&](const std::string& name) {
    const auto found = std::find(preferred.begin(), preferred.end(), name);
    return found - preferred.begin();
  };
  std::stable_sort(columns.begin(), columns.end(),
                   [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
  std::vector<std::string> header = {dimension};
  header.insert(header.end(), columns.begin(), columns.end());
  CsvFile csv(path, header);
  const auto keys = coordinate_text(group, dimension);
  std::vector<std::vector<std::string>> values;
  for (const auto& name : columns) values.push_back(coordinate_text(group, name));
  for (std::size_t row = 0; row < keys.size(); ++row) {
    std::vector<std::string> fields = {keys[row]};
    for (const auto& column : values) fields.push_back(row < column.size() ? column[row] : "");
    csv.row(fields);
  }
  return csv.close();
}

/// `final_energy_by_sector_mean` → {final_energy_by_sector, mean}.
std::pair<std::string, std::string> indicator_and_statistic(const std::string& name) {
  for (const char* suffix : {"_mean", "_sd", "_quantiles"}) {
    const std::string text = suffix;
    if (name.size() > text.size() &&
        name.compare(name.size() - text.size(), text.size(), text) == 0) {
      const std::string statistic = text == "_quantiles" ? "quantile" : text.substr(1);
      return {name.substr(0, name.size() - text.size()), statistic};
    }
  }
  return {name, ""};
}

std::uint64_t write_statistics(const hdf5::File& file, const std::string& path,
                               const std::function<bool()>& stop) {
  const Group group = file.root().open_group(layout::STATISTICS);
  const auto names = variables(file, layout::STATISTICS);
  const auto dimensions = dimensions_of(group, names, {"year"});
  std::vector<std::string> header = {"indicator", "statistic"};
  header.insert(header.end(), dimensions.begin(), dimensions.end());
  header.push_back("value");
  header.push_back("units");
  CsvFile csv(path, header);
  Coordinates coordinates(group);
  for (const auto& name : names) {
    const Dataset dataset = group.open(name);
    if (dataset.holds_text()) continue;
    const auto [indicator, statistic] = indicator_and_statistic(name);
    const std::string units = units_of(dataset);
    write_elements(
        csv, dataset, coordinates, {indicator, statistic}, dimensions,
        [&](const std::vector<std::uint64_t>&) { return units; }, stop);
  }
  return csv.close();
}

std::uint64_t write_success(const hdf5::File& file, const std::string& path,
                            const std::function<bool()>& stop) {
  CsvFile csv(path, {layout::member_dataset::MEMBER, "objective", "success"});
  const Group group = file.root().open_group(layout::OBJECTIVES);
  if (group.has(layout::member_dataset::SUCCESS)) {
    Coordinates coordinates(group);
    write_elements(csv, group.open(layout::member_dataset::SUCCESS), coordinates, {},
                   {layout::member_dataset::MEMBER, "objective"}, {}, stop);
  }
  return csv.close();
}

hdf5::File open_results(const std::string& results) {
  return as_input_error(results, [&] {
    hdf5::File file = hdf5::File::open_read_only(results);
    const Group& root = file.root();
    if (!root.has_attribute(layout::run_attribute::FILETYPE) ||
        root.string_attribute(layout::run_attribute::FILETYPE) != RESULTS_FILETYPE) {
      throw InputError(results + ": expected a Trajectoires results file (filetype \"" +
                       std::string(RESULTS_FILETYPE) +
                       "\", written by traj run --output), found another HDF5 file");
    }
    return file;
  });
}

double element_count(const Group& group, const std::string& name) {
  double count = 1.0;
  for (const auto size : group.open(name).dims()) count *= static_cast<double>(size);
  return count;
}

}  // namespace

const std::vector<CsvTableInfo>& csv_tables() {
  static const std::vector<CsvTableInfo> tables = {
      {CsvTable::Run, "run", "how the ensemble was run: every attribute of the file"},
      {CsvTable::Trajectories, "trajectories",
       "each member's stored trajectories: indicator, member, year, value, units"},
      {CsvTable::Parameters, "parameters",
       "each member's sampled parameters: member, parameter, value, units"},
      {CsvTable::ParameterList, "parameter_list", "each parameter's units and distribution"},
      {CsvTable::Statistics, "statistics",
       "means, standard deviations and quantiles over the members, by year and breakdown"},
      {CsvTable::Objectives, "objectives",
       "each objective and its probability with the 95 % interval"},
      {CsvTable::Success, "success", "whether each member meets each objective (1 or 0)"},
  };
  return tables;
}

std::vector<CsvTable> csv_table_selection(const std::string& text) {
  std::vector<CsvTable> chosen;
  if (text == "all") {
    for (const auto& info : csv_tables()) chosen.push_back(info.table);
    return chosen;
  }
  std::vector<std::string> known;
  for (const auto& info : csv_tables()) known.emplace_back(info.name);
  std::size_t start = 0;
  while (true) {
    const auto comma = text.find(',', start);
    const std::string name =
        text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    const auto found = std::find(known.begin(), known.end(), name);
    if (found == known.end()) {
      std::string list;
      for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
      throw InputError("--tables: expected 'all' or a comma-separated list of " + list +
                       ", found " +
                       (name.empty() ? std::string("an empty name") : "'" + name + "'") +
                       did_you_mean(name, known));
    }
    const CsvTable table = csv_tables()[static_cast<std::size_t>(found - known.begin())].table;
    if (std::find(chosen.begin(), chosen.end(), table) == chosen.end()) chosen.push_back(table);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return chosen;
}

double csv_export_bytes(const std::string& results, const std::vector<CsvTable>& tables) {
  const hdf5::File file = open_results(results);
  const Group& root = file.root();
  // The rows of the datasets `names` of group `group_name` (all its variables when empty).
  const auto rows_of = [&](const char* group_name, std::vector<std::string> names) {
    double rows = 0.0;
    if (!root.has(group_name)) return rows;
    const Group group = root.open_group(group_name);
    if (names.empty()) names = variables(file, group_name);
    for (const auto& name : names) {
      if (group.has(name)) rows += element_count(group, name);
    }
    return rows;
  };
  double rows = 1024.0;  // run, parameter_list, objectives: small
  for (const CsvTable table : tables) {
    if (table == CsvTable::Trajectories) rows += rows_of(layout::TRAJECTORIES, {});
    if (table == CsvTable::Statistics) rows += rows_of(layout::STATISTICS, {});
    if (table == CsvTable::Parameters)
      rows += rows_of(layout::PARAMETERS, {layout::member_dataset::VALUES});
    if (table == CsvTable::Success)
      rows += rows_of(layout::OBJECTIVES, {layout::member_dataset::SUCCESS});
  }
  return rows * BYTES_PER_ROW;
}

std::vector<CsvWritten> export_results_csv(const std::string& results, const std::string& directory,
                                           const std::vector<CsvTable>& tables,
                                           const std::function<bool()>& stop_requested) {
  const hdf5::File file = open_results(results);
  std::vector<CsvWritten> written;
  for (const auto& info : csv_tables()) {
    if (std::find(tables.begin(), tables.end(), info.table) == tables.end()) continue;
    const std::string file_name = std::string(info.name) + ".csv";
    const std::string path = directory + "/" + file_name;
    std::uint64_t rows = 0;
    reading(results, [&] {
      switch (info.table) {
        case CsvTable::Run:
          rows = write_run(file, path);
          break;
        case CsvTable::Trajectories:
          rows = write_trajectories(file, path, stop_requested);
          break;
        case CsvTable::Parameters:
          rows = write_parameters(file, path, stop_requested);
          break;
        case CsvTable::ParameterList:
          rows = write_wide(file, layout::PARAMETERS, layout::member_dataset::PARAMETER,
                            {layout::member_dataset::UNITS, layout::member_dataset::DISTRIBUTION},
                            path);
          break;
        case CsvTable::Statistics:
          rows = write_statistics(file, path, stop_requested);
          break;
        case CsvTable::Objectives:
          rows = write_wide(file, layout::OBJECTIVES, "objective",
                            {"description", "indicator", "year", "comparison", "threshold",
                             "probability", "ci_low", "ci_high", "standard_error", "successes"},
                            path);
          break;
        case CsvTable::Success:
          rows = write_success(file, path, stop_requested);
          break;
      }
    });
    written.push_back({file_name, rows});
  }
  CsvFile catalogue(directory + "/" + CSV_CATALOGUE, {"table", "file", "rows", "description"});
  for (const auto& entry : written) {
    const auto info = std::find_if(csv_tables().begin(), csv_tables().end(), [&](const auto& i) {
      return entry.file == std::string(i.name) + ".csv";
    });
    catalogue.row({info->name, entry.file, std::to_string(entry.rows), info->description});
  }
  catalogue.close();
  return written;
}

}  // namespace traj::territory
