#include "traj/hdf5_file.hpp"

#include "traj/file_stamp.hpp"

#include <fcntl.h>
#include <hdf5.h>
#include <hdf5_hl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <exception>
#include <limits>

namespace traj::hdf5 {
namespace {

herr_t keep_innermost(unsigned, const H5E_error2_t* error, void* data) {
  auto& reason = *static_cast<std::string*>(data);
  // Walked upward: the first error seen is the most specific.
  if (reason.empty() && error->desc != nullptr) reason = error->desc;
  return 0;
}

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

hid_t file_type(Type type) {
  switch (type) {
    case Type::Float64:
      return H5T_IEEE_F64LE;
    case Type::Int64:
      return H5T_STD_I64LE;
    case Type::Int32:
      return H5T_STD_I32LE;
    case Type::UInt8:
      return H5T_STD_U8LE;
  }
  return H5T_IEEE_F64LE;
}

hid_t memory_type(Type type) {
  switch (type) {
    case Type::Float64:
      return H5T_NATIVE_DOUBLE;
    case Type::Int64:
      return H5T_NATIVE_INT64;
    case Type::Int32:
      return H5T_NATIVE_INT32;
    case Type::UInt8:
      return H5T_NATIVE_UINT8;
  }
  return H5T_NATIVE_DOUBLE;
}

// netCDF-4 needs link and attribute creation order tracked and indexed.
Handle ordered_group_properties() {
  Handle properties(check(H5Pcreate(H5P_GROUP_CREATE), "property list"),
                    Handle::Kind::PropertyList);
  check_status(
      H5Pset_link_creation_order(properties.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
      "link creation order");
  check_status(
      H5Pset_attr_creation_order(properties.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
      "attribute creation order");
  return properties;
}

Handle variable_string_type() {
  Handle type(check(H5Tcopy(H5T_C_S1), "string type"), Handle::Kind::Datatype);
  check_status(H5Tset_size(type.get(), H5T_VARIABLE), "string size");
  check_status(H5Tset_cset(type.get(), H5T_CSET_UTF8), "string charset");
  return type;
}

void write_string_attribute(hid_t object, const std::string& name, const std::string& value,
                            const std::string& where) {
  if (H5Aexists(object, name.c_str()) > 0)
    check_status(H5Adelete(object, name.c_str()), where + ": " + name);
  // Fixed-length text: what netCDF writes (and reads) as a character attribute.
  Handle type(check(H5Tcopy(H5T_C_S1), "string type"), Handle::Kind::Datatype);
  check_status(H5Tset_size(type.get(), std::max<std::size_t>(1, value.size())), "string size");
  check_status(H5Tset_strpad(type.get(), H5T_STR_NULLTERM), "string padding");
  check_status(H5Tset_cset(type.get(), H5T_CSET_UTF8), "string charset");
  Handle space(check(H5Screate(H5S_SCALAR), "dataspace"), Handle::Kind::Dataspace);
  Handle attribute(
      check(H5Acreate2(object, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
            where + ": attribute " + name),
      Handle::Kind::Attribute);
  std::string padded = value.empty() ? std::string(1, '\0') : value;
  check_status(H5Awrite(attribute.get(), type.get(), padded.data()), where + ": attribute " + name);
}

template <typename T>
void write_number_attribute(hid_t object, const std::string& name, T value, hid_t file,
                            hid_t memory, const std::string& where) {
  if (H5Aexists(object, name.c_str()) > 0)
    check_status(H5Adelete(object, name.c_str()), where + ": " + name);
  Handle space(check(H5Screate(H5S_SCALAR), "dataspace"), Handle::Kind::Dataspace);
  Handle attribute(
      check(H5Acreate2(object, name.c_str(), file, space.get(), H5P_DEFAULT, H5P_DEFAULT),
            where + ": attribute " + name),
      Handle::Kind::Attribute);
  check_status(H5Awrite(attribute.get(), memory, &value), where + ": attribute " + name);
}

std::string read_string_attribute(hid_t object, const std::string& name, const std::string& where) {
  if (H5Aexists(object, name.c_str()) <= 0) fail(where + ": no attribute " + name);
  Handle attribute(check(H5Aopen(object, name.c_str(), H5P_DEFAULT), where + ": attribute " + name),
                   Handle::Kind::Attribute);
  Handle type(check(H5Aget_type(attribute.get()), "attribute type"), Handle::Kind::Datatype);
  if (H5Tget_class(type.get()) != H5T_STRING) fail(where + ": attribute " + name + " is not text");
  if (H5Tis_variable_str(type.get()) > 0) {
    char* text = nullptr;
    check_status(H5Aread(attribute.get(), type.get(), &text), where + ": attribute " + name);
    std::string value = text != nullptr ? text : "";
    H5free_memory(text);
    return value;
  }
  std::string value(H5Tget_size(type.get()), '\0');
  check_status(H5Aread(attribute.get(), type.get(), value.data()), where + ": attribute " + name);
  value.resize(std::strlen(value.c_str()));
  return value;
}

template <typename T>
T read_number_attribute(hid_t object, const std::string& name, hid_t memory,
                        const std::string& where) {
  if (H5Aexists(object, name.c_str()) <= 0) fail(where + ": no attribute " + name);
  Handle attribute(check(H5Aopen(object, name.c_str(), H5P_DEFAULT), where + ": attribute " + name),
                   Handle::Kind::Attribute);
  T value{};
  check_status(H5Aread(attribute.get(), memory, &value), where + ": attribute " + name);
  return value;
}

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

std::string join(const std::string& parent, const std::string& name) {
  std::string path = parent;
  if (path != "/") path += '/';
  path += name;
  return path;
}

}  // namespace

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

// ---------------------------------------------------------------- Group

Group Group::create_group(const std::string& name) {
  const Handle properties = ordered_group_properties();
  const std::string path = join(path_, name);
  Handle group(check(H5Gcreate2(id(), name.c_str(), H5P_DEFAULT, properties.get(), H5P_DEFAULT),
                     "group " + path),
               Handle::Kind::Group);
  return Group(std::move(group), path);
}

Group Group::open_group(const std::string& name) const {
  const std::string path = join(path_, name);
  if (!has(name)) fail("no group " + path);
  return Group(Handle(check(H5Gopen2(id(), name.c_str(), H5P_DEFAULT), "group " + path),
                      Handle::Kind::Group),
               path);
}

bool Group::has(const std::string& name) const {
  return H5Lexists(id(), name.c_str(), H5P_DEFAULT) > 0;
}

namespace {
// A dataset of `extent` (growing up to `maximum`); with `chunk`, chunked and
// compressed (shuffle + deflate), chunks no larger than fixed dimensions.
Handle make_dataset(hid_t group, const std::string& name, const std::string& path, Type type,
                    const std::vector<hsize_t>& extent, const std::vector<hsize_t>& maximum,
                    const std::vector<std::uint64_t>& chunk) {
  Handle space(check(H5Screate_simple(static_cast<int>(extent.size()), extent.data(),
                                      maximum.empty() ? nullptr : maximum.data()),
                     path),
               Handle::Kind::Dataspace);
  Handle properties(check(H5Pcreate(H5P_DATASET_CREATE), "property list"),
                    Handle::Kind::PropertyList);
  check_status(
      H5Pset_attr_creation_order(properties.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
      "attribute creation order");
  if (!chunk.empty()) {
    std::vector<hsize_t> chunk_dims(chunk.begin(), chunk.end());
    for (std::size_t i = 0; i < chunk_dims.size(); ++i) {
      const bool growing = !maximum.empty() && maximum[i] == H5S_UNLIMITED;
      if (!growing) {
        chunk_dims[i] =
            std::max<hsize_t>(1, std::min<hsize_t>(chunk_dims[i], std::max<hsize_t>(1, extent[i])));
      }
    }
    check_status(
        H5Pset_chunk(properties.get(), static_cast<int>(chunk_dims.size()), chunk_dims.data()),
        path);
    check_status(H5Pset_shuffle(properties.get()), path);
    check_status(H5Pset_deflate(properties.get(), 1), path);
  }
  return Handle(check(H5Dcreate2(group, name.c_str(), file_type(type), space.get(), H5P_DEFAULT,
                                 properties.get(), H5P_DEFAULT),
                      "dataset " + path),
                Handle::Kind::Dataset);
}
}  // namespace

Dataset Group::create(const std::string& name, Type type, const std::vector<std::uint64_t>& dims,
                      const std::vector<std::uint64_t>& chunk) {
  const std::string path = join(path_, name);
  return Dataset(make_dataset(id(), name, path, type, {dims.begin(), dims.end()}, {}, chunk), path);
}

Dataset Group::create_growing(const std::string& name, Type type,
                              const std::vector<std::uint64_t>& row_dims,
                              const std::vector<std::uint64_t>& chunk) {
  const std::string path = join(path_, name);
  std::vector<hsize_t> extent = {0}, maximum = {H5S_UNLIMITED};
  for (const auto size : row_dims) {
    extent.push_back(size);
    maximum.push_back(size);
  }
  return Dataset(make_dataset(id(), name, path, type, extent, maximum, chunk), path);
}

Dataset Group::create_strings(const std::string& name, const std::vector<std::string>& values) {
  const std::string path = join(path_, name);
  const Handle type = variable_string_type();
  const hsize_t count = values.size();
  Handle space(check(H5Screate_simple(1, &count, nullptr), path), Handle::Kind::Dataspace);
  Handle dataset(check(H5Dcreate2(id(), name.c_str(), type.get(), space.get(), H5P_DEFAULT,
                                  H5P_DEFAULT, H5P_DEFAULT),
                       "dataset " + path),
                 Handle::Kind::Dataset);
  std::vector<const char*> pointers;
  for (const auto& value : values) pointers.push_back(value.c_str());
  if (!pointers.empty()) {
    check_status(
        H5Dwrite(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()), path);
  }
  return Dataset(std::move(dataset), path);
}

Dataset Group::create_text(const std::string& name, const std::string& text) {
  const std::string path = join(path_, name);
  const Handle type = variable_string_type();
  Handle space(check(H5Screate(H5S_SCALAR), path), Handle::Kind::Dataspace);
  Handle dataset(check(H5Dcreate2(id(), name.c_str(), type.get(), space.get(), H5P_DEFAULT,
                                  H5P_DEFAULT, H5P_DEFAULT),
                       "dataset " + path),
                 Handle::Kind::Dataset);
  const char* pointer = text.c_str();
  check_status(H5Dwrite(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, &pointer), path);
  return Dataset(std::move(dataset), path);
}

Dataset Group::open(const std::string& name) const {
  const std::string path = join(path_, name);
  if (!has(name)) fail("no dataset " + path);
  return Dataset(Handle(check(H5Dopen2(id(), name.c_str(), H5P_DEFAULT), "dataset " + path),
                        Handle::Kind::Dataset),
                 path);
}

void Group::set_attribute(const std::string& name, const std::string& value) {
  write_string_attribute(id(), name, value, path_);
}
void Group::set_attribute(const std::string& name, double value) {
  write_number_attribute(id(), name, value, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, path_);
}
void Group::set_attribute(const std::string& name, std::int64_t value) {
  write_number_attribute(id(), name, value, H5T_STD_I64LE, H5T_NATIVE_INT64, path_);
}
std::string Group::string_attribute(const std::string& name) const {
  return read_string_attribute(id(), name, path_);
}
std::int64_t Group::int_attribute(const std::string& name) const {
  return read_number_attribute<std::int64_t>(id(), name, H5T_NATIVE_INT64, path_);
}
double Group::double_attribute(const std::string& name) const {
  return read_number_attribute<double>(id(), name, H5T_NATIVE_DOUBLE, path_);
}
bool Group::has_attribute(const std::string& name) const {
  return H5Aexists(id(), name.c_str()) > 0;
}

// -------------------------------------------------------------- Dataset

std::vector<std::uint64_t> Dataset::dims() const {
  Handle space(check(H5Dget_space(id()), path_), Handle::Kind::Dataspace);
  const int rank = H5Sget_simple_extent_ndims(space.get());
  std::vector<hsize_t> extent(static_cast<std::size_t>(std::max(0, rank)));
  if (rank > 0) H5Sget_simple_extent_dims(space.get(), extent.data(), nullptr);
  return {extent.begin(), extent.end()};
}

void Dataset::write(const void* data, Type type) {
  check_status(H5Dwrite(id(), memory_type(type), H5S_ALL, H5S_ALL, H5P_DEFAULT, data),
               "writing " + path_);
}

void Dataset::write_rows(std::uint64_t first, std::uint64_t count, const void* data, Type type) {
  if (count == 0) return;
  Handle file_space(check(H5Dget_space(id()), path_), Handle::Kind::Dataspace);
  const auto extent = dims();
  std::vector<hsize_t> start(extent.size(), 0), size(extent.begin(), extent.end());
  start[0] = first;
  size[0] = count;
  check_status(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr,
                                   size.data(), nullptr),
               "selecting rows of " + path_);
  Handle memory_space(
      check(H5Screate_simple(static_cast<int>(size.size()), size.data(), nullptr), path_),
      Handle::Kind::Dataspace);
  check_status(
      H5Dwrite(id(), memory_type(type), memory_space.get(), file_space.get(), H5P_DEFAULT, data),
      "writing rows of " + path_);
}

void Dataset::append_rows(std::uint64_t count, const void* data, Type type) {
  if (count == 0) return;
  auto extent = dims();
  const std::uint64_t first = extent[0];
  std::vector<hsize_t> grown(extent.begin(), extent.end());
  grown[0] += count;
  check_status(H5Dset_extent(id(), grown.data()), "extending " + path_);
  write_rows(first, count, data, type);
}

namespace {
// Deflate expands at most ≈ 1032:1; a dataset whose elements would take
// more than this many times the bytes it stores is damaged (or hostile), and
// is refused before anything is allocated for it.
constexpr std::uint64_t MAX_EXPANSION = 1100;
constexpr std::uint64_t SMALL_DATASET_BYTES = 1 << 20;

/// Number of elements of `dataset`, refused when its extent cannot be right.
std::uint64_t readable_count(hid_t dataset, const std::vector<std::uint64_t>& extent,
                             std::uint64_t element_bytes, const std::string& path) {
  std::uint64_t count = 1;
  for (const auto size : extent) {
    if (size != 0 && count > std::numeric_limits<std::uint64_t>::max() / size) {
      fail(path + " is damaged: its extent overflows");
    }
    count *= size;
  }
  const std::uint64_t stored = H5Dget_storage_size(dataset);
  const std::uint64_t limit = SMALL_DATASET_BYTES + stored * MAX_EXPANSION;
  if (element_bytes != 0 && count > limit / element_bytes) {
    fail(path + " is damaged: it claims " + std::to_string(count) + " elements but stores only " +
         std::to_string(stored) + " bytes");
  }
  return count;
}
}  // namespace

std::vector<double> Dataset::read_doubles() const {
  std::vector<double> values(readable_count(id(), dims(), sizeof(double), path_));
  if (!values.empty()) {
    check_status(H5Dread(id(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
                 "reading " + path_);
  }
  return values;
}

std::vector<std::int64_t> Dataset::read_ints() const {
  std::vector<std::int64_t> values(readable_count(id(), dims(), sizeof(std::int64_t), path_));
  if (!values.empty()) {
    check_status(H5Dread(id(), H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
                 "reading " + path_);
  }
  return values;
}

std::vector<std::string> Dataset::read_strings() const {
  // Variable-length strings are stored as references into a heap (≥ 16 bytes each).
  const auto count = readable_count(id(), dims(), 16, path_);
  const Handle type = variable_string_type();
  std::vector<char*> pointers(count, nullptr);
  if (count > 0) {
    check_status(H5Dread(id(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()),
                 "reading " + path_);
  }
  std::vector<std::string> values;
  for (char* pointer : pointers) {
    values.emplace_back(pointer != nullptr ? pointer : "");
    H5free_memory(pointer);
  }
  return values;
}

std::string Dataset::read_text() const {
  const auto values = read_strings();
  return values.empty() ? std::string() : values.front();
}

std::vector<unsigned char> Dataset::read_raw() const {
  Handle type(check(H5Dget_type(id()), path_), Handle::Kind::Datatype);
  if (H5Tget_class(type.get()) == H5T_STRING && H5Tis_variable_str(type.get()) > 0) {
    std::vector<unsigned char> bytes;
    for (const auto& value : read_strings()) {
      bytes.insert(bytes.end(), value.begin(), value.end());
      bytes.push_back(0);
    }
    return bytes;
  }
  Handle native(check(H5Tget_native_type(type.get(), H5T_DIR_ASCEND), path_),
                Handle::Kind::Datatype);
  const std::size_t element_bytes = H5Tget_size(native.get());
  std::vector<unsigned char> bytes(readable_count(id(), dims(), element_bytes, path_) *
                                   element_bytes);
  if (!bytes.empty()) {
    check_status(H5Dread(id(), native.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, bytes.data()),
                 "reading " + path_);
  }
  return bytes;
}

void Dataset::make_scale(const std::string& name) {
  check_status(H5DSset_scale(id(), name.c_str()), "dimension scale " + path_);
}

void Dataset::attach_scale(const Dataset& scale, unsigned dimension) {
  check_status(H5DSattach_scale(id(), scale.id(), dimension),
               "attaching " + scale.path() + " to " + path_);
}

void Dataset::set_attribute(const std::string& name, const std::string& value) {
  write_string_attribute(id(), name, value, path_);
}
void Dataset::set_attribute(const std::string& name, double value) {
  write_number_attribute(id(), name, value, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, path_);
}
std::string Dataset::string_attribute(const std::string& name) const {
  return read_string_attribute(id(), name, path_);
}

// ----------------------------------------------------------------- File

File File::create(const std::string& path) {
  silence_library_errors();
  Handle properties(check(H5Pcreate(H5P_FILE_CREATE), "property list"), Handle::Kind::PropertyList);
  check_status(
      H5Pset_link_creation_order(properties.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
      "link creation order");
  check_status(
      H5Pset_attr_creation_order(properties.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
      "attribute creation order");
  // Strong close: H5Fclose writes everything and closes objects still open,
  // so that the stamp written just after it sees the final file.
  Handle access(check(H5Pcreate(H5P_FILE_ACCESS), "property list"), Handle::Kind::PropertyList);
  check_status(H5Pset_fclose_degree(access.get(), H5F_CLOSE_STRONG), "close degree");
  const Id id = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, properties.get(), access.get());
  if (id < 0) fail("cannot create " + path);
  Handle file(id, Handle::Kind::File);
  Handle root(check(H5Gopen2(file.get(), "/", H5P_DEFAULT), "root group"), Handle::Kind::Group);
  return File(std::move(file), Group(std::move(root), "/"), path);
}

File File::open_read_only(const std::string& path) {
  silence_library_errors();
  check_file_stamp(path);
  const Id id = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (id < 0) fail("cannot open " + path + " (not an HDF5 file?)");
  Handle file(id, Handle::Kind::File);
  Handle root(check(H5Gopen2(file.get(), "/", H5P_DEFAULT), "root group"), Handle::Kind::Group);
  return File(std::move(file), Group(std::move(root), "/"), path);
}

void File::close() {
  root_ = Group(Handle(), "/");
  if (file_.valid()) {
    if (writes_diverted(file_.get(), path_)) {
      throw Error("HDF5: writing " + path_ +
                  ": a dataset could not be written (no space left on the device, or a file "
                  "larger than this process may write?)");
    }
    check_status(H5Fflush(file_.get(), H5F_SCOPE_GLOBAL), "writing " + path_);
    check_status(H5Fclose(file_.release()), "closing " + path_);
    write_file_stamp(path_);
  }
}

namespace {
herr_t collect_dataset(hid_t group, const char* name, const H5L_info_t*, void* data) {
  const hid_t object = H5Oopen(group, name, H5P_DEFAULT);
  if (object < 0) return 0;
  if (H5Iget_type(object) == H5I_DATASET) {
    std::string path = "/";
    path += name;
    static_cast<std::vector<std::string>*>(data)->push_back(std::move(path));
  }
  H5Oclose(object);
  return 0;
}
}  // namespace

std::vector<std::string> File::dataset_paths() const {
  std::vector<std::string> paths;
  check_status(H5Lvisit(root_.id(), H5_INDEX_NAME, H5_ITER_INC, collect_dataset, &paths),
               "listing " + path_);
  std::sort(paths.begin(), paths.end());
  return paths;
}

}  // namespace traj::hdf5

namespace traj::hdf5 {

std::vector<std::string> differing_datasets(const std::string& path_a, const std::string& path_b) {
  const File a = File::open_read_only(path_a);
  const File b = File::open_read_only(path_b);
  const auto paths_a = a.dataset_paths();
  const auto paths_b = b.dataset_paths();
  std::vector<std::string> differing;
  for (const auto& path : paths_a) {
    if (!std::binary_search(paths_b.begin(), paths_b.end(), path)) {
      differing.push_back(path + " (only in " + path_a + ")");
      continue;
    }
    const std::string relative = path.substr(1);
    if (a.root().open(relative).read_raw() != b.root().open(relative).read_raw() ||
        a.root().open(relative).dims() != b.root().open(relative).dims()) {
      differing.push_back(path);
    }
  }
  for (const auto& path : paths_b) {
    if (!std::binary_search(paths_a.begin(), paths_a.end(), path))
      differing.push_back(path + " (only in " + path_b + ")");
  }
  return differing;
}

}  // namespace traj::hdf5
