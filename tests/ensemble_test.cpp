// Monte Carlo ensembles: sampling, statistics, determinism, analytic cases.
// Tolerances are derived from the Monte Carlo standard error (4 SE: a false
// failure once in ~16 000 runs) plus the quantile sketch's relative accuracy.
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>
#include <atomic>
#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/normal.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <memory>
#include <stdexcept>
#include <tuple>

#include "ishigami.hpp"
#include "objective_cases.hpp"
#include "one_cell.hpp"
#include "test_support.hpp"
#include "traj/ensemble.hpp"
#include "traj/quantile_sketch.hpp"
#include "traj/random_stream.hpp"
#include "traj/sampler.hpp"
#include "traj/territory/territorial_model.hpp"

using namespace traj;
using namespace traj::territory;

namespace {

const std::string ONE_CELL =
    testing::one_cell_territory("{ lognormal = { median = 100, sigma = 0.2 } }") + R"([[actions]]
id = "sobriety"
name = "Sobriety"
coalition = "Town"
theme = "energy"
start = 2021
adoption = { curve = "step", ceiling = 1.0 }
  [[actions.effects]]
  type = "reduce"
  sectors = ["residential"]
  fraction = { uniform = [0.2, 0.6] }
[[portfolios]]
id = "plan"
name = "Plan"
actions = ["sobriety"]
[[objectives]]
id = "cut-35"
description = "Gas use at least 35 % lower in 2021"
indicator = "final_energy"
year = 2021
comparison = "<="
threshold = 0.65
relative_to = 2020
)";

EnsembleResult run(const Plan& plan, EnsembleOptions options) {
  const TerritorialModel model(plan);
  options.quantile_rows = model.headline_rows();
  return run_ensemble(model, model.objective_specs(), options);
}

}  // namespace

TEST_CASE("Wilson intervals on known counts") {
  auto check = [](std::uint64_t k, std::uint64_t n, double low, double high) {
    const auto estimate = estimate_proportion(k, n);
    CHECK(estimate.ci_low == Approx(low).margin(1e-12));
    CHECK(estimate.ci_high == Approx(high).margin(1e-12));
  };
  check(0, 10, 0.0, 0.2775327998628892);
  check(5, 10, 0.236593090512564, 0.7634069094874361);
  check(81, 263, 0.2552885198782742, 0.36620957698280004);
  check(10000, 10000, 0.9996160016293234, 1.0);
  CHECK(estimate_proportion(81, 263).standard_error ==
        Approx(std::sqrt(81.0 / 263 * 182.0 / 263 / 263)));
}

TEST_CASE("fast samplers agree with the exact quantile functions") {
  const boost::math::normal_distribution<double> normal(0.0, 1.0);
  for (const double p : {1e-300, 1e-12, 1e-5, 0.01, 0.2, 0.5, 0.75, 0.975, 1 - 1e-9}) {
    CHECK(normal_quantile(p) == Approx(boost::math::quantile(normal, p)).epsilon(1e-14));
  }
  for (const auto& [low, mode, high] :
       std::vector<std::tuple<double, double, double>>{{0.2, 0.3, 0.8},
                                                       {0.0, 0.5, 1.0},
                                                       {10.0, 10.0, 20.0},
                                                       {1.0, 4.9, 5.0},
                                                       {0.45, 0.65, 0.8}}) {
    const Distribution pert{Distribution::Family::Pert, low, mode, high};
    const Sampler pert_sampler(pert);
    double worst = 0.0;
    for (int i = 1; i < 20000; ++i) {
      const double u = i / 20000.0;
      worst = std::max(worst, std::abs(pert_sampler(u) - pert.quantile(u)));
    }
    INFO("PERT(" << low << ", " << mode << ", " << high << ")");
    CHECK(worst < 1e-4 * (high - low));
    // The tails (u or 1 − u below 8 / 2048) have their own tables, read
    // against (u / tail)^(1/shape): much closer than the main table.
    double worst_tail = 0.0;
    for (int k = 1; k <= 2000; ++k) {
      const double v = 8.0 / 2048.0 * std::pow(10.0, -14.0 * k / 2000.0);
      worst_tail = std::max(worst_tail, std::abs(pert_sampler(v) - pert.quantile(v)));
      worst_tail = std::max(worst_tail, std::abs(pert_sampler(1.0 - v) - pert.quantile(1.0 - v)));
    }
    CHECK(worst_tail < 1e-6 * (high - low));
  }
  const Distribution triangular{Distribution::Family::Triangular, 1.0, 2.0, 5.0};
  const Sampler triangular_sampler(triangular);
  Distribution truncated{Distribution::Family::Normal, 0.08, 0.05, 0.0};
  truncated.lower = 0.0;
  truncated.upper = 0.2;
  const Sampler truncated_sampler(truncated);
  for (const double u : {0.001, 0.3, 0.5, 0.9, 0.999}) {
    CHECK(triangular_sampler(u) == Approx(triangular.quantile(u)).epsilon(1e-14));
    CHECK(truncated_sampler(u) == Approx(truncated.quantile(u)).epsilon(1e-12));
  }
}

