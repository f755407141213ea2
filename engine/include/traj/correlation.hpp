#pragma once
/// Correlated uncertainties: rank correlations between parameters, sampled
/// with a Gaussian copula (docs/model.md#correlated-uncertainties).
///
/// A scenario states Spearman rank correlations ρ_s between named
/// parameters. Each connected component of that graph becomes a group whose
/// normal copula has the Pearson correlations r = 2 sin(π ρ_s / 6) (Kruskal
/// 1958; Iman & Conover 1982), factorised once as R = F Fᵀ (Eigen's LDLT,
/// pivoted, so that semi-definite matrices factorise too). A member's
/// independent uniforms u (the keyed streams) become normal scores
/// z = Φ⁻¹(u), then F z, then uniforms again through Φ, then values through
/// each parameter's inverse CDF: each marginal is unchanged, the ranks are
/// correlated, and every draw still depends only on (seed, names, member).

#include <cstddef>
#include <optional>
#include <vector>

namespace traj {

/// A rank (Spearman) correlation between two parameters of a ParameterSet.
struct RankCorrelation {
  std::size_t first = 0, second = 0;  ///< parameter indices, first ≠ second
  double rank = 0.0;                  ///< ρ_s in [−1, 1]
};

/// The Pearson correlation of the normal copula whose rank correlation is
/// `rank`: 2 sin(π ρ_s / 6).
double copula_pearson(double rank);

/// Φ(z) kept inside (0, 1) as the inverse CDFs need: [2⁻⁵⁴, 1 − 2⁻⁵³].
double copula_uniform(double z);

/// Parameters linked by correlations (a connected component), and the
/// pairs (indices into the list of correlations) that link them.
struct CorrelationComponent {
  std::vector<std::size_t> parameters;  ///< increasing
  std::vector<std::size_t> pairs;
};

/// The connected components with at least one correlation, ordered by
/// their first parameter.
std::vector<CorrelationComponent> correlation_components(
    std::size_t parameter_count, const std::vector<RankCorrelation>& correlations);

/// Why a component's copula matrix cannot be a correlation matrix.
struct IndefiniteCorrelation {
  double smallest_eigenvalue = 0.0;
  /// The pair (index into the correlations) most responsible: the one whose
  /// shrinking towards 0 raises the smallest eigenvalue fastest, i.e. the
  /// most negative v_i v_j r_ij for the eigenvector v of that eigenvalue
  /// (first-order perturbation: dλ/dt = −2 v_i v_j r_ij when r_ij → (1 − t) r_ij).
  std::size_t pair = 0;
};

/// Eigenvalues below −TOLERANCE refuse a matrix; those in [−TOLERANCE, 0]
/// are rounding and count as 0 (a semi-definite matrix, e.g. ρ_s = ±1).
inline constexpr double CORRELATION_EIGENVALUE_TOLERANCE = 1e-9;

/// Nothing when the component's copula matrix is positive semi-definite.
std::optional<IndefiniteCorrelation> check_semidefinite(
    const CorrelationComponent& component, const std::vector<RankCorrelation>& correlations);

/// A component prepared for sampling.
class CorrelationGroup {
 public:
  /// `component` must pass check_semidefinite.
  CorrelationGroup(const CorrelationComponent& component,
                   const std::vector<RankCorrelation>& correlations);

  /// The group's parameters in the factor's (pivot) order.
  const std::vector<std::size_t>& parameters() const { return parameters_; }
  /// F, n × n lower triangular, row-major, in parameters() order: R = F Fᵀ.
  const std::vector<double>& factor() const { return factor_; }
  bool contains(std::size_t parameter) const;

  /// values[p × lanes + l], for the group's p: independent uniforms in,
  /// the copula's uniforms out. In place, no allocation.
  void correlate(double* values, std::size_t lanes) const;
  /// The same on the group's rows only: values[i × lanes + l] for its i-th
  /// parameter in parameters() order.
  void correlate_compact(double* values, std::size_t lanes) const;
  /// values[p × lanes + l]: independent normal scores in, F z out.
  void mix_normals(double* values, std::size_t lanes) const;

 private:
  template <typename RowAt>
  void mix(RowAt row_at, std::size_t lanes) const;
  template <typename RowAt>
  void correlate_rows(RowAt row_at, std::size_t lanes) const;

  std::vector<std::size_t> parameters_;
  std::vector<double> factor_;
};

}  // namespace traj
