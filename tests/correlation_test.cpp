// Correlated uncertainties: the Gaussian copula's conversion, factor and
// semi-definite check, its draws against closed forms (Spearman within 4
// standard errors, a bivariate normal orthant probability), the bits of
// independent parameters, and the analyses that re-sample (sensitivity
// grouping, tempered SMC moves).
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <memory>
#include <numeric>
#include <vector>

#include "traj/correlation.hpp"
#include "traj/ensemble.hpp"
#include "traj/random_stream.hpp"
#include "traj/sensitivity.hpp"
#include "traj/tempered_smc.hpp"

using namespace traj;

namespace {

Parameter named(const char* name, Distribution distribution) {
  Parameter parameter;
  parameter.name = name;
  parameter.named = true;
  parameter.distribution = distribution;
  return parameter;
}

const Distribution STANDARD_NORMAL{Distribution::Family::Normal, 0.0, 1.0, 0.0};
const Distribution UNIT_UNIFORM{Distribution::Family::Uniform, 0.0, 1.0, 0.0};

/// Ranks 1 … n of `values` (no ties: continuous draws).
std::vector<double> ranks(const double* values, std::size_t n) {
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  std::vector<double> rank(n);
  for (std::size_t i = 0; i < n; ++i) rank[order[i]] = static_cast<double>(i + 1);
  return rank;
}

double pearson(const std::vector<double>& x, const std::vector<double>& y) {
  const double n = static_cast<double>(x.size());
  const double mx = std::accumulate(x.begin(), x.end(), 0.0) / n;
  const double my = std::accumulate(y.begin(), y.end(), 0.0) / n;
  double sxy = 0.0, sxx = 0.0, syy = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return sxy / std::sqrt(sxx * syy);
}

double spearman(const double* x, const double* y, std::size_t n) {
  return pearson(ranks(x, n), ranks(y, n));
}

/// The standard error of a sample Spearman correlation near ρ for n pairs
/// of a normal copula: (1 − ρ²) √(1.06 / (n − 3)) (Fieller, Hartley &
/// Pearson 1957, the variance of Fisher's z of Spearman's ρ).
double spearman_se(double rho, std::size_t n) {
  return (1.0 - rho * rho) * std::sqrt(1.06 / (static_cast<double>(n) - 3.0));
}

/// y = Σ x_p over every parameter: Var(y) and its groups' shares in closed form.
class SumModel final : public Model {
 public:
  explicit SumModel(ParameterSet parameters) : parameters_(std::move(parameters)) {}
  const ParameterSet& parameters() const override { return parameters_; }
  std::size_t rows() const override { return 1; }
  std::size_t years() const override { return 1; }
  std::unique_ptr<BlockEvaluator> make_evaluator(std::size_t max_lanes) const override {
    return std::make_unique<Evaluator>(max_lanes, parameters_.size());
  }

 private:
  class Evaluator final : public BlockEvaluator {
   public:
    Evaluator(std::size_t lanes, std::size_t count) : out_(lanes), count_(count) {}
    void run(const double* x, std::size_t lanes, YearSink& sink) override {
      for (std::size_t l = 0; l < lanes; ++l) {
        double sum = 0.0;
        for (std::size_t p = 0; p < count_; ++p) sum += x[p * lanes + l];
        out_[l] = sum;
      }
      sink.year(0, out_.data(), lanes);
    }

   private:
    std::vector<double> out_;
    std::size_t count_;
  };
  ParameterSet parameters_;
};

}  // namespace

TEST_CASE("copula_pearson: r = 2 sin(pi rho / 6)") {
  CHECK(copula_pearson(0.0) == 0.0);
  CHECK(copula_pearson(1.0) == Approx(1.0).epsilon(1e-15));
  CHECK(copula_pearson(-1.0) == Approx(-1.0).epsilon(1e-15));
  CHECK(copula_pearson(0.5) == Approx(0.5176380902).epsilon(1e-9));  // 2 sin(pi / 12)
  CHECK(copula_pearson(-0.6) == Approx(-0.6180339887).epsilon(1e-9));
}

TEST_CASE("correlation_components: connected components, pairs attached") {
  const std::vector<RankCorrelation> pairs = {{1, 2, 0.3}, {4, 5, 0.1}, {2, 3, -0.2}};
  const auto components = correlation_components(6, pairs);
  REQUIRE(components.size() == 2);
  CHECK(components[0].parameters == std::vector<std::size_t>{1, 2, 3});
  CHECK(components[0].pairs == std::vector<std::size_t>{0, 2});
  CHECK(components[1].parameters == std::vector<std::size_t>{4, 5});
  CHECK(components[1].pairs == std::vector<std::size_t>{1});
}

