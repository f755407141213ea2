// Portfolios built on others (extends, add, remove, overrides key by key)
// and the what-if edits on actions and portfolios (--shift, --action-off,
// --only) applied by the loader (docs/scenario-format.md#portfolios).
#include <catch2/catch.hpp>

#include "one_cell.hpp"
#include "test_support.hpp"
#include "traj/error.hpp"
#include "traj/territory/plan.hpp"

using namespace traj;
using namespace traj::territory;

namespace {

std::string action(const std::string& id, const std::string& adoption) {
  return "[[actions]]\nid = \"" + id + "\"\nname = \"" + id +
         "\"\ncoalition = \"Town\"\ntheme = \"t\"\nstart = 2022\nadoption = " + adoption +
         "\n[[actions.effects]]\ntype = \"reduce\"\nsectors = [\"residential\"]\n"
         "carriers = [\"natural_gas\"]\nfraction = 0.1\n";
}

/// Three actions a, b, c (linear ramps 2022 → 2032) and the given portfolios.
std::string town(const std::string& portfolios) {
  const std::string ramp = R"({ curve = "linear", full_year = 2032, ceiling = 1.0 })";
  return testing::one_cell_territory("200", 2040) + action("a", ramp) + action("b", ramp) +
         action("c", ramp) + portfolios;
}

std::string portfolio(const std::string& id, const std::string& body) {
  return "[[portfolios]]\nid = \"" + id + "\"\nname = \"" + id + "\"\n" + body + "\n";
}

Scenario load(const std::string& text, const ScenarioEdits& edits = {}) {
  const EmbeddedSourceProvider sources({{"memory/scenario.toml", text}});
  return load_scenario("memory/scenario.toml", sources, edits);
}

std::string load_error(const std::string& text, const ScenarioEdits& edits = {}) {
  try {
    load(text, edits);
  } catch (const InputError& error) {
    return error.what();
  }
  return "no error";
}

/// The ids of a portfolio's actions, in the scenario's order.
std::vector<std::string> actions_of(const Scenario& scenario, const std::string& id) {
  const auto& held = scenario.portfolios[static_cast<std::size_t>(scenario.find_portfolio(id))];
  std::vector<int> indices = held.actions;
  std::sort(indices.begin(), indices.end());
  std::vector<std::string> ids;
  for (const int a : indices) ids.push_back(scenario.actions[static_cast<std::size_t>(a)].id);
  return ids;
}

const PlannedAction& planned(const Plan& plan, const Scenario& scenario, const std::string& id) {
  for (const auto& candidate : plan.actions) {
    if (scenario.actions[static_cast<std::size_t>(candidate.action)].id == id) return candidate;
  }
  throw std::runtime_error("no action " + id + " in the plan");
}

std::vector<double> gas(const Scenario& scenario, const std::string& portfolio) {
  const Plan plan = compile_plan(scenario, portfolio);
  const Trajectory trajectory = testing::run_central(plan);
  std::vector<double> values;
  for (int year = scenario.base_year; year <= scenario.horizon; ++year)
    values.push_back(testing::value(plan, trajectory, "final_energy.natural_gas", year));
  return values;
}

const std::string PLAN = portfolio("plan",
                                   "actions = [\"a\", \"b\"]\noverrides = { a = { ceiling = 0.5, "
                                   "start = 2024 }, b = { shift = 1 } }");

}  // namespace

