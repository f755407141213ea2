#include "kernel_program.hpp"

#include <algorithm>

#include "curves.hpp"

namespace traj::territory {

using detail::NO_REF;
using detail::Real;
using detail::Ref;

namespace {

double interpolate(const std::vector<double>& years, const std::vector<double>& values,
                   double year) {
  if (year <= years.front()) return values.front();
  if (year >= years.back()) return values.back();
  const auto upper = std::upper_bound(years.begin(), years.end(), year);
  const auto i = static_cast<std::size_t>(upper - years.begin());
  const double weight = (year - years[i - 1]) / (years[i] - years[i - 1]);
  return values[i - 1] + weight * (values[i] - values[i - 1]);
}

}  // namespace

KernelProgram::KernelProgram(const Plan& of) : plan(of), scenario(*of.scenario) {
  sectors = scenario.sectors.size();
  carriers = scenario.carriers.size();
  species = static_cast<std::size_t>(scenario.species_count());
  sources = scenario.sources.size();
  indicators = scenario.indicators.size();
  slots = plan.actions.size();
  years = static_cast<std::size_t>(plan.year_count());
  rows_out = plan.catalogue.size();
  compile();
  compile_territories();
}

void KernelProgram::compile_territories() {
  // Recompiled from the whole's plan as it is now, so that every change a
  // caller made to its adoption curves or ceiling scales reaches them.
  std::vector<int> action_indices;
  for (const PlannedAction& planned : plan.actions) action_indices.push_back(planned.action);
  for (const Territory& territory : scenario.territories) {
    auto part = std::make_unique<Plan>(compile_actions(*territory.scenario, action_indices));
    part->portfolio = plan.portfolio;
    part->adoption_scale = plan.adoption_scale;
    if (!plan.action_ceiling_scales.empty())
      part->action_ceiling_scales.assign(part->actions.size(), 1.0);
    // Territories hold every action of the whole under the same index.
    for (std::size_t slot = 0; slot < part->actions.size(); ++slot) {
      for (std::size_t whole_slot = 0; whole_slot < plan.actions.size(); ++whole_slot) {
        if (plan.actions[whole_slot].action != part->actions[slot].action) continue;
        part->actions[slot].adoption = plan.actions[whole_slot].adoption;
        part->actions[slot].planned_ceiling = plan.actions[whole_slot].planned_ceiling;
        if (!plan.action_ceiling_scales.empty())
          part->action_ceiling_scales[slot] = plan.action_ceiling_scales[whole_slot];
      }
    }
    territory_programs.push_back(std::make_shared<const KernelProgram>(*part));
    territory_plans.push_back(std::move(part));
  }
}

Ref KernelProgram::ref(const Quantity& quantity) {
  const Ref id = static_cast<Ref>(quantities.size());
  quantities.push_back(quantity);
  int constant = -1;
  if (quantity.is_constant()) {
    const auto found = constant_index.find(quantity.constant);
    if (found != constant_index.end()) {
      constant = found->second;
    } else {
      constant = static_cast<int>(constant_values.size());
      constant_index[quantity.constant] = constant;
      constant_values.push_back(quantity.constant);
    }
  }
  constant_row.push_back(constant);
  return id;
}

int KernelProgram::activate(int sector, int carrier) {
  const int cell = scenario.cell(sector, carrier);
  int& active = active_of_cell[static_cast<std::size_t>(cell)];
  if (active < 0) {
    active = static_cast<int>(active_cells.size());
    active_cells.push_back(cell);
    active_sector.push_back(sector);
    active_carrier.push_back(carrier);
  }
  return active;
}

/// Active cells, the inventory's and the trends' quantities, each slot's
/// adoption and costs, then every other list of the program.
void KernelProgram::compile() {
  const int branch = scenario.find_sector("energy_branch");
  branch_sector = branch;
  active_of_cell.assign(scenario.cell_count(), -1);
  for (std::size_t s = 0; s < sectors; ++s) {
    for (std::size_t c = 0; c < carriers; ++c) {
      if (scenario.in_inventory[s * carriers + c])
        activate(static_cast<int>(s), static_cast<int>(c));
    }
  }
  for (const auto& group : plan.switch_groups) {
    activate(group.sector, group.from);
    for (const auto& planned : group.switches) activate(group.sector, planned.effect->to);
  }
  branch_cell_of_carrier.assign(carriers, -1);
  if (branch != NONE) {
    for (std::size_t c = 0; c < carriers; ++c) {
      const auto& own = scenario.own_consumption[c];
      if (!(own.is_constant() && own.constant == 0.0)) {
        branch_cell_of_carrier[c] = activate(branch, static_cast<int>(c));
      }
    }
    for (const Conversion* conversion : plan.conversions) {
      for (const int input : conversion->input_carriers) activate(branch, input);
    }
  }
  for (const int cell : active_cells)
    base_demand.push_back(ref(scenario.final_energy[static_cast<std::size_t>(cell)]));
  for (std::size_t s = 0; s < sectors; ++s) {
    growth.push_back(ref(scenario.activity_growth[s]));
    autonomous_efficiency.push_back(ref(scenario.autonomous_efficiency[s]));
  }
  for (std::size_t k = 0; k < sources; ++k)
    base_production.push_back(ref(scenario.local_production[k]));
  derived_source = plan.derived_source;

  for (const auto& planned : plan.actions) {
    const Adoption& curve = planned.adoption;
    detail::AdoptionRefs refs;
    refs.curve = static_cast<int>(curve.curve);
    refs.shift = curve.shift;
    refs.start = ref(curve.start);
    refs.ceiling = ref(curve.ceiling);
    if (curve.curve == CurveKind::Linear) refs.full_year = ref(curve.full_year);
    if (curve.curve == CurveKind::Logistic) {
      refs.midpoint = ref(curve.midpoint);
      refs.steepness = ref(curve.steepness);
    }
    adoption.push_back(refs);
    const Costs& costs = scenario.actions[static_cast<std::size_t>(planned.action)].costs;
    investment.push_back(ref(costs.investment));
    operating.push_back(ref(costs.operating));
    planned_ceiling.push_back(planned.planned_ceiling);
  }
  list_steps();
  list_factors();
  list_branch_and_non_energy();
  choose_factor_sources();
  tabulate_fixed_curves();
  list_emission_terms();
  list_sums();
  tabulate_cost_years();
}

std::vector<int> KernelProgram::active_list(const std::vector<int>& of_sectors,
                                            const std::vector<int>& of_carriers) const {
  std::vector<int> cells;
  for (const int s : of_sectors) {
    for (const int c : of_carriers) {
      const int active = active_of_cell[static_cast<std::size_t>(scenario.cell(s, c))];
      if (active >= 0) cells.push_back(active);
    }
  }
  return cells;
}

/// Every effect of the plan as a step over active cells (effects/<type>.cpp).
void KernelProgram::list_steps() {
  for (const auto& planned : plan.reductions)
    reductions.push_back(effects::compile_step(planned, *this));
  for (const auto& group : plan.switch_groups)
    switches.push_back(effects::compile_step(group, *this));
  for (const auto& planned : plan.productions)
    productions.push_back(effects::compile_step(planned, *this));
  for (const auto& planned : plan.factor_changes)
    factor_steps.push_back(effects::compile_step(planned, *this));
  for (const auto& planned : plan.abatements)
    abatements.push_back(effects::compile_step(planned, *this));
  for (const auto& planned : plan.indicator_changes)
    indicator_steps.push_back(effects::compile_step(planned, *this));
}

/// Where each species × active cell's factor comes from in the scenario.
void KernelProgram::list_factors() {
  for (std::size_t p = 0; p < species; ++p) {
    for (std::size_t a = 0; a < active_cells.size(); ++a) {
      const EmissionFactor& factor =
          scenario.factor(static_cast<int>(p), active_sector[a], active_carrier[a]);
      if (!factor.present) {
        factor_ref.push_back(NO_REF);
        factor_trajectory.push_back(-1);
      } else if (factor.is_trajectory()) {
        factor_ref.push_back(NO_REF);
        factor_trajectory.push_back(static_cast<int>(trajectory_values.size()));
        std::vector<Real> values;
        for (std::size_t y = 0; y < years; ++y) {
          values.push_back(static_cast<Real>(
              interpolate(factor.years, factor.values,
                          static_cast<double>(scenario.base_year) + static_cast<double>(y))));
        }
        trajectory_values.push_back(std::move(values));
      } else {
        factor_ref.push_back(ref(factor.constant));
        factor_trajectory.push_back(-1);
      }
    }
  }
}

/// The energy branch's coefficients and conversions, non-energy emissions,
/// the discount rate and custom indicators.
void KernelProgram::list_branch_and_non_energy() {
  for (std::size_t c = 0; c < carriers; ++c) {
    losses.push_back(ref(scenario.network_losses[c]));
    own_consumption.push_back(ref(scenario.own_consumption[c]));
    constant_branch = constant_branch && scenario.network_losses[c].is_constant() &&
                      scenario.own_consumption[c].is_constant();
  }
  for (const Conversion* conversion : plan.conversions) {
    ConversionRefs refs;
    refs.carrier = conversion->carrier;
    refs.efficiency = ref(conversion->efficiency);
    constant_branch = constant_branch && conversion->efficiency.is_constant();
    refs.inputs = conversion->input_carriers;
    for (const auto& share : conversion->input_shares) refs.shares.push_back(ref(share));
    refs.renewable_share = ref(conversion->renewable_share);
    refs.renewable_source = conversion->renewable_source;
    conversions.push_back(std::move(refs));
  }
  for (std::size_t p = 0; p < species; ++p) {
    for (std::size_t s = 0; s < sectors; ++s) {
      const Quantity& base = scenario.non_energy_emissions[p * sectors + s];
      if (!(base.is_constant() && base.constant == 0.0)) {
        non_energy.push_back({static_cast<int>(p), static_cast<int>(s), ref(base)});
      }
    }
  }
  for (const auto& step : abatements) {
    for (const int sector : step.sectors) {
      const bool inventory = std::any_of(
          non_energy.begin(), non_energy.end(),
          [&](const auto& item) { return item.species == step.species && item.sector == sector; });
      const auto row =
          static_cast<std::size_t>(step.species) * sectors + static_cast<std::size_t>(sector);
      if (!inventory && std::find(abated_without_inventory.begin(), abated_without_inventory.end(),
                                  row) == abated_without_inventory.end())
        abated_without_inventory.push_back(row);
    }
  }
  discount_rate = ref(scenario.discount_rate);
  for (const auto& indicator : scenario.indicators) {
    custom_base.push_back(ref(indicator.base));
    custom_growth.push_back(ref(indicator.growth));
  }
}

void KernelProgram::choose_factor_sources() {
  // Where each factor is read: in place, or computed every year.
  const std::size_t A = active_cells.size();
  factor_source.assign(species * A, FactorSource::Zero);
  factor_constant.assign(species * A, 0);
  for (std::size_t i = 0; i < species * A; ++i) {
    if (factor_ref[i] != NO_REF) {
      const Quantity& quantity = quantities[static_cast<std::size_t>(factor_ref[i])];
      if (!quantity.is_constant()) {
        factor_source[i] = FactorSource::Row;
      } else if (quantity.constant != 0.0) {
        factor_source[i] = FactorSource::Constant;
        factor_constant[i] = static_cast<Real>(quantity.constant);
      }
    }
    if (factor_trajectory[i] >= 0) factor_source[i] = FactorSource::Trajectory;
  }
  std::vector<bool> computed(species * A, false);
  std::vector<int> mixed_row(species * A, -1);
  for (auto& step : factor_steps) {
    for (const int cell : step.cells) {
      const std::size_t i =
          static_cast<std::size_t>(step.species) * A + static_cast<std::size_t>(cell);
      computed[i] = true;
      if (step.new_factor == NO_REF) continue;
      if (mixed_row[i] < 0) {
        mixed_row[i] = static_cast<int>(mixed_factors.size());
        mixed_factors.push_back(i);
      }
      step.mixed.push_back(mixed_row[i]);
    }
  }
  for (std::size_t i = 0; i < species * A; ++i) {
    if (computed[i]) {
      factor_source[i] = FactorSource::Computed;
      computed_factors.push_back(i);
    }
  }
  // The loader refuses factor effects on converted carriers: their
  // factors come from the conversion alone.
  factor_conversion.assign(species * A, -1);
  for (std::size_t k = 0; k < conversions.size(); ++k) {
    for (std::size_t p = 0; p < species; ++p) {
      for (std::size_t a = 0; a < A; ++a) {
        if (active_carrier[a] != conversions[k].carrier) continue;
        factor_source[p * A + a] = FactorSource::Converted;
        factor_conversion[p * A + a] = static_cast<int>(k);
      }
    }
  }
}

void KernelProgram::list_emission_terms() {
  const std::size_t A = active_cells.size();
  for (std::size_t p = 0; p < species; ++p) {
    for (std::size_t s = 0; s < sectors; ++s) {
      emission_terms_begin.push_back(emission_terms.size());
      for (std::size_t a = 0; a < A; ++a) {
        if (static_cast<std::size_t>(active_sector[a]) != s) continue;
        if (factor_source[p * A + a] == FactorSource::Zero) continue;
        emission_terms.push_back({a, p * A + a});
      }
    }
  }
  emission_terms_begin.push_back(emission_terms.size());
}

/// The lists the indicator sums run over (see sum_rows, add_costs).
void KernelProgram::list_sums() {
  const std::size_t A = active_cells.size();
  for (std::size_t s = 0; s < sectors; ++s) {
    cells_of_sector_begin.push_back(cells_of_sector.size());
    for (std::size_t a = 0; a < A; ++a)
      if (static_cast<std::size_t>(active_sector[a]) == s) cells_of_sector.push_back(a);
  }
  cells_of_sector_begin.push_back(cells_of_sector.size());
  for (std::size_t c = 0; c < carriers; ++c) {
    cells_of_carrier_begin.push_back(cells_of_carrier.size());
    for (std::size_t a = 0; a < A; ++a)
      if (static_cast<std::size_t>(active_carrier[a]) == c) cells_of_carrier.push_back(a);
  }
  cells_of_carrier_begin.push_back(cells_of_carrier.size());
  const IndicatorCatalogue& catalogue = plan.catalogue;
  for (std::size_t s = 0; s < sectors; ++s)
    sector_rows.push_back(static_cast<std::size_t>(catalogue.final_energy_by_sector) + s);
  for (std::size_t p = 0; p < species; ++p) {
    for (std::size_t s = 0; s < sectors; ++s) {
      const int row = p == 0 ? catalogue.ghg_by_sector + static_cast<int>(s)
                             : pollutant_row(p, s + 1, catalogue);
      species_sector_rows.push_back(static_cast<std::size_t>(row));
    }
  }
  for (std::size_t slot = 0; slot < slots; ++slot) {
    if (planned_ceiling[slot] > 0.0) cost_slots.push_back(slot);
  }
}

/// For curves of fixed shape: the years where adoption equals last year's
/// for every member (a step after its start, a line after its full year:
/// the same operations on the same numbers) or is zero (not started).
void KernelProgram::tabulate_cost_years() {
  cost_years.assign(years * cost_slots.size(), {});
  for (std::size_t term = 0; term < cost_slots.size(); ++term) {
    const std::size_t slot = cost_slots[term];
    if (fixed_curve[slot] == 0) continue;
    for (std::size_t y = 0; y < years; ++y) {
      const std::size_t at = slot * years + y;
      CostYear& year = cost_years[y * cost_slots.size() + term];
      year.runs = curve_started[at];
      // Last year's adoption is 0 before the first year (start_block).
      const bool same = y == 0 ? curve_started[at] == 0
                               : curve_started[at] == curve_started[at - 1] &&
                                     curve_shape[at] == curve_shape[at - 1];
      year.grows = same ? 0 : 1;
    }
  }
}

/// Curves whose start and shape are fixed (only the ceiling uncertain, as
/// for most actions) have one shape value per year for every member,
/// computed once here with the same operations as the lane loops below.
void KernelProgram::tabulate_fixed_curves() {
  fixed_curve.assign(slots, 0);
  curve_started.assign(slots * years, 0);
  curve_shape.assign(slots * years, 0);
  const auto fixed = [this](Ref ref) {
    return quantities[static_cast<std::size_t>(ref)].is_constant();
  };
  const auto value = [this](Ref ref) { return quantities[static_cast<std::size_t>(ref)].constant; };
  for (std::size_t slot = 0; slot < slots; ++slot) {
    const auto& refs = adoption[slot];
    const auto curve = static_cast<CurveKind>(refs.curve);
    const bool shape_fixed =
        fixed(refs.start) && (curve != CurveKind::Linear || fixed(refs.full_year)) &&
        (curve != CurveKind::Logistic || (fixed(refs.midpoint) && fixed(refs.steepness)));
    if (!shape_fixed) continue;
    fixed_curve[slot] = 1;
    const double start = value(refs.start);
    for (std::size_t y = 0; y < years; ++y) {
      // A shifted curve is the same curve read `shift` years earlier (year − 0 is year).
      const double year =
          static_cast<double>(scenario.base_year) + static_cast<double>(y) - refs.shift;
      curve_started[slot * years + y] = year < start ? 0 : 1;
      Real& shape = curve_shape[slot * years + y];
      if (curve == CurveKind::Linear) {
        shape = static_cast<Real>(linear_progress(year, start, value(refs.full_year)));
      } else if (curve == CurveKind::Logistic) {
        shape = static_cast<Real>(
            logistic_denominator(year, value(refs.midpoint), value(refs.steepness)));
      }
    }
  }
}

bool KernelProgram::is_converted(int carrier) const {
  return std::any_of(
      conversions.begin(), conversions.end(),
      [carrier](const ConversionRefs& conversion) { return conversion.carrier == carrier; });
}

}  // namespace traj::territory
