#include "traj/territory/kernel.hpp"

#include <algorithm>
#include <cmath>

#include "effects/effects.hpp"

namespace traj::territory {
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

Kernel::Kernel(const Plan& plan)
    : plan_(plan),
      scenario_(*plan.scenario),
      branch_sector_(scenario_.find_sector("energy_branch")) {
  for (std::size_t c = 0; c < scenario_.carriers.size(); ++c) {
    converted_.push_back(scenario_.conversion_of(static_cast<int>(c)) != nullptr);
  }
  const std::size_t cells = scenario_.cell_count();
  const std::size_t sectors = scenario_.sectors.size();
  const std::size_t carriers = scenario_.carriers.size();
  const auto species = static_cast<std::size_t>(scenario_.species_count());
  state_.demand.assign(cells, 0.0);
  state_.production.assign(scenario_.sources.size(), 0.0);
  state_.factor.assign(species * cells, 0.0);
  state_.non_energy.assign(species * sectors, 0.0);
  state_.custom.assign(scenario_.indicators.size(), 0.0);
  state_.custom_shift.assign(scenario_.indicators.size(), 0.0);
  state_.adoption.assign(plan.actions.size(), 0.0);
  state_.adoption_before.assign(plan.actions.size(), 0.0);
  state_.carrier_demand = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(carriers));
  state_.gross = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(carriers));
  member_.base_demand.assign(cells, 0.0);
  member_.yearly_factor.assign(sectors, 1.0);
  member_.yearly_growth.assign(sectors, 1.0);
  member_.base_production.assign(scenario_.sources.size(), 0.0);
  member_.base_non_energy.assign(species * sectors, 0.0);
  member_.branch = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(carriers),
                                         static_cast<Eigen::Index>(carriers));
}

void Kernel::start_member(std::span<const double> parameters) {
  for (std::size_t cell = 0; cell < member_.base_demand.size(); ++cell) {
    member_.base_demand[cell] = scenario_.final_energy[cell].value(parameters);
  }
  for (std::size_t s = 0; s < scenario_.sectors.size(); ++s) {
    const double growth = scenario_.activity_growth[s].value(parameters);
    const double efficiency = scenario_.autonomous_efficiency[s].value(parameters);
    member_.yearly_growth[s] = 1.0 + growth;
    member_.yearly_factor[s] = (1.0 + growth) * (1.0 - efficiency);
  }
  for (std::size_t source = 0; source < scenario_.sources.size(); ++source) {
    member_.base_production[source] = scenario_.local_production[source].value(parameters);
  }
  for (std::size_t i = 0; i < member_.base_non_energy.size(); ++i) {
    member_.base_non_energy[i] = scenario_.non_energy_emissions[i].value(parameters);
  }
  // Energy branch: gross = carrier demand + A · gross, with A holding the
  // losses and own consumption (diagonal) and the fuel each converted carrier
  // takes (column of the converted carrier).
  auto& branch = member_.branch;
  branch.setZero();
  for (std::size_t c = 0; c < scenario_.carriers.size(); ++c) {
    const auto i = static_cast<Eigen::Index>(c);
    branch(i, i) = scenario_.network_losses[c].value(parameters) +
                   scenario_.own_consumption[c].value(parameters);
  }
  for (const Conversion* conversion : plan_.conversions) {
    const double efficiency = conversion->efficiency.value(parameters);
    for (std::size_t k = 0; k < conversion->input_carriers.size(); ++k) {
      branch(conversion->input_carriers[k], conversion->carrier) +=
          conversion->input_shares[k].value(parameters) / efficiency;
    }
  }
  const auto size = branch.rows();
  member_.branch_solver.compute(Eigen::MatrixXd::Identity(size, size) - branch);
  std::fill(state_.adoption_before.begin(), state_.adoption_before.end(), 0.0);
}

