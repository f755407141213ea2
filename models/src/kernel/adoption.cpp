#include <algorithm>

#include "curves.hpp"
#include "stages.hpp"

namespace traj::territory {

using detail::Real;

namespace {

const Real* ceiling_row(const BlockWorkspace& work, std::size_t slot, std::size_t lanes) {
  const KernelProgram& program = work.program;
  return program.plan.scales_ceilings() ? work.scaled_ceilings.data() + slot * lanes
                                        : work.rows[program.adoption[slot].ceiling];
}

/// The adoption of a slot read as a view, in year y.
detail::AdoptionView curve_view(const BlockWorkspace& work, std::size_t slot, std::size_t y,
                                std::size_t lanes) {
  const KernelProgram& program = work.program;
  if (program.curve_started[slot * program.years + y] == 0) return {};
  const bool step = static_cast<CurveKind>(program.adoption[slot].curve) == CurveKind::Step;
  return {ceiling_row(work, slot, lanes),
          step ? Real(1) : program.curve_shape[slot * program.years + y]};
}

}  // namespace

/// This year's adoption of every slot (BlockState::adoption_view), and
/// what the cost terms read as this year's and last year's.
TRAJ_LANE_CLONES void adoption_of_year(BlockWorkspace& work, std::size_t y, std::size_t lanes) {
  const KernelProgram& program = work.program;
  const double calendar_year =
      static_cast<double>(program.scenario.base_year) + static_cast<double>(y);
  for (std::size_t slot = 0; slot < program.slots; ++slot) {
    detail::AdoptionView& view = work.state.adoption_view[slot];
    if (program.read_as_view(slot)) {
      view = curve_view(work, slot, y, lanes);
      continue;
    }
    const auto& refs = program.adoption[slot];
    const Real* ceiling = ceiling_row(work, slot, lanes);
    Real* out = work.state.adoption.data() + slot * lanes;
    view = {out, 1};
    const auto curve = static_cast<CurveKind>(refs.curve);
    if (program.fixed_curve[slot] != 0) {
      // A logistic curve of fixed shape: ceiling / (1 + exp(…)).
      if (program.curve_started[slot * program.years + y] == 0) {
        view = {};
      } else {
        const Real shape = program.curve_shape[slot * program.years + y];
        for (std::size_t l = 0; l < lanes; ++l) out[l] = ceiling[l] / shape;
      }
      continue;
    }
    // A shifted curve is the same curve read `shift` years earlier.
    const double year = calendar_year - refs.shift;
    const double* start = work.wide_rows[refs.start];
    switch (curve) {
      case CurveKind::Step:
        for (std::size_t l = 0; l < lanes; ++l) out[l] = year < start[l] ? Real(0) : ceiling[l];
        break;
      case CurveKind::Linear: {
        const double* full = work.wide_rows[refs.full_year];
        for (std::size_t l = 0; l < lanes; ++l) {
          const Real value =
              ceiling[l] * static_cast<Real>(linear_progress(year, start[l], full[l]));
          out[l] = year < start[l] ? Real(0) : value;
        }
        break;
      }
      case CurveKind::Logistic: {
        const double* midpoint = work.wide_rows[refs.midpoint];
        const double* steepness = work.wide_rows[refs.steepness];
        for (std::size_t l = 0; l < lanes; ++l) {
          out[l] = year < start[l] ? Real(0)
                                   : ceiling[l] / static_cast<Real>(logistic_denominator(
                                                      year, midpoint[l], steepness[l]));
        }
        break;
      }
    }
  }
  for (std::size_t term = 0; term < program.cost_slots.size(); ++term) {
    const std::size_t slot = program.cost_slots[term];
    CostTerm& cost = work.cost_terms[term];
    cost.now = work.state.adoption_view[slot];
    if (cost.keep == nullptr)
      cost.before = y == 0 ? detail::AdoptionView{} : curve_view(work, slot, y - 1, lanes);
  }
}

}  // namespace traj::territory
