// What would it take (traj target --objective): closed forms on a one-cell territory.

#include <catch2/catch.hpp>
#include <cmath>

#include "one_cell.hpp"
#include "test_support.hpp"
#include "traj/territory/plan.hpp"
#include "traj/territory/what_it_takes.hpp"

using namespace traj;
using namespace traj::territory;

namespace {

// 100 GWh of gas, fixed. "deep" cuts the cell by f ~ U(0.4, 0.6) at a
// ceiling of 0.2 (10 M€ at that ceiling), "light" by 0.2 at a ceiling of 0.5
// (100 M€), "late" by 0.3 from 2022 at full adoption (no cost). Objective:
// final energy ≤ 80 GWh in 2021. Reduce effects multiply, so in 2021
//   E = 100 (1 − c_deep f) (1 − 0.2 c_light),
// and "less is better" reads the 80 % quantile of E, i.e. f at its 20 %
// quantile, 0.44. No discount rate: the discounted cost is the cumulated
// one, capital × adoption / planned ceiling.
const std::string ACTIONS = R"([[actions]]
id = "deep"
name = "Deep renovation"
coalition = "Town"
theme = "energy"
start = 2021
adoption = { curve = "step", ceiling = 0.2 }
costs = { investment = { value = 10, unit = "M€" } }
  [[actions.effects]]
  type = "reduce"
  sectors = ["residential"]
  fraction = { uniform = [0.4, 0.6] }
[[actions]]
id = "light"
name = "Light renovation"
coalition = "Town"
theme = "energy"
start = 2021
adoption = { curve = "step", ceiling = 0.5 }
costs = { investment = { value = 100, unit = "M€" } }
  [[actions.effects]]
  type = "reduce"
  sectors = ["residential"]
  fraction = 0.2
[[actions]]
id = "late"
name = "Late sobriety"
coalition = "Town"
theme = "energy"
start = 2022
adoption = { curve = "step", ceiling = 1.0 }
  [[actions.effects]]
  type = "reduce"
  sectors = ["residential"]
  fraction = 0.3
[[portfolios]]
id = "renovation"
name = "Renovation"
actions = ["deep", "light"]
[[portfolios]]
id = "all"
name = "All three"
actions = ["deep", "light", "late"]
[[objectives]]
id = "energy-80"
indicator = "final_energy"
year = 2021
comparison = "<="
threshold = { value = 80, unit = "GWh" }
)";

EnsembleOptions members(std::uint64_t count) {
  EnsembleOptions options;
  options.members = count;
  return options;
}

const SingleChange& single_of(const WhatItTakes& takes, const Plan& plan, const std::string& id) {
  for (const SingleChange& single : takes.single)
    if (plan.scenario->actions[static_cast<std::size_t>(plan.actions[single.change.slot].action)]
            .id == id)
      return single;
  FAIL("no single change for " << id);
  throw;
}

}  // namespace

