// Rows appended as raw, already compressed chunks: the filters of a growing
// dataset (shuffle, then deflate) are applied here (chunk_filter.cpp), in
// parallel and outside HDF5 (whose library is built serial and would
// compress chunk after chunk on the writing thread), and the chunks handed
// to H5Dwrite_chunk.

#include <hdf5.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cstring>
#include <memory>

#include "hdf5/internal.hpp"
#include "traj/hdf5_file.hpp"

namespace traj::hdf5 {
using namespace detail;

struct RowsCompressor::Scratch {
  tbb::enumerable_thread_specific<ChunkScratch> threads;
};

RowsCompressor::RowsCompressor() : scratch_(std::make_unique<Scratch>()) {}
RowsCompressor::~RowsCompressor() = default;

void RowsCompressor::compress(const void* data, Type type, std::uint64_t first, std::uint64_t count,
                              std::uint64_t row_elements, std::uint64_t chunk_rows,
                              CompressedRows& rows) {
  rows.first = first;
  rows.count = count;
  rows.type = type;
  const std::size_t bytes_per_element = element_bytes(type);
  const std::size_t row_bytes = row_elements * bytes_per_element;
  const auto* bytes = static_cast<const unsigned char*>(data);
  rows.head_rows = std::min<std::uint64_t>(count, (chunk_rows - first % chunk_rows) % chunk_rows);
  rows.head.assign(bytes, bytes + rows.head_rows * row_bytes);
  const std::uint64_t rest = count - rows.head_rows;
  rows.chunks.resize((rest + chunk_rows - 1) / chunk_rows);  // each keeps its buffer
  const unsigned char* chunked = bytes + rows.head_rows * row_bytes;
  const auto rows_in = [&](std::size_t c) {
    return std::min<std::uint64_t>(chunk_rows, rest - c * chunk_rows);
  };
  // Which planes to store is judged on the first chunk, for the others of
  // the call too (a batch's chunks of one dataset are alike): a sample is
  // cheap, but one per chunk would cost ≈ 10 % of the compression.
  const std::size_t stored =
      rows.chunks.empty() ? 0
                          : stored_planes(chunked, rows_in(0) * row_bytes, chunk_rows * row_bytes,
                                          bytes_per_element, scratch_->threads.local());
  tbb::parallel_for(std::size_t{0}, rows.chunks.size(), [&](std::size_t c) {
    filtered_chunk(chunked + c * chunk_rows * row_bytes, rows_in(c) * row_bytes,
                   chunk_rows * row_bytes, bytes_per_element, stored, scratch_->threads.local(),
                   rows.chunks[c]);
  });
}

CompressedRows compress_rows(const void* data, Type type, std::uint64_t first, std::uint64_t count,
                             std::uint64_t row_elements, std::uint64_t chunk_rows) {
  CompressedRows rows;
  RowsCompressor().compress(data, type, first, count, row_elements, chunk_rows, rows);
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
