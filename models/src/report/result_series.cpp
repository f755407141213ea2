#include "result_series.hpp"

#include <algorithm>
#include <cmath>

namespace traj::territory::report {

int level_index(const EnsembleResult& result, double level) {
  const auto& levels = result.quantile_levels;
  const auto found = std::find(levels.begin(), levels.end(), level);
  return found == levels.end() ? -1 : static_cast<int>(found - levels.begin());
}

bool has_quantiles(const EnsembleResult& result, std::size_t row) {
  return std::find(result.quantile_rows.begin(), result.quantile_rows.end(), row) !=
         result.quantile_rows.end();
}

std::vector<double> quantile_series(const EnsembleResult& result, std::size_t row, int level) {
  std::vector<double> values;
  for (std::size_t y = 0; y < result.years; ++y) {
    values.push_back(level < 0 ? std::nan("")
                               : result.quantile_at(row, y, static_cast<std::size_t>(level)));
  }
  return values;
}

}  // namespace traj::territory::report
