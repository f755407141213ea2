// ParameterSampler (traj/ensemble.hpp): member m's draws of parameter p
// depend only on (seed, name of p, m), never on the block, thread or rank.
#include "traj/ensemble.hpp"
#include "traj/random_stream.hpp"

namespace traj {

ParameterSampler::ParameterSampler(const ParameterSet& parameters, std::uint64_t seed) {
  for (const auto& parameter : parameters.all()) {
    samplers_.emplace_back(parameter.distribution);
    keys_.push_back(stream_key(seed, parameter.name));
  }
}

ParameterSampler::~ParameterSampler() = default;

void ParameterSampler::fill(std::uint64_t first, std::size_t lanes, double* values) const {
  for (std::size_t p = 0; p < samplers_.size(); ++p) {
    const Sampler& sampler = samplers_[p];
    double* row = values + p * lanes;
    uniform_draws(keys_[p], first, lanes, row);
    sampler.transform(row, lanes);
  }
}

void sample_parameters(const ParameterSet& parameters, std::uint64_t seed, std::uint64_t first,
                       std::size_t lanes, double* values) {
  ParameterSampler(parameters, seed).fill(first, lanes, values);
}

}  // namespace traj