TEST_CASE("draws depend only on seed, parameter name and member") {
  ParameterSet both, one;
  for (const char* name : {"alpha", "beta"}) {
    Parameter parameter;
    parameter.name = name;
    parameter.distribution = {Distribution::Family::Uniform, 0.0, 1.0, 0.0};
    both.add(parameter);
    if (std::string(name) == "beta") one.add(parameter);
  }
  std::vector<double> with_alpha(2 * 8), without(8);
  sample_parameters(both, 7, 100, 8, with_alpha.data());
  sample_parameters(one, 7, 100, 8, without.data());
  for (std::size_t l = 0; l < 8; ++l) CHECK(with_alpha[8 + l] == without[l]);
  // Member 103 alone gets the same draw as in the block.
  std::vector<double> single(1);
  sample_parameters(one, 7, 103, 1, single.data());
  CHECK(single[0] == without[3]);
  // Another seed, other draws; every draw strictly inside (0, 1).
  std::vector<double> other(8);
  sample_parameters(one, 8, 100, 8, other.data());
  CHECK(other != without);
  for (std::uint64_t member = 0; member < 1000; ++member) {
    const double u = uniform_draw(stream_key(1, "x"), member);
    REQUIRE(u > 0.0);
    REQUIRE(u < 1.0);
  }
}

TEST_CASE("draws in blocks are the draws one by one, bit for bit") {
  // uniform_draws is Philox4x32-10 written out for vectorisation; it must
  // be Random123's generator exactly, including across 2^32 members.
  for (const std::uint64_t key : {stream_key(1, "x"), stream_key(42, "growth.residential"),
                                  std::uint64_t{0}, ~std::uint64_t{0}}) {
    for (const std::uint64_t first : {std::uint64_t{0}, std::uint64_t{1'000'003},
                                      (std::uint64_t{1} << 32) - 37, ~std::uint64_t{0} - 100}) {
      std::vector<double> block(77);
      uniform_draws(key, first, block.size(), block.data());
      for (std::size_t l = 0; l < block.size(); ++l) {
        INFO("key " << key << ", member " << first + l);
        REQUIRE(block[l] == uniform_draw(key, first + l));
      }
    }
  }
  // And a sampler turns a block of uniforms into what it gives one by one.
  Distribution truncated{Distribution::Family::Normal, 0.08, 0.05, 0.0};
  truncated.lower = 0.0;
  truncated.upper = 0.2;
  for (const Distribution& distribution :
       {Distribution{Distribution::Family::Uniform, 2.0, 5.0, 0.0},
        Distribution{Distribution::Family::Pert, 0.2, 0.3, 0.8},
        Distribution{Distribution::Family::Triangular, 1.0, 2.0, 5.0},
        Distribution{Distribution::Family::Triangular, 1.0, 1.0, 5.0},
        Distribution{Distribution::Family::Triangular, 1.0, 5.0, 5.0},
        Distribution{Distribution::Family::Lognormal, 100.0, 0.2, 0.0}, truncated}) {
    const Sampler sampler(distribution);
    std::vector<double> values(1003);  // not a multiple of any vector width
    uniform_draws(stream_key(3, "y"), 0, values.size(), values.data());
    const std::vector<double> uniforms = values;
    sampler.transform(values.data(), values.size());
    for (std::size_t i = 0; i < values.size(); ++i) REQUIRE(values[i] == sampler(uniforms[i]));
  }
}

