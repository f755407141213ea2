#pragma once
/// Where input files come from: the disk, or files embedded in the binary.

#include <map>
#include <optional>
#include <string>

namespace traj {

/// Reads the text of an input file. Implementations are read-only after
/// construction, hence safe to share between threads.
class SourceProvider {
 public:
  virtual ~SourceProvider() = default;
  /// The file's text, or nothing if it does not exist or cannot be read.
  virtual std::optional<std::string> read(const std::string& path) const = 0;
};

/// Files on disk.
class DiskSourceProvider final : public SourceProvider {
 public:
  std::optional<std::string> read(const std::string& path) const override;
};

/// Files held in memory, keyed by a normalised relative path such as
/// `scenarios/brest-metropole.toml` (used for the scenario bundled in `traj`).
class EmbeddedSourceProvider final : public SourceProvider {
 public:
  explicit EmbeddedSourceProvider(std::map<std::string, std::string> files)
      : files_(std::move(files)) {}
  std::optional<std::string> read(const std::string& path) const override;

 private:
  std::map<std::string, std::string> files_;
};

}  // namespace traj
