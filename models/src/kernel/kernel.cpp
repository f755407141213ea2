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
      : program(std::move(compiled)), work(*program, max_lanes) {
    for (const auto& part : program->territory_programs)
      territories.push_back(std::make_unique<Impl>(part, max_lanes));
  }

  void start_block(const double* parameters, std::size_t lanes) {
    work.bind(parameters, lanes);
    work.start_block(lanes);
  }

  /// One year of a block: the stages of docs/model.md in order, into `out`
  /// ([row × lanes] of the program's catalogue).
  void run_year(std::size_t y, std::size_t lanes, Real* out, CarrierBalance* balances) {
    const IndicatorCatalogue& catalogue = program->plan.catalogue;
    Real* carrier_demand = indicator_row(out, lanes, catalogue.final_energy_by_carrier);
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
  }

  void run_block(const double* parameters, std::size_t lanes, YearSink& sink,
                 CarrierBalance* balances) {
    if (!territories.empty()) {
      run_territories(parameters, lanes, sink, balances);
      return;
    }
    start_block(parameters, lanes);
    for (std::size_t y = 0; y < program->years; ++y) {
      run_year(y, lanes, work.year_out.data(), balances);
      sink.year(y, work.year_out.data(), lanes);
    }
  }

  /// Every territory in turn for each year, on the same parameters; their
  /// rows go after the whole's, which are their sums.
  void run_territories(const double* parameters, std::size_t lanes, YearSink& sink,
                       CarrierBalance* balances) {
    const IndicatorCatalogue& catalogue = program->plan.catalogue;
    // Balances are asked for single members (traj scenario balance): one
    // buffer per territory, summed at the end.
    const std::size_t balance_size = program->years * program->carriers * lanes;
    std::vector<std::vector<CarrierBalance>> territory_balances;
    if (balances != nullptr) territory_balances.assign(territories.size(), {});
    for (std::size_t t = 0; t < territories.size(); ++t) {
      territories[t]->start_block(parameters, lanes);
      if (balances != nullptr) territory_balances[t].assign(balance_size, CarrierBalance{});
    }
    // Each territory writes its rows in place, after the whole's, and hands
    // them to the sink and to the whole's sums while they are in cache.
    Real* out = work.year_out.data();
    double* whole = work.territory_sum.data();
    const std::size_t rows = catalogue.base_size();
    for (std::size_t y = 0; y < program->years; ++y) {
      for (std::size_t t = 0; t < territories.size(); ++t) {
        territories[t]->run_year(y, lanes, out + catalogue.territory_row(t, 0) * lanes,
                                 balances != nullptr ? territory_balances[t].data() : nullptr);
        add_territory(catalogue, t, lanes, out, whole);
        sink.year_rows(y, out, lanes, catalogue.territory_row(t, 0), rows);
      }
      write_whole(catalogue, lanes, whole, out);
      sink.year_rows(y, out, lanes, 0, rows);
    }
    if (balances != nullptr) sum_balances(territory_balances, balance_size, balances);
  }

  static void sum_balances(const std::vector<std::vector<CarrierBalance>>& parts, std::size_t size,
                           CarrierBalance* into) {
    for (std::size_t i = 0; i < size; ++i) {
      CarrierBalance sum;
      for (const auto& part : parts) {
        const CarrierBalance& each = part[i];
        sum.final_demand += each.final_demand;
        sum.own_consumption += each.own_consumption;
        sum.losses += each.losses;
        sum.conversion_input += each.conversion_input;
        sum.gross += each.gross;
        sum.local_supply += each.local_supply;
        sum.conversion_output += each.conversion_output;
        sum.imports += each.imports;
      }
      into[i] = sum;
    }
  }

  std::shared_ptr<const KernelProgram> program;
  BlockWorkspace work;
  std::vector<std::unique_ptr<Impl>> territories;
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
  void year_rows(std::size_t year_index, const float* values, std::size_t lanes,
                 std::size_t first_row, std::size_t row_count) override {
    std::copy_n(values + first_row * lanes, row_count * lanes,
                out_ + (year_index * rows_ + first_row) * lanes);
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