TEST_CASE("the quantile sketch keeps its relative accuracy and merges exactly") {
  QuantileSketch sketch(0.01), left(0.01), right(0.01);
  for (int i = 1; i <= 10000; ++i) {
    sketch.add(i);
    (i % 2 ? left : right).add(i);
  }
  for (const double q : {0.0, 0.05, 0.5, 0.95, 1.0}) {
    const double exact = 1.0 + std::floor(q * 9999.0);
    CHECK(sketch.quantile(q) == Approx(exact).epsilon(0.01));
  }
  left.merge(right);
  CHECK(left.count() == 10000);
  for (const double q : {0.05, 0.5, 0.95}) CHECK(left.quantile(q) == sketch.quantile(q));
  QuantileSketch batched(0.01);
  std::vector<double> values;
  for (int i = 1; i <= 10000; ++i) values.push_back(i);
  values[500] = -3.0;  // one negative value takes the general path for its batch
  batched.add(values.data(), values.size());
  QuantileSketch one_by_one(0.01);
  for (const double value : values) one_by_one.add(value);
  for (const double q : {0.0, 0.01, 0.3, 0.5, 0.99, 1.0})
    CHECK(batched.quantile(q) == one_by_one.quantile(q));
  CHECK(batched.count() == 10000);
  // Batches of every length, values over 300 orders of magnitude and at
  // bin edges (powers of two): every rank falls in the same bin.
  QuantileSketch wide_batched(0.005), wide_one_by_one(0.005);
  std::vector<double> wide;
  std::uint64_t state = 12345;
  for (int i = 0; i < 2000; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    const double unit = static_cast<double>(state >> 11) * 0x1.0p-53;
    wide.push_back(i % 10 == 0 ? std::ldexp(1.0, i % 600 - 300) : std::pow(10.0, 300 * unit - 11));
  }
  for (std::size_t done = 0, length = 1; done < wide.size();
       done += length, length = length % 9 + 1) {
    const std::size_t n = std::min(length, wide.size() - done);
    wide_batched.add(wide.data() + done, n);
  }
  for (const double value : wide) wide_one_by_one.add(value);
  for (int k = 0; k <= 1999; ++k) {
    const double q = k / 1999.0;
    REQUIRE(wide_batched.quantile(q) == wide_one_by_one.quantile(q));
  }
  QuantileSketch signs;
  for (const double value : {-5.0, -1.0, 0.0, 2.0, 3.0}) signs.add(value);
  CHECK(signs.quantile(0.0) == Approx(-5.0).epsilon(0.005));
  CHECK(signs.quantile(0.5) == 0.0);
  CHECK(signs.quantile(1.0) == Approx(3.0).epsilon(0.005));
}

TEST_CASE("an ensemble larger than the sketches can count is refused before it starts") {
  const testing::IshigamiModel model;
  EnsembleOptions options;
  options.members = QuantileSketch::MAX_COUNT + 1;
  CHECK_THROWS_WITH(
      run_ensemble(model, {}, options),
      Catch::Contains("at most 4294967295 members") && Catch::Contains("found 4294967296"));
  // With a precision target, the cap counts.
  options.members = 1000;
  options.precision = 0.01;
  options.max_members = QuantileSketch::MAX_COUNT + 1;
  CHECK_THROWS_AS(run_ensemble(model, {}, options), InputError);
}

TEST_CASE("settings outside their ranges are refused before anything runs") {
  // A block of no members never ended (a forged results file made rerun
  // spin, deaf to signals); whatever the caller, the engine refuses it.
  const testing::IshigamiModel model;
  const auto refused = [&](auto&& change) {
    EnsembleOptions options;
    options.members = 100;
    change(options);
    try {
      run_ensemble(model, {}, options);
    } catch (const InputError& error) {
      return std::string(error.what());
    }
    return std::string("accepted");
  };
  CHECK_THAT(refused([](EnsembleOptions& o) { o.block = 0; }),
             Catch::Contains("ensemble: block: expected an integer from 1 to 4096, found 0"));
  CHECK_THAT(refused([](EnsembleOptions& o) { o.block = 4097; }), Catch::Contains("found 4097"));
  CHECK_THAT(refused([](EnsembleOptions& o) { o.threads = -1; }),
             Catch::Contains("ensemble: threads: expected an integer from 0 to 1024, found -1"));
  CHECK_THAT(refused([](EnsembleOptions& o) { o.precision = std::nan(""); }),
             Catch::Contains("ensemble: precision: expected a finite number from 1e-06 to 0.5, "
                             "found nan"));
  CHECK_THAT(refused([](EnsembleOptions& o) {
               o.quantiles = {0.5, std::nan("")};
             }),
             Catch::Contains("ensemble: quantile level: expected a finite number from 0 to 1"));
  CHECK_THAT(refused([](EnsembleOptions& o) { o.quantiles = {1.5}; }),
             Catch::Contains("found 1.5"));
  CHECK_THAT(refused([](EnsembleOptions& o) { o.sketch_accuracy = 0.0; }),
             Catch::Contains("ensemble: quantile accuracy"));
  CHECK(refused([](EnsembleOptions&) {}) == "accepted");
}

TEST_CASE("any model plugs into the runner: Ishigami's mean and variance") {
  const testing::IshigamiModel model;
  EnsembleOptions options;
  options.members = 200000;
  options.quantile_rows = {0};
  const auto result = run_ensemble(model, {}, options);
  const double variance = 49.0 / 8.0 + 0.1 * std::pow(testing::PI, 4) / 5.0 +
                          0.01 * std::pow(testing::PI, 8) / 18.0 + 0.5;
  const double standard_error = std::sqrt(variance / 200000.0);
  CHECK(result.members == 200000);
  CHECK(std::abs(result.mean_at(0, 0) - 3.5) < 4 * standard_error);
  CHECK(result.sd_at(0, 0) == Approx(std::sqrt(variance)).epsilon(0.01));
}

