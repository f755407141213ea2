#pragma once
// Running the built traj from a test: exit code, stdout and stderr.

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "test_support.hpp"

namespace traj::testing {

struct Outcome {
  int exit_code;
  std::string out;
  std::string err;
};

inline std::string slurp(const std::string& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

/// Runs `traj ARGUMENTS` (a shell command line) in `directory` (or here); a
/// run longer than `timeout_seconds` (if given) is killed and gets exit code 137.
inline Outcome run_traj(const std::string& arguments, const std::string& directory = "",
                        int timeout_seconds = 0) {
  const auto scratch =
      std::filesystem::temp_directory_path() / ("traj_cli_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(scratch);
  const std::string out = (scratch / "out").string();
  const std::string err = (scratch / "err").string();
  std::ostringstream command_line;
  if (!directory.empty()) command_line << "cd '" << directory << "' && ";
  if (timeout_seconds > 0) command_line << "timeout -s KILL " << timeout_seconds << " ";
  command_line << "'" << TRAJ_EXECUTABLE << "' " << arguments << " > '" << out << "' 2> '" << err
               << "'";
  const std::string command = command_line.str();
  const int status = std::system(command.c_str());
  Outcome outcome{WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out), slurp(err)};
  std::filesystem::remove_all(scratch);
  return outcome;
}

/// How many files and folders `directory` holds (a temporary left behind shows here).
inline std::size_t entries_in(const std::filesystem::path& directory) {
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(directory))
    ++entries;
  return entries;
}

/// A repository file's path, quoted for the shell.
inline std::string scenario(const std::string& relative) {
  std::string quoted = "'";
  quoted += source_path(relative);
  quoted += '\'';
  return quoted;
}

}  // namespace traj::testing
