#include "traj/hdf5_file.hpp"

#include <hdf5.h>

#include <algorithm>
#include <cstring>

#include "hdf5/internal.hpp"
#include "traj/file_stamp.hpp"

namespace traj::hdf5 {
using namespace detail;

File File::create(const std::string& path) {
  silence_library_errors();
  Handle properties(check(H5Pcreate(H5P_FILE_CREATE), "property list"), Handle::Kind::PropertyList);
  track_creation_order(properties);
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

namespace {
/// The size of a dataset's floating-point elements, 0 for other types.
std::size_t float_bytes(const Dataset& dataset) {
  Handle type(check(H5Dget_type(dataset.id()), dataset.path()), Handle::Kind::Datatype);
  return H5Tget_class(type.get()) == H5T_FLOAT ? H5Tget_size(type.get()) : 0;
}

/// Same shape and the same values bit for bit. Floats stored at different
/// precisions (a file of 2026-12-03 or later keeps the kernel's floats as
/// float32, earlier ones widened to float64) compare as doubles: a float
/// widened exactly equals the double an older file stored, to the bit.
bool same_contents(const Dataset& a, const Dataset& b) {
  if (a.dims() != b.dims()) return false;
  const std::size_t bytes_a = float_bytes(a), bytes_b = float_bytes(b);
  if (bytes_a != 0 && bytes_b != 0 && bytes_a != bytes_b) {
    const auto values_a = a.read_doubles(), values_b = b.read_doubles();
    return values_a.size() == values_b.size() &&
           std::memcmp(values_a.data(), values_b.data(), values_a.size() * sizeof(double)) == 0;
  }
  return a.read_raw() == b.read_raw();
}
}  // namespace

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
    if (!same_contents(a.root().open(relative), b.root().open(relative))) differing.push_back(path);
  }
  for (const auto& path : paths_b) {
    if (!std::binary_search(paths_a.begin(), paths_a.end(), path))
      differing.push_back(path + " (only in " + path_b + ")");
  }
  return differing;
}

}  // namespace traj::hdf5