TEST_CASE("analytic case: a reduction drawn uniform gives an exact probability") {
  const Scenario scenario = testing::scenario_from_text(ONE_CELL);
  const Plan plan = compile_plan(scenario, "plan");
  EnsembleOptions options;
  options.members = 20000;
  const auto result = run(plan, options);
  // Met when the drawn fraction f ≥ 0.35, f ~ U(0.2, 0.6): P = 0.25 / 0.4.
  const double p = 0.625;
  const double standard_error = std::sqrt(p * (1 - p) / 20000.0);
  CHECK(std::abs(result.objectives[0].estimate.probability - p) < 4 * standard_error);
  CHECK(result.objectives[0].estimate.ci_low < p);
  CHECK(result.objectives[0].estimate.ci_high > p);
}

TEST_CASE("analytic case: a lognormal inventory gives exact quantiles and mean") {
  const Scenario scenario = testing::scenario_from_text(ONE_CELL);
  const Plan plan = compile_plan(scenario, "");
  EnsembleOptions options;
  options.members = 50000;
  const auto result = run(plan, options);
  const auto row = static_cast<std::size_t>(plan.catalogue.final_energy);
  // Quantiles of 100·exp(0.2 Z); tolerance: sketch accuracy 0.1 % + 4 SE of
  // the sample quantile (≤ 0.2 % here).
  const double expected[] = {71.96640843238889, 100.0, 138.95371768336628};
  const std::size_t levels[] = {0, 2, 4};  // 5 %, 50 %, 95 %
  for (int i = 0; i < 3; ++i) {
    CHECK(result.quantile_at(row, 0, levels[i]) == Approx(expected[i]).epsilon(0.001 + 4 * 0.002));
  }
  const double mean = 100.0 * std::exp(0.02);
  const double sd = 100.0 * std::sqrt((std::exp(0.04) - 1.0) * std::exp(0.04));
  CHECK(std::abs(result.mean_at(row, 0) - mean) < 4 * sd / std::sqrt(50000.0));
  CHECK(result.sd_at(row, 0) == Approx(sd).epsilon(0.02));
}

TEST_CASE("statistics are bit-identical at 1, 2 and 4 threads and any block size") {
  const Scenario scenario = testing::scenario_from_file("scenarios/brest-metropole.toml");
  const Plan plan = compile_plan(scenario, "plan");
  EnsembleOptions options;
  // Three batches (16 384, 16 384, 7 232 members): without per-member
  // records they run side by side, with them one after the other.
  options.members = 40000;
  options.threads = 1;
  options.block = 64;
  const auto reference = run(plan, options);
  for (const auto& [threads, block, recording] : std::vector<std::tuple<int, std::size_t, bool>>{
           {2, 64, false}, {4, 64, false}, {2, 16, false}, {1, 7, false}, {2, 128, true}}) {
    INFO(threads << " threads, blocks of " << block << (recording ? ", with records" : ""));
    options.threads = threads;
    options.block = block;
    std::uint64_t recorded = 0;
    options.on_members = nullptr;
    if (recording) {
      options.on_members = [&recorded](const MemberRecords& records) { recorded += records.count; };
    }
    const auto result = run(plan, options);
    if (recording) CHECK(recorded == 40000);
    CHECK(result.mean == reference.mean);
    CHECK(result.sd == reference.sd);
    CHECK(result.quantiles == reference.quantiles);
    for (std::size_t o = 0; o < result.objectives.size(); ++o) {
      CHECK(result.objectives[o].successes == reference.objectives[o].successes);
    }
    CHECK(result.joint_successes == reference.joint_successes);
  }
}

