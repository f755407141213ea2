#pragma once
/// The yearly kernel: trajectories of a block of members at once, from the
/// base year to the horizon (equations in docs/model.md).
///
/// Data layout: structure of arrays over the members of a block ("lanes"):
/// every quantity is a row of `lanes` contiguous values, so that each step of
/// the model is a loop over lanes that the compiler vectorises. Memory is
/// allocated once per Kernel; the yearly loop never allocates. Lanes are
/// single precision; results are handed over widened to double
/// (docs/model.md#precision).

#include <memory>
#include <span>
#include <vector>

#include "traj/model.hpp"
#include "traj/territory/plan.hpp"

namespace traj::territory {

/// Every indicator of the catalogue, every year, for one member:
/// `values[year × rows + row]`.
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

/// A plan compiled for the kernel, once: immutable, shared by the kernels
/// of every thread (models/src/kernel/kernel_program.hpp).
class KernelProgram;
/// `plan` must outlive the program.
std::shared_ptr<const KernelProgram> compile_kernel(const Plan& plan);

/// Runs a plan for blocks of members. Not thread safe: use one per thread,
/// all over one compiled program.
class Kernel {
 public:
  /// A kernel for blocks of at most `max_lanes` members, with a program of its own.
  explicit Kernel(const Plan& plan, std::size_t max_lanes = 1);
  /// A kernel over a shared program.
  Kernel(std::shared_ptr<const KernelProgram> program, std::size_t max_lanes);
  ~Kernel();
  Kernel(const Kernel&) = delete;
  Kernel& operator=(const Kernel&) = delete;

  std::size_t max_lanes() const;

  /// Simulates `lanes` members. `parameters[p × lanes + l]` is parameter p of
  /// member l (every parameter of the scenario, in order); the indicators go
  /// to `out[(year_index × rows + row) × lanes + l]`. With `balances`, every
  /// carrier's balance goes to `balances[(year_index × carriers + c) × lanes + l]`.
  void run_block(const double* parameters, std::size_t lanes, double* out,
                 CarrierBalance* balances = nullptr);
  /// Same, handing each year's indicators `[row × lanes + l]` to `sink`.
  void run_block(const double* parameters, std::size_t lanes, YearSink& sink,
                 CarrierBalance* balances = nullptr);

  /// One member, e.g. every parameter at its central value.
  void run(std::span<const double> parameters, Trajectory& trajectory,
           EnergyBalances* balances = nullptr);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace traj::territory
