#pragma once
/// One thread's working memory for blocks of members: the program's
/// quantities bound to the block's lanes, the state the stages update year
/// by year, and the running sums. Sized once for max_lanes; a block never
/// allocates. Not thread safe: one per thread, over a shared program.

#include <Eigen/Dense>
#include <utility>
#include <vector>

#include "costs.hpp"
#include "kernel_layout.hpp"
#include "kernel_program.hpp"

namespace traj::territory {

/// One species' energy emissions in one sector: out = base + Σ_t
/// demand[cell_t] × factor_t, the terms added in order; each factor is lanes
/// (`lanes[t]`) or one number for all lanes (`scalar[t]`).
struct SpeciesEmissions {
  const KernelProgram::EmissionTerm* terms = nullptr;
  std::size_t count = 0;
  const detail::Real* const* lanes = nullptr;
  const detail::Real* scalar = nullptr;
  const detail::Real* base = nullptr;
  detail::Real* out = nullptr;
};

struct BlockWorkspace {
  BlockWorkspace(const KernelProgram& program, std::size_t max_lanes);

  /// Points every quantity's row at the block's parameters (converted to
  /// Real once) or at the broadcast constants.
  void bind(const double* parameters, std::size_t lanes);
  /// What is fixed over the years of a block: yearly trends, scaled
  /// ceilings, cost terms, efficiency ratios, the branch's inverse.
  void start_block(std::size_t lanes);

  const KernelProgram& program;
  std::size_t max_lanes;

  std::vector<detail::Real> constants;    ///< [constant × max_lanes]
  std::vector<double> constants_wide;     ///< the same in double precision
  std::vector<const detail::Real*> rows;  ///< by Ref, bound per block
  /// By Ref, in double precision: the timing of curves whose timing is
  /// uncertain (start, full year, midpoint, steepness) is read from here, so
  /// that `year < start` is decided on the drawn value itself: rounding it
  /// to Real could start a member's action a year early.
  std::vector<const double*> wide_rows;

  detail::BlockState state;
  /// Running products of the yearly trends, [sector × lanes] and
  /// [indicator × lanes], kept in double precision (their rounding would
  /// otherwise add up over the years) and rounded once a year into
  /// `*_trend`, which the lane loops read.
  std::vector<double> trend_wide, growth_trend_wide, custom_trend_wide;
  std::vector<double> yearly_trend, yearly_growth, custom_yearly;
  std::vector<detail::Real> trend, growth_trend, custom_trend;
  std::vector<detail::Real> branch_inverse;  ///< [(i × carriers + j) × lanes]: (I − A)⁻¹
  /// Entries (i, j) of the inverse that are not zero in every lane: the
  /// diagonal and the fuels of conversions, a small part of carriers².
  std::vector<std::pair<std::size_t, std::size_t>> branch_pattern;
  Eigen::MatrixXd branch_matrix, branch_inverted;  ///< I − A and its inverse, one lane
  Eigen::PartialPivLU<Eigen::MatrixXd> branch_solver;
  std::vector<detail::Real> gross;  ///< [carrier × lanes]
  /// [(3 + indicators) × lanes]: GHG, costs, discounted costs, custom indicators
  /// (in double precision, like the running products of the trends).
  std::vector<double> cumulative;
  std::vector<double> discount_step, discount_factor;  ///< per lane: 1/(1+r) and 1/(1+r)^n
  /// [slot × lanes]: ceilings times plan.adoption_scale, once per block
  /// when that scale is not 1 (untouched otherwise).
  std::vector<detail::Real> scaled_ceilings;
  std::vector<detail::Real> year_out;  ///< [row × lanes]: the indicators of the year
  /// [row × lanes]: the whole's rows summed over the territories (scenarios of
  /// several territories only).
  std::vector<double> territory_sum;
  /// Parameters of the block as Real, [parameter × lanes] (when Real is not
  /// double): converted once per block, read every year.
  std::vector<detail::Real> parameter_lanes;
  std::vector<detail::Real> trajectory_lanes;    ///< [trajectory × max_lanes]: this year's value
  std::vector<std::size_t> trajectory_year;      ///< year index held in trajectory_lanes
  std::vector<detail::Real> conversion_factors;  ///< [(conversion × species + species) × lanes]
  std::vector<CostTerm> cost_terms;  ///< one per cost slot, bound per block (bind_costs)
  /// Each emission term's factor this year: lanes (term_lanes) or one
  /// number for all lanes (term_scalar).
  std::vector<const detail::Real*> term_lanes;
  std::vector<detail::Real> term_scalar;
  std::vector<SpeciesEmissions> sector_emissions;  ///< per species, one sector

 private:
  void allocate();
  void bind_costs(std::size_t lanes);
};

}  // namespace traj::territory
