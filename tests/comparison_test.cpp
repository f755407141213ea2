// traj compare and traj target: analytic cases on a one-cell territory.
#include <catch2/catch.hpp>
#include <cmath>

#include "objective_cases.hpp"
#include "one_cell.hpp"
#include "test_support.hpp"
#include "traj/territory/comparison.hpp"
#include "traj/territory/objective_distance.hpp"
#include "traj/territory/targets.hpp"
#include "traj/territory/what_changed.hpp"

using namespace traj;
using namespace traj::territory;
using traj::testing::cut_scenario;

namespace {

// On the one-cell territory (with 10 GWh of on-site production): a sobriety
// action whose fraction is uniform in [0.2, 0.6], a costly action without
// effect, two PV actions, and an objective "−35 % in 2021".
const std::string ACTIONS = R"([[actions]]
id = "sobriety"
name = "Sobriety"
coalition = "Town"
theme = "energy"
start = 2021
adoption = { curve = "step", ceiling = 0.5 }
  [[actions.effects]]
  type = "reduce"
  sectors = ["residential"]
  fraction = { uniform = [0.2, 0.6] }
[[actions]]
id = "ceremony"
name = "A costly ceremony"
coalition = "Town"
theme = "governance"
start = 2021
adoption = { curve = "step", ceiling = 1.0 }
costs = { investment = { value = 5, unit = "M€" } }
  [[actions.effects]]
  type = "abate"
  species = "nox"
  sectors = ["residential"]
  fraction = 0.0
[[actions]]
id = "pv-a"
name = "PV A"
coalition = "Town"
theme = "energy"
start = 2021
adoption = { curve = "step", ceiling = { uniform = [0.5, 1.0] } }
  [[actions.effects]]
  type = "produce"
  source = "pv"
  energy = { value = 3, unit = "GWh" }
[[actions]]
id = "pv-b"
name = "PV B"
coalition = "Town"
theme = "energy"
start = 2021
adoption = { curve = "step", ceiling = 1.0 }
  [[actions.effects]]
  type = "produce"
  source = "pv"
  energy = { uniform = [1, 5], unit = "GWh" }
[[portfolios]]
id = "sobriety"
name = "Sobriety"
actions = ["sobriety"]
[[portfolios]]
id = "sobriety-ceremony"
name = "Sobriety and a ceremony"
actions = ["sobriety", "ceremony"]
[[portfolios]]
id = "solar"
name = "Both PV"
actions = ["pv-a", "pv-b"]
[[objectives]]
id = "cut-35"
indicator = "final_energy"
year = 2021
comparison = "<="
threshold = 0.65
relative_to = 2020
)";

Scenario one_cell(const std::string& base) {
  return testing::scenario_from_text(testing::one_cell_territory(base, 2022, "10") + ACTIONS);
}

EnsembleOptions members(std::uint64_t count) {
  EnsembleOptions options;
  options.members = count;
  return options;
}

}  // namespace

TEST_CASE("target: the value reached with a given confidence is the right quantile") {
  const Scenario scenario = one_cell("{ lognormal = { median = 100, sigma = 0.2 } }");
  const Plan plan = compile_plan(scenario, "");
  const auto row = static_cast<std::size_t>(plan.catalogue.find("final_energy"));
  const Commitment result = commitment(plan, row, 2020, 0.8, members(20000));
  // Less energy is better: at most the 80 % quantile of 100·exp(0.2 Z).
  const double exact = 100.0 * std::exp(0.2 * 0.8416212335729143);
  // Standard error of the sample quantile: sqrt(q(1−q)/n) / density ≈ 0.24.
  CHECK_FALSE(result.higher_is_better);
  CHECK(std::abs(result.value - exact) < 4 * 0.24);
  CHECK(result.ci_low <= exact);
  CHECK(result.ci_high >= exact);
  CHECK(result.ci_high - result.ci_low < 2.0);
  // More is better for the renewable share: its (1 − c) quantile.
  const auto share = static_cast<std::size_t>(plan.catalogue.find("renewable_share"));
  const Commitment renewable = commitment(plan, share, 2020, 0.8, members(20000));
  CHECK(renewable.higher_is_better);
  CHECK(renewable.value == Approx(10.0 / exact).epsilon(0.01));
}

