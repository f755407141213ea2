#pragma once
/// Four doubles operated on lane by lane (GCC/Clang vector extension): the
/// same IEEE operations as scalar code, in the same order, whatever the
/// instruction set (one AVX register, or two SSE ones). For lane loops that
/// the compiler would not vectorise by itself, e.g. sums held in registers.

#include <cstdint>
#include <cstring>

namespace traj {

typedef double Double4 __attribute__((vector_size(32)));
typedef float Float4 __attribute__((vector_size(16)));
typedef std::int64_t Mask4 __attribute__((vector_size(32)));

// Loads and stores at any double's alignment (memcpy: an under-aligned
// vector typedef is not honoured by every compiler). Always inlined, so a
// vector never crosses a call between code compiled for different
// instruction sets (what the compilers' -Wpsabi note is about; the project
// turns it off, CMakeLists.txt).
[[gnu::always_inline]] inline Double4 load4(const double* from) {
  Double4 value;
  std::memcpy(&value, from, sizeof value);
  return value;
}
[[gnu::always_inline]] inline void store4(double* to, Double4 value) {
  std::memcpy(to, &value, sizeof value);
}
/// Four floats widened to doubles (exactly).
[[gnu::always_inline]] inline Double4 load4(const float* from) {
  Float4 value;
  std::memcpy(&value, from, sizeof value);
  return __builtin_convertvector(value, Double4);
}

}  // namespace traj
