#pragma once
/// SHA-256 (FIPS 180-4), to fingerprint the inputs stored in result files.

#include <string>
#include <string_view>

namespace traj {

/// The SHA-256 digest of `data` as 64 lowercase hexadecimal digits.
std::string sha256_hex(std::string_view data);

}  // namespace traj