TEST_CASE("prepared draws shared by several ensembles give their own numbers") {
  // Brest has PERT parameters (tables built with the sampler) and named ones
  // shared by several actions.
  const Scenario scenario = testing::scenario_from_file("scenarios/brest-metropole.toml");
  const Plan plan = compile_plan(scenario, "plan");
  const Plan baseline = compile_plan(scenario, "");
  EnsembleOptions options;
  options.members = 3000;
  options.seed = 7;
  const auto own = run(plan, options);
  const auto own_baseline = run(baseline, options);
  options.draws = std::make_shared<const ParameterSampler>(scenario.parameters, 7);
  const auto shared = run(plan, options);
  const auto shared_baseline = run(baseline, options);
  CHECK(shared.mean == own.mean);
  CHECK(shared.sd == own.sd);
  CHECK(shared.quantiles == own.quantiles);
  CHECK(shared.objectives[0].successes == own.objectives[0].successes);
  CHECK(shared_baseline.mean == own_baseline.mean);
  CHECK(shared_baseline.quantiles == own_baseline.quantiles);
  // Draws of another seed, or of another parameter set (a copy is another
  // object), would give other numbers silently: refused.
  options.draws = std::make_shared<const ParameterSampler>(scenario.parameters, 8);
  CHECK_THROWS_AS(run(plan, options), std::logic_error);
  const ParameterSet copy = scenario.parameters;
  options.draws = std::make_shared<const ParameterSampler>(copy, 7);
  CHECK_THROWS_AS(run(plan, options), std::logic_error);
}

TEST_CASE("ensembles run as isolated tasks of the caller's arena give their own numbers") {
  // As traj compare runs them: several at once in one arena, with and
  // without per-member records, over three batches.
  const Scenario scenario = testing::scenario_from_file("scenarios/brest-metropole.toml");
  const Plan plan = compile_plan(scenario, "plan");
  EnsembleOptions options;
  options.members = 40000;
  options.threads = 1;
  const auto alone = run(plan, options);
  options.in_callers_arena = true;
  options.threads = 0;  // not used
  std::vector<EnsembleResult> results(4);
  std::vector<std::uint64_t> recorded(4, 0);
  tbb::task_arena arena(2);
  arena.execute([&] {
    tbb::parallel_for(0, 4, [&](int k) {
      tbb::this_task_arena::isolate([&] {
        EnsembleOptions mine = options;
        if (k % 2 == 1) {
          mine.on_members = [&recorded, k](const MemberRecords& records) {
            recorded[static_cast<std::size_t>(k)] += records.count;
          };
        }
        results[static_cast<std::size_t>(k)] = run(plan, mine);
      });
    });
  });
  for (std::size_t k = 0; k < results.size(); ++k) {
    INFO("ensemble " << k);
    CHECK(results[k].mean == alone.mean);
    CHECK(results[k].sd == alone.sd);
    CHECK(results[k].quantiles == alone.quantiles);
    CHECK(results[k].objectives[0].successes == alone.objectives[0].successes);
    CHECK(recorded[k] == (k % 2 == 1 ? 40000u : 0u));
  }
}

TEST_CASE("per-member records of chosen years are those years of the records of every year") {
  const Scenario scenario = testing::scenario_from_file("scenarios/brest-metropole.toml");
  const Plan plan = compile_plan(scenario, "plan");
  EnsembleOptions options;
  options.members = 20000;  // two batches
  options.threads = 2;
  options.recorded_rows = {static_cast<std::size_t>(plan.catalogue.ghg),
                           static_cast<std::size_t>(plan.catalogue.final_energy)};
  const auto record = [&](std::vector<double>& into, std::size_t& years) {
    options.on_members = [&into, &years](const MemberRecords& records) {
      years = records.years;
      for (std::size_t r = 0; r < 2; ++r) {
        const double* row = records.trajectories + r * records.capacity * records.years;
        into.insert(into.end(), row, row + records.count * records.years);
      }
    };
    return run(plan, options);
  };
  std::vector<double> every, chosen;
  std::size_t every_years = 0, chosen_years = 0;
  const auto all = record(every, every_years);
  const std::vector<std::size_t> years = {0, 12, every_years - 1};
  options.recorded_years = years;
  const auto some = record(chosen, chosen_years);
  CHECK(some.mean == all.mean);  // statistics do not depend on what is recorded
  REQUIRE(chosen_years == 3);
  REQUIRE(every.size() == chosen.size() / 3 * every_years);
  // Both laid out batch by batch, row by row, member by member.
  std::size_t mismatches = 0;
  for (std::size_t i = 0; i < chosen.size() / 3; ++i) {
    for (std::size_t k = 0; k < 3; ++k) {
      if (chosen[i * 3 + k] != every[i * every_years + years[k]]) ++mismatches;
    }
  }
  CHECK(mismatches == 0);
  CHECK(chosen[3 * 7 + 2] != chosen[3 * 7]);  // the years differ: not one year thrice
  options.recorded_years = {12, 12};
  CHECK_THROWS_AS(record(chosen, chosen_years), std::logic_error);
  options.recorded_years = {every_years};
  CHECK_THROWS_AS(record(chosen, chosen_years), std::logic_error);
}