TEST_CASE("extends: the parent's actions, minus remove, plus add, in any order of the file") {
  // The child comes before its parent, the grandchild first of all.
  const Scenario scenario =
      load(town(portfolio("grandchild", "extends = \"child\"\nadd = [\"b\"]") +
                portfolio("child", "extends = \"plan\"\nremove = [\"b\"]\nadd = [\"c\"]") + PLAN));
  CHECK(actions_of(scenario, "plan") == std::vector<std::string>{"a", "b"});
  CHECK(actions_of(scenario, "child") == std::vector<std::string>{"a", "c"});
  CHECK(actions_of(scenario, "grandchild") == std::vector<std::string>{"a", "b", "c"});
  // The file's order of portfolios is kept.
  REQUIRE(scenario.portfolios.size() == 3);
  CHECK(scenario.portfolios[0].id == "grandchild");
  CHECK(scenario.portfolios[2].id == "plan");
  // The child inherits a's override, not b's (removed); the grandchild's b
  // is added back without the plan's override.
  const Plan child = compile_plan(scenario, "child");
  CHECK(planned(child, scenario, "a").adoption.ceiling.constant == 0.5);
  CHECK(planned(child, scenario, "a").adoption.start.constant == 2024);
  const Plan grandchild = compile_plan(scenario, "grandchild");
  CHECK(planned(grandchild, scenario, "b").adoption.shift == 0.0);
  CHECK(planned(grandchild, scenario, "a").adoption.start.constant == 2024);
}

TEST_CASE("extends: the child's overrides replace the parent's key by key") {
  const Scenario scenario =
      load(town(PLAN + portfolio("child",
                                 "extends = \"plan\"\noverrides = { a = { start = 2026 }, b = { "
                                 "shift = 3 }, c = {} }\nadd = [\"c\"]")));
  const Plan plan = compile_plan(scenario, "child");
  CHECK(planned(plan, scenario, "a").adoption.ceiling.constant == 0.5);  // the parent's
  CHECK(planned(plan, scenario, "a").adoption.start.constant == 2026);   // the child's
  CHECK(planned(plan, scenario, "b").adoption.shift == 3.0);             // replaced, not 1 + 3
  // Same numbers as the same portfolio written out.
  const Scenario written = load(
      town(portfolio("child",
                     "actions = [\"a\", \"b\", \"c\"]\noverrides = { a = { ceiling = 0.5, start = "
                     "2026 }, b = { shift = 3 } }")));
  CHECK(gas(scenario, "child") == gas(written, "child"));
}

TEST_CASE("extends: a cycle is refused with the cycle named") {
  const std::string cycle =
      load_error(town(portfolio("a", "extends = \"b\"") + portfolio("b", "extends = \"c\"") +
                      portfolio("c", "extends = \"a\"") + portfolio("d", "extends = \"b\"")));
  CHECK_THAT(cycle, Catch::Contains("memory/scenario.toml:") &&
                        Catch::Contains("error: portfolios.a.extends: expected portfolios that "
                                        "extend each other without a cycle, found a → b → c → a"));
  // One message for the cycle, none for d that extends it.
  CHECK(cycle.find("extends", cycle.find("c → a") + 1) == std::string::npos);
  CHECK_THAT(load_error(town(portfolio("self", "extends = \"self\""))),
             Catch::Contains("portfolios.self.extends: expected portfolios that extend each other "
                             "without a cycle, found self → self"));
}

TEST_CASE("extends: unknown parent, actions beside extends, add or remove without it") {
  CHECK_THAT(load_error(town(PLAN + portfolio("child", "extends = \"pln\""))),
             Catch::Contains("portfolios.child.extends: expected a portfolio of the scenario, "
                             "found \"pln\" (did you mean 'plan'?)"));
  CHECK_THAT(load_error(town(PLAN + portfolio("child", "extends = \"plan\"\nactions = [\"a\"]"))),
             Catch::Contains("portfolios.child.actions: expected either actions or extends (with "
                             "add and remove), found both"));
  CHECK_THAT(load_error(town(portfolio("child", "actions = [\"a\"]\nremove = [\"a\"]"))),
             Catch::Contains("portfolios.child.remove: expected remove only beside extends = "
                             "\"portfolio\", found it without extends"));
  CHECK_THAT(load_error(town(portfolio("child", "name2 = \"x\""))),
             Catch::Contains("portfolios.child.actions: expected an array of action ids (or "
                             "extends = \"portfolio\") (required key)"));
}

