// Invariants on every bundled scenario and portfolio.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>

#include "test_support.hpp"

using namespace traj;
using namespace traj::territory;

namespace {

const std::vector<std::string> SCENARIOS = {
    "scenarios/brest-metropole.toml",  "scenarios/clermont-alliance.toml",
    "scenarios/orleans-assises.toml",  "scenarios/orleans-proposals.toml",
    "scenarios/examples/example.toml", "scenarios/saint-etienne-metropole.toml"};

/// Parameters at a low, central or high quantile: the invariants must hold
/// anywhere in the distributions, not only at the medians.
std::vector<double> parameters_at(const Scenario& scenario, double u) {
  std::vector<double> values;
  for (const auto& parameter : scenario.parameters.all())
    values.push_back(parameter.distribution.quantile(u));
  return values;
}

Trajectory simulate(const Plan& plan, const std::vector<double>& parameters,
                    EnergyBalances* balances = nullptr) {
  Kernel kernel(plan);
  Trajectory trajectory;
  kernel.run(parameters, trajectory, balances);
  return trajectory;
}

std::vector<std::string> plan_ids(const Scenario& scenario) {
  std::vector<std::string> ids = {"", "*"};
  for (const auto& portfolio : scenario.portfolios) ids.push_back(portfolio.id);
  return ids;
}

}  // namespace

TEST_CASE("zero adoption gives the baseline exactly") {
  for (const auto& path : SCENARIOS) {
    const Scenario scenario = testing::scenario_from_file(path);
    const auto parameters = scenario.parameters.central_values();
    const Trajectory baseline = simulate(compile_plan(scenario, ""), parameters);
    for (const auto& id : plan_ids(scenario)) {
      Plan plan = compile_plan(scenario, id);
      for (auto& action : plan.actions) action.adoption.ceiling = Quantity::fixed(0.0);
      const Trajectory zero = simulate(plan, parameters);
      INFO(path << " portfolio '" << id << "'");
      REQUIRE(zero.values.size() == baseline.values.size());
      for (std::size_t i = 0; i < zero.values.size(); ++i) {
        REQUIRE(zero.values[i] == Approx(baseline.values[i]).margin(1e-9));
      }
    }
  }
}

TEST_CASE("energy, production and emissions are never negative and balances close") {
  for (const auto& path : SCENARIOS) {
    const Scenario scenario = testing::scenario_from_file(path);
    for (const double u : {0.001, 0.5, 0.999}) {
      const auto parameters = parameters_at(scenario, u);
      for (const auto& id : plan_ids(scenario)) {
        const Plan plan = compile_plan(scenario, id);
        EnergyBalances balances;
        const Trajectory trajectory = simulate(plan, parameters, &balances);
        INFO(path << " portfolio '" << id << "' at quantile " << u);
        for (std::size_t row = 0; row < plan.catalogue.size(); ++row) {
          const auto& info = plan.catalogue[row];
          if (info.id == "energy_imports" || info.id.rfind("cost_", 0) == 0) continue;
          for (int year = scenario.base_year; year <= scenario.horizon; ++year) {
            INFO(info.id << " in " << year);
            REQUIRE(trajectory.at(static_cast<int>(row), year) >= -1e-9);
            REQUIRE(std::isfinite(trajectory.at(static_cast<int>(row), year)));
          }
        }
        // The kernel computes in single precision (docs/model.md#precision):
        // each side closes within a few roundings of 2^-24 ≈ 6e-8 (measured
        // within 1e-7), so 1e-6 relative.
        for (const auto& balance : balances) {
          const double uses = balance.final_demand + balance.own_consumption + balance.losses +
                              balance.conversion_input;
          const double resources =
              balance.imports + balance.local_supply + balance.conversion_output;
          REQUIRE(uses == Approx(balance.gross).epsilon(1e-6).margin(1e-9));
          REQUIRE(resources == Approx(balance.gross).epsilon(1e-6).margin(1e-9));
        }
        // Final energy by sector and by carrier add up to the total.
        for (int year = scenario.base_year; year <= scenario.horizon; ++year) {
          double by_sector = 0.0, by_carrier = 0.0;
          for (std::size_t s = 0; s < scenario.sectors.size(); ++s) {
            by_sector +=
                trajectory.at(plan.catalogue.final_energy_by_sector + static_cast<int>(s), year);
          }
          for (std::size_t c = 0; c < scenario.carriers.size(); ++c) {
            by_carrier +=
                trajectory.at(plan.catalogue.final_energy_by_carrier + static_cast<int>(c), year);
          }
          const double total = trajectory.at(plan.catalogue.final_energy, year);
          REQUIRE(by_sector == Approx(total).epsilon(1e-6));
          REQUIRE(by_carrier == Approx(total).epsilon(1e-6));
          double ghg_sectors = 0.0;
          for (std::size_t s = 0; s < scenario.sectors.size(); ++s) {
            ghg_sectors += trajectory.at(plan.catalogue.ghg_by_sector + static_cast<int>(s), year);
          }
          REQUIRE(ghg_sectors == Approx(trajectory.at(plan.catalogue.ghg, year)).epsilon(1e-6));
        }
      }
    }
  }
}

