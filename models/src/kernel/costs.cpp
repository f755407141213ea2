#include "costs.hpp"

#include <algorithm>

#include "stages.hpp"

namespace traj::territory {

using detail::load_lanes;
using detail::Real;
using detail::RealVector;
using detail::store_lanes;
using detail::VECTOR_LANES;

namespace {

/// One vector of lanes from l of `row`, or `each` in every lane when there is no row.
[[gnu::always_inline]] inline RealVector lanes_or_each(const Real* row, std::size_t l, Real each) {
  return row != nullptr ? load_lanes(row + l) : RealVector{} + each;
}

/// One vector of lanes from l of an adoption.
[[gnu::always_inline]] inline RealVector adoption_lanes(const detail::AdoptionView& adoption,
                                                        std::size_t l) {
  return adoption.zero() ? RealVector{} : load_lanes(adoption.row + l) * adoption.scale;
}

inline Real adoption_lane(const detail::AdoptionView& adoption, std::size_t l) {
  return adoption.zero() ? Real(0) : adoption.row[l] * adoption.scale;
}

/// invested = 0 + Σ capital × max(0, now − before) × per_ceiling and
/// operated = 0 + Σ running × now × per_ceiling, in the order of the terms,
/// two vectors of lanes at a time in registers; then keep ← now. Terms that
/// add ±0 this year (`years[t]`) are left out.
TRAJ_LANE_CLONES void add_costs(const CostTerm* terms, const CostYear* years, std::size_t count,
                                std::size_t lanes, Real* invested, Real* operated) {
  constexpr std::size_t V = VECTOR_LANES;
  const RealVector zero = RealVector{};
  std::size_t l = 0;
  for (; l + 2 * V <= lanes; l += 2 * V) {
    RealVector invested0 = zero, invested1 = zero, operated0 = zero, operated1 = zero;
    for (std::size_t t = 0; t < count; ++t) {
      const CostTerm& term = terms[t];
      const RealVector scale = zero + term.per_ceiling;
      const RealVector now0 = adoption_lanes(term.now, l), now1 = adoption_lanes(term.now, l + V);
      if (years[t].grows != 0 && term.invests()) {
        const RealVector growth0 = now0 - adoption_lanes(term.before, l);
        const RealVector growth1 = now1 - adoption_lanes(term.before, l + V);
        invested0 += lanes_or_each(term.capital, l, term.capital_each) *
                     (zero < growth0 ? growth0 : zero) * scale;
        invested1 += lanes_or_each(term.capital, l + V, term.capital_each) *
                     (zero < growth1 ? growth1 : zero) * scale;
        if (term.keep != nullptr) {
          store_lanes(term.keep + l, now0);
          store_lanes(term.keep + l + V, now1);
        }
      }
      if (years[t].runs != 0 && term.operates()) {
        operated0 += lanes_or_each(term.running, l, term.running_each) * now0 * scale;
        operated1 += lanes_or_each(term.running, l + V, term.running_each) * now1 * scale;
      }
    }
    store_lanes(invested + l, invested0);
    store_lanes(invested + l + V, invested1);
    store_lanes(operated + l, operated0);
    store_lanes(operated + l + V, operated1);
  }
  for (; l < lanes; ++l) {
    Real invested_sum = 0, operated_sum = 0;
    for (std::size_t t = 0; t < count; ++t) {
      const CostTerm& term = terms[t];
      const Real now = adoption_lane(term.now, l);
      if (years[t].grows != 0 && term.invests()) {
        const Real capital = term.capital != nullptr ? term.capital[l] : term.capital_each;
        const Real growth = now - adoption_lane(term.before, l);
        invested_sum += capital * std::max(Real(0), growth) * term.per_ceiling;
        if (term.keep != nullptr) term.keep[l] = now;
      }
      if (years[t].runs != 0 && term.operates()) {
        const Real running = term.running != nullptr ? term.running[l] : term.running_each;
        operated_sum += running * now * term.per_ceiling;
      }
    }
    invested[l] = invested_sum;
    operated[l] = operated_sum;
  }
}

}  // namespace

/// Investment as adoption grows, operating with adoption.
TRAJ_LANE_CLONES void write_costs(BlockWorkspace& work, std::size_t y, std::size_t lanes,
                                  Real* out) {
  const KernelProgram& program = work.program;
  const IndicatorCatalogue& catalogue = program.plan.catalogue;
  Real* invested = indicator_row(out, lanes, catalogue.cost_investment);
  Real* operated = indicator_row(out, lanes, catalogue.cost_operating);
  add_costs(work.cost_terms.data(), program.cost_years.data() + y * work.cost_terms.size(),
            work.cost_terms.size(), lanes, invested, operated);
}

}  // namespace traj::territory
