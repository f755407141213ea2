// Sobol indices and Morris screening against closed forms.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>

#include "ishigami.hpp"
#include "objective_cases.hpp"
#include "one_cell.hpp"
#include "test_support.hpp"
#include "traj/sensitivity.hpp"
#include "traj/territory/territorial_model.hpp"

using namespace traj;
using namespace traj::territory;

namespace {

/// |estimate − exact| within `margin`, and the bootstrap interval (widened
/// by the same margin for the bias of a finite N) contains the exact value.
void check_index(double estimate, double low, double high, double exact, double margin) {
  CHECK(std::abs(estimate - exact) < margin);
  CHECK(low - margin <= exact);
  CHECK(high + margin >= exact);
}

}  // namespace

TEST_CASE("Sobol indices of the Ishigami function (a = 7, b = 0.1)") {
  const testing::IshigamiModel model;
  SensitivityOptions options;
  options.samples = 16384;  // 81 920 runs
  const SensitivityOutput output{"y", false, 0, 0, {}};
  const auto result = sobol_indices(model, single_factors(model.parameters()), {output}, options);
  CHECK(result.runs == 16384 * 5);
  // Exact values (Saltelli et al. 2008, Global Sensitivity Analysis. The Primer).
  const double first[] = {0.3139, 0.4424, 0.0};
  const double total[] = {0.5576, 0.4424, 0.2437};
  // The estimators' standard errors at N = 16 384 are below 0.01 for this
  // function (Saltelli 2010, fig. 2); 0.03 leaves room for the worst index.
  for (std::size_t f = 0; f < 3; ++f) {
    const SobolIndex& index = result.sobol[f];
    INFO("x" << f + 1);
    check_index(index.first, index.first_low, index.first_high, first[f], 0.03);
    check_index(index.total, index.total_low, index.total_high, total[f], 0.03);
  }
  CHECK(result.variance[0] == Approx(13.845).epsilon(0.02));
}

TEST_CASE("Morris screening ranks the Ishigami factors") {
  const testing::IshigamiModel model;
  SensitivityOptions options;
  options.samples = 500;
  const SensitivityOutput output{"y", false, 0, 0, {}};
  const auto result =
      morris_screening(model, single_factors(model.parameters()), {output}, options);
  CHECK(result.runs == 500 * 4);
  // x3 acts only through x1 (interaction): large σ relative to its μ.
  CHECK(result.morris[0].mu_star > 0.0);
  CHECK(result.morris[1].mu_star > 0.0);
  CHECK(result.morris[2].sigma > std::abs(result.morris[2].mu));
}

TEST_CASE("Sobol indices of two stacked uniform reductions, written as a scenario") {
  const std::string text = testing::one_cell_territory("100", 2021) + R"([[actions]]
id = "insulation"
name = "Insulation"
coalition = "Town"
theme = "energy"
start = 2021
adoption = { curve = "step", ceiling = 1.0 }
  [[actions.effects]]
  type = "reduce"
  sectors = ["residential"]
  fraction = { uniform = [0.0, 0.4] }
[[actions]]
id = "sobriety"
name = "Sobriety"
coalition = "Town"
theme = "energy"
start = 2021
adoption = { curve = "step", ceiling = 1.0 }
  [[actions.effects]]
  type = "reduce"
  sectors = ["residential"]
  fraction = { uniform = [0.0, 0.8] }
)";
  const Scenario scenario = testing::scenario_from_text(text);
  const Plan plan = compile_plan(scenario, "*");
  const TerritorialModel model(plan);
  SensitivityOptions options;
  options.samples = 8192;
  const SensitivityOutput output{
      "final_energy 2021", false, static_cast<std::size_t>(plan.catalogue.final_energy), 1, {}};
  const auto result = sobol_indices(model, single_factors(scenario.parameters), {output}, options);
  // Y = 100 X1 X2, X1 = 1 − f1 ~ U(0.6, 1), X2 = 1 − f2 ~ U(0.2, 1), independent:
  // V1 = Var X1 (E X2)², V2 = Var X2 (E X1)², V12 = Var X1 Var X2.
  const double var1 = 0.16 / 12, var2 = 0.64 / 12, mean1 = 0.8, mean2 = 0.6;
  const double v1 = var1 * mean2 * mean2, v2 = var2 * mean1 * mean1, v12 = var1 * var2;
  const double v = v1 + v2 + v12;
  REQUIRE(result.factors.size() == 2);
  check_index(result.sobol[0].first, result.sobol[0].first_low, result.sobol[0].first_high, v1 / v,
              0.02);
  check_index(result.sobol[1].first, result.sobol[1].first_low, result.sobol[1].first_high, v2 / v,
              0.02);
  check_index(result.sobol[0].total, result.sobol[0].total_low, result.sobol[0].total_high,
              (v1 + v12) / v, 0.02);
  check_index(result.sobol[1].total, result.sobol[1].total_low, result.sobol[1].total_high,
              (v2 + v12) / v, 0.02);
  CHECK(result.variance[0] == Approx(10000 * v).epsilon(0.02));
}

