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

// Loads and stores of any vector type at its element's alignment (memcpy:
// an under-aligned vector typedef is not honoured by every compiler).
// Always inlined, so a vector never crosses a call between code compiled
// for different instruction sets (what the compilers' -Wpsabi note is
// about; the project turns it off, CMakeLists.txt).
template <typename Vector, typename Element>
[[gnu::always_inline]] inline Vector load_vector(const Element* from) {
  Vector value;
  std::memcpy(&value, from, sizeof value);
  return value;
}
template <typename Vector, typename Element>
[[gnu::always_inline]] inline void store_vector(Element* to, Vector value) {
  std::memcpy(to, &value, sizeof value);
}

[[gnu::always_inline]] inline Double4 load4(const double* from) {
  return load_vector<Double4>(from);
}
[[gnu::always_inline]] inline void store4(double* to, Double4 value) {
  store_vector(to, value);
}
/// Four floats widened to doubles (exactly).
[[gnu::always_inline]] inline Double4 load4(const float* from) {
  return __builtin_convertvector(load_vector<Float4>(from), Double4);
}

}  // namespace traj
