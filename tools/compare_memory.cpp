#include "compare_memory.hpp"

#include <algorithm>
#include <cstdio>

#include "available_memory.hpp"
#include "byte_size.hpp"
#include "traj/error.hpp"
#include "traj/territory/comparison.hpp"

namespace traj::cli {

void refuse_comparison_beyond_memory(const territory::Scenario& scenario,
                                     const std::vector<std::string>& portfolio_ids,
                                     const EnsembleOptions& ensemble) {
  const auto available = available_memory_bytes();
  if (!available) return;
  const std::uint64_t members = ensemble.precision > 0.0
                                    ? std::max(ensemble.members, ensemble.max_members)
                                    : ensemble.members;
  const std::uint64_t per_member = territory::comparison_bytes_per_member(scenario, portfolio_ids);
  const double needed = static_cast<double>(per_member) * static_cast<double>(members);
  if (needed <= static_cast<double>(*available)) return;
  const std::size_t portfolios = portfolio_ids.empty()
                                     ? scenario.portfolios.size()
                                     : static_cast<std::size_t>(std::count_if(
                                           portfolio_ids.begin(), portfolio_ids.end(),
                                           [](const std::string& id) { return id != "baseline"; }));
  char message[640];
  std::snprintf(message, sizeof message,
                "--members: comparing the baseline and %zu portfolio%s on %llu members would "
                "hold about %s in memory (%llu bytes per member: every member's outcomes of "
                "each, for the paired statistics) but %s are available; use --members %llu or "
                "fewer, or fewer --portfolios",
                portfolios, portfolios == 1 ? "" : "s", static_cast<unsigned long long>(members),
                readable_size(needed).c_str(), static_cast<unsigned long long>(per_member),
                readable_size(static_cast<double>(*available)).c_str(),
                static_cast<unsigned long long>(*available / per_member));
  throw InputError(message);
}

}  // namespace traj::cli
