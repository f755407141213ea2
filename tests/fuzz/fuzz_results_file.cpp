// libFuzzer target: a results file as `traj rerun` and `traj report` read it
// (truncated, damaged, or written by something else). An InputError is the
// expected answer; anything else is a bug.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "traj/error.hpp"
#include "traj/territory/report.hpp"
#include "traj/territory/results_file.hpp"

namespace {

// HDF5 reads files by name: each input is written to one scratch file of
// this process (the fuzzer runs inputs one after another).
const std::string& scratch_path() {
  static const std::string path = "/tmp/traj-fuzz-results-" + std::to_string(getpid()) + ".h5";
  return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace traj::territory;
  const std::string& path = scratch_path();
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) return 0;
  const bool written = std::fwrite(data, 1, size, file) == size;
  std::fclose(file);
  if (!written) return 0;
  try {
    (void)read_run_record(path);
  } catch (const traj::InputError&) {
  }
  try {
    (void)results_report_html(path, ReportLanguage::English);
  } catch (const traj::InputError&) {
  }
  std::remove(path.c_str());
  return 0;
}
