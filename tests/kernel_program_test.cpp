// The kernel's compiled program for a small plan, its lane sums against
// scalar loops, and kernels of any block size sharing one program.

#include <catch2/catch.hpp>
#include <numeric>
#include <random>

#include "kernel/kernel_program.hpp"
#include "kernel/lane_sums.hpp"
#include "test_support.hpp"
#include "traj/ensemble.hpp"
#include "traj/territory/plan.hpp"

using namespace traj;
using namespace traj::territory;
using FactorFrom = KernelProgram::FactorSource;

namespace {

std::size_t active_index(const KernelProgram& program, const Scenario& scenario,
                         const std::string& sector, const std::string& carrier) {
  const int cell = scenario.cell(scenario.find_sector(sector), scenario.find_carrier(carrier));
  return static_cast<std::size_t>(program.active_of_cell[static_cast<std::size_t>(cell)]);
}

}  // namespace

TEST_CASE("kernel program: what a small plan compiles to") {
  // scenarios/tests/minimal.toml, portfolio "plan": one linear insulation
  // action (2021 to 2030, ceiling 0.5) cutting residential gas by 40 %.
  const Scenario scenario = testing::scenario_from_file("scenarios/tests/minimal.toml");
  const Plan plan = compile_plan(scenario, "plan");
  const KernelProgram program(plan);

  // The four inventory cells, then the energy branch's gas burnt for district heat.
  REQUIRE(program.active_cells.size() == 5);
  CHECK(active_index(program, scenario, "residential", "electricity") == 0);
  CHECK(active_index(program, scenario, "residential", "natural_gas") == 1);
  CHECK(active_index(program, scenario, "residential", "district_heat") == 2);
  CHECK(active_index(program, scenario, "road_transport", "diesel") == 3);
  CHECK(active_index(program, scenario, "energy_branch", "natural_gas") == 4);
  CHECK(program.active_of_cell[static_cast<std::size_t>(scenario.cell(
            scenario.find_sector("road_transport"), scenario.find_carrier("electricity")))] == -1);

  // One reduction step, on residential gas only.
  REQUIRE(program.reductions.size() == 1);
  CHECK(program.reductions[0].slot == 0);
  CHECK(program.reductions[0].cells == std::vector<int>{1});
  CHECK(program.switches.empty());
  CHECK(program.factor_steps.empty());

  // A linear curve of fixed shape: read as a view, 0 before 2021, then (year − 2021) / 9.
  REQUIRE(program.slots == 1);
  CHECK(program.fixed_curve[0] == 1);
  CHECK(program.read_as_view(0));
  CHECK(program.curve_started[0] == 0);  // 2020
  CHECK(program.curve_started[1] == 1);  // 2021
  CHECK(program.curve_shape[1] == 0.0f);
  CHECK(program.curve_shape[5] == static_cast<float>(4.0 / 9.0));  // 2025
  CHECK(program.curve_shape[10] == 1.0f);                          // 2030
  CHECK(program.cost_slots == std::vector<std::size_t>{0});

  // Factors: fixed ones read as constants, zero ones left out, district
  // heat's from its conversion.
  const std::size_t A = program.active_cells.size();
  CHECK(program.factor_source[0 * A + 0] == FactorFrom::Constant);  // GHG of electricity
  CHECK(program.factor_constant[0 * A + 0] == 0.05f);
  CHECK(program.factor_source[0 * A + 2] == FactorFrom::Converted);  // GHG of district heat
  CHECK(program.factor_source[1 * A + 0] == FactorFrom::Zero);       // NOx of electricity: 0 g/kWh
  CHECK(program.factor_source[1 * A + 3] == FactorFrom::Constant);   // NOx of diesel
  REQUIRE(program.conversions.size() == 1);
  CHECK(program.conversions[0].carrier == scenario.find_carrier("district_heat"));
  CHECK(program.conversions[0].inputs == std::vector<int>{scenario.find_carrier("natural_gas")});
  CHECK(program.constant_branch);

  // GHG of residential: its three cells with a factor, in ascending order.
  const std::size_t residential = static_cast<std::size_t>(scenario.find_sector("residential"));
  const std::size_t begin = program.emission_terms_begin[0 * program.sectors + residential];
  const std::size_t end = program.emission_terms_begin[0 * program.sectors + residential + 1];
  REQUIRE(end - begin == 3);
  CHECK(program.emission_terms[begin].cell == 0);
  CHECK(program.emission_terms[begin + 2].cell == 2);
}

TEST_CASE("kernel program: lane sums equal scalar loops for every block size remainder") {
  std::mt19937 random(7);
  std::uniform_real_distribution<float> uniform(-1000.0f, 1000.0f);
  const std::vector<std::size_t> indices = {4, 0, 2, 2, 1};
  for (std::size_t lanes = 1; lanes <= 3 * CHUNK + detail::VECTOR_LANES + 3; ++lanes) {
    std::vector<float> rows(5 * lanes);
    for (float& value : rows) value = uniform(random);
    std::vector<float> out(lanes, -1.0f);
    sum_rows(rows.data(), indices.data(), indices.size(), lanes, out.data());
    for (std::size_t l = 0; l < lanes; ++l) {
      float expected = 0;  // the same additions, in the same order
      for (const std::size_t index : indices) expected += rows[index * lanes + l];
      INFO("lanes " << lanes << ", lane " << l);
      REQUIRE(out[l] == expected);
    }
  }
}

