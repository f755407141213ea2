#pragma once
/// A plan compiled for the kernel: which cells are active, every effect as a
/// step over those cells, where each emission factor is read, the lists the
/// sums run over and the tables of curves of fixed shape. Compiled once per
/// plan and read, never written, by every thread's workspace
/// (block_workspace.hpp): it does not depend on the number of lanes.

#include <map>
#include <memory>
#include <vector>

#include "../effects/effects.hpp"
#include "costs.hpp"
#include "kernel_layout.hpp"
#include "traj/territory/kernel.hpp"

namespace traj::territory {

class KernelProgram {
 public:
  /// `plan` must outlive the program.
  explicit KernelProgram(const Plan& plan);

  const Plan& plan;
  const Scenario& scenario;
  std::size_t sectors, carriers, species, sources, indicators, slots, years, rows_out;

  // Quantities: parameters are rows of the caller's matrix; constants are
  // rows of values broadcast by each workspace.
  std::vector<Quantity> quantities;     ///< by Ref
  std::vector<double> constant_values;  ///< by constant row
  std::vector<int> constant_row;        ///< by Ref: row of its constant, or -1

  // Active cells: those that can hold energy or whose factor is needed.
  std::vector<int> active_cells;    ///< cell index of each active cell
  std::vector<int> active_of_cell;  ///< active index of each cell, -1
  std::vector<int> active_sector, active_carrier;
  std::vector<detail::Ref> base_demand;                    ///< by active cell
  std::vector<detail::Ref> growth, autonomous_efficiency;  ///< by sector
  std::vector<detail::Ref> base_production;                ///< by source
  std::vector<bool> derived_source;
  std::vector<int> branch_cell_of_carrier;  ///< active index of energy_branch × c, -1

  std::vector<detail::AdoptionRefs> adoption;
  std::vector<detail::Ref> investment, operating;
  std::vector<double> planned_ceiling;
  std::vector<char> fixed_curve;    ///< per slot: start and shape fixed (tabulate_fixed_curves)
  std::vector<char> curve_started;  ///< [slot × year]
  std::vector<detail::Real> curve_shape;  ///< [slot × year]: progress, or 1 + exp(…) for logistic
  std::vector<detail::ReduceStep> reductions;
  std::vector<detail::SwitchStep> switches;
  int efficiency_ratios = 0;  ///< switch moves given by two efficiencies
  std::vector<detail::ProduceStep> productions;
  std::vector<detail::FactorStep> factor_steps;
  std::vector<detail::AbateStep> abatements;
  std::vector<detail::IndicatorStep> indicator_steps;

  // Emission factors by species × active cell: a Ref, or a trajectory whose
  // value per year is precomputed, or nothing (zero).
  std::vector<detail::Ref> factor_ref;
  std::vector<int> factor_trajectory;                        ///< index into trajectory_values, -1
  std::vector<std::vector<detail::Real>> trajectory_values;  ///< per trajectory, per year
  /// Where the factor of species × active cell is read this year: most are
  /// fixed over the years and read in place; those changed by actions are
  /// computed into state.factor, and those of a converted carrier (one per
  /// conversion and species, whatever the sector) into conversion_factors.
  enum class FactorSource { Zero, Constant, Row, Trajectory, Computed, Converted };
  std::vector<FactorSource> factor_source;
  std::vector<detail::Real> factor_constant;  ///< value of Constant factors
  std::vector<int> factor_conversion;         ///< conversion of Converted factors, -1
  std::vector<std::size_t> computed_factors;  ///< indices species × active cell
  /// Factors that new factors reach (species × active cell), by row of
  /// BlockState::factor_share: mixed before the relative cuts apply.
  std::vector<std::size_t> mixed_factors;
  /// Energy emissions of species p in sector s: the sector's cells with a
  /// factor, in ascending order, at [emission_terms_begin[p × sectors + s],
  /// emission_terms_begin[p × sectors + s + 1]).
  struct EmissionTerm {
    std::size_t cell = 0;    ///< active cell
    std::size_t factor = 0;  ///< species × active cell
  };
  std::vector<EmissionTerm> emission_terms;
  std::vector<std::size_t> emission_terms_begin;
  /// Active cells of each sector and of each carrier, ascending, at
  /// [begin[s], begin[s + 1]).
  std::vector<std::size_t> cells_of_sector, cells_of_sector_begin;
  std::vector<std::size_t> cells_of_carrier, cells_of_carrier_begin;
  /// Output rows: final energy of each sector; emissions of each species in
  /// each sector ([species × sectors + sector]).
  std::vector<std::size_t> sector_rows, species_sector_rows;
  std::vector<std::size_t> cost_slots;  ///< plan slots with a planned ceiling, in order
  std::vector<CostYear> cost_years;     ///< [year × cost term] (tabulate_cost_years)

  struct ConversionRefs {
    int carrier = 0;
    detail::Ref efficiency = detail::NO_REF;
    std::vector<int> inputs;  ///< carriers
    std::vector<detail::Ref> shares;
    detail::Ref renewable_share = detail::NO_REF;
    int renewable_source = -1;
  };
  std::vector<ConversionRefs> conversions;
  std::vector<detail::Ref> losses, own_consumption;  ///< by carrier
  bool constant_branch = true;
  int branch_sector = NONE;

  struct NonEnergy {
    int species = 0;
    int sector = 0;
    detail::Ref base = detail::NO_REF;
  };
  std::vector<NonEnergy> non_energy;
  std::vector<std::size_t> abated_without_inventory;  ///< species × sector rows
  std::vector<detail::Ref> custom_base, custom_growth;
  detail::Ref discount_rate = detail::NO_REF;

  /// In a scenario of several territories, each territory's plan (the
  /// whole's actions and adoption curves over the territory's scenario) and
  /// its program: the kernel runs them in turn for each year of a block and
  /// sums the whole from them (kernel.cpp). Empty for one territory.
  std::vector<std::unique_ptr<Plan>> territory_plans;
  std::vector<std::shared_ptr<const KernelProgram>> territory_programs;

  /// Whether a slot's adoption is read as a view of its ceiling (a step or
  /// a line of fixed shape: ceiling × progress, the same product as written
  /// out) rather than computed into BlockState::adoption.
  bool read_as_view(std::size_t slot) const {
    return fixed_curve[slot] != 0 &&
           static_cast<CurveKind>(adoption[slot].curve) != CurveKind::Logistic;
  }
  int pollutant_row(std::size_t species_index, std::size_t offset,
                    const IndicatorCatalogue& catalogue) const {
    return catalogue.pollutants + static_cast<int>((species_index - 1) * (sectors + 1) + offset);
  }
  bool is_converted(int carrier) const;

  // For the effects' compile_step (effects/<type>.cpp), while the program is built.
  /// A new Ref to `quantity` (constants of equal value share a row).
  detail::Ref ref(const Quantity& quantity);
  /// The active index of every active cell of sectors × carriers, in that order.
  std::vector<int> active_list(const std::vector<int>& of_sectors,
                               const std::vector<int>& of_carriers) const;

 private:
  int activate(int sector, int carrier);
  void compile();
  void list_steps();
  void list_factors();
  void list_branch_and_non_energy();
  void choose_factor_sources();
  void list_emission_terms();
  void list_sums();
  void tabulate_cost_years();
  void tabulate_fixed_curves();
  void compile_territories();

  std::map<double, int> constant_index;
};

}  // namespace traj::territory
