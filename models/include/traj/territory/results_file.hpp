#pragma once
/// Ensemble results as a self-describing HDF5 file (layout in
/// docs/hdf5-layout.md), written while the ensemble runs, and what a rerun
/// needs to read back from it.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "traj/ensemble.hpp"
#include "traj/hdf5_file.hpp"
#include "traj/territory/plan.hpp"
#include "traj/territory/scenario_edits.hpp"

namespace traj::territory {

/// The value of the root attribute `filetype`, and the layout version.
inline constexpr const char* RESULTS_FILETYPE = "trajectoires-results";
inline constexpr std::int64_t RESULTS_FORMAT_VERSION = 2;

struct InputFile {
  std::string path;  ///< as the loader named it (relative paths stay relative)
  std::string text;
};

/// Everything that decides the results (and some context that does not).
struct RunSettings {
  std::string scenario_path;  ///< the main input file, as loaded
  std::string portfolio;      ///< "" for the baseline
  std::uint64_t seed = 1;
  std::uint64_t members_requested = 0;
  double precision = 0.0;
  std::uint64_t max_members = 0;
  std::vector<double> quantiles;
  double sketch_accuracy = 0.001;
  std::string trajectories = "headline";  ///< headline | all | comma-separated ids
  ScenarioEdits edits;                    ///< applied on top of the input files
  // Context only: never changes a result.
  std::string traj_version;
  std::string git_hash;
  std::string command_line;
  int threads = 0;
  std::size_t block = DEFAULT_BLOCK;
};

/// The rows `--trajectories` selects: "headline", "all", or a comma-separated
/// list of indicator ids. Throws InputError naming an unknown id.
std::vector<std::size_t> trajectory_rows(const Plan& plan, const std::string& selection);

/// Writes a results file while the ensemble runs: create it, hand every
/// batch to `append`, then `finish` with the statistics. Not thread safe.
class ResultsWriter {
 public:
  ResultsWriter(const std::string& path, const Plan& plan, const RunSettings& settings,
                const std::vector<InputFile>& inputs,
                const std::vector<std::size_t>& trajectory_rows);
  ~ResultsWriter();
  ResultsWriter(const ResultsWriter&) = delete;
  ResultsWriter& operator=(const ResultsWriter&) = delete;

  /// Copies the batch and returns: a writing thread of its own compresses
  /// and writes it while the ensemble goes on (at most one batch waits; a
  /// second append waits for room). A failed write is thrown by a later
  /// append or by finish; the file is then never finished.
  void append(const MemberRecords& records);
  /// Waits for the batches still being written, then writes statistics and
  /// objectives and closes the file.
  void finish(const EnsembleResult& result);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Stores `inputs` verbatim in a group `inputs` of `root` (`file_000`, …,
/// each with its `path` and `sha256`), and the `edits` they were loaded
/// with (`edits_set`, …, only those not empty): every file traj writes
/// carries them.
hdf5::Group write_inputs(hdf5::Group& root, const std::vector<InputFile>& inputs,
                         const ScenarioEdits& edits = {});

/// The current time, UTC, ISO 8601 (the `created` attribute of files).
std::string utc_now();

/// What a rerun reads back: the settings (with the edits) and every input
/// file verbatim.
/// Throws InputError for a file that is not a Trajectoires results file or
/// whose format version this traj does not know.
struct RunRecord {
  RunSettings settings;
  std::vector<InputFile> inputs;
};
RunRecord read_run_record(const std::string& path);

/// Runs `read` (which reads file `path`) and turns a failure of HDF5 (a
/// truncated or damaged file, a missing object) into an InputError that
/// names the file: bad input, not a fault of traj.
template <class Read>
auto as_input_error(const std::string& path, Read&& read) -> decltype(read()) {
  try {
    return read();
  } catch (const InputError&) {
    throw;
  } catch (const Error& error) {
    throw InputError(path + ": expected a complete Trajectoires file, found a damaged or " +
                     "incomplete one: " + error.what());
  }
}

}  // namespace traj::territory
