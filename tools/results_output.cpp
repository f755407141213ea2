#include "results_output.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "interrupt.hpp"
#include "traj/error.hpp"

namespace traj::cli {
namespace {

namespace fs = std::filesystem;

/// What is at `path` itself (a symbolic link is not followed), for messages;
/// empty for what may be replaced: nothing, a regular file, a symbolic link.
std::string irreplaceable_kind(const fs::path& path) {
  std::error_code error;
  switch (fs::symlink_status(path, error).type()) {
    case fs::file_type::directory:
      return "the directory";
    case fs::file_type::block:
      return "the block device";
    case fs::file_type::character:
      return "the character device";
    case fs::file_type::fifo:
      return "the FIFO (named pipe)";
    case fs::file_type::socket:
      return "the socket";
    case fs::file_type::unknown:
      return "the special file";
    default:
      return "";
  }
}

/// The directory entry a path names: its directory resolved (symbolic links,
/// "..") but not its last part, since publishing replaces that entry itself.
fs::path entry_of(const std::string& path) {
  const fs::path absolute = fs::absolute(path);
  std::error_code error;
  const fs::path directory = fs::weakly_canonical(absolute.parent_path(), error);
  return (error ? absolute.parent_path() : directory) / absolute.filename();
}

/// The permission bits a new output gets (before the umask): those of
/// 0666 that every file of `made_from` grants (files not on disk, such as
/// the bundled scenario, are public and grant all).
mode_t private_mode(const std::vector<std::string>& made_from) {
  mode_t mode = 0666;
  for (const auto& path : made_from) {
    struct stat status {};
    if (::stat(path.c_str(), &status) == 0) mode &= status.st_mode;
  }
  return mode & 0666;
}

/// Temporaries of `target` (".NAME.tmp-PID") left in its directory: removes
/// those whose process has ended and names those whose process still runs.
void clear_stale_temporaries(const fs::path& directory, const std::string& name) {
  const std::string prefix = "." + name + ".tmp-";
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(directory, error)) {
    const std::string file = entry.path().filename().string();
    if (file.size() <= prefix.size() || file.compare(0, prefix.size(), prefix) != 0) continue;
    const std::string digits = file.substr(prefix.size());
    if (digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos) continue;
    const pid_t pid = static_cast<pid_t>(std::stol(digits));
    if (pid <= 0) continue;  // not a process: kill() would signal a group
    const bool ended = pid == ::getpid() || (::kill(pid, 0) != 0 && errno == ESRCH);
    if (!ended) {
      std::cerr << "note: " << entry.path().string() << " is being written by process " << pid
                << ", still running (another traj writing the same file?); left alone\n";
      continue;
    }
    std::error_code removal;
    if (fs::remove(entry.path(), removal)) {
      std::cerr << "note: removed " << entry.path().string()
                << ", an unfinished temporary file left by process " << pid
                << ", which has ended\n";
    }
  }
}

}  // namespace

void OutputFile::check_target(const std::string& target, bool force,
                              const std::vector<std::string>& made_from,
                              const std::string& option) {
  std::error_code error;
  const fs::path path(target);
  if (target.empty()) throw InputError(option + ": expected a file name, found an empty name");
  if (fs::is_directory(path, error)) {
    throw InputError(option + ": expected a file name, found the directory " + target);
  }
  if (const std::string kind = irreplaceable_kind(path); !kind.empty()) {
    throw InputError(option + ": expected a regular file to write, found " + kind + " " + target +
                     "; traj replaces only regular files, even with --force");
  }
  if (fs::exists(fs::symlink_status(path, error)) && !force) {
    throw InputError(option + ": " + target +
                     " exists; choose another name or add --force to replace it");
  }
  for (const auto& input : made_from) {
    std::error_code unresolved;
    const fs::path resolved = fs::canonical(input, unresolved);
    if (!unresolved && resolved == entry_of(target)) {
      throw InputError(option + ": " + target + " is an input of this command (" + input +
                       "); choose another name for the output");
    }
  }
  const fs::path directory = path.has_parent_path() ? path.parent_path() : fs::path(".");
  if (!fs::is_directory(directory, error)) {
    throw InputError(option + ": expected an existing directory, found no directory " +
                     directory.string());
  }
}