void Kernel::run(std::span<const double> parameters, Trajectory& trajectory,
                 EnergyBalances* balances) {
  const int years = plan_.year_count();
  const int rows = static_cast<int>(plan_.catalogue.size());
  trajectory.base_year = scenario_.base_year;
  trajectory.years = years;
  trajectory.rows = rows;
  trajectory.values.resize(static_cast<std::size_t>(years * rows));
  if (balances != nullptr)
    balances->resize(static_cast<std::size_t>(years) * scenario_.carriers.size());
  start_member(parameters);
  for (int y = 0; y < years; ++y) {
    double* row = trajectory.values.data() + static_cast<std::ptrdiff_t>(y) * rows;
    CarrierBalance* balance =
        balances != nullptr
            ? balances->data() + static_cast<std::ptrdiff_t>(y) *
                                     static_cast<std::ptrdiff_t>(scenario_.carriers.size())
            : nullptr;
    simulate_year(y, parameters, row, balance);
    if (y > 0) {
      // Cumulative indicators include the base year.
      const double* previous = row - rows;
      row[plan_.catalogue.ghg_cumulative] += previous[plan_.catalogue.ghg_cumulative];
      row[plan_.catalogue.cost_cumulative] += previous[plan_.catalogue.cost_cumulative];
      for (std::size_t i = 0; i < scenario_.indicators.size(); ++i) {
        const auto cumulative = static_cast<std::size_t>(plan_.catalogue.custom) + 2 * i + 1;
        row[cumulative] += previous[cumulative];
      }
    }
  }
}

