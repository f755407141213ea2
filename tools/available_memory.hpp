#pragma once
/// How much memory this machine can give a computation now, to refuse one
/// that cannot fit before it starts (as `run --output` does for disk).

#include <cstdint>
#include <optional>

namespace traj::cli {

/// MemAvailable of /proc/meminfo (memory that can be had without swapping),
/// else the free physical pages (sysconf); nothing when neither is known.
std::optional<std::uint64_t> available_memory_bytes();

}  // namespace traj::cli
