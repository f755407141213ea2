#pragma once
/// PRIM, the patient rule induction method (Friedman & Fisher 1999, "Bump
/// hunting in high-dimensional data", Statistics and Computing 9), as
/// scenario discovery uses it (Bryant & Lempert 2010; the EMA Workbench,
/// Kwakkel 2017): the ranges of a few factors where members of interest are
/// concentrated. Generic: factors are columns of numbers, the outcome a 0/1
/// per member; nothing here knows what they mean.
///
/// Peeling starts from the box that holds every member and, step by step,
/// removes the slice of `peel_alpha` of the box's members, at the low or the
/// high end of one factor, that leaves the highest share of members of
/// interest (density); it stops when no slice raises the density or the box
/// would fall below `minimum_mass`. The boxes met on the way are the peeling
/// trajectory: coverage (the share of all members of interest inside) falls
/// as density rises. The chosen box is the trajectory's densest with
/// coverage ≥ `minimum_coverage`; pasting then widens it, slice by slice of
/// `paste_alpha`, while that keeps its density
/// (docs/model.md#14-scenario-discovery-traj-discover).
///
/// Deterministic: no randomness; ties between slices are broken by rules
/// stated in prim.cpp, never by memory order or thread count. Thread safe
/// (a pure function).

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "traj/setting_ranges.hpp"

namespace traj {

/// PRIM's settings; prim() refuses values outside the ranges below.
struct PrimOptions {
  double peel_alpha = 0.05;   ///< share of the box's members each peel removes
  double paste_alpha = 0.01;  ///< share of the box's members each paste adds
  /// Peeling never leaves a box with fewer than this share of all members
  /// (Friedman & Fisher's minimum support β₀).
  double minimum_mass = 0.05;
  /// The chosen box: the densest of the trajectory with at least this coverage.
  double minimum_coverage = 0.5;
  /// Threads that sort and filter the factors (0: every core); never changes
  /// the result, each factor being one task's.
  int threads = 0;
};

inline constexpr NumberRange PEEL_ALPHA_RANGE{0.01, 0.5};
inline constexpr NumberRange PASTE_ALPHA_RANGE{0.001, 0.5};
inline constexpr NumberRange MINIMUM_MASS_RANGE{0.001, 0.9};
inline constexpr NumberRange MINIMUM_COVERAGE_RANGE{0.0, 1.0};

/// The members' factor values and which members are of interest.
struct PrimData {
  std::size_t members = 0;
  std::size_t factors = 0;
  std::span<const double> values;             ///< [factor × members + member], finite
  std::span<const std::uint8_t> of_interest;  ///< per member: 1 if of interest, else 0
};

/// A box: per factor a range [lower, upper], −∞ or +∞ on an open side. A
/// member is inside when each of its values is within its factor's range,
/// bounds included. A bound lies halfway between the members it separates.
struct PrimBox {
  std::vector<double> lower, upper;
  std::uint64_t members = 0;      ///< inside
  std::uint64_t of_interest = 0;  ///< inside and of interest
  double coverage = 0.0;          ///< of_interest / every member of interest
  double density = 0.0;           ///< of_interest / members
  double mass = 0.0;              ///< members / every member

  bool restricts(std::size_t factor) const;
  std::size_t restricted_factors() const;
};

/// One factor restricted by the chosen box, and what lifting it (its two
/// bounds, the others kept) would do.
struct PrimRestriction {
  std::size_t factor = 0;
  double lower = 0.0, upper = 0.0;  ///< the box's, −∞ or +∞ on an open side
  double density_without = 0.0, coverage_without = 0.0, mass_without = 0.0;
  double density_drop = 0.0;  ///< box density − density_without: how much it matters
  /// The chance that the box's members, drawn at density_without, would hold
  /// as many of interest as they do (one-sided binomial): the EMA
  /// Workbench's quasi-p-value. Above 0.05 the restriction may be chance.
  double quasi_p = 1.0;
};

/// Above it, a restriction's quasi-p-value says it may be chance.
inline constexpr double QUASI_P_LEVEL = 0.05;

struct PrimResult {
  std::uint64_t members = 0, of_interest = 0;
  std::vector<PrimBox> trajectory;  ///< peeling; box 0 holds every member
  std::size_t chosen = 0;           ///< the trajectory's box that was pasted
  std::size_t pastes = 0;           ///< pastes that widened it
  PrimBox box;                      ///< trajectory[chosen] after pasting
  /// The factors `box` restricts, the largest density_drop first (ties:
  /// lower factor index first).
  std::vector<PrimRestriction> restrictions;
};

/// Throws InputError naming the first of `options` outside its range.
void check_prim_options(const PrimOptions& options);

/// Finds the box. Throws InputError for options outside their ranges, for
/// data whose sizes disagree or that hold a non-finite value, and when no
/// member is of interest (there is no box to find). More than 2^32 − 1
/// members are refused (indices are 32-bit to halve the memory).
/// Memory: about 4 × factors × members bytes beyond the data.
PrimResult prim(const PrimData& data, const PrimOptions& options = {});

}  // namespace traj
