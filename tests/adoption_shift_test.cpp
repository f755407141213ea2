// Shifted adoption curves (docs/model.md#1-adoption): a portfolio's `shift`
// and `--shift` move the whole curve, α_shifted(t) = α(t − shift), and
// curves may run past the horizon.
#include <catch2/catch.hpp>

#include "one_cell.hpp"
#include "test_support.hpp"
#include "traj/error.hpp"
#include "traj/territory/plan.hpp"

using namespace traj;
using namespace traj::territory;

namespace {

/// One action "ramp" removing the cell's gas as it is adopted (200 GWh at
/// adoption 0, 0 at adoption 1), on a territory from 2020 to 2040.
std::string town(const std::string& adoption, const std::string& start = "2022",
                 const std::string& portfolios = "") {
  return testing::one_cell_territory("200", 2040) +
         "[[actions]]\nid = \"ramp\"\nname = \"Ramp\"\ncoalition = \"Town\"\ntheme = \"t\"\n"
         "start = " +
         start + "\nadoption = " + adoption +
         "\ncosts = { investment = { value = 10, unit = \"M€\" } }\n"
         "[[actions.effects]]\ntype = \"reduce\"\nsectors = [\"residential\"]\n"
         "carriers = [\"natural_gas\"]\nfraction = 1.0\n"
         "[[portfolios]]\nid = \"plan\"\nname = \"Plan\"\nactions = [\"ramp\"]\n" +
         portfolios;
}

const std::string LINEAR = R"({ curve = "linear", full_year = 2032, ceiling = 1.0 })";

std::string late(const std::string& override_keys) {
  return "[[portfolios]]\nid = \"late\"\nname = \"Late\"\nactions = [\"ramp\"]\n"
         "overrides = { ramp = " +
         override_keys + " }\n";
}

/// The trajectory of one indicator, base year to horizon.
std::vector<double> series(const Scenario& scenario, const std::string& portfolio,
                           const std::string& indicator = "final_energy.natural_gas") {
  const Plan plan = compile_plan(scenario, portfolio);
  const Trajectory trajectory = testing::run_central(plan);
  std::vector<double> values;
  for (int year = scenario.base_year; year <= scenario.horizon; ++year)
    values.push_back(testing::value(plan, trajectory, indicator, year));
  return values;
}

double gas(const Scenario& scenario, const std::string& portfolio, int year) {
  return series(scenario, portfolio)[static_cast<std::size_t>(year - scenario.base_year)];
}

std::string load_error(const std::string& text) {
  try {
    testing::scenario_from_text(text);
  } catch (const InputError& error) {
    return error.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("shift: a delay of 3 years moves the 2030 values and leaves the shape") {
  const Scenario scenario =
      testing::scenario_from_text(town(LINEAR, "2022", late("{ shift = 3 }")));
  const auto plan = series(scenario, "plan");
  const auto delayed = series(scenario, "late");
  // α(t) = (t − 2022) / 10: 2030 holds 0.8 in the plan, 0.5 three years late.
  CHECK(gas(scenario, "plan", 2030) == Approx(200 * (1 - 0.8)));
  CHECK(gas(scenario, "late", 2030) == Approx(200 * (1 - 0.5)));
  for (std::size_t y = 0; y < plan.size(); ++y) {
    INFO("year " << 2020 + y);
    if (y < 3) {
      CHECK(delayed[y] == 200.0);  // not started (the plan starts in 2022: 200 too)
    } else {
      CHECK(delayed[y] == plan[y - 3]);  // α_shifted(t) = α(t − 3), bit for bit
    }
  }
  CHECK(delayed.back() == 0.0);  // full in 2035, within the horizon
}

TEST_CASE("shift: logistic and uncertain timing move the same way") {
  const std::string logistic =
      R"({ curve = "logistic", midpoint = 2028, steepness = 0.5, ceiling = 0.9 })";
  const std::string uncertain =
      R"({ curve = "linear", full_year = { uniform = [2030, 2034] }, ceiling = 1.0 })";
  for (const auto& [adoption, start] :
       {std::pair{logistic, std::string("2022")},
        std::pair{uncertain, std::string("{ uniform = [2021, 2023] }")}}) {
    const Scenario scenario =
        testing::scenario_from_text(town(adoption, start, late("{ shift = 3 }")));
    const auto plan = series(scenario, "plan");
    const auto delayed = series(scenario, "late");
    for (std::size_t y = 3; y < plan.size(); ++y) {
      INFO(adoption << " in " << 2020 + y);
      CHECK(delayed[y] == plan[y - 3]);
    }
    CHECK(delayed[10] != plan[10]);
  }
}

TEST_CASE("shift: fractional, composed with a start override, and negative") {
  const Scenario scenario = testing::scenario_from_text(
      town(LINEAR, "2022",
           late("{ shift = 1.5 }") +
               "[[portfolios]]\nid = \"moved\"\nname = \"Moved\"\nactions = [\"ramp\"]\n"
               "overrides = { ramp = { start = 2024, shift = 2 } }\n"
               "[[portfolios]]\nid = \"early\"\nname = \"Early\"\nactions = [\"ramp\"]\n"
               "overrides = { ramp = { shift = -5 } }\n"));
  // 1.5 years late: α(2030) = (2030 − 1.5 − 2022) / 10 = 0.65.
  CHECK(gas(scenario, "late", 2030) == Approx(200 * (1 - 0.65)));
  CHECK(gas(scenario, "late", 2023) == 200.0);  // starts in 2023.5
  CHECK(gas(scenario, "late", 2024) == Approx(200 * (1 - 0.05)));
  // start 2024 then 2 years later: from 2026 to 2034, α(2030) = 4 / 8.
  CHECK(gas(scenario, "moved", 2030) == Approx(200 * (1 - 0.5)));
  CHECK(gas(scenario, "moved", 2026) == 200.0);
  // 5 years early: starts in 2017, before the base year; 2020 holds
  // α = 0.3 and invests it in the base year.
  CHECK(gas(scenario, "early", 2020) == Approx(200 * (1 - 0.3)));
  const auto investment = series(scenario, "early", "cost_investment");
  CHECK(investment[0] == Approx(10 * 0.3));
  CHECK(investment[1] == Approx(10 * 0.1));
}

TEST_CASE("curves past the horizon: a ramp ending after it, a start moved after it") {
  // From 2025 to 2045 on a horizon of 2040: 15 of 20 years by 2040.
  const std::string past = R"({ curve = "linear", full_year = 2045, ceiling = 1.0 })";
  const Scenario scenario = testing::scenario_from_text(town(past, "2025", late("{ shift = 20 }")));
  CHECK(gas(scenario, "plan", 2040) == Approx(200 * (1 - 0.75)));
  for (const double value : series(scenario, "late")) CHECK(value == 200.0);  // starts in 2045
  const Scenario logistic = testing::scenario_from_text(
      town(R"({ curve = "logistic", midpoint = 2060, steepness = 0.2, ceiling = 1.0 })", "2025"));
  CHECK(gas(logistic, "plan", 2040) == Approx(200 * (1 - 1 / (1 + std::exp(0.2 * 20)))));
}

TEST_CASE("shift and curve years: out of range values are refused with the range") {
  CHECK_THAT(load_error(town(LINEAR, "2022", late("{ shift = 60 }"))),
             Catch::Contains("portfolios.late.overrides.ramp.shift: expected a number in [-50, "
                             "50] years, found 60"));
  CHECK_THAT(load_error(town(R"({ curve = "linear", full_year = 2091, ceiling = 1.0 })")),
             Catch::Contains("actions.ramp.adoption.full_year: expected a year in [2020, 2090] "
                             "(base year to 50 years past the horizon), found 2091"));
  CHECK_THAT(load_error(town(LINEAR, "2041")),
             Catch::Contains("actions.ramp.start: expected a year in [2020, 2040] (base year to "
                             "horizon), found 2041"));
  CHECK_THAT(load_error(town(LINEAR, "2022", late("{ shift = { uniform = [1, 2] } }"))),
             Catch::Contains("portfolios.late.overrides.ramp.shift: expected a number"));
}
