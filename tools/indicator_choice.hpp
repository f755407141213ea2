#pragma once
/// `--indicator I --year Y` of the commands that study one indicator-year.

#include <string>

#include "traj/territory/plan.hpp"

namespace traj::cli {

/// The catalogue row of `--indicator`; throws InputError for an unknown id
/// (with a suggestion) or a year outside [base year, horizon].
std::size_t indicator_row(const territory::Plan& plan, const std::string& indicator, int year);

}  // namespace traj::cli