TEST_CASE("target: the adoption scale an objective needs has a closed form") {
  const Scenario scenario = one_cell("100");
  const Plan plan = compile_plan(scenario, "sobriety");
  // Met when min(1, 0.5 s)·f ≥ 0.35 with f ~ U(0.2, 0.6): at confidence 0.5,
  // 0.35 / (0.5 s) = median(f) = 0.4, so s = 1.75.
  const RequiredScale half = required_scale(plan, 0, 0.5, members(20000));
  CHECK(half.reachable);
  CHECK(half.scale == Approx(1.75).margin(0.04));
  CHECK(half.full_adoption_scale == Approx(2.0));
  CHECK(half.at_planned.probability == 0.0);  // at s = 1, 0.5 f ≤ 0.3 < 0.35
  // Even at full adoption, P(f ≥ 0.35) = 0.625 < 0.9.
  const RequiredScale unreachable = required_scale(plan, 0, 0.9, members(20000));
  CHECK_FALSE(unreachable.reachable);
  CHECK(std::abs(unreachable.probability.probability - 0.625) <
        4 * std::sqrt(0.625 * 0.375 / 20000));
}

TEST_CASE("paired intervals are narrower than unpaired ones on the same members") {
  std::vector<std::uint8_t> a(1000), b(1000);
  for (std::size_t m = 0; m < 1000; ++m) {
    a[m] = m % 2;                 // p = 0.5
    b[m] = m % 2 && m % 10 != 1;  // the same members, minus one in ten of them
  }
  const PairedDifference difference = paired_difference(a, b);
  CHECK(difference.difference == Approx(0.1));
  CHECK(difference.ci_high - difference.ci_low <
        0.5 * (difference.unpaired_ci_high - difference.unpaired_ci_low));
  CHECK(difference.ci_low > 0.0);           // paired: clearly better
  CHECK(difference.unpaired_ci_low < 0.1);  // unpaired: much less sure
}

TEST_CASE("compare: dominance, common random numbers and additive contributions") {
  const Scenario scenario = one_cell("100");
  const PortfolioComparison comparison = compare_portfolios(scenario, {}, members(5000), true);
  REQUIRE(comparison.portfolios.size() == 4);
  const auto& baseline = comparison.portfolios[0];
  const auto& sobriety = comparison.portfolios[1];
  const auto& ceremony = comparison.portfolios[2];
  const auto& solar = comparison.portfolios[3];
  CHECK(baseline.id == "baseline");
  // The ceremony costs 5 M€ and changes nothing: dominated by sobriety alone.
  CHECK(ceremony.result.objectives[0].successes == sobriety.result.objectives[0].successes);
  CHECK(ceremony.cost_discounted == Approx(5.0));
  // Not by the baseline, as likely (0 %) and cheaper, but worse on final energy.
  CHECK(ceremony.dominated_by == std::vector<std::string>{"sobriety"});
  CHECK(sobriety.dominated_by.empty());
  CHECK(solar.dominated_by.empty());
  // Same members: the two share every member's outcome, so the paired difference is exactly 0.
  for (const auto& difference : comparison.differences) {
    if (difference.a == 2 && difference.b == 1) {
      CHECK(difference.difference == 0.0);
      CHECK(difference.ci_low == 0.0);
      CHECK(difference.ci_high == 0.0);
    }
  }
  // Production adds up: the two PV actions' contributions to the renewable
  // share (final energy unchanged) sum to the portfolio's gain over the
  // baseline, up to the kernel's single-precision rounding: each member's
  // share is within a few units of 2^-24 (6e-8) of exact, and the identity
  // adds four of them, each about three times the gain (10 GWh of
  // inventory production, 5 from the actions): within about 1e-6.
  std::size_t share = comparison.quantities.size();
  for (std::size_t q = 0; q < comparison.quantities.size(); ++q) {
    if (comparison.quantities[q].label == "renewable_share 2022") share = q;
  }
  REQUIRE(share < comparison.quantities.size());
  REQUIRE(solar.contributions.size() == 2);
  const double gain = solar.result.mean_at(comparison.quantities[share].row, 2) -
                      baseline.result.mean_at(comparison.quantities[share].row, 2);
  CHECK(solar.contributions[0].mean[share] + solar.contributions[1].mean[share] ==
        Approx(gain).epsilon(1e-5));
  // Mean of pv-a: 3 GWh × E[ceiling] = 2.25; pv-b: E[U(1, 5)] = 3 (over 100 GWh).
  CHECK(gain == Approx((2.25 + 3.0) / 100.0).epsilon(0.02));
}

