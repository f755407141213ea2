#pragma once
/// Library-private helpers shared by the files of engine/src/hdf5/ and
/// engine/src/hdf5_file.cpp: HDF5's errors turned into traj::hdf5::Error,
/// the file and memory types, and what File::close() asks of the handles.

#include <hdf5.h>

#include <memory>
#include <string>
#include <vector>

#include "traj/hdf5_file.hpp"

struct isal_zstream;

namespace traj::hdf5::detail {

/// Throws with HDF5's own reason (the innermost error of its stack), which
/// says more than our context alone ("incorrect metadata checksum", …).
[[noreturn]] void fail(const std::string& what);

/// Silences HDF5's error printing and its exit handler (see errors.cpp).
void silence_library_errors();

Id check(Id id, const std::string& what);
void check_status(herr_t status, const std::string& what);

hid_t file_type(Type type);
hid_t memory_type(Type type);
std::size_t element_bytes(Type type);
Handle variable_string_type();

/// netCDF-4 needs link and attribute creation order tracked and indexed:
/// sets both on a file or group creation property list.
void track_creation_order(const Handle& properties);

/// Rows [first, first + count) of the first dimension of `dataset` (of
/// `extent`): the file's dataspace with them selected, and a memory
/// dataspace of their shape, for H5Dread / H5Dwrite.
struct RowSelection {
  Handle file_space, memory_space;
};
RowSelection select_rows(hid_t dataset, const std::vector<std::uint64_t>& extent,
                         std::uint64_t first, std::uint64_t count, const std::string& path);

/// What one thread keeps from one chunk to the next (chunk_filter.cpp).
class ChunkScratch {
 public:
  ChunkScratch();
  ~ChunkScratch();
  ChunkScratch(ChunkScratch&&) noexcept;
  isal_zstream& stream() { return *stream_; }
  std::vector<unsigned char> level_buffer;  ///< igzip's hash tables
  std::vector<unsigned char> shuffled, sample;

 private:
  std::unique_ptr<isal_zstream> stream_;
};

/// How many of the shuffled planes of one chunk of `chunk_bytes` (its
/// first `bytes` from `rows`, then zeros) to store rather than deflate:
/// the leading ones (the low bytes, little endian) that look random
/// (chunk_filter.cpp).
std::size_t stored_planes(const unsigned char* rows, std::size_t bytes, std::size_t chunk_bytes,
                          std::size_t bytes_per_element, ChunkScratch& scratch);

/// One chunk through a growing dataset's filters: HDF5's shuffle, then a
/// zlib stream, into `out`: its first `stored_planes` planes as deflate's
/// stored blocks, the others deflated. Calls no HDF5 function.
void filtered_chunk(const unsigned char* rows, std::size_t bytes, std::size_t chunk_bytes,
                    std::size_t bytes_per_element, std::size_t stored_planes, ChunkScratch& scratch,
                    std::vector<unsigned char>& out);

/// Whether the writes of `file` (at `path`) were diverted to a scratch file
/// after a failed write, by settle_before_close (see handle.cpp).
bool writes_diverted(hid_t file, const std::string& path);

}  // namespace traj::hdf5::detail
