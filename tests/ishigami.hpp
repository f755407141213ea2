#pragma once
// The Ishigami & Homma (1990) test function as an engine Model.

#include <cmath>
#include <memory>
#include <vector>

#include "traj/model.hpp"

namespace traj::testing {

inline const double PI = std::acos(-1.0);

/// Ishigami & Homma (1990) function, a standard test of uncertainty methods:
/// Y = sin x1 + a sin² x2 + b x3⁴ sin x1, xi ~ U(−π, π), a = 7, b = 0.1.
/// E[Y] = a/2; Var[Y] = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2.
class IshigamiModel final : public Model {
 public:
  IshigamiModel() {
    for (const char* name : {"x1", "x2", "x3"}) {
      Parameter parameter;
      parameter.name = name;
      parameter.named = true;
      parameter.distribution = {Distribution::Family::Uniform, -PI, PI, 0.0};
      parameters_.add(parameter);
    }
  }
  const ParameterSet& parameters() const override { return parameters_; }
  std::size_t rows() const override { return 1; }
  std::size_t years() const override { return 1; }
  std::unique_ptr<BlockEvaluator> make_evaluator(std::size_t max_lanes) const override {
    return std::make_unique<Evaluator>(max_lanes);
  }

 private:
  class Evaluator final : public BlockEvaluator {
   public:
    explicit Evaluator(std::size_t lanes) : out_(lanes) {}
    void run(const double* x, std::size_t lanes, YearSink& sink) override {
      for (std::size_t l = 0; l < lanes; ++l) {
        const double x1 = x[l], x2 = x[lanes + l], x3 = x[2 * lanes + l];
        out_[l] =
            std::sin(x1) + 7.0 * std::sin(x2) * std::sin(x2) + 0.1 * std::pow(x3, 4) * std::sin(x1);
      }
      sink.year(0, out_.data(), lanes);
    }

   private:
    std::vector<double> out_;
  };
  ParameterSet parameters_;
};

}  // namespace traj::testing
