#include "hdf5/internal.hpp"

namespace traj::hdf5::detail {

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
    case Type::Float32:
      return H5T_IEEE_F32LE;
  }
  return H5T_IEEE_F64LE;
}

std::size_t element_bytes(Type type) {
  switch (type) {
    case Type::Float64:
    case Type::Int64:
      return 8;
    case Type::Int32:
    case Type::Float32:
      return 4;
    case Type::UInt8:
      return 1;
  }
  return 8;
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
    case Type::Float32:
      return H5T_NATIVE_FLOAT;
  }
  return H5T_NATIVE_DOUBLE;
}

Handle variable_string_type() {
  Handle type(check(H5Tcopy(H5T_C_S1), "string type"), Handle::Kind::Datatype);
  check_status(H5Tset_size(type.get(), H5T_VARIABLE), "string size");
  check_status(H5Tset_cset(type.get(), H5T_CSET_UTF8), "string charset");
  return type;
}

}  // namespace traj::hdf5::detail