// The shared judgement (docs/model.md#8-objectives) as compare and target
// see it; the other modes are tested in effects_test, ensemble_test and
// sensitivity_test on the same scenarios.
TEST_CASE("compare and target: a value exactly on its threshold is met, at most and at least") {
  const Scenario scenario = testing::scenario_from_text(testing::on_threshold_scenario());
  const PortfolioComparison comparison = compare_portfolios(scenario, {}, members(64), false);
  REQUIRE(comparison.portfolios.size() == 2);  // the baseline and "nothing"
  for (const auto& portfolio : comparison.portfolios) {
    REQUIRE(portfolio.result.objectives.size() == testing::ON_THRESHOLD_OBJECTIVES);
    for (const auto& objective : portfolio.result.objectives) {
      INFO(portfolio.id << ", " << objective.id);
      CHECK(objective.estimate.probability == 1.0);
    }
  }
  const Plan plan = compile_plan(scenario, "nothing");
  for (std::size_t o = 0; o < testing::ON_THRESHOLD_OBJECTIVES; ++o) {
    INFO(scenario.objectives[o].id);
    const RequiredScale scale = required_scale(plan, o, 0.999, members(64));
    CHECK(scale.reachable);
    CHECK(scale.at_planned.probability == 1.0);
  }
}

TEST_CASE("compare and target: a ratio to a reference of zero meets no objective") {
  const Scenario scenario = testing::scenario_from_text(testing::zero_reference_scenario());
  const PortfolioComparison comparison = compare_portfolios(scenario, {}, members(64), false);
  REQUIRE(comparison.portfolios.size() == 2);  // the baseline and "estate"
  for (const auto& portfolio : comparison.portfolios) {
    REQUIRE(portfolio.result.objectives.size() == testing::ZERO_REFERENCE_OBJECTIVES);
    for (const auto& objective : portfolio.result.objectives) {
      INFO(portfolio.id << ", " << objective.id);
      CHECK(objective.estimate.probability == 0.0);
    }
  }
  const Plan plan = compile_plan(scenario, "estate");
  for (std::size_t o = 0; o < testing::ZERO_REFERENCE_OBJECTIVES; ++o) {
    INFO(scenario.objectives[o].id);
    const RequiredScale scale = required_scale(plan, o, 0.5, members(64));
    CHECK_FALSE(scale.reachable);
    CHECK(scale.at_planned.probability == 0.0);
    CHECK(scale.probability.probability == 0.0);
  }
}

namespace {

const QuantityChange& change_of(const WhatChanged& changed, const std::string& label) {
  for (const auto& change : changed.quantities) {
    if (change.quantity.label == label) return change;
  }
  throw std::runtime_error("no compared quantity " + label);
}

}  // namespace

