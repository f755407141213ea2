#include "traj/territory/kernel.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <map>
#include <type_traits>

#include "effects/effects.hpp"
#include "kernel_layout.hpp"

namespace traj::territory {

using detail::load_lanes;
using detail::NO_REF;
using detail::Real;
using detail::RealVector;
using detail::Ref;
using detail::store_lanes;
using detail::VECTOR_LANES;

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

/// A linear ramp's progress in `year`: 0 in the start year, 1 from
/// full_year (1 at once when full_year is not after start). Used by the
/// table of fixed curves and, member by member, when the timing is
/// uncertain: the same operations, so the same numbers.
inline double linear_progress(double year, double start, double full_year) {
  const double span = full_year - start;
  const double ratio = std::clamp((year - start) / span, 0.0, 1.0);
  return span <= 0.0 ? 1.0 : ratio;
}

/// Rogers' diffusion S-curve: adoption = ceiling / this.
inline double logistic_denominator(double year, double midpoint, double steepness) {
  return 1.0 + std::exp(-steepness * (year - midpoint));
}

/// One species' energy emissions in one sector: out = base + Σ_t
/// demand[cell_t] × factor_t, the terms added in order; each factor is lanes
/// (`lanes[t]`) or one number for all lanes (`scalar[t]`).
template <typename Term>
struct SpeciesEmissions {
  const Term* terms = nullptr;
  std::size_t count = 0;
  const Real* const* lanes = nullptr;
  const Real* scalar = nullptr;
  const Real* base = nullptr;
  Real* out = nullptr;
};

/// Lanes handled at once by the loops that hold sums in registers: four
/// vectors, so four independent chains of additions.
constexpr std::size_t CHUNK = 4 * VECTOR_LANES;

/// The emissions of every species in one sector, CHUNK lanes at a time: each
/// species' sum is held in registers (its output written once), and the
/// sector's demand rows for those lanes stay in the L1 cache from one
/// species to the next.
template <typename Term>
TRAJ_LANE_CLONES void add_sector_emissions(const SpeciesEmissions<Term>* species,
                                           std::size_t species_count, const Real* demand,
                                           std::size_t lanes) {
  constexpr std::size_t V = VECTOR_LANES;
  std::size_t l = 0;
  for (; l + CHUNK <= lanes; l += CHUNK) {
    for (std::size_t p = 0; p < species_count; ++p) {
      const SpeciesEmissions<Term>& sum = species[p];
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
      const SpeciesEmissions<Term>& sum = species[p];
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
      const SpeciesEmissions<Term>& sum = species[p];
      Real value = sum.base[l];
      for (std::size_t t = 0; t < sum.count; ++t) {
        const Real factor = sum.lanes[t] != nullptr ? sum.lanes[t][l] : sum.scalar[t];
        value += demand[sum.terms[t].cell * lanes + l] * factor;
      }
      sum.out[l] = value;
    }
  }
}

/// out = 0 + Σ_t rows[index_t], lane by lane, in the order of `indices`:
/// the additions of a row-by-row sum, CHUNK lanes at a time in registers.
TRAJ_LANE_CLONES void sum_rows(const Real* rows, const std::size_t* indices, std::size_t count,
                               std::size_t lanes, Real* out) {
  constexpr std::size_t V = VECTOR_LANES;
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

/// One action's costs this year: what it invests as adoption grows and what
/// it costs to run, per unit of its planned ceiling. A cost the same for
/// every member is one number (`*_each`, its row null), and a cost of zero
/// is left out: times a finite adoption, it would add ±0 to a sum that
/// starts at +0, which changes no bit.
struct CostTerm {
  const Real* capital = nullptr;  ///< lanes, or null for capital_each
  const Real* running = nullptr;  ///< lanes, or null for running_each
  Real capital_each = 0;
  Real running_each = 0;
  detail::AdoptionView now;     ///< adoption this year
  detail::AdoptionView before;  ///< adoption last year
  /// Where `now` is kept as next year's `before` when the investment term is
  /// added: the slot's row of BlockState::adoption_before, or null for a
  /// curve read as a view, whose last year is a view too.
  Real* keep = nullptr;
  Real per_ceiling = 0;

  bool invests() const { return capital != nullptr || capital_each != 0; }
  bool operates() const { return running != nullptr || running_each != 0; }
};

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

/// What this year's adoption of a cost term is known to be, the same for
/// every member: `grows` is 0 when it equals last year's (so the investment
/// term is +0 or −0, which changes no sum, and `before` is already `now`),
/// `runs` is 0 when it is zero (so is the operating term).
struct CostYear {
  std::uint8_t grows = 1;
  std::uint8_t runs = 1;
};

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

struct Kernel::Impl {
  const Plan& plan;
  const Scenario& scenario;
  std::size_t max_lanes;
  std::size_t sectors, carriers, species, sources, indicators, slots, years, rows_out;

  // Quantities: parameters are rows of the caller's matrix; constants are
  // rows of `constants`, filled once.
  std::vector<Quantity> quantities;    ///< by Ref
  std::vector<Real> constants;         ///< [constant × max_lanes]
  std::vector<double> constants_wide;  ///< the same in double precision
  std::vector<int> constant_row;       ///< by Ref: row in `constants`, or -1
  std::map<double, int> constant_index;
  std::vector<const Real*> rows;  ///< by Ref, bound per block
  /// By Ref, in double precision: the timing of curves whose timing is
  /// uncertain (start, full year, midpoint, steepness) is read from here, so
  /// that `year < start` is decided on the drawn value itself: rounding it
  /// to Real could start a member's action a year early.
  std::vector<const double*> wide_rows;

  // Active cells: those that can hold energy or whose factor is needed.
  std::vector<int> active_cells;    ///< cell index of each active cell
  std::vector<int> active_of_cell;  ///< active index of each cell, -1
  std::vector<int> active_sector, active_carrier;
  std::vector<Ref> base_demand;                    ///< by active cell
  std::vector<Ref> growth, autonomous_efficiency;  ///< by sector
  std::vector<Ref> base_production;                ///< by source
  std::vector<bool> derived_source;
  std::vector<int> branch_cell_of_carrier;  ///< active index of energy_branch × c, -1

  std::vector<detail::AdoptionRefs> adoption;
  std::vector<Ref> investment, operating;
  std::vector<double> planned_ceiling;
  std::vector<char> fixed_curve;    ///< per slot: start and shape fixed (tabulate_fixed_curves)
  std::vector<char> curve_started;  ///< [slot × year]
  std::vector<Real> curve_shape;    ///< [slot × year]: progress, or 1 + exp(…) for logistic
  std::vector<detail::ReduceStep> reductions;
  std::vector<detail::SwitchStep> switches;
  int efficiency_ratios = 0;  ///< switch moves given by two efficiencies
  std::vector<detail::ProduceStep> productions;
  std::vector<detail::FactorStep> factor_steps;
  std::vector<detail::AbateStep> abatements;
  std::vector<detail::IndicatorStep> indicator_steps;

  // Emission factors by species × active cell: a Ref, or a trajectory whose
  // value per year is precomputed, or nothing (zero).
  std::vector<Ref> factor_ref;
  std::vector<int> factor_trajectory;                ///< index into trajectory_values, -1
  std::vector<std::vector<Real>> trajectory_values;  ///< per trajectory, per year
  /// Where the factor of species × active cell is read this year: most are
  /// fixed over the years and read in place; those changed by actions are
  /// computed into state.factor, and those of a converted carrier (one per
  /// conversion and species, whatever the sector) into conversion_factors.
  enum class FactorSource { Zero, Constant, Row, Trajectory, Computed, Converted };
  std::vector<Real> factor_constant;     ///< value of Constant factors
  std::vector<int> factor_conversion;    ///< conversion of Converted factors, -1
  std::vector<Real> conversion_factors;  ///< [(conversion × species + species) × lanes]
  /// Energy emissions of species p in sector s: the sector's cells with a
  /// factor, in ascending order, at [emission_terms_begin[p × sectors + s],
  /// emission_terms_begin[p × sectors + s + 1]); each term's factor this
  /// year is lanes (term_lanes) or one number for all lanes (term_scalar).
  struct EmissionTerm {
    std::size_t cell = 0;    ///< active cell
    std::size_t factor = 0;  ///< species × active cell
  };
  std::vector<EmissionTerm> emission_terms;
  std::vector<std::size_t> emission_terms_begin;
  std::vector<const Real*> term_lanes;
  std::vector<Real> term_scalar;
  std::vector<SpeciesEmissions<EmissionTerm>> sector_emissions;  ///< per species, one sector
  /// Active cells of each sector and of each carrier, ascending, at
  /// [begin[s], begin[s + 1]).
  std::vector<std::size_t> cells_of_sector, cells_of_sector_begin;
  std::vector<std::size_t> cells_of_carrier, cells_of_carrier_begin;
  /// Output rows: final energy of each sector; emissions of each species in
  /// each sector ([species × sectors + sector]).
  std::vector<std::size_t> sector_rows, species_sector_rows;
  std::vector<std::size_t> cost_slots;  ///< plan slots with a planned ceiling, in order
  std::vector<CostTerm> cost_terms;     ///< one per cost slot, bound per block (bind_costs)
  std::vector<CostYear> cost_years;     ///< [year × cost term] (tabulate_cost_years)
  std::vector<FactorSource> factor_source;
  std::vector<std::size_t> computed_factors;  ///< indices species × active cell

  struct ConversionRefs {
    int carrier = 0;
    Ref efficiency = NO_REF;
    std::vector<int> inputs;  ///< carriers
    std::vector<Ref> shares;
    Ref renewable_share = NO_REF;
    int renewable_source = -1;
  };
  std::vector<ConversionRefs> conversions;
  std::vector<Ref> losses, own_consumption;  ///< by carrier
  bool constant_branch = true;
  int branch_sector = NONE;

  struct NonEnergy {
    int species = 0;
    int sector = 0;
    Ref base = NO_REF;
  };
  std::vector<NonEnergy> non_energy;
  std::vector<std::size_t> abated_without_inventory;  ///< species × sector rows
  std::vector<Ref> custom_base, custom_growth;

  // Working memory for one block.
  detail::BlockState state;
  /// Running products of the yearly trends, [sector × lanes] and
  /// [indicator × lanes], kept in double precision (their rounding would
  /// otherwise add up over the years) and rounded once a year into
  /// `*_trend`, which the lane loops read.
  std::vector<double> trend_wide, growth_trend_wide, custom_trend_wide;
  std::vector<double> yearly_trend, yearly_growth, custom_yearly;
  std::vector<Real> trend, growth_trend, custom_trend;
  std::vector<Real> branch_inverse;  ///< [(i × carriers + j) × lanes]: (I − A)⁻¹
  /// Entries (i, j) of the inverse that are not zero in every lane: the
  /// diagonal and the fuels of conversions, a small part of carriers².
  std::vector<std::pair<std::size_t, std::size_t>> branch_pattern;
  Eigen::MatrixXd branch_matrix, branch_inverted;  ///< I − A and its inverse, one lane
  Eigen::PartialPivLU<Eigen::MatrixXd> branch_solver;
  std::vector<Real> gross;  ///< [carrier × lanes]
  /// [(3 + indicators) × lanes]: GHG, costs, discounted costs, custom indicators
  /// (in double precision, like the running products of the trends).
  std::vector<double> cumulative;
  std::vector<double> discount_step, discount_factor;  ///< per lane: 1/(1+r) and 1/(1+r)^n
  /// [slot × lanes]: ceilings times plan.adoption_scale, once per block
  /// when that scale is not 1 (untouched otherwise).
  std::vector<Real> scaled_ceilings;
  Ref discount_rate = NO_REF;
  std::vector<Real> year_out;  ///< [row × lanes]: the indicators of the year
  /// Parameters of the block as Real, [parameter × lanes] (when Real is not
  /// double): converted once per block, read every year.
  std::vector<Real> parameter_lanes;
  std::vector<Real> trajectory_lanes;        ///< [trajectory × max_lanes]: this year's value
  std::vector<std::size_t> trajectory_year;  ///< year index held in trajectory_lanes

  Impl(const Plan& of, std::size_t lanes)
      : plan(of), scenario(*of.scenario), max_lanes(std::max<std::size_t>(1, lanes)) {
    sectors = scenario.sectors.size();
    carriers = scenario.carriers.size();
    species = static_cast<std::size_t>(scenario.species_count());
    sources = scenario.sources.size();
    indicators = scenario.indicators.size();
    slots = plan.actions.size();
    years = static_cast<std::size_t>(plan.year_count());
    rows_out = plan.catalogue.size();
    compile();
    allocate();
  }

  Ref ref(const Quantity& quantity) {
    const Ref id = static_cast<Ref>(quantities.size());
    quantities.push_back(quantity);
    int constant = -1;
    if (quantity.is_constant()) {
      const auto found = constant_index.find(quantity.constant);
      if (found != constant_index.end()) {
        constant = found->second;
      } else {
        constant = static_cast<int>(constant_index.size());
        constant_index[quantity.constant] = constant;
        constants.resize(constants.size() + max_lanes, static_cast<Real>(quantity.constant));
        constants_wide.resize(constants_wide.size() + max_lanes, quantity.constant);
      }
    }
    constant_row.push_back(constant);
    return id;
  }

  int activate(int sector, int carrier) {
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

  void compile() {
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
    auto active_list = [&](const Effect& effect) {
      std::vector<int> cells;
      for (const int s : effect.sectors) {
        for (const int c : effect.carriers) {
          const int active = active_of_cell[static_cast<std::size_t>(scenario.cell(s, c))];
          if (active >= 0) cells.push_back(active);
        }
      }
      return cells;
    };
    for (const auto& planned : plan.reductions) {
      reductions.push_back(
          {planned.slot, ref(planned.effect->fraction), active_list(*planned.effect)});
    }
    for (const auto& group : plan.switch_groups) {
      detail::SwitchStep step;
      step.from_cell =
          active_of_cell[static_cast<std::size_t>(scenario.cell(group.sector, group.from))];
      for (const auto& planned : group.switches) {
        const Effect& effect = *planned.effect;
        detail::SwitchMove move;
        move.slot = planned.slot;
        move.share = ref(effect.share);
        if (effect.has_efficiencies) {
          move.from_efficiency = ref(effect.from_efficiency);
          move.to_efficiency = ref(effect.to_efficiency);
          move.efficiency_ratio = efficiency_ratios++;
        } else {
          move.ratio = ref(effect.ratio);
        }
        move.to_cell =
            active_of_cell[static_cast<std::size_t>(scenario.cell(group.sector, effect.to))];
        move.ambient_source = effect.ambient_heat_source;
        move.local_source = effect.local_source;
        step.moves.push_back(move);
      }
      switches.push_back(std::move(step));
    }
    for (const auto& planned : plan.productions) {
      const Effect& effect = *planned.effect;
      detail::ProduceStep step;
      step.slot = planned.slot;
      step.source = effect.source;
      if (effect.by_capacity) {
        step.capacity = ref(effect.capacity);
        step.yield = ref(effect.yield);
      } else {
        step.energy = ref(effect.energy);
      }
      productions.push_back(step);
    }
    for (const auto& planned : plan.factor_changes) {
      const Effect& effect = *planned.effect;
      detail::FactorStep step;
      step.slot = planned.slot;
      step.species = effect.species;
      step.cells = active_list(effect);
      if (effect.has_new_factor) {
        step.new_factor = ref(effect.new_factor);
      } else {
        step.fraction = ref(effect.fraction);
      }
      factor_steps.push_back(std::move(step));
    }
    for (const auto& planned : plan.abatements) {
      abatements.push_back({planned.slot, planned.effect->species, planned.effect->sectors,
                            ref(planned.effect->fraction)});
    }
    for (const auto& planned : plan.indicator_changes) {
      const Effect& effect = *planned.effect;
      detail::IndicatorStep step;
      step.slot = planned.slot;
      step.indicator = effect.indicator;
      if (effect.has_change) {
        step.change = ref(effect.change);
      } else {
        step.fraction = ref(effect.fraction);
      }
      indicator_steps.push_back(step);
    }

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
        const bool inventory =
            std::any_of(non_energy.begin(), non_energy.end(), [&](const auto& item) {
              return item.species == step.species && item.sector == sector;
            });
        const auto row =
            static_cast<std::size_t>(step.species) * sectors + static_cast<std::size_t>(sector);
        if (!inventory &&
            std::find(abated_without_inventory.begin(), abated_without_inventory.end(), row) ==
                abated_without_inventory.end())
          abated_without_inventory.push_back(row);
      }
    }
    discount_rate = ref(scenario.discount_rate);
    for (const auto& indicator : scenario.indicators) {
      custom_base.push_back(ref(indicator.base));
      custom_growth.push_back(ref(indicator.growth));
    }
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
    for (const auto& step : factor_steps) {
      for (const int cell : step.cells)
        computed[static_cast<std::size_t>(step.species) * A + static_cast<std::size_t>(cell)] =
            true;
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
    tabulate_fixed_curves();
    list_emission_terms();
    list_sums();
    tabulate_cost_years();
    trajectory_lanes.assign(trajectory_values.size() * max_lanes, 0);
    trajectory_year.assign(trajectory_values.size(), static_cast<std::size_t>(-1));
    rows.assign(quantities.size(), nullptr);
    wide_rows.assign(quantities.size(), nullptr);
  }

  void allocate() {
    const std::size_t L = max_lanes;
    state.demand.assign(active_cells.size() * L, 0);
    state.production.assign(sources * L, 0);
    state.factor.assign(species * active_cells.size() * L, 0);
    conversion_factors.assign(conversions.size() * species * L, 0);
    state.non_energy.assign(species * sectors * L, 0);
    state.custom.assign(indicators * L, 0);
    state.custom_shift.assign(indicators * L, 0);
    state.adoption.assign(slots * L, 0);
    state.adoption_before.assign(slots * L, 0);
    state.adoption_view.assign(slots, {});
    state.scratch.assign(3 * L, 0);
    state.efficiency_ratio.assign(static_cast<std::size_t>(efficiency_ratios) * L, 0);
    trend.assign(sectors * L, 1);
    growth_trend.assign(sectors * L, 1);
    yearly_trend.assign(sectors * L, 1);
    yearly_growth.assign(sectors * L, 1);
    custom_trend.assign(indicators * L, 1);
    custom_yearly.assign(indicators * L, 1);
    trend_wide.assign(sectors * L, 1.0);
    growth_trend_wide.assign(sectors * L, 1.0);
    custom_trend_wide.assign(indicators * L, 1.0);
    branch_inverse.assign(carriers * carriers * L, 0);
    gross.assign(carriers * L, 0);
    cumulative.assign((3 + indicators) * L, 0.0);
    discount_step.assign(L, 1.0);
    discount_factor.assign(L, 1.0);
    scaled_ceilings.assign(slots * L, 0);
    year_out.assign(rows_out * L, 0);
    if constexpr (!std::is_same_v<Real, double>)
      parameter_lanes.assign(scenario.parameters.size() * L, 0);
    const auto size = static_cast<Eigen::Index>(carriers);
    branch_matrix = Eigen::MatrixXd::Identity(size, size);
    branch_inverted = Eigen::MatrixXd::Identity(size, size);
    branch_solver = Eigen::PartialPivLU<Eigen::MatrixXd>(size);
  }

  void bind(const double* parameters, std::size_t lanes) {
    const Real* lanes_of_parameters = nullptr;
    if constexpr (std::is_same_v<Real, double>) {
      lanes_of_parameters = reinterpret_cast<const Real*>(parameters);  // the same type
    } else {
      std::transform(parameters, parameters + scenario.parameters.size() * lanes,
                     parameter_lanes.begin(),
                     [](double value) { return static_cast<Real>(value); });
      lanes_of_parameters = parameter_lanes.data();
    }
    for (std::size_t id = 0; id < quantities.size(); ++id) {
      const Quantity& quantity = quantities[id];
      if (quantity.is_constant()) {
        const std::size_t at = static_cast<std::size_t>(constant_row[id]) * max_lanes;
        rows[id] = constants.data() + at;
        wide_rows[id] = constants_wide.data() + at;
      } else {
        const std::size_t at = static_cast<std::size_t>(quantity.parameter) * lanes;
        rows[id] = lanes_of_parameters + at;
        wide_rows[id] = parameters + at;
      }
    }
  }

  // (I − A)⁻¹ per lane: the branch's coefficients are fixed over the years.
  // The Eigen objects are sized once (constructor), so this never allocates.
  void invert_branch(std::size_t lanes) {
    const auto size = static_cast<Eigen::Index>(carriers);
    const std::size_t distinct = constant_branch ? 1 : lanes;
    for (std::size_t l = 0; l < distinct; ++l) {
      branch_matrix.setIdentity();
      for (std::size_t c = 0; c < carriers; ++c) {
        const auto i = static_cast<Eigen::Index>(c);
        branch_matrix(i, i) -= rows[losses[c]][l] + rows[own_consumption[c]][l];
      }
      for (const auto& conversion : conversions) {
        const double efficiency = rows[conversion.efficiency][l];
        for (std::size_t k = 0; k < conversion.inputs.size(); ++k) {
          branch_matrix(conversion.inputs[k], conversion.carrier) -=
              rows[conversion.shares[k]][l] / efficiency;
        }
      }
      branch_solver.compute(branch_matrix);
      branch_inverted.noalias() = branch_solver.inverse();
      for (Eigen::Index i = 0; i < size; ++i) {
        for (Eigen::Index j = 0; j < size; ++j) {
          branch_inverse[(static_cast<std::size_t>(i) * carriers + static_cast<std::size_t>(j)) *
                             lanes +
                         l] = branch_inverted(i, j);
        }
      }
    }
    if (constant_branch) {
      // Same matrix for every lane.
      for (std::size_t m = 0; m < carriers * carriers; ++m) {
        std::fill_n(branch_inverse.begin() + static_cast<std::ptrdiff_t>(m * lanes), lanes,
                    branch_inverse[m * lanes]);
      }
    }
    find_branch_pattern(lanes);
  }

  void find_branch_pattern(std::size_t lanes) {
    branch_pattern.clear();
    for (std::size_t i = 0; i < carriers; ++i) {
      for (std::size_t j = 0; j < carriers; ++j) {
        const Real* m = branch_inverse.data() + (i * carriers + j) * lanes;
        if (std::any_of(m, m + lanes, [](Real value) { return value != 0; }))
          branch_pattern.emplace_back(i, j);
      }
    }
  }

  void start_block(std::size_t lanes) {
    state.lanes = lanes;
    for (std::size_t s = 0; s < sectors; ++s) {
      const double* g = wide_rows[growth[s]];
      const double* e = wide_rows[autonomous_efficiency[s]];
      for (std::size_t l = 0; l < lanes; ++l) {
        yearly_trend[s * lanes + l] = (1.0 + g[l]) * (1.0 - e[l]);
        yearly_growth[s * lanes + l] = 1.0 + g[l];
      }
    }
    for (std::size_t i = 0; i < indicators; ++i) {
      const double* g = wide_rows[custom_growth[i]];
      for (std::size_t l = 0; l < lanes; ++l) custom_yearly[i * lanes + l] = 1.0 + g[l];
    }
    std::fill_n(trend_wide.begin(), sectors * lanes, 1.0);
    std::fill_n(growth_trend_wide.begin(), sectors * lanes, 1.0);
    std::fill_n(custom_trend_wide.begin(), indicators * lanes, 1.0);
    std::fill_n(state.adoption_before.begin(), slots * lanes, 0);
    std::fill_n(state.non_energy.begin(), species * sectors * lanes, 0);
    if (plan.adoption_scale != 1.0) {
      // Scaled ambition, never beyond full adoption.
      const auto adoption_scale = static_cast<Real>(plan.adoption_scale);
      for (std::size_t slot = 0; slot < slots; ++slot) {
        const Real* ceiling = rows[adoption[slot].ceiling];
        Real* scaled = scaled_ceilings.data() + slot * lanes;
        for (std::size_t l = 0; l < lanes; ++l)
          scaled[l] = std::min(Real(1), adoption_scale * ceiling[l]);
      }
    }
    bind_costs(lanes);
    for (const auto& step : switches) {
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
    std::fill_n(cumulative.begin(), (3 + indicators) * lanes, 0.0);
    const double* rate = wide_rows[discount_rate];
    for (std::size_t l = 0; l < lanes; ++l) {
      discount_step[l] = 1.0 / (1.0 + rate[l]);
      discount_factor[l] = 1.0;
    }
    invert_branch(lanes);
  }

  void bind_costs(std::size_t lanes) {
    for (std::size_t term = 0; term < cost_slots.size(); ++term) {
      const std::size_t slot = cost_slots[term];
      CostTerm& cost = cost_terms[term];
      const Quantity& capital = quantities[static_cast<std::size_t>(investment[slot])];
      const Quantity& running = quantities[static_cast<std::size_t>(operating[slot])];
      cost.capital = capital.is_constant() ? nullptr : rows[investment[slot]];
      cost.capital_each = capital.is_constant() ? static_cast<Real>(capital.constant) : Real(0);
      cost.running = running.is_constant() ? nullptr : rows[operating[slot]];
      cost.running_each = running.is_constant() ? static_cast<Real>(running.constant) : Real(0);
      cost.keep = read_as_view(slot) ? nullptr : state.adoption_before.data() + slot * lanes;
      // A kept row is last year's adoption all block long; views are set
      // every year (adoption_of_year).
      if (cost.keep != nullptr) cost.before = {cost.keep, 1};
      cost.per_ceiling = static_cast<Real>(1.0 / planned_ceiling[slot]);
    }
  }

  void list_emission_terms() {
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
    term_lanes.assign(emission_terms.size(), nullptr);
    term_scalar.assign(emission_terms.size(), 0);
    sector_emissions.assign(species, {});
  }

  /// The lists the indicator sums run over (see sum_rows, add_costs).
  void list_sums() {
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
    cost_terms.assign(cost_slots.size(), {});
  }

  /// For curves of fixed shape: the years where adoption equals last year's
  /// for every member (a step after its start, a line after its full year:
  /// the same operations on the same numbers) or is zero (not started).
  void tabulate_cost_years() {
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

  void resolve_emission_terms(std::size_t y, std::size_t lanes) {
    for (std::size_t t = 0; t < emission_terms.size(); ++t) {
      const std::size_t i = emission_terms[t].factor;
      term_lanes[t] = nullptr;
      switch (factor_source[i]) {
        case FactorSource::Zero:
          break;
        case FactorSource::Constant:
          // Fixed factors are scalars: no memory traffic for their lanes.
          term_scalar[t] = factor_constant[i];
          break;
        case FactorSource::Trajectory:
          term_scalar[t] = trajectory_values[static_cast<std::size_t>(factor_trajectory[i])][y];
          break;
        case FactorSource::Row:
          term_lanes[t] = rows[factor_ref[i]];
          break;
        case FactorSource::Computed:
          term_lanes[t] = state.factor.data() + i * lanes;
          break;
        case FactorSource::Converted:
          term_lanes[t] = converted_factor(i, lanes);
          break;
      }
    }
  }

  /// Curves whose start and shape are fixed (only the ceiling uncertain, as
  /// for most actions) have one shape value per year for every member,
  /// computed once here with the same operations as the lane loops below.
  void tabulate_fixed_curves() {
    fixed_curve.assign(slots, 0);
    curve_started.assign(slots * years, 0);
    curve_shape.assign(slots * years, 0);
    const auto fixed = [this](Ref ref) {
      return quantities[static_cast<std::size_t>(ref)].is_constant();
    };
    const auto value = [this](Ref ref) {
      return quantities[static_cast<std::size_t>(ref)].constant;
    };
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
        const double year = static_cast<double>(scenario.base_year) + static_cast<double>(y);
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

  /// Whether a slot's adoption is read as a view of its ceiling (a step or
  /// a line of fixed shape: ceiling × progress, the same product as written
  /// out) rather than computed into BlockState::adoption.
  bool read_as_view(std::size_t slot) const {
    return fixed_curve[slot] != 0 &&
           static_cast<CurveKind>(adoption[slot].curve) != CurveKind::Logistic;
  }

  const Real* ceiling_row(std::size_t slot, std::size_t lanes) const {
    return plan.adoption_scale != 1.0 ? scaled_ceilings.data() + slot * lanes
                                      : rows[adoption[slot].ceiling];
  }

  /// The adoption of a slot read as a view, in year y.
  detail::AdoptionView curve_view(std::size_t slot, std::size_t y, std::size_t lanes) const {
    if (curve_started[slot * years + y] == 0) return {};
    const bool step = static_cast<CurveKind>(adoption[slot].curve) == CurveKind::Step;
    return {ceiling_row(slot, lanes), step ? Real(1) : curve_shape[slot * years + y]};
  }

  /// This year's adoption of every slot (BlockState::adoption_view), and
  /// what the cost terms read as this year's and last year's.
  TRAJ_LANE_CLONES void adoption_of_year(std::size_t y, std::size_t lanes) {
    const double year = static_cast<double>(scenario.base_year) + static_cast<double>(y);
    for (std::size_t slot = 0; slot < slots; ++slot) {
      detail::AdoptionView& view = state.adoption_view[slot];
      if (read_as_view(slot)) {
        view = curve_view(slot, y, lanes);
        continue;
      }
      const auto& refs = adoption[slot];
      const Real* ceiling = ceiling_row(slot, lanes);
      Real* out = state.adoption.data() + slot * lanes;
      view = {out, 1};
      const auto curve = static_cast<CurveKind>(refs.curve);
      if (fixed_curve[slot] != 0) {
        // A logistic curve of fixed shape: ceiling / (1 + exp(…)).
        if (curve_started[slot * years + y] == 0) {
          view = {};
        } else {
          const Real shape = curve_shape[slot * years + y];
          for (std::size_t l = 0; l < lanes; ++l) out[l] = ceiling[l] / shape;
        }
        continue;
      }
      const double* start = wide_rows[refs.start];
      switch (curve) {
        case CurveKind::Step:
          for (std::size_t l = 0; l < lanes; ++l) out[l] = year < start[l] ? Real(0) : ceiling[l];
          break;
        case CurveKind::Linear: {
          const double* full = wide_rows[refs.full_year];
          for (std::size_t l = 0; l < lanes; ++l) {
            const Real value =
                ceiling[l] * static_cast<Real>(linear_progress(year, start[l], full[l]));
            out[l] = year < start[l] ? Real(0) : value;
          }
          break;
        }
        case CurveKind::Logistic: {
          const double* midpoint = wide_rows[refs.midpoint];
          const double* steepness = wide_rows[refs.steepness];
          for (std::size_t l = 0; l < lanes; ++l) {
            out[l] = year < start[l] ? Real(0)
                                     : ceiling[l] / static_cast<Real>(logistic_denominator(
                                                        year, midpoint[l], steepness[l]));
          }
          break;
        }
      }
    }
    for (std::size_t term = 0; term < cost_slots.size(); ++term) {
      const std::size_t slot = cost_slots[term];
      CostTerm& cost = cost_terms[term];
      cost.now = state.adoption_view[slot];
      if (cost.keep == nullptr)
        cost.before = y == 0 ? detail::AdoptionView{} : curve_view(slot, y - 1, lanes);
    }
  }

  TRAJ_LANE_CLONES void run_block(const double* parameters, std::size_t lanes, YearSink& sink,
                                  CarrierBalance* balances) {
    bind(parameters, lanes);
    start_block(lanes);
    const IndicatorCatalogue& catalogue = plan.catalogue;
    const std::size_t A = active_cells.size();
    Real* out = year_out.data();
    for (std::size_t y = 0; y < years; ++y) {
      adoption_of_year(y, lanes);

      // Baseline demand: base × ((1 + growth)(1 − efficiency))^n.
      if (y > 0) {
        for (std::size_t i = 0; i < sectors * lanes; ++i) {
          trend_wide[i] *= yearly_trend[i];
          growth_trend_wide[i] *= yearly_growth[i];
        }
        for (std::size_t i = 0; i < indicators * lanes; ++i)
          custom_trend_wide[i] *= custom_yearly[i];
      }
      std::copy_n(trend_wide.begin(), sectors * lanes, trend.begin());
      std::copy_n(growth_trend_wide.begin(), sectors * lanes, growth_trend.begin());
      std::copy_n(custom_trend_wide.begin(), indicators * lanes, custom_trend.begin());
      for (std::size_t a = 0; a < A; ++a) {
        const Real* sector_trend =
            trend.data() + static_cast<std::size_t>(active_sector[a]) * lanes;
        Real* demand = state.demand.data() + a * lanes;
        const Quantity& base_quantity = quantities[static_cast<std::size_t>(base_demand[a])];
        if (base_quantity.is_constant()) {
          const auto base = static_cast<Real>(base_quantity.constant);
          for (std::size_t l = 0; l < lanes; ++l) demand[l] = base * sector_trend[l];
        } else {
          const Real* base = rows[base_demand[a]];
          for (std::size_t l = 0; l < lanes; ++l) demand[l] = base[l] * sector_trend[l];
        }
      }
      // Reductions act on useful demand, before any carrier changes.
      for (const auto& step : reductions) effects::apply_reduce(step, rows.data(), state);
      // Local production: inventory, then actions (switches add ambient heat).
      for (std::size_t k = 0; k < sources; ++k) {
        std::copy_n(rows[base_production[k]], lanes, state.production.data() + k * lanes);
      }
      for (const auto& step : productions) effects::apply_produce(step, rows.data(), state);
      // Switches, cell by cell in topological order of the carriers.
      for (const auto& step : switches) effects::apply_switches(step, rows.data(), state);

      energy_branch(y, lanes,
                    out + static_cast<std::size_t>(catalogue.final_energy_by_carrier) * lanes,
                    balances);
      emission_factors(y, lanes);
      // Non-energy emissions follow activity, less abatement.
      // Rows without an inventory stay zero from start_block, except those
      // an abatement multiplied last year.
      for (const std::size_t row : abated_without_inventory)
        std::fill_n(state.non_energy.begin() + static_cast<std::ptrdiff_t>(row * lanes), lanes,
                    0.0);
      for (const auto& item : non_energy) {
        const Real* base = rows[item.base];
        const Real* sector_growth =
            growth_trend.data() + static_cast<std::size_t>(item.sector) * lanes;
        Real* emissions =
            state.non_energy.data() + (static_cast<std::size_t>(item.species) * sectors +
                                       static_cast<std::size_t>(item.sector)) *
                                          lanes;
        for (std::size_t l = 0; l < lanes; ++l) emissions[l] = base[l] * sector_growth[l];
      }
      for (const auto& step : abatements) effects::apply_abate(step, rows.data(), sectors, state);
      for (std::size_t i = 0; i < indicators; ++i) {
        const Real* base = rows[custom_base[i]];
        for (std::size_t l = 0; l < lanes; ++l) {
          state.custom[i * lanes + l] = base[l] * custom_trend[i * lanes + l];
          state.custom_shift[i * lanes + l] = 0;
        }
      }
      for (const auto& step : indicator_steps) effects::apply_indicator(step, rows.data(), state);

      write_indicators(y, lanes, out, catalogue);
      sink.year(y, out, lanes);
    }
  }

  // Gross supply (I − A)⁻¹ d, own consumption into the energy branch's final
  // energy, conversion output and its renewable part. The final demand d of
  // each carrier is summed into its row of the year's indicators
  // (`carrier_demand`, [carrier × lanes]); write_indicators sums again only
  // the carriers whose own consumption was added since.
  TRAJ_LANE_CLONES void energy_branch(std::size_t y, std::size_t lanes, Real* carrier_demand,
                                      CarrierBalance* balances) {
    for (std::size_t c = 0; c < carriers; ++c) {
      sum_rows(state.demand.data(), cells_of_carrier.data() + cells_of_carrier_begin[c],
               cells_of_carrier_begin[c + 1] - cells_of_carrier_begin[c], lanes,
               carrier_demand + c * lanes);
    }
    std::fill_n(gross.begin(), carriers * lanes, 0);
    for (const auto& [i, j] : branch_pattern) {
      Real* x = gross.data() + i * lanes;
      {
        const Real* m = branch_inverse.data() + (i * carriers + j) * lanes;
        const Real* d = carrier_demand + j * lanes;
        for (std::size_t l = 0; l < lanes; ++l) x[l] += m[l] * d[l];
      }
    }
    for (std::size_t c = 0; c < carriers; ++c) {
      const int cell = branch_cell_of_carrier[c];
      if (cell < 0) continue;
      const Real* own = rows[own_consumption[c]];
      Real* demand = state.demand.data() + static_cast<std::size_t>(cell) * lanes;
      for (std::size_t l = 0; l < lanes; ++l) demand[l] += own[l] * gross[c * lanes + l];
    }
    for (const auto& conversion : conversions) {
      if (conversion.renewable_source < 0) continue;
      const Real* share = rows[conversion.renewable_share];
      Real* production =
          state.production.data() + static_cast<std::size_t>(conversion.renewable_source) * lanes;
      const Real* output = gross.data() + static_cast<std::size_t>(conversion.carrier) * lanes;
      for (std::size_t l = 0; l < lanes; ++l) production[l] = output[l] * share[l];
    }
    if (balances == nullptr) return;
    for (std::size_t c = 0; c < carriers; ++c) {
      for (std::size_t l = 0; l < lanes; ++l) {
        CarrierBalance& balance = balances[(y * carriers + c) * lanes + l];
        balance = CarrierBalance{};
        balance.final_demand = carrier_demand[c * lanes + l];
        balance.gross = gross[c * lanes + l];
        balance.own_consumption = rows[own_consumption[c]][l] * balance.gross;
        balance.losses = rows[losses[c]][l] * balance.gross;
      }
    }
    for (std::size_t k = 0; k < sources; ++k) {
      const int carrier = scenario.sources[k].carrier;
      if (carrier == NONE || derived_source[k] || is_converted(carrier)) continue;
      for (std::size_t l = 0; l < lanes; ++l) {
        balances[(y * carriers + static_cast<std::size_t>(carrier)) * lanes + l].local_supply +=
            state.production[k * lanes + l];
      }
    }
    for (std::size_t c = 0; c < carriers; ++c) {
      for (std::size_t l = 0; l < lanes; ++l) {
        CarrierBalance& balance = balances[(y * carriers + c) * lanes + l];
        balance.imports =
            is_converted(static_cast<int>(c)) ? 0.0 : balance.gross - balance.local_supply;
      }
    }
    for (const auto& conversion : conversions) {
      for (std::size_t l = 0; l < lanes; ++l) {
        const Real output = gross[static_cast<std::size_t>(conversion.carrier) * lanes + l];
        balances[(y * carriers + static_cast<std::size_t>(conversion.carrier)) * lanes + l]
            .conversion_output = output;
        for (std::size_t k = 0; k < conversion.inputs.size(); ++k) {
          balances[(y * carriers + static_cast<std::size_t>(conversion.inputs[k])) * lanes + l]
              .conversion_input +=
              output * rows[conversion.shares[k]][l] / rows[conversion.efficiency][l];
        }
      }
    }
  }

  // Factors of the year, changed by actions; converted carriers take the
  // factor of their fuel mix per GWh delivered, once per conversion and
  // species. Only those are written; the others are read in place by
  // write_indicators.
  TRAJ_LANE_CLONES void emission_factors(std::size_t y, std::size_t lanes) {
    const std::size_t A = active_cells.size();
    for (const std::size_t i : computed_factors) {
      Real* factor = state.factor.data() + i * lanes;
      if (factor_ref[i] != NO_REF) {
        std::copy_n(rows[factor_ref[i]], lanes, factor);
      } else if (factor_trajectory[i] >= 0) {
        std::fill_n(factor, lanes,
                    trajectory_values[static_cast<std::size_t>(factor_trajectory[i])][y]);
      } else {
        std::fill_n(factor, lanes, 0);
      }
    }
    for (const auto& step : factor_steps) effects::apply_factor(step, rows.data(), A, state);
    const int branch = branch_sector;
    for (std::size_t c = 0; c < conversions.size(); ++c) {
      const ConversionRefs& conversion = conversions[c];
      const Real* efficiency = rows[conversion.efficiency];
      const Real* loss = rows[losses[static_cast<std::size_t>(conversion.carrier)]];
      for (std::size_t p = 0; p < species; ++p) {
        Real* factor = conversion_factors.data() + (c * species + p) * lanes;
        std::fill_n(factor, lanes, 0);
        for (std::size_t k = 0; k < conversion.inputs.size(); ++k) {
          const auto input =
              p * A + static_cast<std::size_t>(active_of_cell[static_cast<std::size_t>(
                          scenario.cell(branch, conversion.inputs[k]))]);
          const Real* share = rows[conversion.shares[k]];
          const Real* input_factor = factor_lanes(input, y, lanes);
          if (input_factor == nullptr) continue;
          for (std::size_t l = 0; l < lanes; ++l) factor[l] += share[l] * input_factor[l];
        }
        for (std::size_t l = 0; l < lanes; ++l) factor[l] /= efficiency[l] * (Real(1) - loss[l]);
      }
    }
  }

  Real* converted_factor(std::size_t i, std::size_t lanes) {
    const auto conversion = static_cast<std::size_t>(factor_conversion[i]);
    return conversion_factors.data() + (conversion * species + i / active_cells.size()) * lanes;
  }

  /// The lanes of factor `i` (species × active cell) this year; nullptr for
  /// zero. Trajectories are broadcast into `trajectory_lanes` once per year.
  const Real* factor_lanes(std::size_t i, std::size_t y, std::size_t lanes) {
    switch (factor_source[i]) {
      case FactorSource::Zero:
        return nullptr;
      case FactorSource::Constant:
      case FactorSource::Row:
        return rows[factor_ref[i]];
      case FactorSource::Trajectory: {
        const auto trajectory = static_cast<std::size_t>(factor_trajectory[i]);
        Real* lanes_of = trajectory_lanes.data() + trajectory * max_lanes;
        if (trajectory_year[trajectory] != y) {
          std::fill_n(lanes_of, lanes, trajectory_values[trajectory][y]);
          trajectory_year[trajectory] = y;
        }
        return lanes_of;
      }
      case FactorSource::Computed:
        return state.factor.data() + i * lanes;
      case FactorSource::Converted:
        return converted_factor(i, lanes);
    }
    return nullptr;
  }

  TRAJ_LANE_CLONES void write_indicators(std::size_t y, std::size_t lanes, Real* out,
                                         const IndicatorCatalogue& catalogue) {
    const auto out_row = [out, lanes](std::size_t, int row) {
      return out + static_cast<std::size_t>(row) * lanes;
    };
    // Final energy by sector, by carrier and in total. energy_branch summed
    // each carrier's cells into its row before it added the branch's own
    // consumption: only the carriers with such a cell are summed again (for
    // the others, the same cells in the same order hold the same values).
    for (std::size_t s = 0; s < sectors; ++s) {
      sum_rows(state.demand.data(), cells_of_sector.data() + cells_of_sector_begin[s],
               cells_of_sector_begin[s + 1] - cells_of_sector_begin[s], lanes,
               out_row(y, catalogue.final_energy_by_sector + static_cast<int>(s)));
    }
    for (std::size_t c = 0; c < carriers; ++c) {
      if (branch_cell_of_carrier[c] < 0) continue;
      sum_rows(state.demand.data(), cells_of_carrier.data() + cells_of_carrier_begin[c],
               cells_of_carrier_begin[c + 1] - cells_of_carrier_begin[c], lanes,
               out_row(y, catalogue.final_energy_by_carrier + static_cast<int>(c)));
    }
    Real* total = out_row(y, catalogue.final_energy);
    sum_rows(out, sector_rows.data(), sectors, lanes, total);
    // Local production and the renewable share.
    Real* production_total = out_row(y, catalogue.local_production);
    std::fill_n(production_total, lanes, 0);
    for (std::size_t k = 0; k < sources; ++k) {
      const Real* production = state.production.data() + k * lanes;
      std::copy_n(production, lanes,
                  out_row(y, catalogue.local_production_by_source + static_cast<int>(k)));
      for (std::size_t l = 0; l < lanes; ++l) production_total[l] += production[l];
    }
    Real* share = out_row(y, catalogue.renewable_share);
    for (std::size_t l = 0; l < lanes; ++l)
      share[l] = total[l] > Real(0) ? production_total[l] / total[l] : Real(0);
    // Imports: gross supply less local supply; converted carriers are made here.
    Real* imports = out_row(y, catalogue.energy_imports);
    std::fill_n(imports, lanes, 0);
    for (std::size_t c = 0; c < carriers; ++c) {
      if (is_converted(static_cast<int>(c))) continue;
      for (std::size_t l = 0; l < lanes; ++l) imports[l] += gross[c * lanes + l];
    }
    for (std::size_t k = 0; k < sources; ++k) {
      const int carrier = scenario.sources[k].carrier;
      if (carrier == NONE || derived_source[k] || is_converted(carrier)) continue;
      for (std::size_t l = 0; l < lanes; ++l) imports[l] -= state.production[k * lanes + l];
    }
    // Emissions: energy (consumer attributed) plus non-energy.
    resolve_emission_terms(y, lanes);
    for (std::size_t s = 0; s < sectors; ++s) {
      for (std::size_t p = 0; p < species; ++p) {
        const std::size_t begin = emission_terms_begin[p * sectors + s];
        sector_emissions[p] = {emission_terms.data() + begin,
                               emission_terms_begin[p * sectors + s + 1] - begin,
                               term_lanes.data() + begin,
                               term_scalar.data() + begin,
                               state.non_energy.data() + (p * sectors + s) * lanes,
                               out + species_sector_rows[p * sectors + s] * lanes};
      }
      add_sector_emissions(sector_emissions.data(), species, state.demand.data(), lanes);
    }
    for (std::size_t p = 0; p < species; ++p) {
      const int species_row = p == 0 ? catalogue.ghg : pollutant_row(p, 0, catalogue);
      sum_rows(out, species_sector_rows.data() + p * sectors, sectors, lanes,
               out_row(y, species_row));
    }
    // Custom indicators.
    for (std::size_t i = 0; i < indicators; ++i) {
      Real* value = out_row(y, catalogue.custom + static_cast<int>(2 * i));
      for (std::size_t l = 0; l < lanes; ++l)
        value[l] =
            std::max(Real(0), state.custom[i * lanes + l] + state.custom_shift[i * lanes + l]);
    }
    // Costs: investment as adoption grows, operating with adoption.
    Real* invested = out_row(y, catalogue.cost_investment);
    Real* operated = out_row(y, catalogue.cost_operating);
    add_costs(cost_terms.data(), cost_years.data() + y * cost_terms.size(), cost_terms.size(),
              lanes, invested, operated);
    // Cumulative sums since the base year (included).
    const Real* ghg = out_row(y, catalogue.ghg);
    Real* ghg_sum = out_row(y, catalogue.ghg_cumulative);
    Real* cost_sum = out_row(y, catalogue.cost_cumulative);
    Real* discounted_sum = out_row(y, catalogue.cost_discounted);
    for (std::size_t l = 0; l < lanes; ++l) {
      const double cost = static_cast<double>(invested[l]) + operated[l];
      cumulative[l] += ghg[l];
      cumulative[lanes + l] += cost;
      cumulative[2 * lanes + l] += cost * discount_factor[l];
      discount_factor[l] *= discount_step[l];
      ghg_sum[l] = static_cast<Real>(cumulative[l]);
      cost_sum[l] = static_cast<Real>(cumulative[lanes + l]);
      discounted_sum[l] = static_cast<Real>(cumulative[2 * lanes + l]);
    }
    for (std::size_t i = 0; i < indicators; ++i) {
      const Real* value = out_row(y, catalogue.custom + static_cast<int>(2 * i));
      Real* sum = out_row(y, catalogue.custom + static_cast<int>(2 * i + 1));
      double* running = cumulative.data() + (3 + i) * lanes;
      for (std::size_t l = 0; l < lanes; ++l) {
        running[l] += value[l];
        sum[l] = static_cast<Real>(running[l]);
      }
    }
  }

  int pollutant_row(std::size_t species_index, std::size_t offset,
                    const IndicatorCatalogue& catalogue) const {
    return catalogue.pollutants + static_cast<int>((species_index - 1) * (sectors + 1) + offset);
  }

  bool is_converted(int carrier) const {
    return std::any_of(
        conversions.begin(), conversions.end(),
        [carrier](const ConversionRefs& conversion) { return conversion.carrier == carrier; });
  }
};

namespace {
// Copies each year into a [year × rows × lanes] array.
class CopyingSink final : public YearSink {
 public:
  CopyingSink(double* out, std::size_t rows) : out_(out), rows_(rows) {}
  void year(std::size_t year_index, const double* values, std::size_t lanes) override {
    std::copy_n(values, rows_ * lanes, out_ + year_index * rows_ * lanes);
  }
  void year(std::size_t year_index, const float* values, std::size_t lanes) override {
    std::copy_n(values, rows_ * lanes, out_ + year_index * rows_ * lanes);
  }

 private:
  double* out_;
  std::size_t rows_;
};
}  // namespace

Kernel::Kernel(const Plan& plan, std::size_t max_lanes)
    : impl_(std::make_unique<Impl>(plan, max_lanes)) {}
Kernel::~Kernel() = default;

std::size_t Kernel::max_lanes() const {
  return impl_->max_lanes;
}

void Kernel::run_block(const double* parameters, std::size_t lanes, YearSink& sink,
                       CarrierBalance* balances) {
  impl_->run_block(parameters, std::min(lanes, impl_->max_lanes), sink, balances);
}

void Kernel::run_block(const double* parameters, std::size_t lanes, double* out,
                       CarrierBalance* balances) {
  CopyingSink sink(out, impl_->rows_out);
  run_block(parameters, lanes, sink, balances);
}

void Kernel::run(std::span<const double> parameters, Trajectory& trajectory,
                 EnergyBalances* balances) {
  const Plan& plan = impl_->plan;
  trajectory.base_year = plan.scenario->base_year;
  trajectory.years = plan.year_count();
  trajectory.rows = static_cast<int>(plan.catalogue.size());
  trajectory.values.assign(static_cast<std::size_t>(trajectory.years * trajectory.rows), 0.0);
  if (balances != nullptr) {
    balances->assign(static_cast<std::size_t>(trajectory.years) * plan.scenario->carriers.size(),
                     CarrierBalance{});
  }
  run_block(parameters.data(), 1, trajectory.values.data(),
            balances != nullptr ? balances->data() : nullptr);
}

}  // namespace traj::territory
