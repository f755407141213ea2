#include "traj/source_provider.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace traj {
namespace {

std::string size_text(std::uint64_t bytes) {
  char text[64];
  std::snprintf(text, sizeof text, "%.1f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  return text;
}

std::string too_large(std::uint64_t bytes) {
  return "is larger than the " + size_text(MAX_INPUT_BYTES) + " an input may hold (" +
         (bytes > MAX_INPUT_BYTES ? size_text(bytes) : "more") + ")";
}

/// Why a file of this mode is not read, or nothing for a regular file.
std::optional<std::string> not_regular(mode_t mode) {
  if (S_ISREG(mode)) return std::nullopt;
  if (S_ISDIR(mode)) return "is a directory, not a regular file";
  if (S_ISCHR(mode)) return "is a character device, not a regular file";
  if (S_ISBLK(mode)) return "is a block device, not a regular file";
  if (S_ISFIFO(mode)) return "is a FIFO, not a regular file";
  if (S_ISSOCK(mode)) return "is a socket, not a regular file";
  return "is not a regular file";
}

/// Closes a descriptor on every path out.
class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

std::string SourceProvider::identity(const std::string& path) const {
  return std::filesystem::path(path).lexically_normal().generic_string();
}

SourceText DiskSourceProvider::read_text(const std::string& path) const {
  // O_NONBLOCK: opening a FIFO must not wait for a writer; the descriptor's
  // own fstat decides, so that the file checked is the file read.
  const Descriptor file(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
  if (file.get() < 0) {
    const int error = errno;
    if (error == ENOENT || error == ENOTDIR) return {std::nullopt, "does not exist"};
    return {std::nullopt, std::string("cannot be opened (") + std::strerror(error) + ")"};
  }
  struct stat status {};
  if (::fstat(file.get(), &status) != 0) {
    return {std::nullopt, std::string("cannot be examined (") + std::strerror(errno) + ")"};
  }
  if (auto problem = not_regular(status.st_mode)) return {std::nullopt, *problem};
  const auto size = static_cast<std::uint64_t>(status.st_size);
  if (size > MAX_INPUT_BYTES) return {std::nullopt, too_large(size)};
  std::string text;
  text.reserve(static_cast<std::size_t>(size));
  char buffer[1 << 16];
  for (;;) {
    const ssize_t got = ::read(file.get(), buffer, sizeof buffer);
    if (got < 0) {
      if (errno == EINTR) continue;
      return {std::nullopt, std::string("cannot be read (") + std::strerror(errno) + ")"};
    }
    if (got == 0) break;
    // The file may grow while it is read.
    if (text.size() + static_cast<std::size_t>(got) > MAX_INPUT_BYTES) {
      return {std::nullopt, too_large(0)};
    }
    text.append(buffer, static_cast<std::size_t>(got));
  }
  return {std::move(text), ""};
}

std::string DiskSourceProvider::identity(const std::string& path) const {
  std::error_code error;
  const auto canonical = std::filesystem::weakly_canonical(path, error);
  if (error) return SourceProvider::identity(path);
  return canonical.generic_string();
}

SourceText EmbeddedSourceProvider::read_text(const std::string& path) const {
  const auto normalised = std::filesystem::path(path).lexically_normal().generic_string();
  const auto found = files_.find(normalised);
  if (found == files_.end()) return {std::nullopt, "does not exist"};
  if (found->second.size() > MAX_INPUT_BYTES)
    return {std::nullopt, too_large(found->second.size())};
  return {found->second, ""};
}

}  // namespace traj
