#include "available_memory.hpp"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>

namespace traj::cli {

std::optional<std::uint64_t> available_memory_bytes() {
  std::ifstream meminfo("/proc/meminfo");
  std::string line;
  while (std::getline(meminfo, line)) {
    if (line.rfind("MemAvailable:", 0) != 0) continue;
    const auto digits = line.find_first_of("0123456789");
    if (digits == std::string::npos) break;
    return std::uint64_t{std::strtoull(line.c_str() + digits, nullptr, 10)} * 1024;
  }
  const long pages = ::sysconf(_SC_AVPHYS_PAGES);
  const long page_bytes = ::sysconf(_SC_PAGESIZE);
  if (pages > 0 && page_bytes > 0)
    return static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page_bytes);
  return std::nullopt;
}

}  // namespace traj::cli
