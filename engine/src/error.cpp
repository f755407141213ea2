#include "traj/error.hpp"

#include <utility>

namespace traj {

std::string Diagnostic::format() const {
  std::string text;
  if (!where.file.empty()) {
    text += where.file;
    if (where.line > 0) {
      text += ':' + std::to_string(where.line);
      if (where.column > 0) text += ':' + std::to_string(where.column);
    }
    text += ": ";
  }
  text += "error: ";
  if (!key_path.empty()) text += key_path + ": ";
  text += message;
  return text;
}

void Diagnostics::add(SourceLocation where, std::string key_path, std::string message) {
  ++total_;
  if (kept_.size() < cap_) {
    kept_.push_back({std::move(where), std::move(key_path), std::move(message)});
  }
}

void Diagnostics::throw_if_any() const {
  if (!empty()) throw InputError(kept_, total_);
}

namespace {
std::string summarise(const std::vector<Diagnostic>& diagnostics, std::size_t total) {
  std::string text;
  for (const auto& diagnostic : diagnostics) text += diagnostic.format() + '\n';
  if (total > diagnostics.size()) {
    text += std::to_string(total - diagnostics.size()) + " more error(s) not shown\n";
  }
  return text;
}
}  // namespace

InputError::InputError(std::vector<Diagnostic> diagnostics, std::size_t total)
    : Error(summarise(diagnostics, total)), diagnostics_(std::move(diagnostics)), total_(total) {}

InputError::InputError(const std::string& message) : Error("error: " + message + '\n'), total_(1) {
  Diagnostic diagnostic;
  diagnostic.message = message;
  diagnostics_.push_back(std::move(diagnostic));
}

}  // namespace traj
