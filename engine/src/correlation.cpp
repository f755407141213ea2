#include "traj/correlation.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <numeric>

#include "traj/sampler.hpp"

namespace traj {

double copula_pearson(double rank) {
  return 2.0 * std::sin(M_PI * rank / 6.0);
}

double copula_uniform(double z) {
  return std::clamp(0.5 * std::erfc(-z * M_SQRT1_2), 0x1p-54, 1.0 - 0x1p-53);
}

std::vector<CorrelationComponent> correlation_components(
    std::size_t parameter_count, const std::vector<RankCorrelation>& correlations) {
  // Union–find over the parameters, then one component per root that has a pair.
  std::vector<std::size_t> parent(parameter_count);
  std::iota(parent.begin(), parent.end(), 0);
  const auto root = [&](std::size_t p) {
    while (parent[p] != p) p = parent[p] = parent[parent[p]];
    return p;
  };
  for (const auto& pair : correlations) {
    const std::size_t a = root(pair.first), b = root(pair.second);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
  std::vector<int> component_of(parameter_count, -1);
  std::vector<CorrelationComponent> components;
  std::vector<bool> linked(parameter_count, false);
  for (const auto& pair : correlations) linked[pair.first] = linked[pair.second] = true;
  for (std::size_t p = 0; p < parameter_count; ++p) {
    if (!linked[p]) continue;
    const std::size_t r = root(p);
    if (component_of[r] < 0) {
      component_of[r] = static_cast<int>(components.size());
      components.emplace_back();
    }
    components[static_cast<std::size_t>(component_of[r])].parameters.push_back(p);
  }
  for (std::size_t i = 0; i < correlations.size(); ++i) {
    components[static_cast<std::size_t>(component_of[root(correlations[i].first)])].pairs.push_back(
        i);
  }
  return components;
}

namespace {

/// The component's copula (Pearson) matrix, in component.parameters order.
Eigen::MatrixXd copula_matrix(const CorrelationComponent& component,
                              const std::vector<RankCorrelation>& correlations) {
  const auto n = static_cast<Eigen::Index>(component.parameters.size());
  Eigen::MatrixXd matrix = Eigen::MatrixXd::Identity(n, n);
  const auto position = [&](std::size_t parameter) {
    return static_cast<Eigen::Index>(
        std::lower_bound(component.parameters.begin(), component.parameters.end(), parameter) -
        component.parameters.begin());
  };
  for (const std::size_t k : component.pairs) {
    const Eigen::Index i = position(correlations[k].first), j = position(correlations[k].second);
    matrix(i, j) = matrix(j, i) = copula_pearson(correlations[k].rank);
  }
  return matrix;
}

}  // namespace

std::optional<IndefiniteCorrelation> check_semidefinite(
    const CorrelationComponent& component, const std::vector<RankCorrelation>& correlations) {
  const Eigen::MatrixXd matrix = copula_matrix(component, correlations);
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(matrix);
  const double smallest = solver.eigenvalues()(0);  // increasing order
  if (smallest >= -CORRELATION_EIGENVALUE_TOLERANCE) return std::nullopt;
  const Eigen::VectorXd v = solver.eigenvectors().col(0);
  IndefiniteCorrelation defect{smallest, component.pairs.front()};
  double worst = 0.0;
  for (const std::size_t k : component.pairs) {
    const auto at = [&](std::size_t parameter) {
      return static_cast<Eigen::Index>(
          std::lower_bound(component.parameters.begin(), component.parameters.end(), parameter) -
          component.parameters.begin());
    };
    const Eigen::Index i = at(correlations[k].first), j = at(correlations[k].second);
    const double contribution = v(i) * v(j) * matrix(i, j);
    if (contribution < worst) {
      worst = contribution;
      defect.pair = k;
    }
  }
  return defect;
}

CorrelationGroup::CorrelationGroup(const CorrelationComponent& component,
                                   const std::vector<RankCorrelation>& correlations) {
  const Eigen::MatrixXd matrix = copula_matrix(component, correlations);
  const auto n = matrix.rows();
  // Pivoted LDLT: P R Pᵀ = L D Lᵀ, D ≥ 0 up to rounding for a semi-definite
  // R (a zero pivot leaves its column of L unused). F = L √D in the pivot
  // order; the group's parameters are stored in that order, so that F is
  // lower triangular and the mixing runs in place.
  const Eigen::LDLT<Eigen::MatrixXd> ldlt(matrix);
  Eigen::VectorXi order = Eigen::VectorXi::LinSpaced(n, 0, static_cast<int>(n - 1));
  order = ldlt.transpositionsP() * order;
  const Eigen::MatrixXd lower = ldlt.matrixL();
  const Eigen::VectorXd diagonal = ldlt.vectorD();
  parameters_.resize(static_cast<std::size_t>(n));
  factor_.assign(static_cast<std::size_t>(n * n), 0.0);
  for (Eigen::Index i = 0; i < n; ++i) {
    parameters_[static_cast<std::size_t>(i)] =
        component.parameters[static_cast<std::size_t>(order(i))];
    for (Eigen::Index j = 0; j <= i; ++j) {
      factor_[static_cast<std::size_t>(i * n + j)] =
          lower(i, j) * std::sqrt(std::max(0.0, diagonal(j)));
    }
  }
}

bool CorrelationGroup::contains(std::size_t parameter) const {
  return std::find(parameters_.begin(), parameters_.end(), parameter) != parameters_.end();
}

template <typename RowAt>
void CorrelationGroup::mix(RowAt row_at, std::size_t lanes) const {
  // x_i = Σ_{j ≤ i} F_ij z_j from the last row up: row i reads rows j < i,
  // which still hold z.
  const std::size_t n = parameters_.size();
  for (std::size_t i = n; i-- > 0;) {
    double* row = row_at(i);
    const double diagonal = factor_[i * n + i];
    for (std::size_t l = 0; l < lanes; ++l) row[l] *= diagonal;
    for (std::size_t j = 0; j < i; ++j) {
      const double weight = factor_[i * n + j];
      if (weight == 0.0) continue;
      const double* source = row_at(j);
      for (std::size_t l = 0; l < lanes; ++l) row[l] += weight * source[l];
    }
  }
}

template <typename RowAt>
void CorrelationGroup::correlate_rows(RowAt row_at, std::size_t lanes) const {
  for (std::size_t i = 0; i < parameters_.size(); ++i) {
    double* row = row_at(i);
    for (std::size_t l = 0; l < lanes; ++l) row[l] = normal_quantile(row[l]);
  }
  mix(row_at, lanes);
  for (std::size_t i = 0; i < parameters_.size(); ++i) {
    double* row = row_at(i);
    for (std::size_t l = 0; l < lanes; ++l) row[l] = copula_uniform(row[l]);
  }
}

void CorrelationGroup::correlate(double* values, std::size_t lanes) const {
  correlate_rows([&](std::size_t i) { return values + parameters_[i] * lanes; }, lanes);
}

void CorrelationGroup::correlate_compact(double* values, std::size_t lanes) const {
  correlate_rows([&](std::size_t i) { return values + i * lanes; }, lanes);
}

void CorrelationGroup::mix_normals(double* values, std::size_t lanes) const {
  mix([&](std::size_t i) { return values + parameters_[i] * lanes; }, lanes);
}

}  // namespace traj
