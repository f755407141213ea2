// Rows appended as raw, already compressed chunks: the filters of a growing
// dataset (shuffle, then deflate) are applied here, in parallel and outside
// HDF5 (whose library is built serial and would compress chunk after chunk
// on the writing thread), and the chunks handed to H5Dwrite_chunk.

#include <hdf5.h>
#include <libdeflate.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cstring>
#include <memory>

#include "hdf5/internal.hpp"
#include "traj/hdf5_file.hpp"

namespace traj::hdf5 {
using namespace detail;

namespace {

/// The level of Group::create_growing's deflate filter: the bytes a reader
/// decompresses do not depend on it, only the file's size and the time.
constexpr int DEFLATE_LEVEL = 1;

/// HDF5's shuffle filter (H5Z_filter_shuffle): byte j of element i goes to
/// j × elements + i, so that the bytes of equal weight sit together.
void shuffle(const unsigned char* from, std::size_t elements, std::size_t bytes_per_element,
             unsigned char* to) {
  if (bytes_per_element <= 1 || elements <= 1) {
    if (elements * bytes_per_element > 0) std::memcpy(to, from, elements * bytes_per_element);
    return;
  }
  for (std::size_t j = 0; j < bytes_per_element; ++j) {
    unsigned char* plane = to + j * elements;
    for (std::size_t i = 0; i < elements; ++i) plane[i] = from[i * bytes_per_element + j];
  }
}

/// One chunk through the pipeline: shuffled, then a zlib stream (RFC 1950,
/// what HDF5's deflate filter writes and inflates), made by libdeflate:
/// 3–4 times faster than zlib's compress2 at level 1, and smaller.
std::vector<unsigned char> filtered_chunk(const unsigned char* rows, std::size_t bytes,
                                          std::size_t chunk_bytes, std::size_t bytes_per_element) {
  std::vector<unsigned char> padded(chunk_bytes, 0);       // an edge chunk is stored whole
  if (bytes > 0) std::memcpy(padded.data(), rows, bytes);  // rows is null for no values
  std::vector<unsigned char> shuffled(chunk_bytes);
  shuffle(padded.data(), chunk_bytes / bytes_per_element, bytes_per_element, shuffled.data());
  const std::unique_ptr<libdeflate_compressor, void (*)(libdeflate_compressor*)> compressor(
      libdeflate_alloc_compressor(DEFLATE_LEVEL), libdeflate_free_compressor);
  if (compressor == nullptr) throw Error("libdeflate: no memory for a compressor");
  std::vector<unsigned char> compressed(
      libdeflate_zlib_compress_bound(compressor.get(), chunk_bytes));
  const std::size_t size = libdeflate_zlib_compress(compressor.get(), shuffled.data(), chunk_bytes,
                                                    compressed.data(), compressed.size());
  if (size == 0)
    throw Error("libdeflate could not compress a chunk of " + std::to_string(chunk_bytes) +
                " bytes");
  compressed.resize(size);
  return compressed;
}

}  // namespace

CompressedRows compress_rows(const void* data, Type type, std::uint64_t first, std::uint64_t count,
                             std::uint64_t row_elements, std::uint64_t chunk_rows) {
  CompressedRows rows;
  rows.first = first;
  rows.count = count;
  rows.type = type;
  const std::size_t bytes_per_element = element_bytes(type);
  const std::size_t row_bytes = row_elements * bytes_per_element;
  const auto* bytes = static_cast<const unsigned char*>(data);
  rows.head_rows = std::min<std::uint64_t>(count, (chunk_rows - first % chunk_rows) % chunk_rows);
  rows.head.assign(bytes, bytes + rows.head_rows * row_bytes);
  const std::uint64_t rest = count - rows.head_rows;
  rows.chunks.resize((rest + chunk_rows - 1) / chunk_rows);
  const unsigned char* chunked = bytes + rows.head_rows * row_bytes;
  tbb::parallel_for(std::size_t{0}, rows.chunks.size(), [&](std::size_t c) {
    const std::uint64_t in_chunk = std::min<std::uint64_t>(chunk_rows, rest - c * chunk_rows);
    rows.chunks[c] = filtered_chunk(chunked + c * chunk_rows * row_bytes, in_chunk * row_bytes,
                                    chunk_rows * row_bytes, bytes_per_element);
  });
  return rows;
}

void Dataset::append_compressed(const CompressedRows& rows) {
  if (rows.count == 0) return;
  // HDF5 (built thread-safe by Debian) silences its error printing per
  // thread: this may be a writing thread of its own (write_pipeline.cpp).
  silence_library_errors();
  auto extent = dims();
  if (extent.empty() || extent[0] != rows.first) {
    fail("appending to " + path_ + ": expected it " + std::to_string(rows.first) +
         " rows long, found " +
         (extent.empty() ? std::string("a scalar") : std::to_string(extent[0])));
  }
  // The chunks must be those compress_rows made: whole rows, shuffle + deflate.
  Handle properties(check(H5Dget_create_plist(id()), path_), Handle::Kind::PropertyList);
  std::vector<hsize_t> chunk(extent.size(), 0);
  const bool chunked = H5Pget_layout(properties.get()) == H5D_CHUNKED &&
                       H5Pget_chunk(properties.get(), static_cast<int>(chunk.size()),
                                    chunk.data()) == static_cast<int>(chunk.size());
  bool whole_rows = chunked;
  for (std::size_t d = 1; whole_rows && d < extent.size(); ++d) whole_rows = chunk[d] == extent[d];
  Handle stored(check(H5Dget_type(id()), path_), Handle::Kind::Datatype);
  if (!whole_rows || H5Pget_nfilters(properties.get()) != 2 ||
      H5Tget_size(stored.get()) != element_bytes(rows.type)) {
    fail("appending to " + path_ +
         ": expected chunks of whole rows of its type, shuffled and deflated");
  }
  const std::uint64_t chunk_rows = chunk[0];
  std::vector<hsize_t> grown(extent.begin(), extent.end());
  grown[0] += rows.count;
  check_status(H5Dset_extent(id(), grown.data()), "extending " + path_);
  if (rows.head_rows > 0) {
    const std::vector<std::uint64_t> now(grown.begin(), grown.end());
    const RowSelection head = select_rows(id(), now, rows.first, rows.head_rows, path_);
    check_status(H5Dwrite(id(), memory_type(rows.type), head.memory_space.get(),
                          head.file_space.get(), H5P_DEFAULT, rows.head.data()),
                 "writing rows of " + path_);
  }
  std::vector<hsize_t> offset(extent.size(), 0);
  for (std::size_t c = 0; c < rows.chunks.size(); ++c) {
    offset[0] = rows.first + rows.head_rows + c * chunk_rows;
    if (offset[0] % chunk_rows != 0) fail("appending to " + path_ + ": a chunk off its boundary");
    check_status(H5Dwrite_chunk(id(), H5P_DEFAULT, 0, offset.data(), rows.chunks[c].size(),
                                rows.chunks[c].data()),
                 "writing " + path_);
  }
}

}  // namespace traj::hdf5
