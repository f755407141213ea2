// traj track's conditioning: the conjugate normal case against its closed
// form, the incompatible-observations error, and weights that do not depend
// on the thread count.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "one_cell.hpp"
#include "test_support.hpp"
#include "traj/territory/tracking.hpp"

using namespace traj;
using namespace traj::territory;

namespace {

/// The one-cell territory (100 GWh of gas in 2020) to 2022 with its activity
/// growth g ~ normal(1 %/yr, 1 %/yr) (truncated at ±40 %/yr, 41 sd away: no
/// effect) and an objective "final energy ≤
/// 100 × 1.004² GWh in 2022", i.e. g ≤ 0.4 %/yr.
std::string growing_cell() {
  return testing::with_uncertain_growth(testing::one_cell_territory("100", 2022)) +
         R"([[objectives]]
id = "fe-2022"
indicator = "final_energy"
year = 2022
comparison = "<="
threshold = { value = 100.8016, unit = "GWh" }
)";
}

double normal_cdf(double x) {
  return 0.5 * std::erfc(-x / std::sqrt(2.0));
}

const std::string HEADER = "indicator,year,value,unit,uncertainty,status\n";

}  // namespace

TEST_CASE("conjugate normal case matches the closed-form posterior", "[tracking]") {
  const Scenario scenario = testing::scenario_from_text(growing_cell());
  const Plan plan = compile_plan(scenario, "");
  // ln E(2022) observed at ln(100 × 1.005²) with a 1 % relative error.
  const double observed = 100.0 * 1.005 * 1.005;
  const ObservationSet observations = read_observations(
      "obs.csv", HEADER + "final_energy,2022," + std::to_string(observed) + ",GWh,1%,final\n",
      scenario);
  EnsembleOptions options;
  options.members = 40000;
  options.threads = 2;
  const Tracking tracking = track_plan(plan, observations, options);

  // ln E = ln 100 + 2 ln(1 + g), linear in g around the prior mean g0 = 0.01
  // (the quadratic term, ≤ 1e-5 over the posterior's spread, is far below
  // the Monte Carlo error): the observation is one of g, with mean z and
  // standard deviation s, and the posterior is normal.
  const double sigma = observations.observations[0].sd, g0 = 0.01, tau = 0.01;
  const double z = g0 + (std::log(observed) - std::log(100.0) - 2 * std::log1p(g0)) * (1 + g0) / 2;
  const double s = sigma * (1 + g0) / 2;
  const double precision = 1 / (tau * tau) + 1 / (s * s);
  const double mean = (g0 / (tau * tau) + z / (s * s)) / precision;
  const double variance = 1 / precision;

  // The members' g, weighted.
  const int g = scenario.parameters.find("trends.activity_growth.residential");
  REQUIRE(g >= 0);
  std::vector<double> draws(scenario.parameters.size() * options.members);
  sample_parameters(scenario.parameters, options.seed, 0, options.members, draws.data());
  double weighted_mean = 0, weighted_square = 0;
  for (std::size_t m = 0; m < options.members; ++m) {
    const double x = draws[static_cast<std::size_t>(g) * options.members + m];
    weighted_mean += tracking.weights[m] * x;
    weighted_square += tracking.weights[m] * x * x;
  }
  const double weighted_variance = weighted_square - weighted_mean * weighted_mean;
  const double ess = tracking.effective_size;
  REQUIRE(ess > 5000);
  CHECK(std::abs(weighted_mean - mean) <= 4 * std::sqrt(variance / ess));
  CHECK(std::abs(weighted_variance - variance) <= 4 * variance * std::sqrt(2 / ess));
  // P(g ≤ 0.004) under the posterior, and the prior's Φ((0.004 − 0.01)/0.01).
  const double expected = normal_cdf((std::sqrt(1.008016) - 1 - mean) / std::sqrt(variance));
  const ProportionEstimate after = tracking.objectives[0].after;
  CHECK(std::abs(after.probability - expected) <= 4 * after.standard_error);
  CHECK(after.ci_low < expected);
  CHECK(expected < after.ci_high);
  const double prior = normal_cdf((0.004 - 0.01) / 0.01);
  CHECK(std::abs(tracking.objectives[0].before.probability - prior) <=
        4 * tracking.objectives[0].before.standard_error);
  // The data moved g down, and said so.
  REQUIRE(tracking.parameters.size() == 1);
  CHECK(tracking.parameters[0].name == "trends.activity_growth.residential");
  CHECK(tracking.parameters[0].posterior_median < tracking.parameters[0].prior_median);
  // 100 × 1.005² is P(g < 0.005) = Φ(−0.5), the 31st percentile of the
  // plan: below its median (less energy is better) but inside its 25–75 band.
  CHECK(tracking.checks[0].percentile == Approx(normal_cdf(-0.5)).margin(0.01));
  CHECK(tracking.checks[0].verdict == Verdict::OnTrack);
}

