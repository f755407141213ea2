#pragma once
/// Sums of rows of lanes, held in registers a chunk of lanes at a time.

#include <cstddef>

#include "kernel_layout.hpp"

namespace traj::territory {

/// Lanes handled at once by the loops that hold sums in registers: four
/// vectors, so four independent chains of additions.
constexpr std::size_t CHUNK = 4 * detail::VECTOR_LANES;

/// out = 0 + Σ_t rows[index_t], lane by lane, in the order of `indices`:
/// the additions of a row-by-row sum, CHUNK lanes at a time in registers.
/// Inlined into each caller, so it is compiled for the caller's clone
/// (TRAJ_LANE_CLONES): clones of one file cannot call those of another.
[[gnu::always_inline]] inline void sum_rows(const detail::Real* rows, const std::size_t* indices,
                                            std::size_t count, std::size_t lanes,
                                            detail::Real* out) {
  using detail::load_lanes;
  using detail::Real;
  using detail::RealVector;
  using detail::store_lanes;
  constexpr std::size_t V = detail::VECTOR_LANES;
  std::size_t l = 0;
  for (; l + CHUNK <= lanes; l += CHUNK) {
    RealVector sum0 = RealVector{}, sum1 = sum0, sum2 = sum0, sum3 = sum0;
    for (std::size_t t = 0; t < count; ++t) {
      const Real* row = rows + indices[t] * lanes + l;
      sum0 += load_lanes(row);
      sum1 += load_lanes(row + V);
      sum2 += load_lanes(row + 2 * V);
      sum3 += load_lanes(row + 3 * V);
    }
    store_lanes(out + l, sum0);
    store_lanes(out + l + V, sum1);
    store_lanes(out + l + 2 * V, sum2);
    store_lanes(out + l + 3 * V, sum3);
  }
  for (; l + V <= lanes; l += V) {  // small blocks
    RealVector sum = RealVector{};
    for (std::size_t t = 0; t < count; ++t) sum += load_lanes(rows + indices[t] * lanes + l);
    store_lanes(out + l, sum);
  }
  for (; l < lanes; ++l) {
    Real sum = 0;
    for (std::size_t t = 0; t < count; ++t) sum += rows[indices[t] * lanes + l];
    out[l] = sum;
  }
}

}  // namespace traj::territory
