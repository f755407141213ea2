#include "block_workspace.hpp"

#include <algorithm>
#include <type_traits>

#include "stages.hpp"

namespace traj::territory {

using detail::Real;

BlockWorkspace::BlockWorkspace(const KernelProgram& of, std::size_t lanes)
    : program(of), max_lanes(std::max<std::size_t>(1, lanes)) {
  allocate();
}

void BlockWorkspace::allocate() {
  const std::size_t L = max_lanes;
  for (const double value : program.constant_values) {
    constants.resize(constants.size() + L, static_cast<Real>(value));
    constants_wide.resize(constants_wide.size() + L, value);
  }
  rows.assign(program.quantities.size(), nullptr);
  wide_rows.assign(program.quantities.size(), nullptr);
  trajectory_lanes.assign(program.trajectory_values.size() * L, 0);
  trajectory_year.assign(program.trajectory_values.size(), static_cast<std::size_t>(-1));
  cost_terms.assign(program.cost_slots.size(), {});
  term_lanes.assign(program.emission_terms.size(), nullptr);
  term_scalar.assign(program.emission_terms.size(), 0);
  sector_emissions.assign(program.species, {});
  state.demand.assign(program.active_cells.size() * L, 0);
  state.production.assign(program.sources * L, 0);
  state.factor.assign(program.species * program.active_cells.size() * L, 0);
  conversion_factors.assign(program.conversions.size() * program.species * L, 0);
  state.non_energy.assign(program.species * program.sectors * L, 0);
  state.custom.assign(program.indicators * L, 0);
  state.custom_shift.assign(program.indicators * L, 0);
  state.adoption.assign(program.slots * L, 0);
  state.adoption_before.assign(program.slots * L, 0);
  state.adoption_view.assign(program.slots, {});
  state.scratch.assign(3 * L, 0);
  state.factor_share.assign(program.mixed_factors.size() * L, 0);
  state.factor_mix.assign(program.mixed_factors.size() * L, 0);
  state.efficiency_ratio.assign(static_cast<std::size_t>(program.efficiency_ratios) * L, 0);
  trend.assign(program.sectors * L, 1);
  growth_trend.assign(program.sectors * L, 1);
  yearly_trend.assign(program.sectors * L, 1);
  yearly_growth.assign(program.sectors * L, 1);
  custom_trend.assign(program.indicators * L, 1);
  custom_yearly.assign(program.indicators * L, 1);
  trend_wide.assign(program.sectors * L, 1.0);
  growth_trend_wide.assign(program.sectors * L, 1.0);
  custom_trend_wide.assign(program.indicators * L, 1.0);
  branch_inverse.assign(program.carriers * program.carriers * L, 0);
  gross.assign(program.carriers * L, 0);
  cumulative.assign((3 + program.indicators) * L, 0.0);
  discount_step.assign(L, 1.0);
  discount_factor.assign(L, 1.0);
  scaled_ceilings.assign(program.slots * L, 0);
  year_out.assign(program.rows_out * L, 0);
  if (!program.territory_programs.empty())
    territory_sum.assign(program.plan.catalogue.base_size() * L, 0.0);
  if constexpr (!std::is_same_v<Real, double>)
    parameter_lanes.assign(program.scenario.parameters.size() * L, 0);
  const auto size = static_cast<Eigen::Index>(program.carriers);
  branch_matrix = Eigen::MatrixXd::Identity(size, size);
  branch_inverted = Eigen::MatrixXd::Identity(size, size);
  branch_solver = Eigen::PartialPivLU<Eigen::MatrixXd>(size);
}

TRAJ_LANE_CLONES void BlockWorkspace::bind(const double* parameters, std::size_t lanes) {
  const Real* lanes_of_parameters = nullptr;
  if constexpr (std::is_same_v<Real, double>) {
    lanes_of_parameters = reinterpret_cast<const Real*>(parameters);  // the same type
  } else {
    std::transform(parameters, parameters + program.scenario.parameters.size() * lanes,
                   parameter_lanes.begin(), [](double value) { return static_cast<Real>(value); });
    lanes_of_parameters = parameter_lanes.data();
  }
  for (std::size_t id = 0; id < program.quantities.size(); ++id) {
    const Quantity& quantity = program.quantities[id];
    if (quantity.is_constant()) {
      const std::size_t at = static_cast<std::size_t>(program.constant_row[id]) * max_lanes;
      rows[id] = constants.data() + at;
      wide_rows[id] = constants_wide.data() + at;
    } else {
      const std::size_t at = static_cast<std::size_t>(quantity.parameter) * lanes;
      rows[id] = lanes_of_parameters + at;
      wide_rows[id] = parameters + at;
    }
  }
}

TRAJ_LANE_CLONES void BlockWorkspace::start_block(std::size_t lanes) {
  state.lanes = lanes;
  for (std::size_t s = 0; s < program.sectors; ++s) {
    const double* g = wide_rows[program.growth[s]];
    const double* e = wide_rows[program.autonomous_efficiency[s]];
    for (std::size_t l = 0; l < lanes; ++l) {
      yearly_trend[s * lanes + l] = (1.0 + g[l]) * (1.0 - e[l]);
      yearly_growth[s * lanes + l] = 1.0 + g[l];
    }
  }
  for (std::size_t i = 0; i < program.indicators; ++i) {
    const double* g = wide_rows[program.custom_growth[i]];
    for (std::size_t l = 0; l < lanes; ++l) custom_yearly[i * lanes + l] = 1.0 + g[l];
  }
  std::fill_n(trend_wide.begin(), program.sectors * lanes, 1.0);
  std::fill_n(growth_trend_wide.begin(), program.sectors * lanes, 1.0);
  std::fill_n(custom_trend_wide.begin(), program.indicators * lanes, 1.0);
  std::fill_n(state.adoption_before.begin(), program.slots * lanes, 0);
  std::fill_n(state.non_energy.begin(), program.species * program.sectors * lanes, 0);
  if (program.plan.scales_ceilings()) {
    // Scaled ambition, never beyond full adoption.
    const auto& per_action = program.plan.action_ceiling_scales;
    for (std::size_t slot = 0; slot < program.slots; ++slot) {
      const auto adoption_scale = static_cast<Real>(program.plan.adoption_scale *
                                                    (per_action.empty() ? 1.0 : per_action[slot]));
      const Real* ceiling = rows[program.adoption[slot].ceiling];
      Real* scaled = scaled_ceilings.data() + slot * lanes;
      for (std::size_t l = 0; l < lanes; ++l)
        scaled[l] = std::min(Real(1), adoption_scale * ceiling[l]);
    }
  }
  bind_costs(lanes);
  for (const auto& step : program.switches) {
    for (const auto& move : step.moves) {
      if (move.efficiency_ratio < 0) continue;
      const Real* from_efficiency = rows[move.from_efficiency];
      const Real* to_efficiency = rows[move.to_efficiency];
      Real* ratio =
          state.efficiency_ratio.data() + static_cast<std::size_t>(move.efficiency_ratio) * lanes;
      for (std::size_t l = 0; l < lanes; ++l) ratio[l] = from_efficiency[l] / to_efficiency[l];
    }
  }
  std::fill(trajectory_year.begin(), trajectory_year.end(), static_cast<std::size_t>(-1));
  std::fill_n(cumulative.begin(), (3 + program.indicators) * lanes, 0.0);
  const double* rate = wide_rows[program.discount_rate];
  for (std::size_t l = 0; l < lanes; ++l) {
    discount_step[l] = 1.0 / (1.0 + rate[l]);
    discount_factor[l] = 1.0;
  }
  invert_branch(*this, lanes);
}

void BlockWorkspace::bind_costs(std::size_t lanes) {
  for (std::size_t term = 0; term < program.cost_slots.size(); ++term) {
    const std::size_t slot = program.cost_slots[term];
    CostTerm& cost = cost_terms[term];
    const Quantity& capital =
        program.quantities[static_cast<std::size_t>(program.investment[slot])];
    const Quantity& running = program.quantities[static_cast<std::size_t>(program.operating[slot])];
    cost.capital = capital.is_constant() ? nullptr : rows[program.investment[slot]];
    cost.capital_each = capital.is_constant() ? static_cast<Real>(capital.constant) : Real(0);
    cost.running = running.is_constant() ? nullptr : rows[program.operating[slot]];
    cost.running_each = running.is_constant() ? static_cast<Real>(running.constant) : Real(0);
    cost.keep = program.read_as_view(slot) ? nullptr : state.adoption_before.data() + slot * lanes;
    // A kept row is last year's adoption all block long; views are set
    // every year (adoption_of_year).
    if (cost.keep != nullptr) cost.before = {cost.keep, 1};
    cost.per_ceiling = static_cast<Real>(1.0 / program.planned_ceiling[slot]);
  }
}

}  // namespace traj::territory