TEST_CASE("CorrelationGroup: F F^T is the copula matrix, also when semi-definite") {
  for (const double rank_bc : {0.4, 1.0}) {
    const std::vector<RankCorrelation> pairs = {{0, 1, 0.7}, {1, 2, rank_bc}, {0, 2, 0.2}};
    const auto components = correlation_components(3, pairs);
    REQUIRE(components.size() == 1);
    if (rank_bc == 1.0) {
      // Not a valid matrix with 0.7 and 0.2 (b = c forces r_ab = r_ac).
      CHECK(check_semidefinite(components[0], pairs).has_value());
      continue;
    }
    REQUIRE_FALSE(check_semidefinite(components[0], pairs).has_value());
    const CorrelationGroup group(components[0], pairs);
    const auto& order = group.parameters();
    const auto& f = group.factor();
    const auto r = [&](std::size_t a, std::size_t b) {
      if (a == b) return 1.0;
      for (const auto& pair : pairs) {
        if ((pair.first == a && pair.second == b) || (pair.first == b && pair.second == a))
          return copula_pearson(pair.rank);
      }
      return 0.0;
    };
    for (std::size_t i = 0; i < 3; ++i) {
      for (std::size_t j = 0; j < 3; ++j) {
        double product = 0.0;
        for (std::size_t k = 0; k < 3; ++k) product += f[i * 3 + k] * f[j * 3 + k];
        CHECK(product == Approx(r(order[i], order[j])).margin(1e-12));
        if (j > i) CHECK(f[i * 3 + j] == 0.0);  // lower triangular
      }
    }
  }
  // ρ_s = 1 between two parameters: semi-definite, factorised, and the two
  // uniforms equal (to rounding) for every member.
  ParameterSet set;
  set.add(named("a", UNIT_UNIFORM));
  set.add(named("b", UNIT_UNIFORM));
  set.set_correlations({{0, 1, 1.0}});
  std::vector<double> values(2 * 64);
  sample_parameters(set, 3, 0, 64, values.data());
  for (std::size_t l = 0; l < 64; ++l) CHECK(values[l] == Approx(values[64 + l]).margin(1e-12));
}

TEST_CASE("check_semidefinite: the smallest eigenvalue and the pair most responsible") {
  // Three equal rank correlations −0.6: r = −0.618…, eigenvalues 1 + 2r
  // (once) and 1 − r (twice): the smallest is 1 − 4 sin(pi / 10) = −0.2360680.
  const std::vector<RankCorrelation> equal = {{0, 1, -0.6}, {1, 2, -0.6}, {0, 2, -0.6}};
  const auto defect = check_semidefinite(correlation_components(3, equal)[0], equal);
  REQUIRE(defect.has_value());
  CHECK(defect->smallest_eigenvalue == Approx(1.0 - 4.0 * std::sin(M_PI / 10.0)).epsilon(1e-12));
  // The rule: shrinking the chosen pair towards 0 raises the smallest
  // eigenvalue more than shrinking any other pair by the same share.
  const std::vector<RankCorrelation> pairs = {
      {0, 1, 0.9}, {1, 2, 0.8}, {0, 2, -0.7}, {2, 3, 0.3}, {0, 3, 0.1}};
  const auto component = correlation_components(4, pairs)[0];
  const auto found = check_semidefinite(component, pairs);
  REQUIRE(found.has_value());
  CHECK(found->smallest_eigenvalue < 0.0);
  std::vector<double> raised;
  for (std::size_t k = 0; k < pairs.size(); ++k) {
    auto shrunk = pairs;
    shrunk[k].rank *= 0.99;
    const auto after = check_semidefinite(component, shrunk);
    raised.push_back((after ? after->smallest_eigenvalue : 0.0) - found->smallest_eigenvalue);
  }
  const auto best =
      static_cast<std::size_t>(std::max_element(raised.begin(), raised.end()) - raised.begin());
  CHECK(found->pair == best);
  ParameterSet set;
  for (const char* name : {"a", "b", "c", "d"}) set.add(named(name, UNIT_UNIFORM));
  CHECK_THROWS_WITH(set.set_correlations(pairs),
                    Catch::Contains("smallest eigenvalue") && Catch::Contains("most responsible"));
}

