#pragma once
/// The yearly kernel: one member's trajectory, from the base year to the
/// horizon (equations in docs/model.md).

#include <span>
#include <vector>

#include "traj/territory/plan.hpp"
#include "traj/territory/year_state.hpp"

namespace traj::territory {

/// Every indicator of the catalogue, every year: `values[year × rows + row]`.
struct Trajectory {
  int base_year = 0;
  int years = 0;
  int rows = 0;
  std::vector<double> values;

  double at(int row, int year) const {
    return values[static_cast<std::size_t>((year - base_year) * rows + row)];
  }
};

/// Both sides of one carrier's energy balance in one year, GWh.
/// Uses: final_demand + own_consumption + losses + conversion_input = gross.
/// Resources: imports + local_supply + conversion_output = gross.
struct CarrierBalance {
  double final_demand = 0.0;  ///< every sector except the branch's own consumption
  double own_consumption = 0.0;
  double losses = 0.0;
  double conversion_input = 0.0;
  double gross = 0.0;
  double local_supply = 0.0;
  double conversion_output = 0.0;
  double imports = 0.0;  ///< negative when the territory exports
};

/// Balances of every carrier, every year: `[year × carriers + carrier]`.
using EnergyBalances = std::vector<CarrierBalance>;

/// Runs a plan for one member at a time. Holds the scratch memory, so one
/// Kernel serves many members without allocating; not thread safe — use one
/// per thread.
class Kernel {
 public:
  explicit Kernel(const Plan& plan);

  /// Simulates one member whose parameters take `parameters` (one value per
  /// parameter of the scenario, in order). `trajectory` is resized on first
  /// use only. If `balances` is given, it receives every carrier's balance.
  void run(std::span<const double> parameters, Trajectory& trajectory,
           EnergyBalances* balances = nullptr);

 private:
  void start_member(std::span<const double> parameters);
  void simulate_year(int year_index, std::span<const double> parameters, double* row,
                     CarrierBalance* balances);

  const Plan& plan_;
  const Scenario& scenario_;
  YearState state_;
  MemberConstants member_;
  int branch_sector_;            ///< index of "energy_branch", NONE if absent
  std::vector<bool> converted_;  ///< per carrier: produced by a conversion
};

}  // namespace traj::territory
