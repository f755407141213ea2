#pragma once
/// A results file as flat, tidy CSV tables (`traj export --csv`), for R,
/// spreadsheets and any tool that does not read HDF5. One row per value, the
/// dimensions as columns, numbers in their shortest exact decimal form
/// (docs/hdf5-layout.md#flat-tables).

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace traj::territory {

enum class CsvTable {
  Run,
  Trajectories,
  Parameters,
  ParameterList,
  Statistics,
  Objectives,
  Success
};

struct CsvTableInfo {
  CsvTable table;
  const char* name;         ///< as given to --tables; the file is NAME.csv
  const char* description;  ///< one line, for tables.csv and --help
};

/// Every table, in the order they are written.
const std::vector<CsvTableInfo>& csv_tables();

/// "all" or a comma-separated list of table names; throws InputError naming
/// an unknown or empty name (with the closest known one).
std::vector<CsvTable> csv_table_selection(const std::string& text);

/// The catalogue file written last into the directory: its first line marks
/// a directory written by `traj export` (the only kind --force replaces).
inline constexpr const char* CSV_CATALOGUE = "tables.csv";
inline constexpr const char* CSV_CATALOGUE_HEADER = "table,file,rows,description";

struct CsvWritten {
  std::string file;
  std::uint64_t rows = 0;
};

/// Upper bound of the bytes the chosen tables of `results` take; reads the
/// file's extents only. Throws InputError for a file that is not a complete
/// Trajectoires results file.
double csv_export_bytes(const std::string& results, const std::vector<CsvTable>& tables);

/// Writes the chosen tables of the results file `results` into the existing,
/// empty directory `directory`, then tables.csv. `stop_requested` is asked
/// between blocks of members; when it answers true, writing stops and
/// Interrupted is thrown (the caller removes the directory).
struct CsvExportInterrupted {};
std::vector<CsvWritten> export_results_csv(const std::string& results, const std::string& directory,
                                           const std::vector<CsvTable>& tables,
                                           const std::function<bool()>& stop_requested);

}  // namespace traj::territory
