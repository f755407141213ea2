#pragma once
// Wording shared by the table and quantity readers' messages.

#include <string>
#include <string_view>

namespace traj::detail {

/// A number as messages print it (the shortest usual form, e.g. 0.3, 1e+06).
std::string format_number(double value);
/// "a number the single-precision kernel represents (…)", with `symbol`.
std::string single_precision_wording(std::string_view symbol);

}  // namespace traj::detail
