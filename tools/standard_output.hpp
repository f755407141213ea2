#pragma once
/// Standard output is where `traj` puts its results when no file is asked
/// for: a write to it that fails (a full disk, a closed descriptor) must not
/// pass for success.

#include <string>

namespace traj::cli {

/// Call first. Makes sure descriptors 0, 1 and 2 are open, before any file
/// is: if one was closed, the first file opened would take its number and
/// receive what is printed (tables printed into a results file). A closed
/// output stays unwritable (EBADF), as it was. And standard output, when not
/// a terminal, is buffered whole (up to 1 MB) until the end, so that a failed
/// write is seen with its reason by standard_output_failure().
void prepare_standard_streams();

/// Flushes std::cout and stdout; the reason if anything written to them
/// since the start was lost ("" if all went out).
std::string standard_output_failure();

}  // namespace traj::cli