TEST_CASE("what it takes: each action alone has a closed form, ranked by extra cost") {
  const Scenario scenario =
      testing::scenario_from_text(testing::one_cell_territory("100", 2025) + ACTIONS);
  const Plan plan = compile_plan(scenario, "renovation");
  const WhatItTakes takes = what_it_takes(plan, 0, 0.8, members(20000), 0.002);
  CHECK(takes.target == Approx(80.0));
  CHECK(takes.at_most);
  // As planned: E = 100 (1 − 0.2 f) 0.9 ≤ 80 ⇔ f ≥ 0.5556: P = 0.222; the
  // 80 % quantile of E is at f = 0.44: 100 × 0.912 × 0.9 = 82.08 GWh.
  CHECK(std::abs(takes.as_planned.probability.probability - 0.2222) <
        4 * std::sqrt(0.22 * 0.78 / 20000));
  CHECK(takes.as_planned.committed == Approx(82.08).margin(0.05));
  CHECK(takes.as_planned.shortfall == Approx(2.08).margin(0.05));
  CHECK(takes.as_planned.cost == Approx(110.0));
  REQUIRE(takes.single.size() == 2);
  // deep alone: c·0.44 ≥ 1 − 0.8/0.9 ⇒ c = 0.2525 (× 1.2626), extra cost
  // 10 × (0.2525/0.2 − 1) = 2.63 M€; light alone: (1 − 0.2 c) 0.912 ≤ 0.8 ⇒
  // c = 0.614 (× 1.228), extra 100 × (0.614/0.5 − 1) = 22.8 M€. deep is cheaper.
  const SingleChange& deep = takes.single[0];
  const SingleChange& light = takes.single[1];
  CHECK(single_of(takes, plan, "deep").change.slot == deep.change.slot);
  CHECK(deep.reaches);
  CHECK(deep.change.planned_ceiling == Approx(0.2));
  CHECK(deep.change.ceiling == Approx(0.2525).margin(0.003));
  CHECK(deep.change.years_earlier == 0);
  CHECK(deep.at.probability.probability >= 0.8);
  CHECK(deep.extra_cost == Approx(2.63).margin(0.1));
  CHECK(light.reaches);
  CHECK(light.change.ceiling == Approx(0.614).margin(0.003));
  CHECK(light.extra_cost == Approx(22.8).margin(0.5));
  CHECK(light.extra_cost > deep.extra_cost);
  // The greedy takes deep first (most cut per M€), reaches, and lowers its
  // ceiling to what is needed: the same change as deep alone.
  CHECK(takes.combined.reaches);
  REQUIRE(takes.combined.changes.size() == 1);
  CHECK(takes.combined.changes[0].slot == deep.change.slot);
  CHECK(takes.combined.changes[0].ceiling == Approx(deep.change.ceiling).margin(0.003));
  // Every ceiling × s: the smaller of the two needs, with both scaled:
  // (1 − 0.088 s)(1 − 0.1 s) ≤ 0.8 ⇒ s ≈ 1.12, dearer than deep alone.
  CHECK(takes.uniform.search.reachable);
  CHECK(takes.uniform.search.scale == Approx(1.12).margin(0.02));
  CHECK(takes.uniform.extra_cost > deep.extra_cost);
  CHECK(takes.uniform.extra_cost == Approx(110.0 * (takes.uniform.search.scale - 1.0)).margin(0.5));
  // The distribution as planned: every member's E, increasing.
  REQUIRE(takes.values.size() == 20000);
  CHECK(std::is_sorted(takes.values.begin(), takes.values.end()));
  CHECK(takes.values.front() >= 100 * 0.88 * 0.9 - 1e-9);
  CHECK(takes.values.back() <= 100 * 0.92 * 0.9 + 1e-9);
}

TEST_CASE("what it takes: an earlier start, the fewest years that reach it") {
  const Scenario scenario =
      testing::scenario_from_text(testing::one_cell_territory("100", 2025) + ACTIONS);
  const Plan plan = compile_plan(scenario, "all");
  const WhatItTakes takes = what_it_takes(plan, 0, 0.8, members(4000), 0.01);
  // late, at full adoption already, started one year earlier (2021) cuts
  // 2021 by 0.3: 82.08 × 0.7 = 57.5 GWh, for nothing; its start may move at
  // most to the base year (2 years).
  const SingleChange& late = single_of(takes, plan, "late");
  CHECK(late.reaches);
  CHECK(late.change.ceiling == 1.0);
  CHECK(late.change.years_earlier == 1);
  CHECK(late.extra_cost == Approx(0.0).margin(1e-9));
  CHECK(late.at.committed == Approx(82.08 * 0.7).margin(0.1));
  CHECK(&late == &takes.single.front());  // the cheapest
  // The greedy's first move is free: late as early as allowed, then only as early as needed.
  REQUIRE(takes.combined.changes.size() == 1);
  CHECK(takes.combined.changes[0].years_earlier == 1);
  CHECK(takes.combined.extra_cost == Approx(0.0).margin(1e-9));
}

