#include "byte_size.hpp"

#include <cstdio>

namespace traj::cli {

std::string readable_size(double bytes) {
  char text[48];
  if (bytes < 1000) {
    std::snprintf(text, sizeof text, "%.0f bytes", bytes);
    return text;
  }
  const char* units[] = {"kB", "MB", "GB", "TB", "PB"};
  double value = bytes / 1000;
  int unit = 0;
  while (value >= 999.5 && unit < 4) {
    value /= 1000;
    ++unit;
  }
  std::snprintf(text, sizeof text,
                value >= 99.95   ? "%.0f %s"
                : value >= 9.995 ? "%.1f %s"
                                 : "%.2f %s",
                value, units[unit]);
  return text;
}

}  // namespace traj::cli
