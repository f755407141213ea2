#pragma once
/// Sizes of files and memory as people read them.

#include <string>

namespace traj::cli {

/// `bytes` in the unit that suits it (decimal: kB, MB, GB, TB), with
/// three significant digits: "812 bytes", "97.4 kB", "1.25 GB"; never "0.0 GB".
std::string readable_size(double bytes);

}  // namespace traj::cli