TEST_CASE(
    "extends: remove of an action not in the parent, add of one in it, override of one not held") {
  const std::string remove = load_error(town(PLAN + portfolio("child",
                                                              "extends = \"plan\"\n"
                                                              "remove = [\"c\"]")));
  CHECK_THAT(remove, Catch::StartsWith("memory/scenario.toml:71:11: error: "));
  CHECK_THAT(remove, Catch::Contains("portfolios.child.remove: expected an action of the parent "
                                     "portfolio \"plan\", found \"c\" which it does not hold"));
  CHECK_THAT(load_error(town(PLAN + portfolio("child", "extends = \"plan\"\nadd = [\"a\"]"))),
             Catch::Contains("portfolios.child.add: expected an action the parent portfolio "
                             "\"plan\" does not hold, found \"a\" which it holds"));
  CHECK_THAT(load_error(town(PLAN + portfolio("child",
                                              "extends = \"plan\"\nremove = [\"a\"]\n"
                                              "overrides = { a = { ceiling = 0.2 } }"))),
             Catch::Contains("portfolios.child.overrides.a: expected an action of this portfolio, "
                             "found \"a\" which it does not hold"));
  CHECK_THAT(load_error(town(PLAN + portfolio("child", "extends = \"plan\"\nadd = [\"d\"]"))),
             Catch::Contains("portfolios.child.add[0]: expected an action of the territory, "
                             "found \"d\""));
}

TEST_CASE("what-if --shift: every form adds to each portfolio's shift") {
  const std::string text = town(PLAN + portfolio("other", "actions = [\"b\", \"c\"]"));
  const Scenario plain = load(text);
  ScenarioEdits one;
  one.shifts = {"b=+2", "b=0.5"};
  const Scenario shifted = load(text, one);
  for (const std::string id : {"plan", "other"}) {
    INFO(id);
    const Plan plan = compile_plan(shifted, id);
    // plan: 1 of its own + 2.5; other: 2.5.
    CHECK(planned(plan, shifted, "b").adoption.shift == (id == "plan" ? 3.5 : 2.5));
  }
  // The same as the shift written in the file, bit for bit.
  const Scenario written =
      load(town(portfolio("plan",
                          "actions = [\"a\", \"b\"]\noverrides = { a = { ceiling = 0.5, start = "
                          "2024 }, b = { shift = 3.5 } }")));
  CHECK(gas(shifted, "plan") == gas(written, "plan"));
  CHECK(gas(shifted, "plan") != gas(plain, "plan"));
  ScenarioEdits all;
  all.shifts = {"all=-1"};
  const Scenario earlier = load(text, all);
  const Plan every = compile_plan(earlier, "*");
  for (const auto& action : every.actions) CHECK(action.adoption.shift == -1.0);
}

TEST_CASE("what-if --shift: malformed, out of range and unknown actions, located at the argument") {
  const std::string text = town(PLAN);
  const auto error_of = [&](std::vector<std::string> shifts) {
    ScenarioEdits edits;
    edits.shifts = std::move(shifts);
    return load_error(text, edits);
  };
  CHECK_THAT(error_of({"a=1", "b"}),
             Catch::Contains("--shift #2: error: expected ACTION=±YEARS (e.g. heat-pumps=+3, or "
                             "all=-1.5), found \"b\""));
  CHECK_THAT(error_of({"=3"}), Catch::Contains("--shift #1: error: expected ACTION=±YEARS"));
  CHECK_THAT(error_of({"a=soon"}),
             Catch::Contains("--shift #1: error: expected a number of years after '=' (e.g. +3, "
                             "-1.5), found \"soon\""));
  CHECK_THAT(error_of({"a=inf"}), Catch::Contains("--shift #1: error: expected a number of years"));
  CHECK_THAT(error_of({"a=1e1"}), Catch::Contains("--shift #1: error: expected a number of years"));
  CHECK_THAT(error_of({"a=+51"}),
             Catch::Contains("--shift #1: error: expected a shift in [-50, 50] years, found +51"));
  CHECK_THAT(error_of({"c=1"}),
             Catch::Contains("--shift #1: error: expected an action that a portfolio holds, found "
                             "\"c\" which no portfolio holds"));
  CHECK_THAT(error_of({"a=1", "a=2", "aa=3"}),
             Catch::Contains("--shift #3: error: expected an action of the scenario or all, found "
                             "\"aa\" (did you mean 'a'?)"));
}