TEST_CASE(
    "progress comes once per batch, one call at a time, and a cancelled run stops between "
    "batches") {
  const Scenario scenario = testing::scenario_from_text(ONE_CELL);
  const Plan plan = compile_plan(scenario, "plan");
  constexpr std::uint64_t BATCH = 16384;
  for (const bool recording : {false, true}) {
    INFO((recording ? "with" : "without") << " per-member records");
    EnsembleOptions options;
    options.members = 5 * BATCH + 100;
    options.threads = 2;
    if (recording) options.on_members = [](const MemberRecords&) {};
    std::vector<std::uint64_t> done;
    std::atomic<int> inside = 0;
    bool overlapped = false;
    options.progress = [&](std::uint64_t members, std::uint64_t planned) {
      overlapped = overlapped || inside.fetch_add(1) != 0;
      done.push_back(members);
      CHECK(planned == 5 * BATCH + 100);
      inside.fetch_sub(1);
    };
    const auto result = run(plan, options);
    CHECK_FALSE(overlapped);
    REQUIRE(done.size() == 6);
    // Batches may end in any order: the counts grow by a batch (or the last,
    // shorter one) each time and end at every member.
    std::uint64_t previous = 0, short_steps = 0;
    for (const std::uint64_t members : done) {
      CHECK((members - previous == BATCH || members - previous == 100));
      short_steps += members - previous == 100 ? 1 : 0;
      previous = members;
    }
    CHECK(short_steps == 1);
    CHECK(done.back() == result.members);
    CHECK(result.members == 5 * BATCH + 100);
    CHECK_FALSE(result.cancelled);

    // Stop after two batches have started: only whole batches are counted.
    std::atomic<int> polls = 0;
    options.progress = nullptr;
    options.threads = 1;
    options.cancelled = [&polls] { return polls.fetch_add(1) >= 2; };
    const auto stopped = run(plan, options);
    CHECK(stopped.cancelled);
    CHECK(stopped.members == 2 * BATCH);
    CHECK(stopped.objectives[0].successes <= stopped.members);
  }
}

TEST_CASE("common random numbers: portfolios share the draws of shared parameters") {
  // The example's wood-stove action only changes PM2.5 factors: with and
  // without it, every member has the same energy and GHG, to the bit.
  const Scenario scenario = testing::scenario_from_file("scenarios/examples/example.toml");
  const int stoves = scenario.find_action("wood-stoves");
  const int pv = scenario.find_action("pv-roofs");
  const int renovation = scenario.find_action("renovation");
  const Plan with = compile_actions(scenario, {renovation, pv, stoves});
  const Plan without = compile_actions(scenario, {renovation, pv});
  const std::size_t lanes = 32;
  std::vector<double> parameters(scenario.parameters.size() * lanes);
  sample_parameters(scenario.parameters, 1, 0, lanes, parameters.data());
  const std::size_t rows = with.catalogue.size();
  std::vector<double> out_with(static_cast<std::size_t>(with.year_count()) * rows * lanes);
  std::vector<double> out_without(out_with.size());
  Kernel(with, lanes).run_block(parameters.data(), lanes, out_with.data());
  Kernel(without, lanes).run_block(parameters.data(), lanes, out_without.data());
  bool pm_differs = false;
  for (std::size_t y = 0; y < static_cast<std::size_t>(with.year_count()); ++y) {
    for (const char* indicator : {"final_energy", "ghg", "renewable_share", "nox"}) {
      const auto row = static_cast<std::size_t>(with.catalogue.find(indicator));
      for (std::size_t l = 0; l < lanes; ++l) {
        REQUIRE(out_with[(y * rows + row) * lanes + l] ==
                out_without[(y * rows + row) * lanes + l]);
      }
    }
    const auto pm = static_cast<std::size_t>(with.catalogue.find("pm2_5"));
    pm_differs =
        pm_differs || out_with[(y * rows + pm) * lanes] != out_without[(y * rows + pm) * lanes];
  }
  CHECK(pm_differs);
}

TEST_CASE("a block of members equals the same members run one by one") {
  const Scenario scenario = testing::scenario_from_file("scenarios/brest-metropole.toml");
  const Plan plan = compile_plan(scenario, "ambitious");
  const std::size_t lanes = 16;
  std::vector<double> parameters(scenario.parameters.size() * lanes);
  sample_parameters(scenario.parameters, 3, 40, lanes, parameters.data());
  const std::size_t rows = plan.catalogue.size();
  std::vector<double> block(static_cast<std::size_t>(plan.year_count()) * rows * lanes);
  Kernel(plan, lanes).run_block(parameters.data(), lanes, block.data());
  Kernel single(plan);
  for (std::size_t l = 0; l < lanes; ++l) {
    std::vector<double> member(scenario.parameters.size());
    for (std::size_t p = 0; p < member.size(); ++p) member[p] = parameters[p * lanes + l];
    Trajectory trajectory;
    single.run(member, trajectory);
    for (std::size_t y = 0; y < static_cast<std::size_t>(plan.year_count()); ++y) {
      for (std::size_t row = 0; row < rows; ++row) {
        REQUIRE(block[(y * rows + row) * lanes + l] == trajectory.values[y * rows + row]);
      }
    }
  }
}

