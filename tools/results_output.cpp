#include "results_output.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "interrupt.hpp"
#include "traj/error.hpp"

namespace traj::cli {

OutputFile::OutputFile(const std::string& target, bool force) : target_(target) {
  namespace fs = std::filesystem;
  std::error_code error;
  const fs::path path(target);
  if (fs::is_directory(path, error)) {
    throw InputError("--output: expected a file name, found the directory " + target);
  }
  if (fs::exists(path, error) && !force) {
    throw InputError("--output: " + target +
                     " exists; choose another name or add --force to replace it");
  }
  const fs::path directory = path.has_parent_path() ? path.parent_path() : fs::path(".");
  if (!fs::is_directory(directory, error)) {
    throw InputError("--output: expected an existing directory, found no directory " +
                     directory.string());
  }
  std::string name = ".";
  name += path.filename().string();
  name += ".tmp-";
  name += std::to_string(::getpid());
  temporary_ = (directory / name).string();
  remove_on_signal(temporary_);
  std::ofstream probe(temporary_, std::ios::binary);
  if (!probe) {
    forget_on_signal(temporary_);
    throw InputError("--output: cannot write in " + directory.string() + " (permissions?)");
  }
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
    if (!file.flush()) throw Error("cannot write " + temporary_);
  }
  commit();
}

void OutputFile::commit() {
  std::error_code error;
  std::filesystem::rename(temporary_, target_, error);
  if (error) throw Error("cannot rename " + temporary_ + " to " + target_ + ": " + error.message());
  committed_ = true;
  forget_on_signal(temporary_);
}

}  // namespace traj::cli