TEST_CASE("kernel program: kernels of any block size over one program give one member's numbers") {
  const Scenario scenario = testing::scenario_from_file("scenarios/brest-metropole.toml");
  const Plan plan = compile_plan(scenario, "plan");
  const auto program = compile_kernel(plan);
  const std::size_t rows = plan.catalogue.size();
  const auto years = static_cast<std::size_t>(plan.year_count());
  const std::size_t lanes = 37;  // four vectors and a remainder
  std::vector<double> parameters(scenario.parameters.size() * lanes);
  sample_parameters(scenario.parameters, 11, 0, lanes, parameters.data());
  std::vector<double> block(years * rows * lanes);
  Kernel(program, lanes).run_block(parameters.data(), lanes, block.data());
  Kernel single(program, 1);
  std::vector<double> one(scenario.parameters.size());
  std::vector<double> member(years * rows);
  for (std::size_t l = 0; l < lanes; l += 9) {
    for (std::size_t p = 0; p < one.size(); ++p) one[p] = parameters[p * lanes + l];
    single.run_block(one.data(), 1, member.data());
    for (std::size_t i = 0; i < years * rows; ++i) REQUIRE(block[i * lanes + l] == member[i]);
  }
}

TEST_CASE(
    "kernel program: each effect type is read into its own struct and compiled into its steps") {
  // scenarios/examples/example.toml has one effect of each type, one action each.
  const Scenario scenario = testing::scenario_from_file("scenarios/examples/example.toml");
  const auto effect_of = [&](const std::string& action) -> const Effect& {
    const int index = scenario.find_action(action);
    REQUIRE(index != NONE);
    const auto& effects = scenario.actions[static_cast<std::size_t>(index)].effects;
    REQUIRE(effects.size() == 1);
    return effects.front();
  };
  const Effect& heat_pumps = effect_of("heat-pumps");
  const auto* move = heat_pumps.as<SwitchEffect>();
  REQUIRE(move != nullptr);
  CHECK(heat_pumps.as<ReduceEffect>() == nullptr);
  CHECK(heat_pumps.path == "actions.heat-pumps.effects[0]");
  CHECK(heat_pumps.where.line == 127);  // its [[actions.effects]] header
  CHECK(move->from == scenario.find_carrier("natural_gas"));
  CHECK(move->to == scenario.find_carrier("electricity"));
  CHECK(move->has_efficiencies);
  CHECK(move->from_efficiency.constant == 0.9);
  CHECK(move->ambient_heat_source == scenario.find_source("heat_pumps"));
  const auto* reduce = effect_of("renovation").as<ReduceEffect>();
  REQUIRE(reduce != nullptr);
  CHECK(reduce->carriers.size() == 3);
  const auto* produce = effect_of("pv-roofs").as<ProduceEffect>();
  REQUIRE(produce != nullptr);
  CHECK(produce->by_capacity);
  CHECK(produce->capacity.constant == 15.0);
  const auto* factor = effect_of("wood-stoves").as<FactorEffect>();
  REQUIRE(factor != nullptr);
  CHECK(factor->species == scenario.find_species("pm2_5"));
  CHECK(factor->has_new_factor);
  const auto* abate = effect_of("manure").as<AbateEffect>();
  REQUIRE(abate != nullptr);
  CHECK(abate->species == scenario.find_species("nh3"));
  const auto* indicator = effect_of("water-saving").as<IndicatorEffect>();
  REQUIRE(indicator != nullptr);
  CHECK(indicator->indicator == scenario.find_indicator("water"));
  CHECK_FALSE(indicator->has_change);

  // Every action: one step of each type, bound to its action's slot.
  const Plan plan = compile_plan(scenario, "*");
  const KernelProgram program(plan);
  const auto slot_of = [&](const std::string& action) {
    const int index = scenario.find_action(action);
    for (std::size_t slot = 0; slot < plan.actions.size(); ++slot)
      if (plan.actions[slot].action == index) return static_cast<int>(slot);
    FAIL("no slot for " << action);
    return -1;
  };
  REQUIRE(program.reductions.size() == 1);
  CHECK(program.reductions[0].slot == slot_of("renovation"));
  REQUIRE(program.switches.size() == 1);
  REQUIRE(program.switches[0].moves.size() == 1);
  const detail::SwitchMove& compiled = program.switches[0].moves[0];
  CHECK(compiled.slot == slot_of("heat-pumps"));
  CHECK(program.switches[0].from_cell ==
        static_cast<int>(active_index(program, scenario, "residential", "natural_gas")));
  CHECK(compiled.to_cell ==
        static_cast<int>(active_index(program, scenario, "residential", "electricity")));
  CHECK(compiled.ratio == detail::NO_REF);  // given by the two efficiencies
  CHECK(compiled.efficiency_ratio == 0);
  CHECK(compiled.ambient_source == scenario.find_source("heat_pumps"));
  REQUIRE(program.productions.size() == 1);
  CHECK(program.productions[0].slot == slot_of("pv-roofs"));
  CHECK(program.productions[0].source == scenario.find_source("pv"));
  CHECK(program.productions[0].energy == detail::NO_REF);  // capacity × yield
  REQUIRE(program.factor_steps.size() == 1);
  CHECK(program.factor_steps[0].slot == slot_of("wood-stoves"));
  CHECK(program.factor_steps[0].new_factor != detail::NO_REF);
  CHECK(program.factor_steps[0].cells ==
        std::vector<int>{static_cast<int>(active_index(program, scenario, "residential", "wood"))});
  REQUIRE(program.abatements.size() == 1);
  CHECK(program.abatements[0].slot == slot_of("manure"));
  CHECK(program.abatements[0].sectors == std::vector<int>{scenario.find_sector("agriculture")});
  REQUIRE(program.indicator_steps.size() == 1);
  CHECK(program.indicator_steps[0].slot == slot_of("water-saving"));
  CHECK(program.indicator_steps[0].change == detail::NO_REF);  // a relative change
}
