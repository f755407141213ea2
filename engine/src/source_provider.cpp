#include "traj/source_provider.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace traj {

std::optional<std::string> DiskSourceProvider::read(const std::string& path) const {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) return std::nullopt;
  std::ifstream file(path, std::ios::binary);
  if (!file) return std::nullopt;
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

std::optional<std::string> EmbeddedSourceProvider::read(const std::string& path) const {
  const auto normalised = std::filesystem::path(path).lexically_normal().generic_string();
  const auto found = files_.find(normalised);
  if (found == files_.end()) return std::nullopt;
  return found->second;
}

}  // namespace traj