TEST_CASE("what it takes: an action that cannot reach alone says the most it can do") {
  // At 99.9 %: light alone at full adoption gives E = 100 (1 − 0.2 f) 0.8 ≤ 80
  // always, so it reaches; deep alone at full adoption gives
  // 100 (1 − f) 0.9 ≤ 54 always: both reach. At 99.9 % with a target of 70 GWh
  // neither does alone: light at full gives 100 × 0.88..0.92 × 0.8 ≥ 70.4.
  const Scenario strict = testing::scenario_from_text(
      testing::one_cell_territory("100", 2025) +
      std::string(ACTIONS).replace(ACTIONS.find("value = 80"), 10, "value = 70"));
  const Plan strict_plan = compile_plan(strict, "renovation");
  const WhatItTakes takes = what_it_takes(strict_plan, 0, 0.999, members(4000), 0.01);
  const SingleChange& light = single_of(takes, strict_plan, "light");
  CHECK_FALSE(light.reaches);
  CHECK(light.change.ceiling == 1.0);
  CHECK(light.at.probability.probability == 0.0);
  CHECK(light.at.shortfall > 0.4);
  const SingleChange& deep = single_of(takes, strict_plan, "deep");
  CHECK(deep.reaches);  // 100 (1 − c f) 0.9 ≤ 70 at f = 0.4002: c ≈ 0.556
  CHECK(deep.change.ceiling == Approx(0.5556).margin(0.01));
  CHECK(&deep == &takes.single.front());  // reaching ones come first
}

TEST_CASE("what it takes: a relative objective reads each member against its own reference") {
  // −20 % against 2020 on a fixed 100 GWh: the same as ≤ 80 GWh.
  std::string relative = ACTIONS;
  relative.replace(relative.find("threshold = { value = 80, unit = \"GWh\" }"),
                   std::string("threshold = { value = 80, unit = \"GWh\" }").size(),
                   "threshold = 0.8\nrelative_to = 2020");
  const Scenario scenario =
      testing::scenario_from_text(testing::one_cell_territory("100", 2025) + relative);
  const Plan plan = compile_plan(scenario, "renovation");
  const WhatItTakes takes = what_it_takes(plan, 0, 0.8, members(4000), 0.01);
  CHECK(takes.target == Approx(80.0));
  CHECK(takes.as_planned.committed == Approx(82.08).margin(0.1));
  CHECK(single_of(takes, plan, "deep").change.ceiling == Approx(0.2525).margin(0.005));
}

TEST_CASE("what it takes: a plan that already reaches it needs no change") {
  const Scenario scenario =
      testing::scenario_from_text(testing::one_cell_territory("100", 2025) + ACTIONS);
  const Plan plan = compile_plan(scenario, "renovation");
  // At 20 % confidence the plan as planned (22 %) is enough.
  const WhatItTakes takes = what_it_takes(plan, 0, 0.2, members(4000), 0.01);
  CHECK(takes.single.empty());
  CHECK(takes.combined.reaches);
  CHECK(takes.combined.changes.empty());
  CHECK(takes.combined.extra_cost == 0.0);
}

TEST_CASE("what it takes: the same answer at 1 and 2 threads") {
  const Scenario scenario =
      testing::scenario_from_text(testing::one_cell_territory("100", 2025) + ACTIONS);
  const Plan plan = compile_plan(scenario, "renovation");
  EnsembleOptions one = members(3000), two = members(3000);
  one.threads = 1;
  two.threads = 2;
  one.block = 64;
  two.block = 64;
  const WhatItTakes a = what_it_takes(plan, 0, 0.8, one, 0.01);
  const WhatItTakes b = what_it_takes(plan, 0, 0.8, two, 0.01);
  REQUIRE(a.single.size() == b.single.size());
  for (std::size_t s = 0; s < a.single.size(); ++s) {
    CHECK(a.single[s].change.ceiling == b.single[s].change.ceiling);
    CHECK(a.single[s].at.cost == b.single[s].at.cost);
    CHECK(a.single[s].at.committed == b.single[s].at.committed);
  }
  CHECK(a.values == b.values);
  CHECK(a.uniform.extra_cost == b.uniform.extra_cost);
}
