#pragma once
/// Where input files come from: the disk, or files embedded in the binary.

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace traj {

/// The largest input file read (the main scenario and each include), so that
/// a huge file or a device is refused before it fills the memory.
inline constexpr std::uint64_t MAX_INPUT_BYTES = std::uint64_t{256} << 20;  // 256 MiB

/// What reading an input file gave: its text, or why there is none.
struct SourceText {
  std::optional<std::string> text;
  /// When there is no text, why, as a phrase that follows the file name:
  /// e.g. "does not exist", "is a directory, not a regular file".
  std::string problem;
};

/// Reads the text of an input file. Implementations are read-only after
/// construction, hence safe to share between threads.
class SourceProvider {
 public:
  virtual ~SourceProvider() = default;
  /// The file's text, or why it cannot be read. Only regular files of at most
  /// MAX_INPUT_BYTES are read.
  virtual SourceText read_text(const std::string& path) const = 0;
  /// The file's text, or nothing if it cannot be read.
  std::optional<std::string> read(const std::string& path) const { return read_text(path).text; }
  /// A name that is the same for every path of one file (symbolic links and
  /// `..` resolved where the provider can), to recognise a file read twice.
  virtual std::string identity(const std::string& path) const;
};

/// Files on disk.
class DiskSourceProvider final : public SourceProvider {
 public:
  SourceText read_text(const std::string& path) const override;
  std::string identity(const std::string& path) const override;
};

/// Files held in memory, keyed by a normalised relative path such as
/// `scenarios/brest-metropole.toml` (used for the scenario bundled in `traj`).
class EmbeddedSourceProvider final : public SourceProvider {
 public:
  explicit EmbeddedSourceProvider(std::map<std::string, std::string> files)
      : files_(std::move(files)) {}
  SourceText read_text(const std::string& path) const override;

 private:
  std::map<std::string, std::string> files_;
};

}  // namespace traj