TEST_CASE("what changed: paired differences against a hand case, and compare's numbers") {
  const Scenario scenario = testing::scenario_from_text(cut_scenario());
  const Plan cut = compile_plan(scenario, "cut");
  const Plan baseline = compile_plan(scenario, "");
  const WhatChanged changed = what_changed(cut, baseline, members(20000));
  CHECK(changed.members == 20000);
  // Every member's GHG falls by exactly 2 kt and its final energy by 10 GWh: the band collapses.
  for (const std::string label : {"ghg 2021", "ghg 2022"}) {
    const QuantityChange& ghg = change_of(changed, label);
    CHECK(ghg.median == Approx(-2.0).epsilon(1e-6));
    CHECK(ghg.low == ghg.median);
    CHECK(ghg.high == ghg.median);
  }
  const QuantityChange& energy = change_of(changed, "final_energy 2022");
  CHECK(energy.median == Approx(-10.0).epsilon(1e-6));
  CHECK(energy.low == energy.median);
  CHECK(energy.high == energy.median);
  // The share's difference pv/900 has the quantiles of U(5, 15)/900.
  const QuantityChange& share = change_of(changed, "renewable_share 2021");
  CHECK(share.median == Approx(10.0 / 900).epsilon(0.01));
  CHECK(share.low == Approx(5.5 / 900).epsilon(0.01));
  CHECK(share.high == Approx(14.5 / 900).epsilon(0.01));
  // Nothing costs anything.
  const QuantityChange& cost = change_of(changed, "cost_discounted 2022");
  CHECK(cost.median == 0.0);
  CHECK(cost.low == 0.0);
  CHECK(cost.high == 0.0);
  // P(9 ≤ pv < 10) = 0.1, and exactly compare's paired difference on the same members.
  REQUIRE(changed.objectives.size() == 1);
  const ObjectiveChange& objective = changed.objectives.front();
  CHECK(objective.id == "share-10");
  CHECK(objective.run.probability == Approx(0.6).margin(4 * std::sqrt(0.24 / 20000)));
  CHECK(objective.reference.probability == Approx(0.5).margin(4 * std::sqrt(0.25 / 20000)));
  CHECK(objective.difference.difference == Approx(0.1).margin(4 * std::sqrt(0.09 / 20000)));
  const PortfolioComparison comparison =
      compare_portfolios(scenario, {"cut"}, members(20000), false);
  REQUIRE(comparison.differences.size() == 1);
  const PairedDifference& compared = comparison.differences.front();
  CHECK(compared.a == 1);  // cut − baseline
  CHECK(objective.difference.difference == compared.difference);
  CHECK(objective.difference.ci_low == compared.ci_low);
  CHECK(objective.difference.ci_high == compared.ci_high);
  CHECK(objective.run.probability ==
        comparison.portfolios[1].result.objectives[0].estimate.probability);
  CHECK(objective.reference.probability ==
        comparison.portfolios[0].result.objectives[0].estimate.probability);
  // Paired: the interval is that of a 0/1 difference with p = 0.1, far narrower than unpaired.
  CHECK(objective.difference.ci_high - objective.difference.ci_low ==
        Approx(2 * 1.959963984540054 * std::sqrt(0.09 / 20000)).epsilon(0.05));
}

TEST_CASE("what changed: against a recorded reference, the numbers of running both") {
  const Scenario scenario = testing::scenario_from_text(cut_scenario());
  const Plan cut = compile_plan(scenario, "cut");
  const Plan baseline = compile_plan(scenario, "");
  const WhatChanged both = what_changed(cut, baseline, members(3000));
  const RecordedReference recorded = record_reference(cut, baseline, members(3000));
  CHECK(recorded.quantities == reference_quantities(cut, baseline));
  const WhatChanged kept = what_changed(cut, baseline, recorded, members(3000));
  CHECK(kept.members == both.members);
  REQUIRE(kept.objectives.size() == both.objectives.size());
  for (std::size_t o = 0; o < kept.objectives.size(); ++o) {
    CHECK(kept.objectives[o].difference.difference == both.objectives[o].difference.difference);
    CHECK(kept.objectives[o].difference.ci_low == both.objectives[o].difference.ci_low);
    CHECK(kept.objectives[o].reference.probability == both.objectives[o].reference.probability);
  }
  REQUIRE(kept.quantities.size() == both.quantities.size());
  for (std::size_t q = 0; q < kept.quantities.size(); ++q) {
    INFO(kept.quantities[q].quantity.label);
    CHECK(kept.quantities[q].quantity == both.quantities[q].quantity);
    CHECK(kept.quantities[q].median == both.quantities[q].median);
    CHECK(kept.quantities[q].low == both.quantities[q].low);
    CHECK(kept.quantities[q].high == both.quantities[q].high);
  }
  CHECK(kept.reference.mean == both.reference.mean);
  CHECK(kept.run.mean == both.run.mean);
  // Recorded on other members, or for other quantities: refused, never compared wrongly.
  CHECK_THROWS_AS(what_changed(cut, baseline, recorded, members(2000)), std::logic_error);
  RecordedReference other = recorded;
  other.quantities.pop_back();
  CHECK_THROWS_AS(what_changed(cut, baseline, other, members(3000)), std::logic_error);
}

