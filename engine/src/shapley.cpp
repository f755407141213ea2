#include "traj/shapley.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "traj/random_stream.hpp"

namespace traj {
namespace {

/// |S|! (k − |S| − 1)! / k! = 1 / (k · C(k − 1, |S|)).
std::vector<double> subset_weights(std::size_t players) {
  std::vector<double> weights(players);
  double binomial = 1.0;  // C(k − 1, s)
  for (std::size_t s = 0; s < players; ++s) {
    weights[s] = 1.0 / (static_cast<double>(players) * binomial);
    binomial = binomial * static_cast<double>(players - 1 - s) / static_cast<double>(s + 1);
  }
  return weights;
}

double mean_of(const double* values, std::size_t count) {
  double sum = 0.0;
  for (std::size_t m = 0; m < count; ++m) sum += values[m];
  return sum / static_cast<double>(count);
}

/// The mean and the standard error of the mean of `count` values.
std::pair<double, double> mean_and_error(const double* values, std::size_t count) {
  const double mean = mean_of(values, count);
  if (count < 2) return {mean, 0.0};
  double squares = 0.0;
  for (std::size_t m = 0; m < count; ++m) squares += (values[m] - mean) * (values[m] - mean);
  return {mean, std::sqrt(squares / static_cast<double>(count - 1) / static_cast<double>(count))};
}

struct Totals {
  std::vector<double> everyone, nobody;
};

void record_totals(const std::vector<bool>& in, const std::vector<double>& values,
                   std::size_t members, std::size_t outcomes, Totals& totals) {
  const bool none = std::none_of(in.begin(), in.end(), [](bool b) { return b; });
  const bool all = std::all_of(in.begin(), in.end(), [](bool b) { return b; });
  for (std::size_t o = 0; o < outcomes; ++o) {
    if (none) totals.nobody[o] = mean_of(values.data() + o * members, members);
    if (all) totals.everyone[o] = mean_of(values.data() + o * members, members);
  }
}

ShapleyResult exact_values(std::size_t players, std::size_t members, std::size_t outcomes,
                           const CoalitionWorth& evaluate, const ShapleyOptions& options) {
  ShapleyResult result;
  const std::vector<double> weights = subset_weights(players);
  // Per member: [player × outcome × member]
  std::vector<double> shares(players * outcomes * members, 0.0);
  std::vector<double> values(outcomes * members);
  Totals totals{std::vector<double>(outcomes), std::vector<double>(outcomes)};
  std::vector<bool> in(players);
  const std::uint64_t subsets = std::uint64_t{1} << players;
  for (std::uint64_t mask = 0; mask < subsets; ++mask) {
    if (options.cancelled && options.cancelled()) {
      result.cancelled = true;
      return result;
    }
    std::size_t size = 0;
    for (std::size_t i = 0; i < players; ++i) {
      in[i] = ((mask >> i) & 1U) != 0;
      size += in[i] ? 1 : 0;
    }
    evaluate(in, values);
    ++result.evaluations;
    record_totals(in, values, members, outcomes, totals);
    for (std::size_t i = 0; i < players; ++i) {
      // v(S) enters φ_i with + w(|S| − 1) when i ∈ S, − w(|S|) when not.
      const double weight = in[i] ? weights[size - 1] : -(size < players ? weights[size] : 0.0);
      double* share = shares.data() + i * outcomes * members;
      for (std::size_t k = 0; k < outcomes * members; ++k) share[k] += weight * values[k];
    }
  }
  for (std::size_t i = 0; i < players; ++i) {
    for (std::size_t o = 0; o < outcomes; ++o) {
      const auto [mean, error] =
          mean_and_error(shares.data() + (i * outcomes + o) * members, members);
      result.share.push_back(mean);
      result.standard_error.push_back(error);
    }
  }
  result.everyone = std::move(totals.everyone);
  result.nobody = std::move(totals.nobody);
  return result;
}

/// A random order of the players: Fisher–Yates on counter-based draws.
std::vector<std::size_t> random_order(std::size_t players, std::uint64_t key,
                                      std::uint64_t permutation) {
  std::vector<std::size_t> order(players);
  std::iota(order.begin(), order.end(), 0);
  for (std::size_t j = players; j > 1; --j) {
    const double u = uniform_draw(key, permutation, static_cast<std::uint32_t>(j));
    const auto pick = std::min(j - 1, static_cast<std::size_t>(u * static_cast<double>(j)));
    std::swap(order[j - 1], order[pick]);
  }
  return order;
}

ShapleyResult sampled_values(std::size_t players, std::size_t members, std::size_t outcomes,
                             const CoalitionWorth& evaluate, const ShapleyOptions& options) {
  ShapleyResult result;
  result.exact = false;
  const std::uint64_t orders = options.permutations;
  const std::uint64_t key = stream_key(options.seed, "shapley-orders");
  // Per player and outcome: the credits summed over orders, member by member,
  // and each order's mean credit.
  std::vector<double> by_member(players * outcomes * members, 0.0);
  std::vector<double> by_order(players * outcomes * orders, 0.0);
  std::vector<double> before(outcomes * members), after(outcomes * members);
  Totals totals{std::vector<double>(outcomes), std::vector<double>(outcomes)};
  std::vector<bool> in(players, false);
  evaluate(in, before);
  ++result.evaluations;
  record_totals(in, before, members, outcomes, totals);
  const std::vector<double> nobody = before;
  for (std::uint64_t p = 0; p < orders; ++p) {
    std::fill(in.begin(), in.end(), false);
    before = nobody;
    for (const std::size_t player : random_order(players, key, p)) {
      if (options.cancelled && options.cancelled()) {
        result.cancelled = true;
        return result;
      }
      in[player] = true;
      evaluate(in, after);
      ++result.evaluations;
      for (std::size_t o = 0; o < outcomes; ++o) {
        double* member_sums = by_member.data() + (player * outcomes + o) * members;
        double order_sum = 0.0;
        for (std::size_t m = 0; m < members; ++m) {
          const double credit = after[o * members + m] - before[o * members + m];
          member_sums[m] += credit;
          order_sum += credit;
        }
        by_order[(player * outcomes + o) * orders + p] = order_sum / static_cast<double>(members);
      }
      std::swap(before, after);
    }
    record_totals(in, before, members, outcomes, totals);
  }
  result.permutations = orders;
  for (std::size_t i = 0; i < players; ++i) {
    for (std::size_t o = 0; o < outcomes; ++o) {
      // Two sources of error: which orders were drawn, and which members.
      double* member_sums = by_member.data() + (i * outcomes + o) * members;
      for (std::size_t m = 0; m < members; ++m) member_sums[m] /= static_cast<double>(orders);
      const double member_error = mean_and_error(member_sums, members).second;
      const auto [order_mean, order_error] =
          mean_and_error(by_order.data() + (i * outcomes + o) * orders, orders);
      result.share.push_back(order_mean);
      result.standard_error.push_back(std::hypot(member_error, order_error));
    }
  }
  result.everyone = std::move(totals.everyone);
  result.nobody = std::move(totals.nobody);
  return result;
}

}  // namespace

ShapleyResult shapley_values(std::size_t players, std::size_t members, std::size_t outcomes,
                             const CoalitionWorth& evaluate, const ShapleyOptions& options) {
  if (players == 0 || members == 0) {
    throw std::invalid_argument("shapley_values: expected at least one player and some members");
  }
  // The exact values enumerate the coalitions as the bits of one 64-bit
  // mask; sampled orders have no such limit.
  if (players <= options.exact_up_to && players > 63) {
    throw std::invalid_argument("shapley_values: exact values for at most 63 players");
  }
  if (players > options.exact_up_to && options.permutations < 2) {
    throw std::invalid_argument("shapley_values: expected at least 2 sampled orders");
  }
  ShapleyResult result = players <= options.exact_up_to
                             ? exact_values(players, members, outcomes, evaluate, options)
                             : sampled_values(players, members, outcomes, evaluate, options);
  result.players = players;
  result.outcomes = outcomes;
  return result;
}

}  // namespace traj
