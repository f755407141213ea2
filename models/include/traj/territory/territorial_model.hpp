#pragma once
/// The territorial model as an engine Model: a compiled plan that the
/// ensemble runner samples and runs in blocks.

#include <memory>
#include <optional>
#include <vector>

#include "traj/ensemble.hpp"
#include "traj/model.hpp"
#include "traj/territory/kernel.hpp"
#include "traj/territory/plan.hpp"

namespace traj::territory {

class KernelProgram;

/// A value the ensemble's numeric guards refuse (docs/reliability.md).
struct InvalidValue {
  std::size_t row;
  int year;
  double value;
};

class TerritorialModel final : public Model {
 public:
  /// `plan` must outlive the model. Compiles the plan for the kernel once,
  /// for every evaluator.
  explicit TerritorialModel(const Plan& plan);
  ~TerritorialModel() override;

  const ParameterSet& parameters() const override { return plan_.scenario->parameters; }
  std::size_t rows() const override { return plan_.catalogue.size(); }
  std::size_t years() const override { return static_cast<std::size_t>(plan_.year_count()); }
  std::unique_ptr<BlockEvaluator> make_evaluator(std::size_t max_lanes) const override;
  /// Energy, production, renewable share, emissions and custom indicators.
  std::vector<std::size_t> non_negative_rows() const override;

  /// The scenario's objectives, for the ensemble runner.
  std::vector<ObjectiveSpec> objective_specs() const;
  /// Rows that get quantiles: the headline indicators and every objective's.
  std::vector<std::size_t> headline_rows() const;
  /// The first value of a single run (a deterministic one) that the ensemble's
  /// guards would refuse: not finite, or negative in a non-negative row.
  std::optional<InvalidValue> first_invalid_value(const Trajectory& trajectory) const;

 private:
  const Plan& plan_;
  std::shared_ptr<const KernelProgram> program_;
};

}  // namespace traj::territory