TEST_CASE("what changed: two scenario objects share the draws of the parameters they share") {
  // The same files but for the objective's threshold: the same PV draws, so
  // every quantity's difference is exactly 0 for every member.
  const Scenario scenario = testing::scenario_from_text(cut_scenario());
  const Scenario stricter =
      testing::scenario_from_text(cut_scenario("{ uniform = [5, 15] }", 0.12));
  REQUIRE(scenario.parameters.size() == stricter.parameters.size());
  std::vector<double> draws(scenario.parameters.size() * 64),
      stricter_draws(stricter.parameters.size() * 64);
  sample_parameters(scenario.parameters, 7, 0, 64, draws.data());
  sample_parameters(stricter.parameters, 7, 0, 64, stricter_draws.data());
  CHECK(draws == stricter_draws);
  const WhatChanged same_draws =
      what_changed(compile_plan(stricter, "cut"), compile_plan(scenario, "cut"), members(5000));
  for (const auto& change : same_draws.quantities) {
    INFO(change.quantity.label);
    CHECK(change.low == 0.0);
    CHECK(change.high == 0.0);
  }
  // P(pv ≥ 10.8) − P(pv ≥ 9) = −0.18, every member that meets 12 % meeting 10 %.
  REQUIRE(same_draws.objectives.size() == 1);
  const PairedDifference& stricter_change = same_draws.objectives.front().difference;
  CHECK(stricter_change.difference == Approx(-0.18).margin(4 * std::sqrt(0.18 * 0.82 / 5000)));
  CHECK(stricter_change.difference == same_draws.run.objectives[0].estimate.probability -
                                          same_draws.reference.objectives[0].estimate.probability);
  // An edit of the PV distribution changes its draws (and only those).
  const Scenario wider = testing::scenario_from_text(cut_scenario("{ uniform = [0, 20] }"));
  const WhatChanged other_draws =
      what_changed(compile_plan(wider, "cut"), compile_plan(scenario, "cut"), members(5000));
  const QuantityChange& share = change_of(other_draws, "renewable_share 2021");
  CHECK(share.low < -0.02);  // (20 u − 10 u − 5)/90 for the same uniform u: from −5/90 to +5/90
  CHECK(share.high > 0.02);
  CHECK(change_of(other_draws, "ghg 2021").low == 0.0);
  CHECK(change_of(other_draws, "ghg 2021").high == 0.0);
}

TEST_CASE("what changed: percentiles of the differences are the inverse empirical distribution") {
  std::vector<double> values = {5, 1, 4, 2, 3, 10, 6, 9, 8, 7};
  CHECK(difference_percentile(values, 0.5) == 5.0);
  CHECK(difference_percentile(values, 0.05) == 1.0);
  CHECK(difference_percentile(values, 0.95) == 10.0);
  CHECK(difference_percentile(values, 0.1) == 1.0);
  CHECK(difference_percentile(values, 0.11) == 2.0);
  std::vector<double> none;
  CHECK(std::isnan(difference_percentile(none, 0.5)));
}

TEST_CASE("what changed at the medians: the two central runs of the hand case") {
  const Scenario scenario = testing::scenario_from_text(cut_scenario());
  const Plan cut = compile_plan(scenario, "cut");
  const Plan baseline = compile_plan(scenario, "");
  const CentralChange changed = what_changed_at_medians(cut, testing::run_central(cut), baseline,
                                                        testing::run_central(baseline));
  // PV at its median, 10 GWh: a share of 10/90 against 10/100.
  REQUIRE(changed.objectives.size() == 1);
  CHECK(changed.objectives[0].run.objective->id == "share-10");
  CHECK(changed.objectives[0].run.value == Approx(10.0 / 90).epsilon(1e-6));
  CHECK(changed.objectives[0].reference.value == Approx(0.1).epsilon(1e-6));
  CHECK(changed.objectives[0].run.met);
  REQUIRE(changed.quantities.size() == 9);  // 4 rows at 2021 and 2022, and the cost
  CHECK(changed.quantities[0].quantity.label == "final_energy 2021");
  CHECK(changed.quantities[0].difference() == Approx(-10.0).epsilon(1e-6));
  const auto& ghg = changed.quantities[2];
  CHECK(ghg.quantity.label == "ghg 2021");
  CHECK(ghg.run == Approx(18.0).epsilon(1e-6));
  CHECK(ghg.reference == Approx(20.0).epsilon(1e-6));
  CHECK(changed.quantities[8].quantity.label == "cost_discounted 2022");
}

