#include <hdf5.h>

#include <limits>

#include "hdf5/internal.hpp"
#include "traj/hdf5_file.hpp"

namespace traj::hdf5 {
using namespace detail;

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

}  // namespace traj::hdf5
