#include <hdf5.h>
#include <hdf5_hl.h>

#include <algorithm>

#include "hdf5/internal.hpp"
#include "traj/hdf5_file.hpp"

namespace traj::hdf5 {
using namespace detail;

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

namespace detail {
RowSelection select_rows(hid_t dataset, const std::vector<std::uint64_t>& extent,
                         std::uint64_t first, std::uint64_t count, const std::string& path) {
  Handle file_space(check(H5Dget_space(dataset), path), Handle::Kind::Dataspace);
  std::vector<hsize_t> start(extent.size(), 0), size(extent.begin(), extent.end());
  start[0] = first;
  size[0] = count;
  check_status(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr,
                                   size.data(), nullptr),
               "selecting rows of " + path);
  Handle memory_space(
      check(H5Screate_simple(static_cast<int>(size.size()), size.data(), nullptr), path),
      Handle::Kind::Dataspace);
  return {std::move(file_space), std::move(memory_space)};
}
}  // namespace detail

void Dataset::write_rows(std::uint64_t first, std::uint64_t count, const void* data, Type type) {
  if (count == 0) return;
  const RowSelection rows = select_rows(id(), dims(), first, count, path_);
  check_status(H5Dwrite(id(), memory_type(type), rows.memory_space.get(), rows.file_space.get(),
                        H5P_DEFAULT, data),
               "writing rows of " + path_);
}

void Dataset::append_rows(std::uint64_t count, const void* data, Type type) {
  if (count == 0) return;
  silence_library_errors();  // per thread (see append_compressed)
  auto extent = dims();
  const std::uint64_t first = extent[0];
  std::vector<hsize_t> grown(extent.begin(), extent.end());
  grown[0] += count;
  check_status(H5Dset_extent(id(), grown.data()), "extending " + path_);
  write_rows(first, count, data, type);
}

void Dataset::make_scale(const std::string& name) {
  check_status(H5DSset_scale(id(), name.c_str()), "dimension scale " + path_);
}

void Dataset::attach_scale(const Dataset& scale, unsigned dimension) {
  check_status(H5DSattach_scale(id(), scale.id(), dimension),
               "attaching " + scale.path() + " to " + path_);
}

}  // namespace traj::hdf5