TEST_CASE("incompatible observations are refused naming the observation and the range",
          "[tracking]") {
  const Scenario scenario = testing::scenario_from_text(growing_cell());
  const Plan plan = compile_plan(scenario, "");
  // 150 GWh in 2022 needs g ≈ 22 %/yr: 21 prior standard deviations away,
  // and with a 1 % error no member comes within 5 of its standard deviations.
  const ObservationSet observations =
      read_observations("obs.csv", HEADER + "final_energy,2022,150,GWh,1%,final\n", scenario);
  EnsembleOptions options;
  options.members = 2000;
  try {
    track_plan(plan, observations, options);
    FAIL("expected an InputError");
  } catch (const InputError& error) {
    const std::string message = error.what();
    CHECK(message.find("obs.csv:2:1: error: final_energy: the observed final_energy in 2022, 150 "
                       "GWh, is incompatible with the scenario") != std::string::npos);
    CHECK(message.find("the members range from 9") != std::string::npos);
  }
}

TEST_CASE("weights are identical at 1 and 2 threads", "[tracking]") {
  const Scenario scenario = testing::scenario_from_text(growing_cell());
  const Plan plan = compile_plan(scenario, "");
  const ObservationSet observations = read_observations(
      "obs.csv",
      HEADER + "final_energy,2021,100.7,GWh,1%,\nfinal_energy,2022,101.2,GWh,2%,estimated\n",
      scenario);
  EnsembleOptions options;
  options.members = 3000;
  options.block = 64;  // many blocks, so that two threads share them out
  options.threads = 1;
  const Tracking one = track_plan(plan, observations, options);
  options.threads = 2;
  const Tracking two = track_plan(plan, observations, options);
  REQUIRE(one.weights.size() == 3000);
  CHECK(one.weights == two.weights);
  CHECK(one.effective_size == two.effective_size);
  CHECK(one.objectives[0].after.probability == two.objectives[0].after.probability);
}

namespace {

/// The conjugate case's posterior of g: mean and variance, for an
/// observation of 100 × (1 + g)² GWh in 2022 with relative error `sigma`.
/// ln E = ln 100 + 2 ln(1 + g) is linearised around the observed g, where
/// the posterior is (its spread, 2.5e-4, leaves a quadratic term of 3e-8).
std::pair<double, double> conjugate_posterior(double observed, double sigma) {
  const double g0 = 0.01, tau = 0.01;
  const double z = std::sqrt(observed / 100.0) - 1;
  const double s = sigma * (1 + z) / 2;
  const double precision = 1 / (tau * tau) + 1 / (s * s);
  return {(g0 / (tau * tau) + z / (s * s)) / precision, 1 / precision};
}

}  // namespace

TEST_CASE("too few effective members switch to the SMC sampler, which matches the closed form",
          "[tracking][smc]") {
  const Scenario scenario = testing::scenario_from_text(growing_cell());
  const Plan plan = compile_plan(scenario, "");
  // A 0.05 % error: the posterior of g is 40 times narrower than the prior,
  // and importance sampling keeps a few hundred of 20 000 members.
  const double observed = 100.0 * 1.0042 * 1.0042;
  const ObservationSet observations = read_observations(
      "obs.csv", HEADER + "final_energy,2022," + std::to_string(observed) + ",GWh,0.05%,final\n",
      scenario);
  EnsembleOptions options;
  options.members = 20000;
  options.threads = 2;
  const Tracking tracking = track_plan(plan, observations, options);
  CHECK(tracking.importance_effective_size < effective_size_threshold(options.members));
  REQUIRE(tracking.method == "sequential Monte Carlo");
  REQUIRE(!tracking.stages.empty());
  CHECK(tracking.stages.back().temperature == 1.0);
  for (const SmcStage& stage : tracking.stages) {
    // Each reweighting keeps half the particles' effective size (the last
    // one at least half); the moves are accepted at a workable rate.
    CHECK(stage.effective_size >= 0.5 * 20000 - 1);
    CHECK(stage.acceptance > 0.05);
  }
  CHECK(tracking.effective_size >= 10000 - 1);
  CHECK(tracking.distinct_members > 15000);
  REQUIRE(tracking.population_parameters ==
          std::vector<std::string>{"trends.activity_growth.residential"});
  REQUIRE(tracking.population.size() == 20000);

  const auto [mean, variance] = conjugate_posterior(observed, observations.observations[0].sd);
  double sum = 0, squares = 0;
  for (const double g : tracking.population) {
    sum += g;
    squares += g * g;
  }
  const double n = static_cast<double>(tracking.population.size());
  const double sample_mean = sum / n, sample_variance = squares / n - sample_mean * sample_mean;
  // The particles are correlated through resampling: standard errors at the
  // last reweighting's effective size.
  const double ess = tracking.effective_size;
  CHECK(std::abs(sample_mean - mean) <= 4 * std::sqrt(variance / ess));
  CHECK(std::abs(sample_variance - variance) <= 4 * variance * std::sqrt(2 / ess));
  const double expected = normal_cdf((std::sqrt(1.008016) - 1 - mean) / std::sqrt(variance));
  CHECK(expected > 0.1);  // a probability worth estimating (≈ 0.2)
  const ProportionEstimate after = tracking.objectives[0].after;
  CHECK(std::abs(after.probability - expected) <= 4 * after.standard_error);
  CHECK(after.ci_low < expected);
  CHECK(expected < after.ci_high);
  REQUIRE(tracking.parameters.size() == 1);
  CHECK(tracking.parameters[0].posterior_median ==
        Approx(mean).margin(4 * std::sqrt(variance / ess)));
}

