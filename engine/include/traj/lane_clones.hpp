#pragma once
/// TRAJ_LANE_CLONES: a function whose loops run over lanes (members of a
/// block) is compiled twice, for AVX2 and for any x86-64, and the right one
/// is picked at load (GCC function multiversioning). Both do the same IEEE
/// operations in the same order (no FMA contraction: `avx2` does not enable
/// `fma`), so results are identical on every machine.
#if defined(__GNUC__) && defined(__x86_64__) && !defined(__clang__)
#define TRAJ_LANE_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define TRAJ_LANE_CLONES
#endif
