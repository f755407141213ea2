#pragma once
/// Shapley values (Shapley 1953, "A value for n-person games") of players
/// whose worth is measured member by member on common random numbers: each
/// coalition S of players is evaluated once on the same members, v_m(S) per
/// member m and outcome, and the players' shares are averages over members
/// of the members' own Shapley values, so that their standard errors come
/// from the members' spread.
///
/// - Exact up to `exact_up_to` players: every one of the 2^k coalitions,
///   φ_i = Σ_{S ∌ i} |S|! (k − |S| − 1)! / k! · (v(S ∪ {i}) − v(S)).
/// - Beyond: permutation sampling (Castro, Gómez & Tejada 2009, "Polynomial
///   calculation of the Shapley value based on sampling", Comput. Oper.
///   Res. 36): M random orders of the players, each player credited with
///   what it adds when it joins; 1 + M·k evaluations. Each order's credits
///   add up to v(all) − v(none) exactly, as the exact values do.
///
/// The orders are counter-based draws from the seed: the result depends on
/// the seed only, never on threads.

#include <cstdint>
#include <functional>
#include <vector>

namespace traj {

struct ShapleyOptions {
  std::size_t exact_up_to = 12;
  std::uint64_t permutations = 20;  ///< orders sampled beyond `exact_up_to` players
  std::uint64_t seed = 1;
  /// Polled before each evaluation: true stops (`cancelled`).
  std::function<bool()> cancelled;
};

struct ShapleyResult {
  bool exact = true;
  std::uint64_t permutations = 0;  ///< sampled orders (0 when exact)
  std::uint64_t evaluations = 0;
  std::size_t players = 0, outcomes = 0;
  /// [player × outcome]: the mean share, and its standard error (members'
  /// spread, and with sampling the orders' spread too).
  std::vector<double> share, standard_error;
  std::vector<double> everyone, nobody;  ///< per outcome: mean v(all), v(none)
  bool cancelled = false;
};

/// `evaluate(in, values)` fills `values[outcome × members + member]` with
/// v_m(S) for the players S with in[i] true (values is sized by the caller).
using CoalitionWorth =
    std::function<void(const std::vector<bool>& in, std::vector<double>& values)>;

ShapleyResult shapley_values(std::size_t players, std::size_t members, std::size_t outcomes,
                             const CoalitionWorth& evaluate, const ShapleyOptions& options);

}  // namespace traj
