// `traj export`: a results file as flat CSV tables, written into a new
// directory that appears only when complete (docs/hdf5-layout.md#flat-tables).
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "byte_size.hpp"
#include "commands.hpp"
#include "interrupt.hpp"
#include "option_checks.hpp"
#include "traj/error.hpp"
#include "traj/territory/csv_export.hpp"
#include "words.hpp"

namespace traj::cli {

namespace {

namespace fs = std::filesystem;

/// Whether `directory` holds only what `traj export` writes: its catalogue
/// first line and regular .csv files. The only kind --force replaces, so
/// that no other directory's files are ever deleted.
bool written_by_export(const fs::path& directory) {
  std::ifstream catalogue(directory / territory::CSV_CATALOGUE);
  std::string first_line;
  if (!catalogue || !std::getline(catalogue, first_line) ||
      first_line != territory::CSV_CATALOGUE_HEADER) {
    return false;
  }
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(directory, error)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".csv") return false;
  }
  return !error;
}

/// Refuses (InputError, exit 2) a target that is not a new name, an empty
/// directory, or, with --force, a directory written by traj export.
void check_csv_target(const fs::path& target, bool force) {
  std::error_code error;
  const auto status = fs::symlink_status(target, error);
  if (!fs::exists(status)) {
    const fs::path parent = target.parent_path().empty() ? fs::path(".") : target.parent_path();
    if (!fs::is_directory(parent)) {
      throw InputError("--csv " + target.string() + ": expected a directory to create in an " +
                       "existing one, found no directory " + parent.string());
    }
    return;
  }
  if (!fs::is_directory(status)) {
    throw InputError("--csv " + target.string() +
                     ": expected a new or empty directory, found a file; choose another name");
  }
  if (fs::is_empty(target, error)) return;
  if (!force) {
    throw InputError("--csv " + target.string() +
                     ": expected a new or empty directory, found one that is not empty; add " +
                     "--force to replace the tables of an earlier traj export, or choose " +
                     "another directory");
  }
  if (!written_by_export(target)) {
    throw InputError("--csv " + target.string() +
                     ": --force replaces only a directory written by traj export (its " +
                     territory::CSV_CATALOGUE + " and .csv files alone), found other files; " +
                     "choose another directory");
  }
}

void refuse_larger_than_disk(const fs::path& target, double bytes) {
  const fs::path parent = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  std::error_code error;
  const auto space = fs::space(parent, error);
  if (!error && bytes > static_cast<double>(space.available)) {
    throw InputError("--csv " + target.string() + ": the tables may take up to " +
                     readable_size(bytes) + ", but " + parent.string() + " has " +
                     readable_size(static_cast<double>(space.available)) + " free; choose " +
                     "fewer --tables or another disk");
  }
}

/// The directory being written; removed unless published.
class TemporaryDirectory {
 public:
  explicit TemporaryDirectory(const fs::path& target)
      : path_(target.parent_path() /
              ("." + target.filename().string() + ".tmp-" + std::to_string(::getpid()))) {
    std::error_code error;
    fs::remove_all(path_, error);
    if (!fs::create_directory(path_, error)) {
      throw Error("cannot create " + path_.string() + ": " + error.message());
    }
  }
  ~TemporaryDirectory() {
    std::error_code error;
    if (!published_) fs::remove_all(path_, error);
  }
  TemporaryDirectory(const TemporaryDirectory&) = delete;
  TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;
  const fs::path& path() const { return path_; }

  /// Moves it to `target`; an earlier export there is set aside first and
  /// removed once the new one is in place.
  void publish(const fs::path& target, bool replace) {
    const fs::path old = target.parent_path() /
                         ("." + target.filename().string() + ".old-" + std::to_string(::getpid()));
    std::error_code error;
    if (fs::exists(target)) {
      if (!replace && !fs::is_empty(target, error)) {
        throw InputError("--csv " + target.string() +
                         ": the directory was filled while the tables were written; nothing " +
                         "replaced, add --force or choose another directory");
      }
      fs::rename(target, old, error);
      if (error) throw Error("cannot set aside " + target.string() + ": " + error.message());
    }
    fs::rename(path_, target, error);
    if (error) throw Error("cannot rename " + path_.string() + ": " + error.message());
    published_ = true;
    fs::remove_all(old, error);
  }

 private:
  fs::path path_;
  bool published_ = false;
};

}  // namespace

CommandRunner add_export_command(CLI::App& app) {
  struct Options {
    std::string results;
    std::string directory;
    std::string tables = "all";
    std::string language = "en";
    bool force = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "export",
      "Write a results file as flat CSV tables (tidy: one value per row), for R and "
      "spreadsheets");
  command->add_option("results", options->results, "Results file written by traj run --output")
      ->required()
      ->check(file_name());
  command->add_option("--csv", options->directory, "Directory to create with the tables")
      ->required()
      ->check(file_name());
  std::string table_list;
  for (const auto& info : territory::csv_tables()) {
    table_list += table_list.empty() ? "" : ", ";
    table_list += info.name;
  }
  command
      ->add_option("--tables", options->tables, "'all' or a comma-separated list of " + table_list)
      ->capture_default_str();
  command->add_option("--lang", options->language, "Language of the summary printed")
      ->check(CLI::IsMember({"en", "fr"}))
      ->capture_default_str();
  command->add_flag("--force", options->force,
                    "Replace a directory written by an earlier traj export");
  command->footer(
      "Example:\n  traj run --output plan.h5 && traj export plan.h5 --csv plan-tables\n"
      "  traj export plan.h5 --csv stats --tables statistics,objectives");
  return [options] {
    const Language language = language_named(options->language);
    const auto tables = territory::csv_table_selection(options->tables);
    const fs::path target = fs::path(options->directory).lexically_normal();
    check_csv_target(target, options->force);
    refuse_larger_than_disk(target, territory::csv_export_bytes(options->results, tables));
    watch_interrupts();
    TemporaryDirectory temporary(target);
    std::vector<territory::CsvWritten> written;
    try {
      written = territory::export_results_csv(options->results, temporary.path().string(), tables,
                                              [] { return interrupted(); });
    } catch (const territory::CsvExportInterrupted&) {
      std::cerr << say("interrupted_no_table", language, {std::to_string(interrupting_signal())})
                << "\n";
      return 128 + interrupting_signal();
    }
    temporary.publish(target, options->force);
    std::cout << say("tables_written", language, {target.string()}) << "\n";
    for (const auto& entry : written) {
      std::cout << "  " << say("table_rows", language, {entry.file, std::to_string(entry.rows)})
                << "\n";
    }
    return EXIT_OK;
  };
}

}  // namespace traj::cli