OutputFile::OutputFile(const std::string& target, bool force,
                       const std::vector<std::string>& made_from, const std::string& option)
    : target_(target), option_(option), force_(force) {
  check_target(target, force, made_from, option);
  const fs::path path(target);
  const fs::path directory = path.has_parent_path() ? path.parent_path() : fs::path(".");
  clear_stale_temporaries(directory, path.filename().string());
  std::string name = ".";
  name += path.filename().string();
  name += ".tmp-";
  name += std::to_string(::getpid());
  temporary_ = (directory / name).string();
  remove_on_signal(temporary_);
  // O_EXCL: a file of that name now is not ours to truncate.
  const int created =
      ::open(temporary_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, private_mode(made_from));
  if (created < 0) {
    const int reason = errno;
    forget_on_signal(temporary_);
    throw InputError(option + ": cannot create a file in " + directory.string() + ": " +
                     std::strerror(reason));
  }
  ::close(created);
}

OutputFile::~OutputFile() {
  if (!committed_) {
    std::error_code error;
    std::filesystem::remove(temporary_, error);
  }
  forget_on_signal(temporary_);
}

void OutputFile::write(const std::string& text) {
  {
    std::ofstream file(temporary_, std::ios::binary);
    file << text;
    if (!file.flush()) throw Error("cannot write " + temporary_ + ": " + std::strerror(errno));
  }
  commit();
}

void OutputFile::commit() {
  if (!force_) {
    publish_without_replacing();
  } else {
    // Checked again: what is there now is what gets replaced.
    if (const std::string kind = irreplaceable_kind(target_); !kind.empty()) {
      throw InputError(option_ + ": " + target_ + " is now " + kind +
                       "; traj replaces only regular files, even with --force");
    }
    std::error_code error;
    std::filesystem::rename(temporary_, target_, error);
    if (error) {
      throw Error("cannot rename " + temporary_ + " to " + target_ + ": " + error.message());
    }
  }
  committed_ = true;
  forget_on_signal(temporary_);
}

void OutputFile::publish_without_replacing() {
  // One atomic step that fails if the target exists: renameat2 where the
  // file system has it, else a hard link (then the temporary name goes);
  // on a file system with neither (rare), a check just before the rename.
  const auto unsupported = [] { return errno == EINVAL || errno == ENOSYS || errno == ENOTSUP; };
  int status =
      ::renameat2(AT_FDCWD, temporary_.c_str(), AT_FDCWD, target_.c_str(), RENAME_NOREPLACE);
  if (status != 0 && unsupported()) {
    status = ::link(temporary_.c_str(), target_.c_str());
    if (status == 0) ::unlink(temporary_.c_str());
  }
  if (status != 0 && (unsupported() || errno == EPERM)) {
    struct stat existing {};
    if (::lstat(target_.c_str(), &existing) == 0) {
      errno = EEXIST;
    } else {
      status = ::rename(temporary_.c_str(), target_.c_str());
    }
  }
  if (status == 0) return;
  if (errno == EEXIST) {
    throw InputError(option_ + ": " + target_ +
                     " appeared while traj was running (another run writing it?) and was not "
                     "replaced; nothing written: choose another name or add --force to replace "
                     "it");
  }
  throw Error("cannot rename " + temporary_ + " to " + target_ + ": " + std::strerror(errno));
}

void require_distinct_outputs(const std::vector<std::pair<std::string, std::string>>& outputs) {
  for (std::size_t a = 0; a < outputs.size(); ++a) {
    for (std::size_t b = a + 1; b < outputs.size(); ++b) {
      if (outputs[a].second.empty() || outputs[b].second.empty()) continue;
      if (entry_of(outputs[a].second) == entry_of(outputs[b].second)) {
        throw InputError(outputs[b].first + ": " + outputs[b].second + " is the file of " +
                         outputs[a].first + " already; give each output its own file");
      }
    }
  }
}

CommandOutputs open_outputs(const std::string& output, const std::string& report, bool force,
                            const std::vector<std::string>& made_from, bool writes) {
  require_distinct_outputs({{"--output", output}, {"--report", report}});
  CommandOutputs outputs;
  if (!output.empty() && writes)
    outputs.output = std::make_unique<OutputFile>(output, force, made_from);
  if (!report.empty() && writes)
    outputs.report = std::make_unique<OutputFile>(report, force, made_from, "--report");
  return outputs;
}

}  // namespace traj::cli
