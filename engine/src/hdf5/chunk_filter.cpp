// One chunk through a growing dataset's filters, outside HDF5: HDF5's
// shuffle, then the zlib stream (RFC 1950) that its deflate filter inflates.
//
// Why not one deflate call: the shuffled planes of the low bytes of random
// numbers (the mantissas of drawn parameters, of simulated trajectories) do
// not compress at all, and deflate spends most of its time searching them
// for matches in vain (issue 28: 6 planes of 8 for the parameters, 2 of 4
// for float32 trajectories). Such planes go into the stream as deflate's
// stored blocks (RFC 1951 §3.2.4: copied, 5 bytes of header per 65 535
// bytes); the planes after them are compressed by libdeflate. Any zlib
// reader (HDF5, h5py, netCDF) inflates the stream as any other.

#include <libdeflate.h>

#include <algorithm>
#include <cstring>
#include <memory>

#include "hdf5/internal.hpp"

namespace traj::hdf5::detail {

namespace {

/// The level of Group::create_growing's deflate filter: the bytes a reader
/// decompresses do not depend on it, only the file's size and the time.
constexpr int DEFLATE_LEVEL = 1;
/// A plane is stored when deflate leaves its first 4 KiB at 90 % of their
/// size or more: random bytes (1.003), and planes that would save ≈ 10 %
/// at a sixth of deflate's speed on other planes (the parameters' 7th byte:
/// 0.93 of 4 KiB, 0.89 of the plane). On the bench scenario, the planes of
/// trajectories that compress leave at most 0.85 of 4 KiB (so2's 3rd byte:
/// 0.67 of the plane); a KiB would not tell them apart (so2: up to 1.004).
constexpr std::size_t SAMPLE_BYTES = 4096;
constexpr double STORED_FROM = 0.9;
/// Deflate's largest stored block.
constexpr std::size_t STORED_BLOCK = 65535;

/// HDF5's shuffle filter (H5Z_filter_shuffle): byte j of element i goes to
/// j × elements + i, so that the bytes of equal weight sit together. The
/// elements from `present` on are zeros (an edge chunk is stored whole).
template <std::size_t BYTES>
void shuffle_elements(const unsigned char* from, std::size_t present, std::size_t elements,
                      unsigned char* to) {
  for (std::size_t i = 0; i < present; ++i) {
    const unsigned char* element = from + i * BYTES;
    for (std::size_t j = 0; j < BYTES; ++j) to[j * elements + i] = element[j];
  }
  for (std::size_t j = 0; j < BYTES; ++j)
    std::fill(to + j * elements + present, to + (j + 1) * elements, static_cast<unsigned char>(0));
}

void shuffle(const unsigned char* from, std::size_t bytes, std::size_t chunk_bytes,
             std::size_t bytes_per_element, unsigned char* to) {
  const std::size_t present = bytes / bytes_per_element;
  const std::size_t elements = chunk_bytes / bytes_per_element;
  switch (bytes_per_element) {
    case 8:
      return shuffle_elements<8>(from, present, elements, to);
    case 4:
      return shuffle_elements<4>(from, present, elements, to);
    case 2:
      return shuffle_elements<2>(from, present, elements, to);
    default:  // one byte: HDF5's shuffle leaves the bytes as they are
      if (bytes > 0) std::memcpy(to, from, bytes);  // from is null for no values
      std::fill(to + bytes, to + chunk_bytes, static_cast<unsigned char>(0));
  }
}

/// Whether deflate leaves the first bytes of `plane` (almost) as long.
bool incompressible(ChunkScratch& scratch, const unsigned char* plane, std::size_t bytes) {
  const std::size_t sample = std::min(bytes, SAMPLE_BYTES);
  std::vector<unsigned char>& out = scratch.sample;
  out.resize(libdeflate_deflate_compress_bound(scratch.compressor(), sample));
  const std::size_t size =
      libdeflate_deflate_compress(scratch.compressor(), plane, sample, out.data(), out.size());
  return size == 0 || static_cast<double>(size) >= STORED_FROM * static_cast<double>(sample);
}

/// Appends `bytes` of `data` as stored blocks, the last one final if `last`.
void append_stored(const unsigned char* data, std::size_t bytes, bool last,
                   std::vector<unsigned char>& out) {
  std::size_t done = 0;
  do {
    const std::size_t length = std::min(STORED_BLOCK, bytes - done);
    const bool final = last && done + length == bytes;
    out.push_back(final ? 1 : 0);  // BFINAL, BTYPE = 00; the rest of the byte is padding
    out.push_back(static_cast<unsigned char>(length & 0xff));
    out.push_back(static_cast<unsigned char>(length >> 8));
    out.push_back(static_cast<unsigned char>(~length & 0xff));
    out.push_back(static_cast<unsigned char>((~length >> 8) & 0xff));
    out.insert(out.end(), data + done, data + done + length);
    done += length;
  } while (done < bytes);
}

}  // namespace

void ChunkScratch::Free::operator()(libdeflate_compressor* compressor) const {
  libdeflate_free_compressor(compressor);
}

libdeflate_compressor* ChunkScratch::compressor() {
  if (compressor_ == nullptr) {
    compressor_.reset(libdeflate_alloc_compressor(DEFLATE_LEVEL));
    if (compressor_ == nullptr) throw Error("libdeflate: no memory for a compressor");
  }
  return compressor_.get();
}

std::size_t stored_planes(const unsigned char* rows, std::size_t bytes, std::size_t chunk_bytes,
                          std::size_t bytes_per_element, ChunkScratch& scratch) {
  const std::size_t planes = bytes_per_element;
  const std::size_t plane_bytes = chunk_bytes / planes;
  if (planes <= 1 || plane_bytes == 0) return 0;
  std::vector<unsigned char>& shuffled = scratch.shuffled;
  shuffled.resize(chunk_bytes);
  shuffle(rows, bytes, chunk_bytes, bytes_per_element, shuffled.data());
  std::size_t stored = 0;
  while (stored < planes &&
         incompressible(scratch, shuffled.data() + stored * plane_bytes, plane_bytes)) {
    ++stored;
  }
  return stored;
}

void filtered_chunk(const unsigned char* rows, std::size_t bytes, std::size_t chunk_bytes,
                    std::size_t bytes_per_element, std::size_t stored_planes, ChunkScratch& scratch,
                    std::vector<unsigned char>& out) {
  std::vector<unsigned char>& shuffled = scratch.shuffled;
  shuffled.resize(chunk_bytes);
  shuffle(rows, bytes, chunk_bytes, bytes_per_element, shuffled.data());
  libdeflate_compressor* compressor = scratch.compressor();
  const std::size_t plane_bytes = chunk_bytes / bytes_per_element;
  const std::size_t stored_bytes = stored_planes * plane_bytes;
  const std::size_t rest = chunk_bytes - stored_bytes;
  const bool deflated = rest > 0 || stored_bytes == 0;  // (a chunk of no bytes: an empty block)
  out.clear();
  out.reserve(2 + stored_bytes + 5 * (stored_bytes / STORED_BLOCK + 1) +
              (deflated ? libdeflate_deflate_compress_bound(compressor, rest) : 0) + 4);
  out.push_back(0x78);  // zlib header: deflate, 32 KiB window,
  out.push_back(0x01);  // fastest level (as libdeflate's level 1 writes it)
  if (stored_bytes > 0) append_stored(shuffled.data(), stored_bytes, !deflated, out);
  if (deflated) {
    const std::size_t start = out.size();
    out.resize(start + libdeflate_deflate_compress_bound(compressor, rest));
    const std::size_t size = libdeflate_deflate_compress(
        compressor, shuffled.data() + stored_bytes, rest, out.data() + start, out.size() - start);
    if (size == 0)
      throw Error("libdeflate could not compress a chunk of " + std::to_string(chunk_bytes) +
                  " bytes");
    out.resize(start + size);
  }
  const std::uint32_t adler = libdeflate_adler32(1, shuffled.data(), chunk_bytes);
  for (const int shift : {24, 16, 8, 0}) out.push_back(static_cast<unsigned char>(adler >> shift));
}

}  // namespace traj::hdf5::detail
