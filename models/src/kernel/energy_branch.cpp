#include <algorithm>

#include "lane_sums.hpp"
#include "stages.hpp"

namespace traj::territory {

using detail::Real;

namespace {

void find_branch_pattern(BlockWorkspace& work, std::size_t lanes) {
  const KernelProgram& program = work.program;
  work.branch_pattern.clear();
  for (std::size_t i = 0; i < program.carriers; ++i) {
    for (std::size_t j = 0; j < program.carriers; ++j) {
      const Real* m = work.branch_inverse.data() + (i * program.carriers + j) * lanes;
      if (std::any_of(m, m + lanes, [](Real value) { return value != 0; }))
        work.branch_pattern.emplace_back(i, j);
    }
  }
}

}  // namespace

// (I − A)⁻¹ per lane: the branch's coefficients are fixed over the years.
// The Eigen objects are sized once (constructor), so this never allocates.
void invert_branch(BlockWorkspace& work, std::size_t lanes) {
  const KernelProgram& program = work.program;
  const auto size = static_cast<Eigen::Index>(program.carriers);
  const std::size_t distinct = program.constant_branch ? 1 : lanes;
  for (std::size_t l = 0; l < distinct; ++l) {
    work.branch_matrix.setIdentity();
    for (std::size_t c = 0; c < program.carriers; ++c) {
      const auto i = static_cast<Eigen::Index>(c);
      work.branch_matrix(i, i) -=
          work.rows[program.losses[c]][l] + work.rows[program.own_consumption[c]][l];
    }
    for (const auto& conversion : program.conversions) {
      const double efficiency = work.rows[conversion.efficiency][l];
      for (std::size_t k = 0; k < conversion.inputs.size(); ++k) {
        work.branch_matrix(conversion.inputs[k], conversion.carrier) -=
            work.rows[conversion.shares[k]][l] / efficiency;
      }
    }
    work.branch_solver.compute(work.branch_matrix);
    work.branch_inverted.noalias() = work.branch_solver.inverse();
    for (Eigen::Index i = 0; i < size; ++i) {
      for (Eigen::Index j = 0; j < size; ++j) {
        work.branch_inverse[(static_cast<std::size_t>(i) * program.carriers +
                             static_cast<std::size_t>(j)) *
                                lanes +
                            l] = work.branch_inverted(i, j);
      }
    }
  }
  if (program.constant_branch) {
    // Same matrix for every lane.
    for (std::size_t m = 0; m < program.carriers * program.carriers; ++m) {
      std::fill_n(work.branch_inverse.begin() + static_cast<std::ptrdiff_t>(m * lanes), lanes,
                  work.branch_inverse[m * lanes]);
    }
  }
  find_branch_pattern(work, lanes);
}

// Gross supply (I − A)⁻¹ d, own consumption into the energy branch's final
// energy, conversion output and its renewable part. The final demand d of
// each carrier is summed into its row of the year's indicators
// (`carrier_demand`, [carrier × lanes]); write_indicators sums again only
// the carriers whose own consumption was added since.
TRAJ_LANE_CLONES void energy_branch(BlockWorkspace& work, std::size_t y, std::size_t lanes,
                                    Real* carrier_demand, CarrierBalance* balances) {
  const KernelProgram& program = work.program;
  for (std::size_t c = 0; c < program.carriers; ++c) {
    sum_rows(work.state.demand.data(),
             program.cells_of_carrier.data() + program.cells_of_carrier_begin[c],
             program.cells_of_carrier_begin[c + 1] - program.cells_of_carrier_begin[c], lanes,
             carrier_demand + c * lanes);
  }
  std::fill_n(work.gross.begin(), program.carriers * lanes, 0);
  for (const auto& [i, j] : work.branch_pattern) {
    Real* x = work.gross.data() + i * lanes;
    {
      const Real* m = work.branch_inverse.data() + (i * program.carriers + j) * lanes;
      const Real* d = carrier_demand + j * lanes;
      for (std::size_t l = 0; l < lanes; ++l) x[l] += m[l] * d[l];
    }
  }
  for (std::size_t c = 0; c < program.carriers; ++c) {
    const int cell = program.branch_cell_of_carrier[c];
    if (cell < 0) continue;
    const Real* own = work.rows[program.own_consumption[c]];
    Real* demand = work.state.demand.data() + static_cast<std::size_t>(cell) * lanes;
    for (std::size_t l = 0; l < lanes; ++l) demand[l] += own[l] * work.gross[c * lanes + l];
  }
  for (const auto& conversion : program.conversions) {
    if (conversion.renewable_source < 0) continue;
    const Real* share = work.rows[conversion.renewable_share];
    Real* production = work.state.production.data() +
                       static_cast<std::size_t>(conversion.renewable_source) * lanes;
    const Real* output = work.gross.data() + static_cast<std::size_t>(conversion.carrier) * lanes;
    for (std::size_t l = 0; l < lanes; ++l) production[l] = output[l] * share[l];
  }
  if (balances == nullptr) return;
  for (std::size_t c = 0; c < program.carriers; ++c) {
    for (std::size_t l = 0; l < lanes; ++l) {
      CarrierBalance& balance = balances[(y * program.carriers + c) * lanes + l];
      balance = CarrierBalance{};
      balance.final_demand = carrier_demand[c * lanes + l];
      balance.gross = work.gross[c * lanes + l];
      balance.own_consumption = work.rows[program.own_consumption[c]][l] * balance.gross;
      balance.losses = work.rows[program.losses[c]][l] * balance.gross;
    }
  }
  for (std::size_t k = 0; k < program.sources; ++k) {
    const int carrier = program.scenario.sources[k].carrier;
    if (carrier == NONE || program.derived_source[k] || program.is_converted(carrier)) continue;
    for (std::size_t l = 0; l < lanes; ++l) {
      balances[(y * program.carriers + static_cast<std::size_t>(carrier)) * lanes + l]
          .local_supply += work.state.production[k * lanes + l];
    }
  }
  for (std::size_t c = 0; c < program.carriers; ++c) {
    for (std::size_t l = 0; l < lanes; ++l) {
      CarrierBalance& balance = balances[(y * program.carriers + c) * lanes + l];
      balance.imports =
          program.is_converted(static_cast<int>(c)) ? 0.0 : balance.gross - balance.local_supply;
    }
  }
  for (const auto& conversion : program.conversions) {
    for (std::size_t l = 0; l < lanes; ++l) {
      const Real output = work.gross[static_cast<std::size_t>(conversion.carrier) * lanes + l];
      balances[(y * program.carriers + static_cast<std::size_t>(conversion.carrier)) * lanes + l]
          .conversion_output = output;
      for (std::size_t k = 0; k < conversion.inputs.size(); ++k) {
        balances[(y * program.carriers + static_cast<std::size_t>(conversion.inputs[k])) * lanes +
                 l]
            .conversion_input +=
            output * work.rows[conversion.shares[k]][l] / work.rows[conversion.efficiency][l];
      }
    }
  }
}

}  // namespace traj::territory
