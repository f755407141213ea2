#include <hdf5.h>
#include <hdf5_hl.h>

#include <algorithm>

#include "hdf5/internal.hpp"
#include "traj/hdf5_file.hpp"

namespace traj::hdf5 {
using namespace detail;

namespace {
herr_t scale_name(hid_t /*dataset*/, unsigned /*dimension*/, hid_t scale, void* out) {
  const ssize_t length = H5DSget_scale_name(scale, nullptr, 0);
  if (length < 0) return -1;
  std::string name(static_cast<std::size_t>(length) + 1, '\0');
  if (H5DSget_scale_name(scale, name.data(), name.size()) < 0) return -1;
  name.resize(static_cast<std::size_t>(length));
  *static_cast<std::string*>(out) = std::move(name);
  return 1;  // the first attached scale names the dimension
}
}  // namespace

bool Dataset::is_scale() const {
  return H5DSis_scale(id()) > 0;
}

bool Dataset::holds_text() const {
  Handle type(check(H5Dget_type(id()), path_), Handle::Kind::Datatype);
  return H5Tget_class(type.get()) == H5T_STRING;
}

std::vector<std::string> Dataset::dimension_names() const {
  const auto extent = dims();
  std::vector<std::string> names(extent.size());
  for (std::size_t d = 0; d < extent.size(); ++d) {
    const int attached = H5DSget_num_scales(id(), static_cast<unsigned>(d));
    if (attached <= 0) continue;
    if (H5DSiterate_scales(id(), static_cast<unsigned>(d), nullptr, scale_name, &names[d]) < 0) {
      fail("reading the dimension names of " + path_);
    }
  }
  return names;
}

std::vector<double> Dataset::read_rows(std::uint64_t first, std::uint64_t count) const {
  const auto extent = dims();
  if (extent.empty() || first > extent[0] || count > extent[0] - first) {
    fail(path_ + ": rows " + std::to_string(first) + "+" + std::to_string(count) +
         " are outside its extent");
  }
  std::uint64_t row_size = 1;
  for (std::size_t d = 1; d < extent.size(); ++d) row_size *= extent[d];
  std::vector<double> values(count * row_size);
  if (values.empty()) return values;
  const RowSelection rows = select_rows(id(), extent, first, count, path_);
  check_status(H5Dread(id(), H5T_NATIVE_DOUBLE, rows.memory_space.get(), rows.file_space.get(),
                       H5P_DEFAULT, values.data()),
               "reading " + path_);
  return values;
}

bool Dataset::has_attribute(const std::string& name) const {
  return H5Aexists(id(), name.c_str()) > 0;
}

}  // namespace traj::hdf5