TEST_CASE("sensitivity results are reproducible from the seed, whatever the threads") {
  const testing::IshigamiModel model;
  SensitivityOptions options;
  options.samples = 1024;
  options.threads = 1;
  const SensitivityOutput output{"y", false, 0, 0, {}};
  const auto one = sobol_indices(model, single_factors(model.parameters()), {output}, options);
  options.threads = 2;
  options.block = 7;
  const auto two = sobol_indices(model, single_factors(model.parameters()), {output}, options);
  for (std::size_t f = 0; f < 3; ++f) {
    CHECK(one.sobol[f].first == two.sobol[f].first);
    CHECK(one.sobol[f].total_high == two.sobol[f].total_high);
  }
}

namespace {
/// Each objective of `plan` as a sensitivity outcome (1 when met), over
/// `runs` runs of the central values, in blocks of `block`.
std::vector<double> outcomes(const Plan& plan, std::uint64_t runs, std::size_t block) {
  const TerritorialModel model(plan);
  std::vector<SensitivityOutput> outputs;
  for (const ObjectiveSpec& spec : model.objective_specs()) {
    outputs.push_back({spec.id, true, 0, 0, spec});
  }
  const std::vector<double> central = plan.scenario->parameters.central_values();
  const auto design = [&](std::uint64_t, double* values) {
    std::copy(central.begin(), central.end(), values);
  };
  return evaluate_design(model, outputs, design, runs, 1, block);
}
}  // namespace

// The shared judgement (docs/model.md#8-objectives); deterministic runs and
// ensembles are tested in effects_test and ensemble_test on the same scenarios.
TEST_CASE("sensitivity outcomes: a value exactly on its threshold is met, at most and at least") {
  const Scenario scenario = testing::scenario_from_text(testing::on_threshold_scenario());
  const Plan plan = compile_plan(scenario, "nothing");
  for (const std::size_t block : {std::size_t{16}, std::size_t{1}}) {
    const auto values = outcomes(plan, 16, block);
    REQUIRE(values.size() == 16 * testing::ON_THRESHOLD_OBJECTIVES);
    CHECK(std::count(values.begin(), values.end(), 1.0) == std::ssize(values));
  }
}

TEST_CASE("sensitivity outcomes: a ratio to a reference of zero meets no objective") {
  const Scenario scenario = testing::scenario_from_text(testing::zero_reference_scenario());
  const Plan plan = compile_plan(scenario, "estate");
  for (const std::size_t block : {std::size_t{16}, std::size_t{1}}) {
    const auto values = outcomes(plan, 16, block);
    REQUIRE(values.size() == 16 * testing::ZERO_REFERENCE_OBJECTIVES);
    CHECK(std::count(values.begin(), values.end(), 0.0) == std::ssize(values));
  }
}

TEST_CASE(
    "an analysis runs in chunks and stops between them when cancelled and states its memory") {
  const testing::IshigamiModel model;
  const SensitivityOutput output{"y", false, 0, 0, {}};
  const auto factors = single_factors(model.parameters());
  SensitivityOptions options;
  options.samples = 20000;  // three chunks of rows
  int polls = 0;
  options.cancelled = [&polls] { return ++polls == 2; };
  const auto sobol = sobol_indices(model, factors, {output}, options);
  CHECK(sobol.cancelled);
  CHECK(polls == 2);
  CHECK(sobol.sobol.empty());
  polls = 0;
  options.samples = 5000;  // three chunks of trajectories
  const auto morris = morris_screening(model, factors, {output}, options);
  CHECK(morris.cancelled);
  CHECK(polls == 2);
  options.cancelled = {};
  CHECK_FALSE(morris_screening(model, factors, {output}, options).cancelled);
  // What grows with N is the outputs of every run (kept for the bootstrap):
  // 8 bytes × (k + 2) runs × outputs, and two row indices.
  const auto memory = sobol_memory(3, 3, 2, 1'000'000, 200);
  CHECK(memory.bytes_per_sample == 8 * (5 * 2 + 2));
  CHECK(memory.bytes > 1'000'000 * memory.bytes_per_sample);
  CHECK(memory.bytes < 1'000'000 * memory.bytes_per_sample + 10'000'000);
  const auto screening = morris_memory(3, 3, 2, 1000);
  CHECK(screening.bytes_per_sample == 8 * (4 * 2 + 3 + 3 * 2));
}
