#pragma once
/// Writing a results file safely: into a temporary file in the target
/// directory, renamed over the target only when complete.

#include <string>

namespace traj::cli {

class OutputFile {
 public:
  /// Checks `target` before the run: not a directory, not existing unless
  /// `force`, in a directory that exists and is writable (a temporary file
  /// is created there now). Throws InputError otherwise.
  OutputFile(const std::string& target, bool force);
  /// Removes the temporary file unless committed.
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  const std::string& temporary() const { return temporary_; }
  const std::string& target() const { return target_; }
  /// Renames the temporary file to the target.
  void commit();
  /// Writes `text` to the temporary file, then commits (for text outputs).
  void write(const std::string& text);

 private:
  std::string target_;
  std::string temporary_;
  bool committed_ = false;
};

}  // namespace traj::cli