TEST_CASE("SMC and importance sampling agree where both are accurate", "[tracking][smc]") {
  const Scenario scenario = testing::scenario_from_text(growing_cell());
  const Plan plan = compile_plan(scenario, "");
  const ObservationSet observations =
      read_observations("obs.csv", HEADER + "final_energy,2022,100.6,GWh,0.5%,final\n", scenario);
  EnsembleOptions options;
  options.members = 20000;
  options.threads = 2;
  TrackingOptions importance, smc;
  importance.method = TrackingMethod::ImportanceSampling;
  smc.method = TrackingMethod::SequentialMonteCarlo;
  const Tracking a = track_plan(plan, observations, options, importance);
  const Tracking b = track_plan(plan, observations, options, smc);
  CHECK(a.method == "importance sampling");
  CHECK(b.method == "sequential Monte Carlo");
  CHECK(a.effective_size > 4000);  // accurate: thousands of effective members
  CHECK(a.importance_effective_size == b.importance_effective_size);
  const auto& pa = a.objectives[0].after;
  const auto& pb = b.objectives[0].after;
  CHECK(pa.probability > 0.1);
  CHECK(std::abs(pa.probability - pb.probability) <=
        4 * std::hypot(pa.standard_error, pb.standard_error));
  // "Before" is the same plain ensemble for both.
  CHECK(a.objectives[0].before.probability == b.objectives[0].before.probability);
  CHECK(std::abs(a.parameters[0].posterior_median - b.parameters[0].posterior_median) <=
        0.1 * (a.parameters[0].prior_high - a.parameters[0].prior_low));
}

TEST_CASE("the SMC population is identical at 1 and 2 threads", "[tracking][smc]") {
  const Scenario scenario = testing::scenario_from_text(growing_cell());
  const Plan plan = compile_plan(scenario, "");
  const ObservationSet observations =
      read_observations("obs.csv", HEADER + "final_energy,2022,100.9,GWh,0.1%,final\n", scenario);
  EnsembleOptions options;
  options.members = 3000;
  options.block = 64;
  options.threads = 1;
  TrackingOptions smc;
  smc.method = TrackingMethod::SequentialMonteCarlo;
  const int final_energy = plan.catalogue.find("final_energy");
  REQUIRE(final_energy >= 0);
  smc.series_rows = {static_cast<std::size_t>(final_energy)};
  const Tracking one = track_plan(plan, observations, options, smc);
  options.threads = 2;
  const Tracking two = track_plan(plan, observations, options, smc);
  REQUIRE(one.population.size() == 3000);
  CHECK(one.population == two.population);
  CHECK(one.objectives[0].after.probability == two.objectives[0].after.probability);
  REQUIRE(one.series.size() == 1);
  CHECK(one.series[0].after == two.series[0].after);
  // The fan chart's median in 2022 is the population's: near the observation.
  const std::size_t last = one.series[0].years.size() - 1;
  CHECK(one.series[0].after[last * 5 + 2] == Approx(100.9).epsilon(0.003));
  CHECK(one.series[0].before[last * 5 + 2] == Approx(102.01).epsilon(0.003));
}
