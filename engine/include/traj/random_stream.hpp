#pragma once
/// Counter-based random numbers: a uniform draw depends only on (seed,
/// parameter name, member, draw), never on threads, blocks or on which other
/// parameters exist (Salmon et al. 2011, "Parallel random numbers: as easy as
/// 1, 2, 3", SC'11 — the Philox4x32-10 generator of Random123).

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace traj {

/// 64-bit FNV-1a hash of a name (stable across platforms and versions).
constexpr std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

/// SplitMix64 finaliser (Steele, Lea & Flood 2014): decorrelates seeds.
constexpr std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

/// The key of one parameter's stream for a run's seed.
constexpr std::uint64_t stream_key(std::uint64_t seed, std::string_view parameter_name) {
  return splitmix64(seed ^ splitmix64(fnv1a(parameter_name)));
}

/// A uniform number in (0, 1), never 0 nor 1, with 53 random bits:
/// Philox4x32-10 with key `key` and counter (member, draw).
double uniform_draw(std::uint64_t key, std::uint64_t member, std::uint32_t draw = 0);

/// uniform_draw(key, first_member + l) for l in [0, count): the same bits,
/// several members at a time.
void uniform_draws(std::uint64_t key, std::uint64_t first_member, std::size_t count, double* out);

}  // namespace traj