TEST_CASE("Copula draws: the empirical Spearman within 4 standard errors, the marginals kept") {
  const Distribution lognormal{Distribution::Family::Lognormal, 2.0, 0.5, 0.0};
  const Distribution triangular{Distribution::Family::Triangular, 1.0, 2.0, 5.0};
  constexpr std::size_t N = 20000;
  for (const double rho : {0.6, -0.35}) {
    ParameterSet set;
    set.add(named("a", UNIT_UNIFORM));
    set.add(named("b", lognormal));
    set.add(named("c", triangular));
    set.set_correlations({{0, 1, rho}, {1, 2, 0.3}});
    std::vector<double> values(3 * N);
    ParameterSampler(set, 11).fill(0, N, values.data());
    const double* a = values.data();
    const double* b = values.data() + N;
    const double* c = values.data() + 2 * N;
    CHECK(std::abs(spearman(a, b, N) - rho) < 4.0 * spearman_se(rho, N));
    CHECK(std::abs(spearman(b, c, N) - 0.3) < 4.0 * spearman_se(0.3, N));
    // a and c, in one group but not stated: r_ac = 0, independent ranks
    // (not r_ab r_bc, which a chain of partial correlations would give).
    CHECK(std::abs(spearman(a, c, N)) < 4.0 * spearman_se(0.0, N));
    // Marginals: a's mean 1/2 (sd 1/√12), b's median 2 (half below).
    const double mean_a = std::accumulate(a, a + N, 0.0) / N;
    CHECK(std::abs(mean_a - 0.5) < 4.0 / std::sqrt(12.0 * N));
    const auto below =
        static_cast<double>(std::count_if(b, b + N, [](double x) { return x < 2.0; }));
    CHECK(std::abs(below / N - 0.5) < 4.0 * 0.5 / std::sqrt(static_cast<double>(N)));
  }
}

TEST_CASE("Copula draws: P(X > mean, Y > mean) = 1/4 + asin(r) / (2 pi) for two normals") {
  const Distribution x{Distribution::Family::Normal, 3.0, 2.0, 0.0};
  const Distribution y{Distribution::Family::Normal, -1.0, 0.5, 0.0};
  constexpr std::size_t N = 40000;
  for (const double rho : {0.5, -0.8}) {
    ParameterSet set;
    set.add(named("x", x));
    set.add(named("y", y));
    set.set_correlations({{0, 1, rho}});
    std::vector<double> values(2 * N);
    sample_parameters(set, 5, 1000, N, values.data());
    std::size_t both = 0;
    for (std::size_t m = 0; m < N; ++m) both += values[m] > 3.0 && values[N + m] > -1.0 ? 1 : 0;
    const double p = 0.25 + std::asin(copula_pearson(rho)) / (2.0 * M_PI);
    const double share = static_cast<double>(both) / N;
    CHECK(std::abs(share - p) < 4.0 * std::sqrt(p * (1.0 - p) / N));
  }
}

TEST_CASE("Copula draws: independent parameters bit-identical, members independent of blocks") {
  ParameterSet plain, correlated;
  for (ParameterSet* set : {&plain, &correlated}) {
    set->add(named("a", STANDARD_NORMAL));
    set->add(named("free", {Distribution::Family::Pert, 0.0, 1.0, 4.0}));
    set->add(named("b", UNIT_UNIFORM));
  }
  correlated.set_correlations({{0, 2, 0.7}});
  constexpr std::size_t N = 100;
  std::vector<double> x(3 * N), y(3 * N);
  sample_parameters(plain, 9, 40, N, x.data());
  sample_parameters(correlated, 9, 40, N, y.data());
  CHECK(std::equal(x.begin() + N, x.begin() + 2 * N, y.begin() + N));  // "free": the same bits
  CHECK_FALSE(std::equal(x.begin(), x.begin() + N, y.begin()));        // "a" is correlated
  // Member 40 + l is the same whatever the block it is drawn in.
  std::vector<double> single(3);
  for (const std::size_t l : {0UL, 7UL, 99UL}) {
    sample_parameters(correlated, 9, 40 + l, 1, single.data());
    for (std::size_t p = 0; p < 3; ++p) CHECK(single[p] == y[p * N + l]);
  }
  // fill_parameter gives fill's numbers, parameter by parameter.
  const ParameterSampler sampler(correlated, 9);
  std::vector<double> row(N), scratch;
  for (std::size_t p = 0; p < 3; ++p) {
    sampler.fill_parameter(p, 40, N, row.data(), scratch);
    CHECK(std::equal(row.begin(), row.end(), y.begin() + static_cast<std::ptrdiff_t>(p * N)));
  }
}