TEST_CASE("what-if --action-off: removed from every portfolio with its overrides") {
  const std::string text = town(PLAN + portfolio("other", "actions = [\"a\", \"c\"]"));
  ScenarioEdits edits;
  edits.actions_off = {"a"};
  const Scenario scenario = load(text, edits);
  CHECK(actions_of(scenario, "plan") == std::vector<std::string>{"b"});
  CHECK(actions_of(scenario, "other") == std::vector<std::string>{"c"});
  const auto& plan = scenario.portfolios[0];
  REQUIRE(plan.overrides.size() == 1);
  CHECK(plan.overrides[0].action == scenario.find_action("b"));
  // The same as the portfolio written without it.
  const Scenario written =
      load(town(portfolio("plan", "actions = [\"b\"]\noverrides = { b = { shift = 1 } }")));
  CHECK(gas(scenario, "plan") == gas(written, "plan"));
}

TEST_CASE("what-if --action-off: unknown action, or one no portfolio holds") {
  const std::string text = town(PLAN);
  ScenarioEdits edits;
  edits.actions_off = {"a", "bb"};
  CHECK_THAT(load_error(text, edits),
             Catch::Contains("--action-off #2: error: expected an action of the scenario, found "
                             "\"bb\" (did you mean 'b'?)"));
  edits.actions_off = {"c"};
  CHECK_THAT(load_error(text, edits),
             Catch::Contains("--action-off #1: error: expected an action that a portfolio holds, "
                             "found \"c\" which no portfolio holds"));
}

TEST_CASE("what-if --only: the intersection in every portfolio, ids by commas or by option") {
  const std::string text = town(PLAN + portfolio("other", "actions = [\"a\", \"c\"]"));
  for (const std::vector<std::string>& only :
       {std::vector<std::string>{"b,c"}, std::vector<std::string>{"b", "c"}}) {
    ScenarioEdits edits;
    edits.only = only;
    const Scenario scenario = load(text, edits);
    CHECK(actions_of(scenario, "plan") == std::vector<std::string>{"b"});
    CHECK(actions_of(scenario, "other") == std::vector<std::string>{"c"});
    CHECK(scenario.portfolios[0].overrides.size() == 1);  // b's shift
  }
  // A portfolio left without actions runs as the baseline.
  ScenarioEdits edits;
  edits.only = {"c"};
  const Scenario scenario = load(text, edits);
  CHECK(actions_of(scenario, "plan").empty());
  CHECK(gas(scenario, "plan") == gas(scenario, ""));
}

TEST_CASE("what-if --only: unknown action, one no portfolio holds, an empty id") {
  const std::string text = town(PLAN);
  ScenarioEdits edits;
  edits.only = {"a,bb"};
  CHECK_THAT(load_error(text, edits),
             Catch::Contains("--only: error: expected an action of the scenario, found \"bb\" "
                             "(did you mean 'b'?)"));
  edits.only = {"a,c"};
  CHECK_THAT(load_error(text, edits),
             Catch::Contains("--only: error: expected an action that a portfolio holds, found "
                             "\"c\" which no portfolio holds"));
  edits.only = {"a,,b"};
  CHECK_THAT(load_error(text, edits),
             Catch::Contains("--only: error: expected action ids separated by commas, found "
                             "\"a,,b\" with an empty id"));
}