TEST_CASE("a precision target adds members until every interval is narrow enough") {
  const Scenario scenario = testing::scenario_from_text(ONE_CELL);
  const Plan plan = compile_plan(scenario, "plan");
  EnsembleOptions options;
  options.members = 1000;
  options.precision = 0.01;
  const auto result = run(plan, options);
  CHECK(result.precision_reached);
  const auto& estimate = result.objectives[0].estimate;
  CHECK((estimate.ci_high - estimate.ci_low) / 2 <= 0.01);
  // ±1 point at p ≈ 0.625 needs about 1.96² p(1−p) / 0.01² ≈ 9 000 members.
  CHECK(result.members > 8000);
  CHECK(result.members < 30000);
}

namespace {
/// y = sqrt(x) with x ~ U(−1, 1): members with x < 0 give NaN; row 1 = x
/// is declared non-negative. With `single_precision`, both rows are rounded
/// to floats and handed over as floats (as the territorial kernel does);
/// with `rounded`, the same floats are handed over widened to doubles; with
/// `in_parts`, the floats come one row at a time, the last row first (as a
/// kernel of several territories hands them over).
class SquareRootModel final : public Model {
 public:
  explicit SquareRootModel(bool single_precision = false, bool rounded = false,
                           bool in_parts = false)
      : single_precision_(single_precision), rounded_(rounded), in_parts_(in_parts) {
    Parameter parameter;
    parameter.name = "x";
    parameter.named = true;
    parameter.distribution = {Distribution::Family::Uniform, -1.0, 1.0, 0.0};
    parameters_.add(parameter);
  }
  const ParameterSet& parameters() const override { return parameters_; }
  std::size_t rows() const override { return 2; }
  std::size_t years() const override { return 1; }
  std::vector<std::size_t> non_negative_rows() const override { return {1}; }
  std::unique_ptr<BlockEvaluator> make_evaluator(std::size_t lanes) const override {
    return std::make_unique<Evaluator>(lanes, single_precision_, rounded_, in_parts_);
  }

 private:
  class Evaluator final : public BlockEvaluator {
   public:
    Evaluator(std::size_t lanes, bool single_precision, bool rounded, bool in_parts)
        : out_(2 * lanes),
          floats_(2 * lanes),
          single_precision_(single_precision),
          rounded_(rounded),
          in_parts_(in_parts) {}
    void run(const double* x, std::size_t lanes, YearSink& sink) override {
      for (std::size_t l = 0; l < lanes; ++l) {
        out_[l] = std::sqrt(x[l]);
        out_[lanes + l] = x[l];
      }
      if (!single_precision_ && !rounded_) {
        sink.year(0, out_.data(), lanes);
        return;
      }
      for (std::size_t i = 0; i < 2 * lanes; ++i) {
        floats_[i] = static_cast<float>(out_[i]);
        out_[i] = floats_[i];
      }
      if (in_parts_) {
        sink.year_rows(0, floats_.data(), lanes, 1, 1);
        sink.year_rows(0, floats_.data(), lanes, 0, 1);
      } else if (single_precision_) {
        sink.year(0, floats_.data(), lanes);
      } else {
        sink.year(0, out_.data(), lanes);
      }
    }

   private:
    std::vector<double> out_;
    std::vector<float> floats_;
    bool single_precision_, rounded_, in_parts_;
  };
  ParameterSet parameters_;
  bool single_precision_, rounded_, in_parts_;
};
}  // namespace

TEST_CASE("a model handing over floats gets the statistics of the same values as doubles") {
  // The sinks widen floats exactly: sums, sketches, guards and objectives
  // must see the very numbers a model handing over doubles would.
  const SquareRootModel floats(true), doubles(false, true);
  ObjectiveSpec objective;
  objective.id = "x-at-least-0.3";
  objective.row = 1;
  objective.at_most = false;
  objective.threshold = 0.3;
  for (const std::size_t block : {std::size_t{256}, std::size_t{7}}) {
    EnsembleOptions options;
    options.members = 5000;
    options.block = block;
    options.quantile_rows = {0, 1};
    const auto from_floats = run_ensemble(floats, {objective}, options);
    const auto from_doubles = run_ensemble(doubles, {objective}, options);
    INFO("block " << block);
    // Equal value for value, NaN (the square roots' statistics) as NaN.
    const auto same = [](const std::vector<double>& a, const std::vector<double>& b) {
      return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](double x, double y) {
        return x == y || (std::isnan(x) && std::isnan(y));
      });
    };
    CHECK(same(from_floats.mean, from_doubles.mean));
    CHECK(same(from_floats.sd, from_doubles.sd));
    CHECK(same(from_floats.quantiles, from_doubles.quantiles));
    CHECK(from_floats.objectives[0].successes == from_doubles.objectives[0].successes);
    CHECK(from_floats.invalid_members == from_doubles.invalid_members);
    CHECK(from_floats.invalid_examples == from_doubles.invalid_examples);
    CHECK(from_floats.invalid_members > 2000);  // x < 0: NaN square roots
    // And the rounding is real: the statistics differ from double precision.
    const auto exact = run_ensemble(SquareRootModel(), {objective}, options);
    CHECK(exact.mean_at(1, 0) != from_floats.mean_at(1, 0));
  }
}

