#include "traj/territory/kernel.hpp"

#include <algorithm>

#include "block_workspace.hpp"
#include "kernel_program.hpp"
#include "stages.hpp"

namespace traj::territory {

using detail::Real;

std::shared_ptr<const KernelProgram> compile_kernel(const Plan& plan) {
  return std::make_shared<const KernelProgram>(plan);
}

struct Kernel::Impl {
  Impl(std::shared_ptr<const KernelProgram> compiled, std::size_t max_lanes)
      : program(std::move(compiled)), work(*program, max_lanes) {}

  /// A block, year by year: the stages of docs/model.md in order.
  void run_block(const double* parameters, std::size_t lanes, YearSink& sink,
                 CarrierBalance* balances) {
    work.bind(parameters, lanes);
    work.start_block(lanes);
    const IndicatorCatalogue& catalogue = program->plan.catalogue;
    Real* out = work.year_out.data();
    Real* carrier_demand = indicator_row(out, lanes, catalogue.final_energy_by_carrier);
    for (std::size_t y = 0; y < program->years; ++y) {
      adoption_of_year(work, y, lanes);
      advance_trends(work, y, lanes);
      demand_and_production(work, lanes);
      energy_branch(work, y, lanes, carrier_demand, balances);
      emission_factors(work, y, lanes);
      non_energy_emissions(work, lanes);
      custom_indicators(work, lanes);
      write_energy_indicators(work, lanes, out);
      write_emissions(work, y, lanes, out);
      write_costs(work, y, lanes, out);
      write_custom_and_cumulative(work, lanes, out);
      sink.year(y, out, lanes);
    }
  }

  std::shared_ptr<const KernelProgram> program;
  BlockWorkspace work;
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

Kernel::Kernel(const Plan& plan, std::size_t max_lanes) : Kernel(compile_kernel(plan), max_lanes) {}
Kernel::Kernel(std::shared_ptr<const KernelProgram> program, std::size_t max_lanes)
    : impl_(std::make_unique<Impl>(std::move(program), max_lanes)) {}
Kernel::~Kernel() = default;

std::size_t Kernel::max_lanes() const {
  return impl_->work.max_lanes;
}

void Kernel::run_block(const double* parameters, std::size_t lanes, YearSink& sink,
                       CarrierBalance* balances) {
  impl_->run_block(parameters, std::min(lanes, impl_->work.max_lanes), sink, balances);
}

void Kernel::run_block(const double* parameters, std::size_t lanes, double* out,
                       CarrierBalance* balances) {
  CopyingSink sink(out, impl_->program->rows_out);
  run_block(parameters, lanes, sink, balances);
}

void Kernel::run(std::span<const double> parameters, Trajectory& trajectory,
                 EnergyBalances* balances) {
  const Plan& plan = impl_->program->plan;
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
