#include "traj/random_stream.hpp"

#include <Random123/philox.h>

namespace traj {

double uniform_draw(std::uint64_t key, std::uint64_t member, std::uint32_t draw) {
  const r123::Philox4x32 generator;
  const r123::Philox4x32::ctr_type counter = {
      {static_cast<std::uint32_t>(member), static_cast<std::uint32_t>(member >> 32), draw, 0}};
  const r123::Philox4x32::key_type philox_key = {
      {static_cast<std::uint32_t>(key), static_cast<std::uint32_t>(key >> 32)}};
  const auto bits = generator(counter, philox_key);
  const std::uint64_t word = (static_cast<std::uint64_t>(bits[0]) << 32) | bits[1];
  // The 53 high bits, centred in their interval: (k + 0.5) / 2^53.
  return (static_cast<double>(word >> 11) + 0.5) * 0x1.0p-53;
}

}  // namespace traj