TEST_CASE("more adoption never raises what an action reduces") {
  for (const auto& path : SCENARIOS) {
    const Scenario scenario = testing::scenario_from_file(path);
    const auto parameters = scenario.parameters.central_values();
    for (std::size_t a = 0; a < scenario.actions.size(); ++a) {
      const Action& action = scenario.actions[a];
      for (const Effect& effect : action.effects) {
        std::vector<std::string> reduced;
        if (const auto* reduce = effect.as<ReduceEffect>()) {
          // A sector's total falls with a reduction unless the same action
          // also switches carriers there (a switch may raise final energy).
          for (const int sector : reduce->sectors) {
            const bool switches_too =
                std::any_of(action.effects.begin(), action.effects.end(), [&](const Effect& other) {
                  const auto* move = other.as<SwitchEffect>();
                  return move != nullptr && std::find(move->sectors.begin(), move->sectors.end(),
                                                      sector) != move->sectors.end();
                });
            if (!switches_too)
              reduced.push_back("final_energy." +
                                scenario.sectors[static_cast<std::size_t>(sector)]);
          }
        } else if (const auto* abate = effect.as<AbateEffect>()) {
          reduced.push_back(scenario.species_name(abate->species));
        } else if (const auto* move = effect.as<SwitchEffect>()) {
          for (const int sector : move->sectors) {
            (void)sector;
            reduced.push_back("final_energy." +
                              scenario.carriers[static_cast<std::size_t>(move->from)]);
          }
        } else {
          continue;
        }
        std::vector<double> previous(reduced.size(), INFINITY);
        for (const double ceiling : {0.0, 0.25, 0.5, 0.75, 1.0}) {
          Plan plan = compile_actions(scenario, {static_cast<int>(a)});
          plan.actions.front().adoption.ceiling = Quantity::fixed(ceiling);
          const Trajectory trajectory = simulate(plan, parameters);
          for (std::size_t i = 0; i < reduced.size(); ++i) {
            const double now = trajectory.at(plan.catalogue.find(reduced[i]), scenario.horizon);
            INFO(path << " action " << action.id << " " << reduced[i] << " at ceiling " << ceiling);
            REQUIRE(now <= previous[i] + 1e-9);
            previous[i] = now;
          }
        }
      }
    }
  }
}

TEST_CASE("Brest's base year reproduces its sourced inventory") {
  const Scenario scenario = testing::scenario_from_file("scenarios/brest-metropole.toml");
  const Plan plan = compile_plan(scenario, "");
  const Trajectory trajectory = testing::run_central(plan);
  // scenarios/brest-metropole.toml, header: GHG 891 622 tCO2e [S] (PCAET
  // 2019–2025); final energy 4 141 GWh of cells [E] + 14 GWh of the energy
  // branch's own consumption; local renewables 415.5 GWh. The model's base
  // year is the inventory: no trend applies.
  CHECK(testing::value(plan, trajectory, "ghg", 2018) == Approx(891.622).epsilon(0.01));
  CHECK(testing::value(plan, trajectory, "ghg.road_transport", 2018) /
            testing::value(plan, trajectory, "ghg", 2018) ==
        Approx(0.22).margin(0.01));  // transport 22 % [S]
  double cells = 0.0;
  for (std::size_t cell = 0; cell < scenario.final_energy.size(); ++cell) {
    cells += scenario.final_energy[cell].value(scenario.parameters.central_values());
  }
  CHECK(cells == Approx(4141.0).epsilon(0.001));
  CHECK(testing::value(plan, trajectory, "final_energy", 2018) == Approx(4155.0).epsilon(0.001));
  CHECK(testing::value(plan, trajectory, "local_production", 2018) == Approx(415.5).epsilon(0.001));
}
