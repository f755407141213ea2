#pragma once
/// Errors that carry where they come from.
///
/// Libraries throw; only `tools/`' main turns errors into messages and exit
/// codes. An `InputError` holds every problem found in an input (up to a cap),
/// each formatted as `FILE:LINE:COLUMN: error: KEY.PATH: message`.

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace traj {

/// A place in an input file; line and column count from 1, 0 when unknown.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
};

/// One problem in an input, with its key path (e.g. `actions.pv.start`).
struct Diagnostic {
  SourceLocation where;
  std::string key_path;
  std::string message;

  /// `FILE:LINE:COLUMN: error: KEY.PATH: message`
  std::string format() const;
};

/// Collects diagnostics up to a cap, so that a user sees all their mistakes at
/// once without being flooded. Not thread safe.
class Diagnostics {
 public:
  static constexpr std::size_t DEFAULT_CAP = 50;
  explicit Diagnostics(std::size_t cap = DEFAULT_CAP) : cap_(cap) {}

  void add(SourceLocation where, std::string key_path, std::string message);
  bool empty() const { return total_ == 0; }
  /// Number of problems found, including those beyond the cap.
  std::size_t total() const { return total_; }
  const std::vector<Diagnostic>& kept() const { return kept_; }

  /// Throws an `InputError` holding every kept diagnostic if there is any.
  void throw_if_any() const;

 private:
  std::size_t cap_;
  std::size_t total_ = 0;
  std::vector<Diagnostic> kept_;
};

/// Base of every error Trajectoires throws.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The input (a scenario, a command-line value, a results file) is wrong: the
/// user can fix it. Tools exit with code 2.
class InputError : public Error {
 public:
  InputError(std::vector<Diagnostic> diagnostics, std::size_t total);
  /// A single problem that has no place in a file (e.g. a missing file).
  explicit InputError(const std::string& message);

  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  /// Number of problems found, including those not kept.
  std::size_t total() const { return total_; }

 private:
  std::vector<Diagnostic> diagnostics_;
  std::size_t total_;
};

}  // namespace traj
