#include <hdf5.h>

#include <algorithm>
#include <charconv>
#include <cstring>

#include "hdf5/internal.hpp"
#include "traj/hdf5_file.hpp"

namespace traj::hdf5 {
using namespace detail;

namespace {

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

}  // namespace

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

void Dataset::set_attribute(const std::string& name, const std::string& value) {
  write_string_attribute(id(), name, value, path_);
}
void Dataset::set_attribute(const std::string& name, double value) {
  write_number_attribute(id(), name, value, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, path_);
}
std::string Dataset::string_attribute(const std::string& name) const {
  return read_string_attribute(id(), name, path_);
}

namespace {
herr_t collect_attribute_name(hid_t /*object*/, const char* name, const H5A_info_t* /*info*/,
                              void* out) {
  static_cast<std::vector<std::string>*>(out)->emplace_back(name);
  return 0;
}
}  // namespace

std::vector<std::string> Group::attribute_names() const {
  std::vector<std::string> names;
  hsize_t position = 0;
  check_status(
      H5Aiterate2(id(), H5_INDEX_CRT_ORDER, H5_ITER_INC, &position, collect_attribute_name, &names),
      "listing the attributes of " + path_);
  return names;
}

std::string Group::attribute_text(const std::string& name) const {
  if (H5Aexists(id(), name.c_str()) <= 0) fail(path_ + ": no attribute " + name);
  Handle attribute(check(H5Aopen(id(), name.c_str(), H5P_DEFAULT), path_ + ": attribute " + name),
                   Handle::Kind::Attribute);
  Handle space(check(H5Aget_space(attribute.get()), "attribute space"), Handle::Kind::Dataspace);
  if (H5Sget_simple_extent_type(space.get()) != H5S_SCALAR) {
    fail(path_ + ": attribute " + name + " is not a single value");
  }
  Handle type(check(H5Aget_type(attribute.get()), "attribute type"), Handle::Kind::Datatype);
  switch (H5Tget_class(type.get())) {
    case H5T_STRING:
      return string_attribute(name);
    case H5T_INTEGER:
      return std::to_string(int_attribute(name));
    case H5T_FLOAT: {
      char text[32];
      const auto end = std::to_chars(text, text + sizeof text, double_attribute(name)).ptr;
      return std::string(text, end);
    }
    default:
      fail(path_ + ": attribute " + name + " is neither text nor a number");
  }
}

}  // namespace traj::hdf5