TEST_CASE("distance to an objective: short, met by a margin, the way from the start") {
  // At most 223 kt; 473 [440, 510] in the objective's year, 891 at the start.
  const ObjectiveDistance ghg = distance_from_values(true, 223, 473, 440, 510, 2018, 891);
  CHECK(ghg.known);
  CHECK_FALSE(ghg.met());
  CHECK(ghg.shortfall == 250.0);
  CHECK(ghg.shortfall_low == 217.0);
  CHECK(ghg.shortfall_high == 287.0);
  CHECK(ghg.progress == Approx(418.0 / 668.0));
  // At least 30 %: 17.2 % [16.4, 18.0] from 10 %.
  const ObjectiveDistance share =
      distance_from_values(false, 0.30, 0.172, 0.164, 0.180, 2018, 0.10);
  CHECK(share.shortfall == Approx(0.128));
  CHECK(share.shortfall_low == Approx(0.12));  // the band's high end is the smallest gap
  CHECK(share.shortfall_high == Approx(0.136));
  CHECK(share.progress == Approx(0.36));
  // Past the target: met by a margin, more than all the way.
  const ObjectiveDistance met = distance_from_values(true, 223, 200, 190, 230, 2018, 891);
  CHECK(met.met());
  CHECK(met.shortfall == -23.0);
  CHECK(met.shortfall_high == 7.0);
  CHECK(met.progress > 1.0);
  // A start that already meets the target has no way to go.
  CHECK(std::isnan(distance_from_values(true, 223, 200, 190, 230, 2018, 100).progress));
  CHECK_FALSE(distance_from_values(true, std::nan(""), 200, 190, 230, 2018, 100).known);
}

TEST_CASE("distance to an objective: a relative threshold in the indicator's unit") {
  Objective objective;
  objective.threshold = 0.25;
  CHECK(target_in_unit(objective, 800.0) == 0.25);  // absolute: the threshold itself
  objective.relative_to = 2018;
  CHECK(target_in_unit(objective, 800.0) == 200.0);  // × the reference year's median
  objective.reference_value = 1000.0;
  objective.relative_to = 1990;
  CHECK(target_in_unit(objective, 800.0) == 250.0);  // × the stated reference
  objective.reference_value.reset();
  CHECK(std::isnan(target_in_unit(objective, 0.0)));  // no target against a reference of zero
}

TEST_CASE("dominance: as likely, as good on every headline outcome, and cheaper") {
  // Outcomes: GHG (less is better), renewable share (more is better).
  const std::vector<bool> higher = {false, true};
  const PortfolioStanding baseline{{0.0}, {750.0, 0.10}, 0.0};
  const PortfolioStanding plan{{0.0}, {470.0, 0.17}, 1700.0};
  const PortfolioStanding idle{{0.0}, {750.0, 0.10}, 5.0};  // costs, changes nothing
  CHECK_FALSE(dominates(baseline, plan, higher));           // cheaper and as likely, but does less
  CHECK(dominates(baseline, idle, higher));
  CHECK_FALSE(dominates(plan, baseline, higher));  // better, but dearer
  CHECK_FALSE(dominates(idle, idle, higher));      // not cheaper than itself
  const PortfolioStanding better_share{{0.0}, {750.0, 0.11}, 5.0};
  CHECK_FALSE(dominates(baseline, better_share, higher));  // more on one outcome is enough
  const PortfolioStanding likelier{{0.1}, {750.0, 0.10}, 5.0};
  CHECK_FALSE(dominates(baseline, likelier, higher));
  const PortfolioStanding unknown{{0.0}, {std::nan(""), 0.10}, 0.0};
  CHECK_FALSE(dominates(unknown, idle, higher));  // a NaN never dominates
}

TEST_CASE("verdict on an objective: within reach, the most likely, the closest") {
  const auto distance = [](double shortfall) {
    return distance_from_values(true, 100.0, 100.0 + shortfall, 90.0 + shortfall, 110.0 + shortfall,
                                2018, 200.0);
  };
  const ObjectiveVerdict missed =
      objective_verdict({0.0, 0.2, 0.1}, {distance(50.0), distance(5.0), distance(2.0)});
  CHECK_FALSE(missed.within_reach);
  CHECK(missed.most_likely == 1);
  CHECK(missed.closest == 2);  // the closest median is not always the likeliest
  const ObjectiveVerdict reached = objective_verdict({0.0, 0.5}, {distance(50.0), distance(0.0)});
  CHECK(reached.within_reach);  // 50 % is likely enough
  CHECK(reached.closest == 1);
  const ObjectiveVerdict unknown =
      objective_verdict({0.0, 0.0}, {ObjectiveDistance{}, ObjectiveDistance{}});
  CHECK(unknown.closest == 2);  // no distance known
  CHECK(unknown.most_likely == 0);
}

