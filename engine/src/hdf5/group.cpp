#include <hdf5.h>

#include <algorithm>

#include "hdf5/internal.hpp"
#include "traj/hdf5_file.hpp"

namespace traj::hdf5 {
using namespace detail;

namespace {

Handle ordered_group_properties() {
  Handle properties(check(H5Pcreate(H5P_GROUP_CREATE), "property list"),
                    Handle::Kind::PropertyList);
  track_creation_order(properties);
  return properties;
}

std::string join(const std::string& parent, const std::string& name) {
  std::string path = parent;
  if (path != "/") path += '/';
  path += name;
  return path;
}

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

}  // namespace traj::hdf5

namespace traj::hdf5::detail {

void track_creation_order(const Handle& properties) {
  check_status(
      H5Pset_link_creation_order(properties.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
      "link creation order");
  check_status(
      H5Pset_attr_creation_order(properties.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
      "attribute creation order");
}

}  // namespace traj::hdf5::detail