TEST_CASE("Ensemble with correlations: the same statistics at 1 and 2 threads") {
  ParameterSet set;
  set.add(named("a", STANDARD_NORMAL));
  set.add(named("b", STANDARD_NORMAL));
  set.add(named("c", UNIT_UNIFORM));
  set.set_correlations({{0, 1, 0.8}});
  const SumModel model(set);
  EnsembleOptions options;
  options.members = 5000;
  options.seed = 4;
  options.threads = 1;
  const auto one = run_ensemble(model, {}, options);
  options.threads = 2;
  const auto two = run_ensemble(model, {}, options);
  CHECK(one.mean == two.mean);
  CHECK(one.sd == two.sd);
  // Var(a + b + c) = 2 + 2 r + 1/12.
  const double r = copula_pearson(0.8);
  const double sd = std::sqrt(2.0 + 2.0 * r + 1.0 / 12.0);
  CHECK(one.sd[0] == Approx(sd).epsilon(4.0 / std::sqrt(2.0 * 5000.0)));
}

TEST_CASE("Sensitivity: correlated parameters grouped into one factor, indices in closed form") {
  ParameterSet set;
  set.add(named("a", STANDARD_NORMAL));
  set.add(named("b", STANDARD_NORMAL));
  set.add(named("c", STANDARD_NORMAL));
  set.set_correlations({{0, 1, 0.6}});
  const auto factors = group_correlated_factors(single_factors(set), set);
  REQUIRE(factors.size() == 2);
  CHECK(factors[0].name == "a + b");
  CHECK(factors[0].parameters == std::vector<std::size_t>{0, 1});
  CHECK(factors[0].merged == std::vector<std::string>{"a", "b"});
  CHECK(factors[1].name == "c");
  CHECK(factors[1].merged.empty());
  // Without correlations, nothing changes.
  ParameterSet plain;
  plain.add(named("a", STANDARD_NORMAL));
  plain.add(named("b", STANDARD_NORMAL));
  CHECK(group_correlated_factors(single_factors(plain), plain).size() == 2);
  // y = a + b + c: the group's share is Var(a + b) / Var(y) = (2 + 2r) / (3 + 2r).
  const SumModel model(set);
  const SensitivityOutput output{"y", false, 0, 0, {}};
  SensitivityOptions options;
  options.samples = 8192;
  options.bootstrap = 0;
  const auto sobol = sobol_indices(model, factors, {output}, options);
  const double r = copula_pearson(0.6);
  const double share = (2.0 + 2.0 * r) / (3.0 + 2.0 * r);
  CHECK(sobol.sobol[0].first == Approx(share).margin(0.02));
  CHECK(sobol.sobol[0].total == Approx(share).margin(0.02));
  CHECK(sobol.sobol[1].first == Approx(1.0 - share).margin(0.02));
  CHECK(sobol.variance[0] == Approx(3.0 + 2.0 * r).epsilon(0.03));
}

TEST_CASE("Tempered SMC with correlations: start = the ensemble's members, moves keep the copula") {
  ParameterSet set;
  set.add(named("a", STANDARD_NORMAL));
  set.add(named("b", UNIT_UNIFORM));
  set.set_correlations({{0, 1, -0.7}});
  const SumModel model(set);
  const SensitivityOutput output{"y", false, 0, 0, {}};
  TemperedSmcOptions options;
  options.particles = 4000;
  options.seed = 8;
  options.min_moves = 3;
  options.max_moves = 3;
  // A flat likelihood: the posterior is the prior, every move is accepted.
  const auto result = tempered_smc(
      model, {output}, [](const double*) { return 0.0; }, options);
  REQUIRE(result.parameters.size() == 2 * 4000);
  std::vector<double> a(4000), b(4000);
  for (std::size_t i = 0; i < 4000; ++i) {
    a[i] = result.parameters[i * 2];
    b[i] = result.parameters[i * 2 + 1];
  }
  CHECK(std::abs(spearman(a.data(), b.data(), 4000) + 0.7) < 4.0 * spearman_se(0.7, 4000));
}
