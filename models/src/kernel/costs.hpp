#pragma once
/// Each action's costs, year by year: the terms the cost stage sums.

#include <cstddef>
#include <cstdint>

#include "kernel_layout.hpp"

namespace traj::territory {

/// One action's costs this year: what it invests as adoption grows and what
/// it costs to run, per unit of its planned ceiling. A cost the same for
/// every member is one number (`*_each`, its row null), and a cost of zero
/// is left out: times a finite adoption, it would add ±0 to a sum that
/// starts at +0, which changes no bit.
struct CostTerm {
  const detail::Real* capital = nullptr;  ///< lanes, or null for capital_each
  const detail::Real* running = nullptr;  ///< lanes, or null for running_each
  detail::Real capital_each = 0;
  detail::Real running_each = 0;
  detail::AdoptionView now;     ///< adoption this year
  detail::AdoptionView before;  ///< adoption last year
  /// Where `now` is kept as next year's `before` when the investment term is
  /// added: the slot's row of BlockState::adoption_before, or null for a
  /// curve read as a view, whose last year is a view too.
  detail::Real* keep = nullptr;
  detail::Real per_ceiling = 0;

  bool invests() const { return capital != nullptr || capital_each != 0; }
  bool operates() const { return running != nullptr || running_each != 0; }
};

/// What this year's adoption of a cost term is known to be, the same for
/// every member: `grows` is 0 when it equals last year's (so the investment
/// term is +0 or −0, which changes no sum, and `before` is already `now`),
/// `runs` is 0 when it is zero (so is the operating term).
struct CostYear {
  std::uint8_t grows = 1;
  std::uint8_t runs = 1;
};

}  // namespace traj::territory
