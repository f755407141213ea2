#include <algorithm>

#include "../effects/effects.hpp"
#include "lane_sums.hpp"
#include "stages.hpp"

namespace traj::territory {

using detail::load_lanes;
using detail::NO_REF;
using detail::Real;
using detail::RealVector;
using detail::store_lanes;
using detail::VECTOR_LANES;

namespace {

/// Lanes handled at once by the loops that hold sums in registers: four
/// vectors, so four independent chains of additions.
constexpr std::size_t CHUNK = 4 * VECTOR_LANES;

/// The emissions of every species in one sector, CHUNK lanes at a time: each
/// species' sum is held in registers (its output written once), and the
/// sector's demand rows for those lanes stay in the L1 cache from one
/// species to the next.
TRAJ_LANE_CLONES void add_sector_emissions(const SpeciesEmissions* species,
                                           std::size_t species_count, const Real* demand,
                                           std::size_t lanes) {
  constexpr std::size_t V = VECTOR_LANES;
  std::size_t l = 0;
  for (; l + CHUNK <= lanes; l += CHUNK) {
    for (std::size_t p = 0; p < species_count; ++p) {
      const SpeciesEmissions& sum = species[p];
      RealVector sum0 = load_lanes(sum.base + l), sum1 = load_lanes(sum.base + l + V);
      RealVector sum2 = load_lanes(sum.base + l + 2 * V), sum3 = load_lanes(sum.base + l + 3 * V);
      for (std::size_t t = 0; t < sum.count; ++t) {
        const Real* d = demand + sum.terms[t].cell * lanes + l;
        if (sum.lanes[t] != nullptr) {
          const Real* f = sum.lanes[t] + l;
          sum0 += load_lanes(d) * load_lanes(f);
          sum1 += load_lanes(d + V) * load_lanes(f + V);
          sum2 += load_lanes(d + 2 * V) * load_lanes(f + 2 * V);
          sum3 += load_lanes(d + 3 * V) * load_lanes(f + 3 * V);
        } else {
          const RealVector f = RealVector{} + sum.scalar[t];
          sum0 += load_lanes(d) * f;
          sum1 += load_lanes(d + V) * f;
          sum2 += load_lanes(d + 2 * V) * f;
          sum3 += load_lanes(d + 3 * V) * f;
        }
      }
      store_lanes(sum.out + l, sum0);
      store_lanes(sum.out + l + V, sum1);
      store_lanes(sum.out + l + 2 * V, sum2);
      store_lanes(sum.out + l + 3 * V, sum3);
    }
  }
  // Small blocks (e.g. --block 16): one vector at a time.
  for (; l + V <= lanes; l += V) {
    for (std::size_t p = 0; p < species_count; ++p) {
      const SpeciesEmissions& sum = species[p];
      RealVector total = load_lanes(sum.base + l);
      for (std::size_t t = 0; t < sum.count; ++t) {
        const RealVector d = load_lanes(demand + sum.terms[t].cell * lanes + l);
        total += sum.lanes[t] != nullptr ? d * load_lanes(sum.lanes[t] + l) : d * sum.scalar[t];
      }
      store_lanes(sum.out + l, total);
    }
  }
  for (; l < lanes; ++l) {
    for (std::size_t p = 0; p < species_count; ++p) {
      const SpeciesEmissions& sum = species[p];
      Real value = sum.base[l];
      for (std::size_t t = 0; t < sum.count; ++t) {
        const Real factor = sum.lanes[t] != nullptr ? sum.lanes[t][l] : sum.scalar[t];
        value += demand[sum.terms[t].cell * lanes + l] * factor;
      }
      sum.out[l] = value;
    }
  }
}

Real* converted_factor(BlockWorkspace& work, std::size_t i, std::size_t lanes) {
  const KernelProgram& program = work.program;
  const auto conversion = static_cast<std::size_t>(program.factor_conversion[i]);
  return work.conversion_factors.data() +
         (conversion * program.species + i / program.active_cells.size()) * lanes;
}

/// The lanes of factor `i` (species × active cell) this year; nullptr for
/// zero. Trajectories are broadcast into `trajectory_lanes` once per year.
const Real* factor_lanes(BlockWorkspace& work, std::size_t i, std::size_t y, std::size_t lanes) {
  const KernelProgram& program = work.program;
  switch (program.factor_source[i]) {
    case KernelProgram::FactorSource::Zero:
      return nullptr;
    case KernelProgram::FactorSource::Constant:
    case KernelProgram::FactorSource::Row:
      return work.rows[program.factor_ref[i]];
    case KernelProgram::FactorSource::Trajectory: {
      const auto trajectory = static_cast<std::size_t>(program.factor_trajectory[i]);
      Real* lanes_of = work.trajectory_lanes.data() + trajectory * work.max_lanes;
      if (work.trajectory_year[trajectory] != y) {
        std::fill_n(lanes_of, lanes, program.trajectory_values[trajectory][y]);
        work.trajectory_year[trajectory] = y;
      }
      return lanes_of;
    }
    case KernelProgram::FactorSource::Computed:
      return work.state.factor.data() + i * lanes;
    case KernelProgram::FactorSource::Converted:
      return converted_factor(work, i, lanes);
  }
  return nullptr;
}

void resolve_emission_terms(BlockWorkspace& work, std::size_t y, std::size_t lanes) {
  const KernelProgram& program = work.program;
  for (std::size_t t = 0; t < program.emission_terms.size(); ++t) {
    const std::size_t i = program.emission_terms[t].factor;
    work.term_lanes[t] = nullptr;
    switch (program.factor_source[i]) {
      case KernelProgram::FactorSource::Zero:
        break;
      case KernelProgram::FactorSource::Constant:
        // Fixed factors are scalars: no memory traffic for their lanes.
        work.term_scalar[t] = program.factor_constant[i];
        break;
      case KernelProgram::FactorSource::Trajectory:
        work.term_scalar[t] =
            program.trajectory_values[static_cast<std::size_t>(program.factor_trajectory[i])][y];
        break;
      case KernelProgram::FactorSource::Row:
        work.term_lanes[t] = work.rows[program.factor_ref[i]];
        break;
      case KernelProgram::FactorSource::Computed:
        work.term_lanes[t] = work.state.factor.data() + i * lanes;
        break;
      case KernelProgram::FactorSource::Converted:
        work.term_lanes[t] = converted_factor(work, i, lanes);
        break;
    }
  }
}

}  // namespace

// Factors of the year, changed by actions; converted carriers take the
// factor of their fuel mix per GWh delivered, once per conversion and
// species. Only those are written; the others are read in place by
// write_indicators.
TRAJ_LANE_CLONES void emission_factors(BlockWorkspace& work, std::size_t y, std::size_t lanes) {
  const KernelProgram& program = work.program;
  const std::size_t A = program.active_cells.size();
  for (const std::size_t i : program.computed_factors) {
    Real* factor = work.state.factor.data() + i * lanes;
    if (program.factor_ref[i] != NO_REF) {
      std::copy_n(work.rows[program.factor_ref[i]], lanes, factor);
    } else if (program.factor_trajectory[i] >= 0) {
      std::fill_n(
          factor, lanes,
          program.trajectory_values[static_cast<std::size_t>(program.factor_trajectory[i])][y]);
    } else {
      std::fill_n(factor, lanes, 0);
    }
  }
  for (const auto& step : program.factor_steps) {
    if (step.new_factor != NO_REF) effects::add_factor_shares(step, work.rows.data(), work.state);
  }
  effects::mix_factors(program.mixed_factors, work.state);
  for (const auto& step : program.factor_steps) {
    if (step.new_factor == NO_REF) effects::apply_factor_cut(step, work.rows.data(), A, work.state);
  }
  const int branch = program.branch_sector;
  for (std::size_t c = 0; c < program.conversions.size(); ++c) {
    const KernelProgram::ConversionRefs& conversion = program.conversions[c];
    const Real* efficiency = work.rows[conversion.efficiency];
    const Real* loss = work.rows[program.losses[static_cast<std::size_t>(conversion.carrier)]];
    for (std::size_t p = 0; p < program.species; ++p) {
      Real* factor = work.conversion_factors.data() + (c * program.species + p) * lanes;
      std::fill_n(factor, lanes, 0);
      for (std::size_t k = 0; k < conversion.inputs.size(); ++k) {
        const auto input =
            p * A + static_cast<std::size_t>(program.active_of_cell[static_cast<std::size_t>(
                        program.scenario.cell(branch, conversion.inputs[k]))]);
        const Real* share = work.rows[conversion.shares[k]];
        const Real* input_factor = factor_lanes(work, input, y, lanes);
        if (input_factor == nullptr) continue;
        for (std::size_t l = 0; l < lanes; ++l) factor[l] += share[l] * input_factor[l];
      }
      for (std::size_t l = 0; l < lanes; ++l) factor[l] /= efficiency[l] * (Real(1) - loss[l]);
    }
  }
}

/// Each species' energy emissions (consumer attributed) plus non-energy
/// emissions, by sector and in total, into the year's indicators `out`.
TRAJ_LANE_CLONES void write_emissions(BlockWorkspace& work, std::size_t y, std::size_t lanes,
                                      Real* out) {
  const KernelProgram& program = work.program;
  const IndicatorCatalogue& catalogue = program.plan.catalogue;
  resolve_emission_terms(work, y, lanes);
  for (std::size_t s = 0; s < program.sectors; ++s) {
    for (std::size_t p = 0; p < program.species; ++p) {
      const std::size_t begin = program.emission_terms_begin[p * program.sectors + s];
      work.sector_emissions[p] = {
          program.emission_terms.data() + begin,
          program.emission_terms_begin[p * program.sectors + s + 1] - begin,
          work.term_lanes.data() + begin,
          work.term_scalar.data() + begin,
          work.state.non_energy.data() + (p * program.sectors + s) * lanes,
          out + program.species_sector_rows[p * program.sectors + s] * lanes};
    }
    add_sector_emissions(work.sector_emissions.data(), program.species, work.state.demand.data(),
                         lanes);
  }
  for (std::size_t p = 0; p < program.species; ++p) {
    const int species_row = p == 0 ? catalogue.ghg : program.pollutant_row(p, 0, catalogue);
    sum_rows(out, program.species_sector_rows.data() + p * program.sectors, program.sectors, lanes,
             indicator_row(out, lanes, species_row));
  }
}

TRAJ_LANE_CLONES void non_energy_emissions(BlockWorkspace& work, std::size_t lanes) {
  const KernelProgram& program = work.program;
  // Non-energy emissions follow activity, less abatement.
  // Rows without an inventory stay zero from start_block, except those
  // an abatement multiplied last year.
  for (const std::size_t row : program.abated_without_inventory)
    std::fill_n(work.state.non_energy.begin() + static_cast<std::ptrdiff_t>(row * lanes), lanes,
                0.0);
  for (const auto& item : program.non_energy) {
    const Real* base = work.rows[item.base];
    const Real* sector_growth =
        work.growth_trend.data() + static_cast<std::size_t>(item.sector) * lanes;
    Real* emissions =
        work.state.non_energy.data() + (static_cast<std::size_t>(item.species) * program.sectors +
                                        static_cast<std::size_t>(item.sector)) *
                                           lanes;
    for (std::size_t l = 0; l < lanes; ++l) emissions[l] = base[l] * sector_growth[l];
  }
  for (const auto& step : program.abatements)
    effects::apply_abate(step, work.rows.data(), program.sectors, work.state);
}

}  // namespace traj::territory