void Kernel::simulate_year(int year_index, std::span<const double> parameters, double* row,
                           CarrierBalance* balance) {
  const Scenario& scenario = scenario_;
  const IndicatorCatalogue& catalogue = plan_.catalogue;
  const double year = scenario.base_year + year_index;
  const std::size_t sectors = scenario.sectors.size();
  const std::size_t carriers = scenario.carriers.size();
  const std::size_t cells = scenario.cell_count();
  const auto species_count = static_cast<std::size_t>(scenario.species_count());
  YearState& state = state_;

  // 1. Adoption of every action this year.
  for (std::size_t slot = 0; slot < plan_.actions.size(); ++slot) {
    state.adoption[slot] = adoption_at(plan_.actions[slot].adoption, year, parameters);
  }

  // 2. Baseline demand: base × ((1 + growth)(1 − efficiency))^n.
  for (std::size_t s = 0; s < sectors; ++s) {
    const double trend = std::pow(member_.yearly_factor[s], year_index);
    for (std::size_t c = 0; c < carriers; ++c) {
      state.demand[s * carriers + c] = member_.base_demand[s * carriers + c] * trend;
    }
  }

  // 3. Reductions act on useful demand, before any carrier changes.
  for (const auto& planned : plan_.reductions) {
    effects::apply_reduce(scenario, *planned.effect,
                          state.adoption[static_cast<std::size_t>(planned.slot)], parameters,
                          state);
  }

  // 4. Local production: inventory, then actions (switches add ambient heat).
  std::copy(member_.base_production.begin(), member_.base_production.end(),
            state.production.begin());
  for (const auto& planned : plan_.productions) {
    effects::apply_produce(*planned.effect, state.adoption[static_cast<std::size_t>(planned.slot)],
                           parameters, state);
  }

  // 5. Switches, cell by cell in topological order of the carriers.
  for (const auto& group : plan_.switch_groups)
    effects::apply_switches(scenario, group, parameters, state);

  // 6. Energy branch: gross supply (I − A)⁻¹ d, own consumption into the
  //    energy branch's final energy.
  for (std::size_t c = 0; c < carriers; ++c) {
    double total = 0.0;
    for (std::size_t s = 0; s < sectors; ++s) total += state.demand[s * carriers + c];
    state.carrier_demand[static_cast<Eigen::Index>(c)] = total;
  }
  state.gross.noalias() = member_.branch_solver.solve(state.carrier_demand);
  const int branch_sector = branch_sector_;
  for (std::size_t c = 0; c < carriers; ++c) {
    const double gross = state.gross[static_cast<Eigen::Index>(c)];
    const double own = scenario.own_consumption[c].value(parameters) * gross;
    if (branch_sector != NONE && own != 0.0) {
      state.demand[static_cast<std::size_t>(branch_sector) * carriers + c] += own;
    }
    if (balance != nullptr) {
      balance[c] = CarrierBalance{};
      balance[c].final_demand = state.carrier_demand[static_cast<Eigen::Index>(c)];
      balance[c].own_consumption = own;
      balance[c].losses = scenario.network_losses[c].value(parameters) * gross;
      balance[c].gross = gross;
    }
  }
  for (const Conversion* conversion : plan_.conversions) {
    const double output = state.gross[conversion->carrier];
    if (conversion->renewable_source != NONE) {
      state.production[static_cast<std::size_t>(conversion->renewable_source)] =
          output * conversion->renewable_share.value(parameters);
    }
    if (balance != nullptr) {
      balance[conversion->carrier].conversion_output = output;
      const double efficiency = conversion->efficiency.value(parameters);
      for (std::size_t k = 0; k < conversion->input_carriers.size(); ++k) {
        balance[conversion->input_carriers[k]].conversion_input +=
            output * conversion->input_shares[k].value(parameters) / efficiency;
      }
    }
  }

  // 7. Emission factors of the year, changed by actions; converted carriers
  //    take the factor of their fuel mix.
  for (std::size_t species = 0; species < species_count; ++species) {
    for (std::size_t s = 0; s < sectors; ++s) {
      for (std::size_t c = 0; c < carriers; ++c) {
        const EmissionFactor& factor =
            scenario.factor(static_cast<int>(species), static_cast<int>(s), static_cast<int>(c));
        double value = 0.0;
        if (factor.present) {
          value = factor.is_trajectory() ? interpolate(factor.years, factor.values, year)
                                         : factor.constant.value(parameters);
        }
        state.factor[species * cells + s * carriers + c] = value;
      }
    }
  }
  for (const auto& planned : plan_.factor_changes) {
    effects::apply_factor(scenario, *planned.effect,
                          state.adoption[static_cast<std::size_t>(planned.slot)], parameters,
                          state);
  }
  if (branch_sector != NONE) {
    for (const Conversion* conversion : plan_.conversions) {
      const double efficiency = conversion->efficiency.value(parameters);
      const double delivered_share =
          1.0 -
          scenario.network_losses[static_cast<std::size_t>(conversion->carrier)].value(parameters);
      for (std::size_t species = 0; species < species_count; ++species) {
        double per_fuel = 0.0;
        for (std::size_t k = 0; k < conversion->input_carriers.size(); ++k) {
          per_fuel +=
              conversion->input_shares[k].value(parameters) *
              state.factor[species * cells + static_cast<std::size_t>(branch_sector) * carriers +
                           static_cast<std::size_t>(conversion->input_carriers[k])];
        }
        const double delivered_factor = per_fuel / (efficiency * delivered_share);
        for (std::size_t s = 0; s < sectors; ++s) {
          state.factor[species * cells + s * carriers +
                       static_cast<std::size_t>(conversion->carrier)] = delivered_factor;
        }
      }
    }
  }

  // 8. Non-energy emissions follow activity, less abatement.
  for (std::size_t species = 0; species < species_count; ++species) {
    for (std::size_t s = 0; s < sectors; ++s) {
      state.non_energy[species * sectors + s] = member_.base_non_energy[species * sectors + s] *
                                                std::pow(member_.yearly_growth[s], year_index);
    }
  }
  for (const auto& planned : plan_.abatements) {
    effects::apply_abate(scenario, *planned.effect,
                         state.adoption[static_cast<std::size_t>(planned.slot)], parameters, state);
  }

  // 9. Custom indicators.
  for (std::size_t i = 0; i < scenario.indicators.size(); ++i) {
    const auto& indicator = scenario.indicators[i];
    state.custom[i] = indicator.base.value(parameters) *
                      std::pow(1.0 + indicator.growth.value(parameters), year_index);
    state.custom_shift[i] = 0.0;
  }
  for (const auto& planned : plan_.indicator_changes) {
    effects::apply_indicator(
        *planned.effect, state.adoption[static_cast<std::size_t>(planned.slot)], parameters, state);
  }

  // 10. Indicators.
  double final_energy = 0.0;
  for (std::size_t s = 0; s < sectors; ++s) {
    double sector_total = 0.0;
    for (std::size_t c = 0; c < carriers; ++c) sector_total += state.demand[s * carriers + c];
    row[static_cast<std::size_t>(catalogue.final_energy_by_sector) + s] = sector_total;
    final_energy += sector_total;
  }
  for (std::size_t c = 0; c < carriers; ++c) {
    double carrier_total = 0.0;
    for (std::size_t s = 0; s < sectors; ++s) carrier_total += state.demand[s * carriers + c];
    row[static_cast<std::size_t>(catalogue.final_energy_by_carrier) + c] = carrier_total;
  }
  row[catalogue.final_energy] = final_energy;

  double production_total = 0.0;
  for (std::size_t source = 0; source < scenario.sources.size(); ++source) {
    row[static_cast<std::size_t>(catalogue.local_production_by_source) + source] =
        state.production[source];
    production_total += state.production[source];
  }
  row[catalogue.local_production] = production_total;
  row[catalogue.renewable_share] = final_energy > 0.0 ? production_total / final_energy : 0.0;

  double imports = 0.0;
  for (std::size_t c = 0; c < carriers; ++c) {
    double local = 0.0;
    for (std::size_t source = 0; source < scenario.sources.size(); ++source) {
      if (scenario.sources[source].carrier == static_cast<int>(c) &&
          !plan_.derived_source[source]) {
        local += state.production[source];
      }
    }
    const bool converted = converted_[c];
    const double gross = state.gross[static_cast<Eigen::Index>(c)];
    const double carrier_imports = converted ? 0.0 : gross - local;
    imports += carrier_imports;
    if (balance != nullptr) {
      balance[c].local_supply = converted ? 0.0 : local;
      balance[c].imports = carrier_imports;
    }
  }
  row[catalogue.energy_imports] = imports;

  for (std::size_t species = 0; species < species_count; ++species) {
    double total = 0.0;
    for (std::size_t s = 0; s < sectors; ++s) {
      double sector_total = state.non_energy[species * sectors + s];
      for (std::size_t c = 0; c < carriers; ++c) {
        sector_total +=
            state.demand[s * carriers + c] * state.factor[species * cells + s * carriers + c];
      }
      total += sector_total;
      const std::size_t by_sector = species == 0
                                        ? static_cast<std::size_t>(catalogue.ghg_by_sector) + s
                                        : static_cast<std::size_t>(catalogue.pollutants) +
                                              (species - 1) * (sectors + 1) + 1 + s;
      row[by_sector] = sector_total;
    }
    if (species == 0) {
      row[catalogue.ghg] = total;
      row[catalogue.ghg_cumulative] = total;
    } else {
      row[static_cast<std::size_t>(catalogue.pollutants) + (species - 1) * (sectors + 1)] = total;
    }
  }

  for (std::size_t i = 0; i < scenario.indicators.size(); ++i) {
    const double value = std::max(0.0, state.custom[i] + state.custom_shift[i]);
    row[static_cast<std::size_t>(catalogue.custom) + 2 * i] = value;
    row[static_cast<std::size_t>(catalogue.custom) + 2 * i + 1] = value;
  }

  double investment = 0.0;
  double operating = 0.0;
  for (std::size_t slot = 0; slot < plan_.actions.size(); ++slot) {
    const PlannedAction& planned = plan_.actions[slot];
    if (planned.planned_ceiling <= 0.0) continue;
    const Costs& costs = scenario.actions[static_cast<std::size_t>(planned.action)].costs;
    const double added = std::max(0.0, state.adoption[slot] - state.adoption_before[slot]);
    investment += costs.investment.value(parameters) * added / planned.planned_ceiling;
    operating += costs.operating.value(parameters) * state.adoption[slot] / planned.planned_ceiling;
    state.adoption_before[slot] = state.adoption[slot];
  }
  row[catalogue.cost_investment] = investment;
  row[catalogue.cost_operating] = operating;
  row[catalogue.cost_cumulative] = investment + operating;
}

}  // namespace traj::territory