TEST_CASE("a year handed over in parts of rows gives the statistics of the whole year at once") {
  const SquareRootModel at_once(true), in_parts(true, false, true);
  ObjectiveSpec objective;
  objective.id = "x-at-least-0.3";
  objective.row = 1;
  objective.at_most = false;
  objective.threshold = 0.3;
  EnsembleOptions options;
  options.members = 5000;
  options.quantile_rows = {0, 1};
  const auto whole = run_ensemble(at_once, {objective}, options);
  const auto parts = run_ensemble(in_parts, {objective}, options);
  const auto same = [](const std::vector<double>& a, const std::vector<double>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](double x, double y) {
      return x == y || (std::isnan(x) && std::isnan(y));
    });
  };
  CHECK(same(whole.mean, parts.mean));
  CHECK(same(whole.sd, parts.sd));
  CHECK(same(whole.quantiles, parts.quantiles));
  CHECK(whole.objectives[0].successes == parts.objectives[0].successes);
  CHECK(whole.objectives[0].successes > 1000);
  CHECK(whole.invalid_members == parts.invalid_members);
  CHECK(whole.invalid_examples == parts.invalid_examples);
}

TEST_CASE("members with impossible results are counted and named, not averaged in silently") {
  const SquareRootModel model;
  EnsembleOptions options;
  options.members = 2000;
  const auto result = run_ensemble(model, {}, options);
  std::vector<double> x(2000);
  sample_parameters(model.parameters(), 1, 0, 2000, x.data());
  std::vector<std::uint64_t> negative;
  for (std::uint64_t m = 0; m < 2000; ++m) {
    if (x[m] < 0.0) negative.push_back(m);
  }
  CHECK(result.invalid_members == negative.size());
  REQUIRE(result.invalid_examples.size() == 5);
  CHECK(
      std::equal(result.invalid_examples.begin(), result.invalid_examples.end(), negative.begin()));
  options.threads = 1;
  options.block = 7;
  CHECK(run_ensemble(model, {}, options).invalid_examples == result.invalid_examples);
}

// The shared judgement (docs/model.md#8-objectives) on the vector path (a
// block of 64 lanes) and the scalar one (blocks of 1); deterministic runs
// are tested in effects_test on the same scenarios.
TEST_CASE("ensembles: a value exactly on its threshold is met, at most and at least") {
  const Scenario scenario = testing::scenario_from_text(testing::on_threshold_scenario());
  const Plan plan = compile_plan(scenario, "nothing");
  for (const std::size_t block : {std::size_t{64}, std::size_t{1}}) {
    EnsembleOptions options;
    options.members = 64;
    options.block = block;
    const EnsembleResult result = run(plan, options);
    REQUIRE(result.objectives.size() == testing::ON_THRESHOLD_OBJECTIVES);
    for (const auto& objective : result.objectives) {
      INFO(objective.id << ", block " << block);
      CHECK(objective.successes == 64);
    }
    CHECK(result.joint_successes == 64);
  }
}

TEST_CASE("ensembles: a ratio to a reference of zero meets no objective") {
  const Scenario scenario = testing::scenario_from_text(testing::zero_reference_scenario());
  const Plan plan = compile_plan(scenario, "estate");
  for (const std::size_t block : {std::size_t{64}, std::size_t{1}}) {
    EnsembleOptions options;
    options.members = 64;
    options.block = block;
    const EnsembleResult result = run(plan, options);
    REQUIRE(result.objectives.size() == testing::ZERO_REFERENCE_OBJECTIVES);
    for (const auto& objective : result.objectives) {
      INFO(objective.id << ", block " << block);
      CHECK(objective.successes == 0);
      CHECK(objective.estimate.probability == 0.0);
    }
    const auto land = static_cast<std::size_t>(plan.catalogue.find("land"));
    CHECK(result.mean[land * result.years + 2] == 5.0);
  }
}
