#pragma once
/// Reading an ensemble's quantiles as the charts draw them: a level's
/// place among the result's levels, whether a row has quantiles, and a
/// row's quantile over the years.

#include <cstddef>
#include <vector>

#include "traj/ensemble.hpp"

namespace traj::territory::report {

/// Index of `level` in the result's quantile levels, -1 when absent.
int level_index(const EnsembleResult& result, double level);

/// Whether the result has quantiles of `row` (a headline row).
bool has_quantiles(const EnsembleResult& result, std::size_t row);

/// Quantile `level` (from level_index) of `row` in every year; NaN where
/// the level is absent (-1).
std::vector<double> quantile_series(const EnsembleResult& result, std::size_t row, int level);

}  // namespace traj::territory::report
