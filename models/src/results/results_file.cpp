#include "traj/territory/results_file.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <sstream>

#include "groups.hpp"
#include "scales.hpp"
#include "traj/error.hpp"
#include "traj/hdf5_file.hpp"
#include "traj/string_distance.hpp"
#include "traj/territory/results_layout.hpp"
#include "traj/territory/territorial_model.hpp"
#include "write_pipeline.hpp"

namespace traj::territory {

// The groups' writers and readers (results/) name what they write and read
// from results_layout.hpp, as this file does.
using namespace results_layout;
using hdf5::Group;

std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm parts{};
  gmtime_r(&now, &parts);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return buffer;
}

std::vector<std::size_t> trajectory_rows(const Plan& plan, const std::string& selection) {
  if (selection == "headline") return TerritorialModel(plan).headline_rows();
  std::vector<std::size_t> rows;
  if (selection == "all") {
    for (std::size_t row = 0; row < plan.catalogue.size(); ++row) rows.push_back(row);
    return rows;
  }
  std::stringstream stream(selection);
  std::string id;
  while (std::getline(stream, id, ',')) {
    const int row = plan.catalogue.find(id);
    if (row < 0) {
      throw InputError(
          "--trajectories: expected headline, all or indicator ids separated by commas, found \"" +
          id + "\"" + did_you_mean(id, plan.catalogue.ids()));
    }
    if (std::find(rows.begin(), rows.end(), static_cast<std::size_t>(row)) == rows.end()) {
      rows.push_back(static_cast<std::size_t>(row));
    }
  }
  return rows;
}

/// The groups of the file in the order they are written (results/*.cpp).
struct ResultsWriter::Impl {
  const Plan& plan;
  hdf5::File file;
  results::MemberGroups members;

  std::size_t recorded_rows;
  /// The writing thread's: its scratch and last batch's chunks, reused.
  hdf5::RowsCompressor compressor;
  results::CompressedBatch compressed;
  /// Last: stopped (joined) first, before the file and groups it writes to.
  std::unique_ptr<results::WritePipeline> pipeline;

  Impl(const std::string& path, const Plan& of, const RunSettings& settings,
       const std::vector<InputFile>& inputs, const std::vector<std::size_t>& recorded)
      : plan(of),
        file(hdf5::File::create(path)),
        members(file.root(), plan),
        recorded_rows(recorded.size()) {
    Group& root = file.root();
    results::write_run_settings(root, *plan.scenario, settings);
    write_inputs(root, inputs, settings.edits)
        .set_attribute(input_file::MAIN, settings.scenario_path);
    members.define(recorded);
    // One batch waiting while another is compressed and written: the
    // ensemble runs on meanwhile, and memory holds three batches at most.
    pipeline =
        std::make_unique<results::WritePipeline>(1, [this](const results::StoredBatch& batch) {
          batch.compress(compressor, results::MEMBER_CHUNK, compressed);
          members.append(compressed);
        });
  }

  void append(const MemberRecords& records) {
    results::StoredBatch batch = pipeline->spare();
    batch.fill(records, plan.scenario->parameters.size(), recorded_rows,
               plan.scenario->objectives.size());
    pipeline->push(std::move(batch));
  }

  void finish(const EnsembleResult& result) {
    pipeline->drain();
    pipeline.reset();  // every HDF5 call from now on is this thread's
    Group& root = file.root();
    results::write_run_outcome(root, result);
    results::write_statistics(root, plan, result);
    results::write_territories(root, plan, result);
    results::write_objective_summaries(members.objectives_group, *plan.scenario, result);
    file.close();
  }
};

ResultsWriter::ResultsWriter(const std::string& path, const Plan& plan, const RunSettings& settings,
                             const std::vector<InputFile>& inputs,
                             const std::vector<std::size_t>& rows)
    : impl_(std::make_unique<Impl>(path, plan, settings, inputs, rows)) {}

ResultsWriter::~ResultsWriter() = default;

void ResultsWriter::append(const MemberRecords& records) {
  impl_->append(records);
}

void ResultsWriter::finish(const EnsembleResult& result) {
  impl_->finish(result);
}

namespace {

RunRecord read_run_record_unchecked(const std::string& path) {
  hdf5::File file = [&] {
    try {
      return hdf5::File::open_read_only(path);
    } catch (const Error& error) {
      throw InputError(std::string(error.what()) + "; expected a Trajectoires results file");
    }
  }();
  const Group& root = file.root();
  if (!root.has_attribute(run_attribute::FILETYPE) ||
      root.string_attribute(run_attribute::FILETYPE) != RESULTS_FILETYPE) {
    throw InputError(path + ": expected a Trajectoires results file (filetype \"" +
                     std::string(RESULTS_FILETYPE) + "\"), found another HDF5 file");
  }
  const std::int64_t version = root.int_attribute(run_attribute::FORMAT_VERSION);
  if (version != RESULTS_FORMAT_VERSION) {
    throw InputError(
        path + ": expected results format version " + std::to_string(RESULTS_FORMAT_VERSION) +
        ", found version " + std::to_string(version) + " (written by traj " +
        root.string_attribute(run_attribute::TRAJ_VERSION) + "); use that version of traj");
  }
  RunRecord record;
  record.settings = results::read_run_settings(root, path);
  record.inputs =
      results::read_inputs(root, path, record.settings.scenario_path, record.settings.edits);
  // Every dataset must read back, those a reader does not use too: damage the
  // stamp does not see (a re-stamped file) is found before any work is done.
  for (const auto& dataset : file.dataset_paths()) root.open(dataset.substr(1)).read_raw();
  return record;
}

}  // namespace

RunRecord read_run_record(const std::string& path) {
  return as_input_error(path, [&] { return read_run_record_unchecked(path); });
}

}  // namespace traj::territory
