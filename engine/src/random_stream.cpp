#include "traj/random_stream.hpp"

#include <Random123/philox.h>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

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

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
namespace {

// Philox4x32-10 written out (Salmon et al. 2011, and Random123's philox.h,
// whose constants and round these are), four members per AVX2 register and
// two registers at a time. Each 32-bit word sits in the low half of a 64-bit
// lane, so a round is two vpmuludq (32 × 32 → 64 bits, reading only the low
// halves) and no shuffle; the high halves' leftovers never reach the output
// (masked at the end). Intrinsics, because GCC turns a vector product by a
// constant into shifts and adds, slower than one vpmuludq.
struct PhiloxLanes {
  __m256i c0, c1, c2, c3;
};

[[gnu::target("avx2"), gnu::always_inline]] inline void philox_round(PhiloxLanes& x, __m256i key0,
                                                                     __m256i key1) {
  const __m256i multiplier0 = _mm256_set1_epi64x(0xD2511F53);
  const __m256i multiplier1 = _mm256_set1_epi64x(0xCD9E8D57);
  const __m256i product0 = _mm256_mul_epu32(x.c0, multiplier0);
  const __m256i product1 = _mm256_mul_epu32(x.c2, multiplier1);
  x.c0 = _mm256_xor_si256(_mm256_xor_si256(_mm256_srli_epi64(product1, 32), x.c1), key0);
  x.c1 = product1;
  x.c2 = _mm256_xor_si256(_mm256_xor_si256(_mm256_srli_epi64(product0, 32), x.c3), key1);
  x.c3 = product0;
}

/// (k + 0.5) / 2^53 for the 53 high bits k of (c0, c1), exactly, without a
/// 64-bit integer conversion (which AVX2 lacks): k = 2m + b, with m < 2^52
/// and b placed in doubles' mantissas.
[[gnu::target("avx2"), gnu::always_inline]] inline __m256d centred_units(const PhiloxLanes& x) {
  const __m256i low = _mm256_set1_epi64x(0xffffffff);
  const __m256i exponent = _mm256_set1_epi64x(0x4330000000000000LL);
  const __m256d two52 = _mm256_set1_pd(0x1.0p52);
  const __m256i k = _mm256_srli_epi64(
      _mm256_or_si256(_mm256_slli_epi64(x.c0, 32), _mm256_and_si256(x.c1, low)), 11);
  const __m256d half =
      _mm256_sub_pd(_mm256_castsi256_pd(_mm256_or_si256(_mm256_srli_epi64(k, 1), exponent)), two52);
  const __m256d bit = _mm256_sub_pd(
      _mm256_castsi256_pd(_mm256_or_si256(_mm256_and_si256(k, _mm256_set1_epi64x(1)), exponent)),
      two52);
  const __m256d whole = _mm256_add_pd(_mm256_add_pd(half, half), bit);
  return _mm256_mul_pd(_mm256_add_pd(whole, _mm256_set1_pd(0.5)), _mm256_set1_pd(0x1.0p-53));
}

[[gnu::target("avx2")]] std::size_t uniform_draws_avx2(std::uint64_t key,
                                                       std::uint64_t first_member,
                                                       std::size_t count, double* out) {
  constexpr std::uint32_t W0 = 0x9E3779B9, W1 = 0xBB67AE85;
  __m256i round_key0[10], round_key1[10];
  auto k0 = static_cast<std::uint32_t>(key);
  auto k1 = static_cast<std::uint32_t>(key >> 32);
  for (int round = 0; round < 10; ++round) {
    round_key0[round] = _mm256_set1_epi64x(k0);
    round_key1[round] = _mm256_set1_epi64x(k1);
    k0 += W0;
    k1 += W1;
  }
  const __m256i low = _mm256_set1_epi64x(0xffffffff);
  const __m256i zero = _mm256_setzero_si256();
  std::size_t l = 0;
  for (; l + 8 <= count; l += 8) {
    const auto first = static_cast<long long>(first_member + l);
    const __m256i members_a =
        _mm256_add_epi64(_mm256_set1_epi64x(first), _mm256_setr_epi64x(0, 1, 2, 3));
    const __m256i members_b =
        _mm256_add_epi64(_mm256_set1_epi64x(first), _mm256_setr_epi64x(4, 5, 6, 7));
    // Counter (member low, member high, draw 0, 0).
    PhiloxLanes a = {_mm256_and_si256(members_a, low), _mm256_srli_epi64(members_a, 32), zero,
                     zero};
    PhiloxLanes b = {_mm256_and_si256(members_b, low), _mm256_srli_epi64(members_b, 32), zero,
                     zero};
    for (int round = 0; round < 10; ++round) {
      philox_round(a, round_key0[round], round_key1[round]);
      philox_round(b, round_key0[round], round_key1[round]);
    }
    _mm256_storeu_pd(out + l, centred_units(a));
    _mm256_storeu_pd(out + l + 4, centred_units(b));
  }
  return l;
}

}  // namespace
#endif

void uniform_draws(std::uint64_t key, std::uint64_t first_member, std::size_t count, double* out) {
  std::size_t done = 0;
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
  if (__builtin_cpu_supports("avx2")) done = uniform_draws_avx2(key, first_member, count, out);
#endif
  for (std::size_t l = done; l < count; ++l) out[l] = uniform_draw(key, first_member + l);
}

}  // namespace traj