TEST_CASE("compare: each portfolio's distance to the objective has a closed form") {
  const Scenario scenario = one_cell("100");
  const PortfolioComparison comparison = compare_portfolios(scenario, {}, members(20000), false);
  REQUIRE(comparison.portfolios.size() == 4);
  // Sobriety: final energy 100 (1 − 0.5 f), f ~ U(0.2, 0.6), against 0.65 × 100.
  const ObjectiveDistance& sobriety = comparison.portfolios[1].distances.at(0);
  REQUIRE(sobriety.known);
  CHECK(sobriety.target == Approx(65.0).epsilon(0.002));
  CHECK(sobriety.median == Approx(80.0).epsilon(0.003));
  CHECK(sobriety.low == Approx(71.0).epsilon(0.003));  // f at its 95 % quantile, 0.58
  CHECK(sobriety.high == Approx(89.0).epsilon(0.003));
  CHECK(sobriety.shortfall == Approx(15.0).margin(0.4));
  CHECK(sobriety.start_year == 2020);
  CHECK(sobriety.progress == Approx(20.0 / 35.0).margin(0.01));
  // Nobody meets it (0.5 f ≤ 0.3 < 0.35); sobriety, with the ceremony or not, gets closest.
  REQUIRE(comparison.verdicts.size() == 1);
  CHECK_FALSE(comparison.verdicts[0].within_reach);
  CHECK(comparison.verdicts[0].closest == 1);
  CHECK(comparison.portfolios[0].distances[0].shortfall == Approx(35.0).margin(0.2));
}

namespace {

/// Identical doubles, NaN equal to NaN (a cost per tonne with nothing avoided).
bool same(double a, double b) {
  return a == b || (std::isnan(a) && std::isnan(b));
}

void check_same_comparison(const PortfolioComparison& x, const PortfolioComparison& y) {
  REQUIRE(x.portfolios.size() == y.portfolios.size());
  CHECK(x.members == y.members);
  for (std::size_t i = 0; i < x.portfolios.size(); ++i) {
    const PortfolioOutcome& a = x.portfolios[i];
    const PortfolioOutcome& b = y.portfolios[i];
    INFO("portfolio " << a.id);
    CHECK(a.id == b.id);
    CHECK(a.result.mean == b.result.mean);
    CHECK(a.result.sd == b.result.sd);
    CHECK(a.result.quantiles == b.result.quantiles);
    CHECK(a.result.objectives[0].successes == b.result.objectives[0].successes);
    CHECK(a.cost_discounted == b.cost_discounted);
    CHECK(a.cost_p05 == b.cost_p05);
    CHECK(a.cost_median == b.cost_median);
    CHECK(a.cost_p95 == b.cost_p95);
    CHECK(same(a.cost_per_tonne, b.cost_per_tonne));
    CHECK(a.dominated_by == b.dominated_by);
    REQUIRE(a.contributions.size() == b.contributions.size());
    for (std::size_t c = 0; c < a.contributions.size(); ++c) {
      CHECK(a.contributions[c].action == b.contributions[c].action);
      CHECK(a.contributions[c].probability == b.contributions[c].probability);
      CHECK(a.contributions[c].mean == b.contributions[c].mean);
    }
  }
  REQUIRE(x.differences.size() == y.differences.size());
  for (std::size_t k = 0; k < x.differences.size(); ++k) {
    CHECK(x.differences[k].a == y.differences[k].a);
    CHECK(x.differences[k].b == y.differences[k].b);
    CHECK(x.differences[k].difference == y.differences[k].difference);
    CHECK(x.differences[k].ci_low == y.differences[k].ci_low);
  }
  REQUIRE(x.better.size() == y.better.size());
  for (std::size_t k = 0; k < x.better.size(); ++k) {
    CHECK(x.better[k].a == y.better[k].a);
    CHECK(x.better[k].quantity == y.better[k].quantity);
    CHECK(x.better[k].better == y.better[k].better);
    CHECK(x.better[k].ties == y.better[k].ties);
  }
}

}  // namespace

