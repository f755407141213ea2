#pragma once
/// Writing an output file safely: into a temporary file in the target
/// directory, published as the target only when complete, never over
/// anything but a regular file the user allowed to replace (docs/reliability.md).

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace traj::cli {

class OutputFile {
 public:
  /// Checks `target` before the run, and throws InputError (exit 2) unless
  /// it is a new name or, with `force`, a regular file or a symbolic link (the
  /// link is replaced, never written through); a directory, device, FIFO or
  /// socket is never replaced, nor any of `made_from`. Then creates the
  /// temporary file `.NAME.tmp-PID` beside it, no more readable than the most
  /// private of `made_from` (the files whose contents the output holds), and
  /// removes (saying so) the temporaries of `target` left by processes that
  /// have ended. `option` names the target in messages.
  OutputFile(const std::string& target, bool force, const std::vector<std::string>& made_from = {},
             const std::string& option = "--output");
  /// The checks of the constructor alone, creating nothing: for a command
  /// that knows its output before a long computation but creates it after.
  static void check_target(const std::string& target, bool force,
                           const std::vector<std::string>& made_from = {},
                           const std::string& option = "--output");
  /// Removes the temporary file unless committed.
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  const std::string& temporary() const { return temporary_; }
  const std::string& target() const { return target_; }
  /// Publishes the temporary file as the target, atomically. Without
  /// `force`, refuses (InputError) a target that appeared during the run.
  void commit();
  /// Writes `text` to the temporary file, then commits (for text outputs).
  void write(const std::string& text);

 private:
  void publish_without_replacing();
  std::string target_;
  std::string option_;
  bool force_ = false;
  std::string temporary_;
  bool committed_ = false;
};

/// Throws InputError if two of a command's outputs (option, path; empty
/// paths are skipped) name the same file: one would silently replace the other.
void require_distinct_outputs(const std::vector<std::pair<std::string, std::string>>& outputs);

/// A command's `--output` and `--report` files (each null when not asked
/// for, and on ranks that do not write), checked to be distinct and opened
/// before the run.
struct CommandOutputs {
  std::unique_ptr<OutputFile> output, report;
};
CommandOutputs open_outputs(const std::string& output, const std::string& report, bool force,
                            const std::vector<std::string>& made_from, bool writes);

}  // namespace traj::cli
