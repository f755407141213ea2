#include "hdf5/internal.hpp"

namespace traj::hdf5::detail {
namespace {

herr_t keep_innermost(unsigned, const H5E_error2_t* error, void* data) {
  auto& reason = *static_cast<std::string*>(data);
  // Walked upward: the first error seen is the most specific.
  if (reason.empty() && error->desc != nullptr) reason = error->desc;
  return 0;
}

}  // namespace

/// Throws with HDF5's own reason (the innermost error of its stack), which
/// says more than our context alone ("incorrect metadata checksum", …).
[[noreturn]] void fail(const std::string& what) {
  std::string reason;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, keep_innermost, &reason);
  H5Eclear2(H5E_DEFAULT);
  throw Error("HDF5: " + what + (reason.empty() ? "" : " (" + reason + ")"));
}

/// HDF5 prints its whole error stack to stderr by default; our errors carry
/// the reason instead. And HDF5's exit handler is not registered: every
/// object is closed here (RAII) before the process ends, so the handler has
/// nothing to do, and after a close that failed where no scratch file can
/// help (see settle_before_close) it would crash on the identifier HDF5 1.10
/// leaves behind. Idempotent, called before any other HDF5 function (the
/// handler is registered by the first one; H5dont_atexit is ignored after).
void silence_library_errors() {
  H5dont_atexit();
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

Id check(Id id, const std::string& what) {
  if (id < 0) fail(what);
  return id;
}

void check_status(herr_t status, const std::string& what) {
  if (status < 0) fail(what);
}

}  // namespace traj::hdf5::detail