TEST_CASE("compare: the same numbers at 1 and 2 threads, over several batches") {
  // An uncertain cell, so that members differ; 40 000 members are three
  // batches of members, whose records are handed over in order while the
  // portfolios' and the contributions' ensembles run side by side.
  const Scenario scenario = one_cell("{ uniform = [80, 120] }");
  EnsembleOptions options = members(40000);
  options.threads = 1;
  std::vector<std::size_t> done;
  const PortfolioComparison one = compare_portfolios(
      scenario, {}, options, true, [&done](std::size_t finished, std::size_t planned) {
        CHECK(planned == 4 + 1 + 2 + 2);  // 4 plans, then 5 actions left out
        done.push_back(finished);
      });
  CHECK(done == std::vector<std::size_t>{1, 2, 3, 4, 5, 6, 7, 8, 9});
  options.threads = 2;
  done.clear();
  const PortfolioComparison two =
      compare_portfolios(scenario, {}, options, true,
                         [&done](std::size_t finished, std::size_t) { done.push_back(finished); });
  CHECK(done ==
        std::vector<std::size_t>{1, 2, 3, 4, 5, 6, 7, 8, 9});  // in order, never two at once
  check_same_comparison(one, two);
  // Each portfolio's own ensemble, run alone with its own draws, has the
  // comparison's numbers; and its members' values, kept as doubles, give
  // the comparison's share of members doing better than the baseline.
  const Plan solar = compile_plan(scenario, "solar");
  const Plan baseline = compile_plan(scenario, "");
  MemberOutcomes solar_members, baseline_members;
  const EnsembleResult alone = run_recording(solar, one.quantities, options, &solar_members);
  run_recording(baseline, one.quantities, options, &baseline_members);
  CHECK(alone.mean == one.portfolios[3].result.mean);
  CHECK(alone.quantiles == one.portfolios[3].result.quantiles);
  std::size_t share = one.quantities.size();
  for (std::size_t q = 0; q < one.quantities.size(); ++q) {
    if (one.quantities[q].label == "renewable_share 2022") share = q;
  }
  REQUIRE(share < one.quantities.size());
  std::uint64_t better = 0;
  for (std::size_t m = 0; m < 40000; ++m)
    better += solar_members.values[share][m] > baseline_members.values[share][m] ? 1 : 0;
  bool found = false;
  for (const BetterShare& pair : one.better) {
    if (pair.a == 3 && pair.b == 0 && pair.quantity == share) {
      found = true;
      CHECK(pair.better == static_cast<double>(better) / 40000.0);
      CHECK(pair.better > 0.99);  // PV always adds production; ties only at rounding
    }
  }
  CHECK(found);
}

TEST_CASE("compare keeps a byte per objective and a float per quantity, per plan and member") {
  const Scenario scenario = one_cell("100");
  // One objective (final energy 2021) and nine quantities: final energy,
  // renewable share, GHG and NOx in 2021 and 2022 (final energy 2021 once)
  // and the discounted cost in 2022.
  const PortfolioComparison comparison = compare_portfolios(scenario, {}, members(100), false);
  REQUIRE(comparison.quantities.size() == 9);
  // The baseline and three portfolios: 4 × (1 + 9 × 4), and 4 bytes for the
  // order statistics of the costs.
  CHECK(comparison_bytes_per_member(scenario, {}) == 4 * (1 + 9 * 4) + 4);
  CHECK(comparison_bytes_per_member(scenario, {"solar"}) == 2 * (1 + 9 * 4) + 4);
  CHECK(comparison_bytes_per_member(scenario, {"baseline", "solar"}) == 2 * (1 + 9 * 4) + 4);
}

TEST_CASE("compare: a progress callback that throws stops the comparison with its exception") {
  // traj serve cancels a comparison so: the exception leaves the ensembles
  // running side by side and reaches the caller as it was thrown.
  struct Stop {};
  const Scenario scenario = one_cell("{ uniform = [80, 120] }");
  EnsembleOptions options = members(2000);
  options.threads = 2;
  std::size_t calls = 0;
  CHECK_THROWS_AS(compare_portfolios(scenario, {}, options, true,
                                     [&calls](std::size_t, std::size_t) {
                                       if (++calls == 2) throw Stop{};
                                     }),
                  Stop);
  CHECK(calls == 2);  // never called again once it threw
}
