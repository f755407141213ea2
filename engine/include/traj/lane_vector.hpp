#pragma once
/// Four doubles operated on lane by lane (GCC/Clang vector extension): the
/// same IEEE operations as scalar code, in the same order, whatever the
/// instruction set (one AVX register, or two SSE ones). For lane loops that
/// the compiler would not vectorise by itself, e.g. sums held in registers.

#include <cstdint>

namespace traj {

typedef double Double4 __attribute__((vector_size(32)));
typedef std::int64_t Mask4 __attribute__((vector_size(32)));
/// Four doubles in place, at any double's alignment.
typedef double Double4InPlace __attribute__((vector_size(32), aligned(8), may_alias));

inline Double4InPlace& four_at(double* at) {
  return *reinterpret_cast<Double4InPlace*>(at);
}
inline const Double4InPlace& four_at(const double* at) {
  return *reinterpret_cast<const Double4InPlace*>(at);
}

}  // namespace traj
