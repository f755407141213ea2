#include <fcntl.h>
#include <hdf5.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <exception>
#include <utility>

#include "hdf5/internal.hpp"
#include "traj/hdf5_file.hpp"

namespace traj::hdf5 {
using namespace detail;

namespace {

// HDF5 1.10 cannot recover from a close that fails (a full disk, a file too
// large): the identifier stays registered while its object is half freed, and
// the library's exit handler (H5close, at exit) crashes on it. So an object
// that writes when closed (a file, a dataset's chunk cache) is flushed first;
// if that fails, the file is past saving (its writer reports the error and
// removes it), and its descriptor is pointed at a scratch file in memory:
// what remains to write goes there, and the close succeeds and frees all.
// Outside of an exception's path, a dataset that cannot be flushed is left
// open for File::close() to fail on (with HDF5's reason); and close() also
// fails if the writes were diverted anyway: nothing is lost silently.
int scratch_sink() {
  // A file in memory takes writes when the disk is full; a limit on file
  // sizes (ulimit -f) applies to it too, not to a device (whose truncation
  // fails, though, if HDF5 needs one when closing: then the close fails,
  // and no exit handler touches what it leaves, see silence_library_errors).
  struct rlimit limit {};
  if (::getrlimit(RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur == RLIM_INFINITY)
    return ::memfd_create("traj-abandoned-hdf5", MFD_CLOEXEC);
  return ::open("/dev/null", O_WRONLY | O_CLOEXEC);
}

void divert_writes_to_scratch(hid_t object) {
  const hid_t file = H5Iget_file_id(object);
  if (file < 0) return;
  void* handle = nullptr;
  if (H5Fget_vfd_handle(file, H5P_DEFAULT, &handle) >= 0 && handle != nullptr) {
    const int scratch = scratch_sink();
    if (scratch >= 0) {
      ::dup2(scratch, *static_cast<int*>(handle));  // the sec2 driver's descriptor
      ::close(scratch);
    }
  }
  H5Fclose(file);  // the reference H5Iget_file_id took (not the last one)
}

bool in_writable_file(hid_t object) {
  const hid_t file = H5Iget_file_id(object);
  if (file < 0) return false;
  unsigned intent = 0;
  const bool writable = H5Fget_intent(file, &intent) >= 0 && (intent & H5F_ACC_RDWR) != 0;
  H5Fclose(file);
  return writable;
}

/// Flushes `object` (closing it will not fail for want of space), or if
/// that fails diverts its file's remaining writes to a scratch file.
/// Returns whether `object` may be closed now. A dataset whose flush fails
/// outside of an exception's path is left open instead: its file's close()
/// then fails with HDF5's reason (and the file, strongly closed, closes it).
bool settle_before_close(hid_t object, herr_t (*flush)(hid_t), bool may_stay_open) {
  if (!in_writable_file(object)) return true;
  if (flush(object) >= 0) return true;
  H5Eclear2(H5E_DEFAULT);
  if (may_stay_open && std::uncaught_exceptions() == 0) return false;
  divert_writes_to_scratch(object);
  return true;
}

herr_t flush_file(hid_t file) {
  return H5Fflush(file, H5F_SCOPE_LOCAL);
}

}  // namespace

namespace detail {

/// Whether the writes of `file` (at `path`) were diverted to a scratch file
/// after a failed write, by settle_before_close.
bool writes_diverted(hid_t file, const std::string& path) {
  void* handle = nullptr;
  if (H5Fget_vfd_handle(file, H5P_DEFAULT, &handle) < 0 || handle == nullptr) return false;
  struct stat open {
  }, named{};
  if (::fstat(*static_cast<int*>(handle), &open) != 0) return false;
  return ::stat(path.c_str(), &named) != 0 || open.st_dev != named.st_dev ||
         open.st_ino != named.st_ino;
}

}  // namespace detail

Handle::~Handle() {
  if (id_ < 0) return;
  switch (kind_) {
    case Kind::File:
      settle_before_close(id_, flush_file, false);
      H5Fclose(id_);
      break;
    case Kind::Group:
      H5Gclose(id_);
      break;
    case Kind::Dataset:
      if (settle_before_close(id_, H5Dflush, true)) H5Dclose(id_);
      break;
    case Kind::Dataspace:
      H5Sclose(id_);
      break;
    case Kind::Datatype:
      H5Tclose(id_);
      break;
    case Kind::Attribute:
      H5Aclose(id_);
      break;
    case Kind::PropertyList:
      H5Pclose(id_);
      break;
  }
}

Handle::Handle(Handle&& other) noexcept : id_(other.id_), kind_(other.kind_) {
  other.id_ = -1;
}

Handle& Handle::operator=(Handle&& other) noexcept {
  if (this != &other) {
    Handle old(std::move(*this));
    id_ = other.id_;
    kind_ = other.kind_;
    other.id_ = -1;
  }
  return *this;
}

}  // namespace traj::hdf5
