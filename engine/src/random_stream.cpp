#include "traj/random_stream.hpp"
#include "traj/lane_clones.hpp"

#include <Random123/philox.h>

#include <bit>

namespace traj {
namespace {

/// (k + 0.5) / 2^53 for the 53 high bits k of `word`.
inline double centred_unit(std::uint64_t word) {
  return (static_cast<double>(word >> 11) + 0.5) * 0x1.0p-53;
}

}  // namespace

double uniform_draw(std::uint64_t key, std::uint64_t member, std::uint32_t draw) {
  const r123::Philox4x32 generator;
  const r123::Philox4x32::ctr_type counter = {
      {static_cast<std::uint32_t>(member), static_cast<std::uint32_t>(member >> 32), draw, 0}};
  const r123::Philox4x32::key_type philox_key = {
      {static_cast<std::uint32_t>(key), static_cast<std::uint32_t>(key >> 32)}};
  const auto bits = generator(counter, philox_key);
  const std::uint64_t word = (static_cast<std::uint64_t>(bits[0]) << 32) | bits[1];
  // The 53 high bits, centred in their interval: (k + 0.5) / 2^53.
  return centred_unit(word);
}

// Philox4x32-10 written out (Salmon et al. 2011, and Random123's philox.h,
// whose constants and round these are) so that the loop over members
// vectorises: 32 × 32 → 64-bit products of four members at once. The test
// "draws in blocks are the draws one by one, bit for bit" holds it to
// uniform_draw bit for bit.
TRAJ_LANE_CLONES void uniform_draws(std::uint64_t key, std::uint64_t first_member,
                                    std::size_t count, double* out) {
  constexpr std::uint64_t M0 = 0xD2511F53, M1 = 0xCD9E8D57;
  constexpr std::uint32_t W0 = 0x9E3779B9, W1 = 0xBB67AE85;
  const auto key0 = static_cast<std::uint32_t>(key);
  const auto key1 = static_cast<std::uint32_t>(key >> 32);
  for (std::size_t l = 0; l < count; ++l) {
    const std::uint64_t member = first_member + l;
    std::uint32_t c0 = static_cast<std::uint32_t>(member);
    std::uint32_t c1 = static_cast<std::uint32_t>(member >> 32);
    std::uint32_t c2 = 0, c3 = 0;  // draw 0
    std::uint32_t k0 = key0, k1 = key1;
    for (int round = 0; round < 10; ++round) {
      if (round > 0) {
        k0 += W0;
        k1 += W1;
      }
      const std::uint64_t product0 = M0 * c0;
      const std::uint64_t product1 = M1 * c2;
      const auto next0 = static_cast<std::uint32_t>(product1 >> 32) ^ c1 ^ k0;
      const auto next1 = static_cast<std::uint32_t>(product1);
      const auto next2 = static_cast<std::uint32_t>(product0 >> 32) ^ c3 ^ k1;
      const auto next3 = static_cast<std::uint32_t>(product0);
      c0 = next0;
      c1 = next1;
      c2 = next2;
      c3 = next3;
    }
    // The 53 high bits of (c0, c1) as a double, exactly, without a 64-bit
    // integer conversion (which AVX2 lacks): k = 2m + b, m < 2^52 placed in
    // a double's mantissa.
    const std::uint64_t k = ((static_cast<std::uint64_t>(c0) << 32) | c1) >> 11;
    const double half = std::bit_cast<double>((k >> 1) | 0x4330000000000000ULL) - 0x1.0p52;
    const double whole = half * 2.0 + static_cast<double>(static_cast<std::uint32_t>(k & 1));
    out[l] = (whole + 0.5) * 0x1.0p-53;
  }
}

}  // namespace traj
