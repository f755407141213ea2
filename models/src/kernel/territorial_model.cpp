#include "traj/territory/territorial_model.hpp"

#include <algorithm>
#include <limits>

#include "traj/territory/kernel.hpp"

namespace traj::territory {
namespace {

class KernelEvaluator final : public BlockEvaluator {
 public:
  KernelEvaluator(std::shared_ptr<const KernelProgram> program, std::size_t max_lanes)
      : kernel_(std::move(program), max_lanes) {}
  void run(const double* parameters, std::size_t lanes, YearSink& sink) override {
    kernel_.run_block(parameters, lanes, sink);
  }

 private:
  Kernel kernel_;
};

}  // namespace

TerritorialModel::TerritorialModel(const Plan& plan)
    : plan_(plan), program_(compile_kernel(plan)) {}
TerritorialModel::~TerritorialModel() = default;

std::unique_ptr<BlockEvaluator> TerritorialModel::make_evaluator(std::size_t max_lanes) const {
  return std::make_unique<KernelEvaluator>(program_, max_lanes);
}

std::vector<std::size_t> TerritorialModel::non_negative_rows() const {
  const IndicatorCatalogue& catalogue = plan_.catalogue;
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < catalogue.size(); ++row) {
    // A territory's row is signed when the whole's is.
    const int index = static_cast<int>(row % catalogue.base_size());
    const bool signed_row =
        index == catalogue.energy_imports || index == catalogue.cost_operating ||
        index == catalogue.cost_cumulative || index == catalogue.cost_discounted;
    if (!signed_row) rows.push_back(row);
  }
  return rows;
}

std::optional<InvalidValue> TerritorialModel::first_invalid_value(
    const Trajectory& trajectory) const {
  constexpr double LARGEST = std::numeric_limits<double>::max();
  std::vector<char> non_negative(rows(), 0);
  for (const std::size_t row : non_negative_rows()) non_negative[row] = 1;
  const auto row_count = static_cast<std::size_t>(trajectory.rows);
  for (std::size_t i = 0; i < trajectory.values.size(); ++i) {
    const std::size_t row = i % row_count;
    const double lowest = non_negative[row] != 0 ? 0.0 : -LARGEST;
    const double value = trajectory.values[i];
    // The ensemble's test: `!(v >= lowest && v <= max)` also catches NaN.
    if (!(value >= lowest && value <= LARGEST)) {
      return InvalidValue{row, trajectory.base_year + static_cast<int>(i / row_count), value};
    }
  }
  return std::nullopt;
}

std::vector<ObjectiveSpec> TerritorialModel::objective_specs() const {
  std::vector<ObjectiveSpec> specs;
  const int base_year = plan_.scenario->base_year;
  for (const Objective& objective : plan_.scenario->objectives) {
    ObjectiveSpec spec;
    spec.id = objective.id;
    spec.row = static_cast<std::size_t>(plan_.catalogue.find(objective.indicator));
    spec.year_index = static_cast<std::size_t>(objective.year - base_year);
    spec.at_most = objective.comparison == Comparison::AtMost;
    spec.threshold = objective.threshold;
    if (objective.relative_to) {
      spec.relative = true;
      if (objective.reference_value) {
        spec.reference_value = *objective.reference_value;
      } else {
        spec.reference_from_year = true;
        spec.reference_year_index = static_cast<std::size_t>(*objective.relative_to - base_year);
      }
    }
    specs.push_back(spec);
  }
  return specs;
}

std::vector<std::size_t> TerritorialModel::headline_rows() const {
  const IndicatorCatalogue& catalogue = plan_.catalogue;
  std::vector<std::size_t> rows = {static_cast<std::size_t>(catalogue.final_energy),
                                   static_cast<std::size_t>(catalogue.local_production),
                                   static_cast<std::size_t>(catalogue.renewable_share),
                                   static_cast<std::size_t>(catalogue.ghg),
                                   static_cast<std::size_t>(catalogue.ghg_cumulative),
                                   static_cast<std::size_t>(catalogue.energy_imports),
                                   static_cast<std::size_t>(catalogue.cost_cumulative)};
  const std::size_t sectors = plan_.scenario->sectors.size();
  for (std::size_t p = 0; p < plan_.scenario->pollutants.size(); ++p) {
    rows.push_back(static_cast<std::size_t>(catalogue.pollutants) + p * (sectors + 1));
  }
  for (std::size_t i = 0; i < plan_.scenario->indicators.size(); ++i) {
    rows.push_back(static_cast<std::size_t>(catalogue.custom) + 2 * i);
  }
  // Each territory's final energy, renewable share and GHG: its small
  // multiples in reports and its line of `traj run --territories`.
  for (std::size_t t = 0; t < catalogue.territory_count(); ++t) {
    const auto own = catalogue.territory_headline_rows(t);
    rows.insert(rows.end(), own.begin(), own.end());
  }
  for (const Objective& objective : plan_.scenario->objectives) {
    const auto row = static_cast<std::size_t>(catalogue.find(objective.indicator));
    if (std::find(rows.begin(), rows.end(), row) == rows.end()) rows.push_back(row);
  }
  return rows;
}

}  // namespace traj::territory
