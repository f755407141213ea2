#pragma once
/// An integrity stamp appended to the files traj writes: the size and CRC-32
/// of everything before it, in a short trailer that HDF5, netCDF, h5py and
/// xarray ignore. Checked before HDF5 parses a file, so that a truncated or
/// damaged file is refused with a clear message instead of reaching the HDF5
/// library's parsers (which are not hardened against damaged files).

#include <cstdint>
#include <string>

namespace traj {

/// Size of the trailer.
inline constexpr std::uint64_t STAMP_BYTES = 128;

/// Appends the stamp to the complete file `path`.
/// Throws Error if the file cannot be read or written.
void write_file_stamp(const std::string& path);

/// Throws Error saying what is wrong if `path` has no stamp (truncated, or
/// not written by traj) or does not match it (damaged or modified).
void check_file_stamp(const std::string& path);

}  // namespace traj
