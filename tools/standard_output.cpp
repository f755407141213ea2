#include "standard_output.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>

namespace traj::cli {

void prepare_standard_streams() {
  for (int descriptor = 0; descriptor <= 2; ++descriptor) {
    if (::fcntl(descriptor, F_GETFD) != -1 || errno != EBADF) continue;
    // A directory opened read-only: writes to it fail with EBADF, as they
    // did on the closed descriptor; reads (standard input) see an error.
    const int placeholder = ::open("/", O_RDONLY | O_DIRECTORY);
    if (placeholder >= 0 && placeholder != descriptor) {
      ::dup2(placeholder, descriptor);
      ::close(placeholder);
    }
  }
  if (::isatty(STDOUT_FILENO) == 0) {
    // Never freed: stdio uses it until the process ends (glibc ignores the
    // size asked for when given no buffer).
    constexpr std::size_t BYTES = std::size_t{1} << 20;
    if (char* buffer = static_cast<char*>(std::malloc(BYTES)); buffer != nullptr)
      std::setvbuf(stdout, buffer, _IOFBF, BYTES);
  }
}

std::string standard_output_failure() {
  errno = 0;
  std::cout.flush();
  const bool stream_failed = !std::cout.good();
  int reason = errno;
  errno = 0;
  const bool flush_failed = std::fflush(stdout) != 0;
  if (flush_failed) reason = errno;
  if (!stream_failed && !flush_failed && std::ferror(stdout) == 0) return "";
  return reason != 0 ? std::strerror(reason) : "a write failed before the end of the output";
}

}  // namespace traj::cli
