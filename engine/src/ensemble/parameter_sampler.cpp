// ParameterSampler (traj/ensemble.hpp): member m's draws of parameter p
// depend only on (seed, names of p and of the parameters correlated with it,
// m), never on the block, thread or rank.
#include <algorithm>

#include "traj/ensemble.hpp"
#include "traj/random_stream.hpp"

namespace traj {

ParameterSampler::ParameterSampler(const ParameterSet& parameters, std::uint64_t seed)
    : groups_(parameters.correlation_groups()), prepared_for_(&parameters), seed_(seed) {
  for (const auto& parameter : parameters.all()) {
    samplers_.emplace_back(parameter.distribution);
    keys_.push_back(stream_key(seed, parameter.name));
  }
}

ParameterSampler::~ParameterSampler() = default;

void ParameterSampler::fill(std::uint64_t first, std::size_t lanes, double* values) const {
  if (groups_.empty()) {
    for (std::size_t p = 0; p < samplers_.size(); ++p) {
      double* row = values + p * lanes;
      uniform_draws(keys_[p], first, lanes, row);
      samplers_[p].transform(row, lanes);
    }
    return;
  }
  // Every uniform first, then the copula of each group (in place), then the
  // inverse CDFs: an independent parameter's numbers are the same as above.
  for (std::size_t p = 0; p < samplers_.size(); ++p)
    uniform_draws(keys_[p], first, lanes, values + p * lanes);
  for (const auto& group : groups_) group.correlate(values, lanes);
  for (std::size_t p = 0; p < samplers_.size(); ++p)
    samplers_[p].transform(values + p * lanes, lanes);
}

void ParameterSampler::fill_parameter(std::size_t p, std::uint64_t first, std::size_t lanes,
                                      double* out, std::vector<double>& scratch) const {
  const auto group = std::find_if(groups_.begin(), groups_.end(),
                                  [p](const CorrelationGroup& g) { return g.contains(p); });
  if (group == groups_.end()) {
    uniform_draws(keys_[p], first, lanes, out);
    samplers_[p].transform(out, lanes);
    return;
  }
  const auto& members = group->parameters();
  scratch.resize(members.size() * lanes);
  for (std::size_t i = 0; i < members.size(); ++i)
    uniform_draws(keys_[members[i]], first, lanes, scratch.data() + i * lanes);
  group->correlate_compact(scratch.data(), lanes);
  const auto i =
      static_cast<std::size_t>(std::find(members.begin(), members.end(), p) - members.begin());
  std::copy_n(scratch.data() + i * lanes, lanes, out);
  samplers_[p].transform(out, lanes);
}

void sample_parameters(const ParameterSet& parameters, std::uint64_t seed, std::uint64_t first,
                       std::size_t lanes, double* values) {
  ParameterSampler(parameters, seed).fill(first, lanes, values);
}

}  // namespace traj
