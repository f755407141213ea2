#pragma once
// Forging results files as someone with h5py could: change an attribute or
// a dataset, or spoil stored bytes, then recompute the integrity stamp with
// traj's own code (the stamp is a checksum, not a signature).

#include <hdf5.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "traj/file_stamp.hpp"

namespace traj::testing {

/// Removes the stamp, runs `change(file)` on the file opened read-write
/// through the HDF5 C API, closes it and stamps it again.
template <class Change>
void forge(const std::string& path, Change&& change) {
  std::filesystem::resize_file(path, std::filesystem::file_size(path) - STAMP_BYTES);
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  if (file < 0) throw std::runtime_error("forge: cannot open " + path);
  change(file);
  if (H5Fclose(file) < 0) throw std::runtime_error("forge: cannot close " + path);
  write_file_stamp(path);
}

/// Replaces attribute `name` of the root group by a scalar of `type` holding `value`.
inline void replace_root_attribute(hid_t file, const std::string& name, hid_t file_type,
                                   hid_t memory_type, const void* value) {
  if (H5Aexists_by_name(file, "/", name.c_str(), H5P_DEFAULT) > 0)
    H5Adelete_by_name(file, "/", name.c_str(), H5P_DEFAULT);
  const hid_t space = H5Screate(H5S_SCALAR);
  const hid_t attribute = H5Acreate_by_name(file, "/", name.c_str(), file_type, space, H5P_DEFAULT,
                                            H5P_DEFAULT, H5P_DEFAULT);
  if (attribute < 0 || H5Awrite(attribute, memory_type, value) < 0)
    throw std::runtime_error("forge: cannot write attribute " + name);
  H5Aclose(attribute);
  H5Sclose(space);
}

inline void forge_attribute(const std::string& path, const std::string& name, std::int64_t value) {
  forge(path, [&](hid_t file) {
    replace_root_attribute(file, name, H5T_STD_I64LE, H5T_NATIVE_INT64, &value);
  });
}

inline void forge_attribute(const std::string& path, const std::string& name, double value) {
  forge(path, [&](hid_t file) {
    replace_root_attribute(file, name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, &value);
  });
}

inline void forge_attribute(const std::string& path, const std::string& name,
                            const std::string& value) {
  forge(path, [&](hid_t file) {
    const hid_t type = H5Tcopy(H5T_C_S1);
    H5Tset_size(type, H5T_VARIABLE);
    H5Tset_cset(type, H5T_CSET_UTF8);
    const char* text = value.c_str();
    replace_root_attribute(file, name, type, type, &text);
    H5Tclose(type);
  });
}

/// Replaces dataset `name` (a path from the root) by a 1-D float64 dataset of `values`.
inline void forge_dataset(const std::string& path, const std::string& name,
                          const std::vector<double>& values) {
  forge(path, [&](hid_t file) {
    H5Ldelete(file, name.c_str(), H5P_DEFAULT);
    const hsize_t size = values.size();
    const hid_t space = H5Screate_simple(1, &size, nullptr);
    const hid_t dataset = H5Dcreate2(file, name.c_str(), H5T_IEEE_F64LE, space, H5P_DEFAULT,
                                     H5P_DEFAULT, H5P_DEFAULT);
    if (dataset < 0 ||
        H5Dwrite(dataset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) < 0)
      throw std::runtime_error("forge: cannot write dataset " + name);
    H5Dclose(dataset);
    H5Sclose(space);
  });
}

/// Spoils the stored (compressed) bytes of the first chunk of dataset
/// `name`, as a bad disk sector would, and stamps the file again: its
/// structure stays intact, the chunk no longer decompresses.
inline void spoil_first_chunk(const std::string& path, const std::string& name) {
  haddr_t address = 0;
  hsize_t bytes = 0;
  {
    const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    const hid_t dataset = H5Dopen2(file, name.c_str(), H5P_DEFAULT);
    const hid_t space = H5Dget_space(dataset);
    std::vector<hsize_t> offset(static_cast<std::size_t>(H5Sget_simple_extent_ndims(space)));
    unsigned filters = 0;
    if (dataset < 0 ||
        H5Dget_chunk_info(dataset, space, 0, offset.data(), &filters, &address, &bytes) < 0)
      throw std::runtime_error("forge: no chunk in " + name);
    H5Sclose(space);
    H5Dclose(dataset);
    H5Fclose(file);
  }
  std::filesystem::resize_file(path, std::filesystem::file_size(path) - STAMP_BYTES);
  {
    std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
    for (hsize_t i = bytes / 4; i < bytes / 2; ++i) {
      file.seekp(static_cast<std::streamoff>(address + i));
      file.put(static_cast<char>(0xA5 ^ static_cast<int>(i)));
    }
  }
  write_file_stamp(path);
}

}  // namespace traj::testing
