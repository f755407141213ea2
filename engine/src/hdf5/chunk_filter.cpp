// One chunk through a growing dataset's filters, outside HDF5: HDF5's
// shuffle, then the zlib stream (RFC 1950) that its deflate filter inflates.
//
// Why not one deflate call: the shuffled planes of the low bytes of random
// numbers (the mantissas of drawn parameters, of simulated trajectories) do
// not compress at all, and deflate spends most of its time searching them
// for matches in vain (issue 28: 6 planes of 8 for the parameters, 2 of 4
// for float32 trajectories). Such planes go into the stream as deflate's
// stored blocks (RFC 1951 §3.2.4: copied, 5 bytes of header per 65 535
// bytes); the planes after them are deflated by ISA-L's level 1 (igzip,
// Debian libisal-dev: 2–3 times libdeflate's level 1 on these planes, for
// ≈ 10 % more bytes on the mantissas' high bytes). Any zlib reader (HDF5,
// h5py, netCDF) inflates the stream as any other.

#include <isa-l/igzip_lib.h>

#include <algorithm>
#include <cstring>
#include <memory>

#include "hdf5/internal.hpp"

namespace traj::hdf5::detail {

namespace {

/// igzip's level: the bytes a reader decompresses do not depend on it, only
/// the file's size and the time. (Group::create_growing declares deflate
/// level 1, HDF5's own choice were it to compress.)
constexpr std::uint32_t DEFLATE_LEVEL = 1;
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

/// Room for igzip's output of `bytes`: deflate stores what does not
/// compress, 5 bytes per 65 535, after at most one block header.
std::size_t deflate_bound(std::size_t bytes) {
  return bytes + 5 * (bytes / STORED_BLOCK + 1) + ISAL_DEF_MAX_HDR_SIZE + 64;
}

/// Appends `bytes` of `data` deflated (a final block) to `out`; false if
/// igzip wants more room than deflate_bound (then `out` is as it was).
bool append_deflated(ChunkScratch& scratch, const unsigned char* data, std::size_t bytes,
                     std::vector<unsigned char>& out) {
  const std::size_t start = out.size();
  out.resize(start + deflate_bound(bytes));
  isal_zstream& stream = scratch.stream();
  isal_deflate_stateless_init(&stream);
  stream.level = DEFLATE_LEVEL;
  stream.level_buf = scratch.level_buffer.data();
  stream.level_buf_size = static_cast<std::uint32_t>(scratch.level_buffer.size());
  stream.next_in = const_cast<unsigned char*>(data);  // igzip does not write to it
  stream.avail_in = static_cast<std::uint32_t>(bytes);
  stream.next_out = out.data() + start;
  stream.avail_out = static_cast<std::uint32_t>(out.size() - start);
  stream.end_of_stream = 1;
  stream.flush = NO_FLUSH;
  const bool done = isal_deflate_stateless(&stream) == COMP_OK && stream.avail_in == 0;
  out.resize(done ? start + stream.total_out : start);
  return done;
}

/// Whether deflate leaves the first bytes of `plane` (almost) as long.
bool incompressible(ChunkScratch& scratch, const unsigned char* plane, std::size_t bytes) {
  const std::size_t sample = std::min(bytes, SAMPLE_BYTES);
  std::vector<unsigned char>& out = scratch.sample;
  out.clear();
  return !append_deflated(scratch, plane, sample, out) ||
         static_cast<double>(out.size()) >= STORED_FROM * static_cast<double>(sample);
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

ChunkScratch::ChunkScratch()
    : level_buffer(ISAL_DEF_LVL1_DEFAULT), stream_(std::make_unique<isal_zstream>()) {}
ChunkScratch::~ChunkScratch() = default;
ChunkScratch::ChunkScratch(ChunkScratch&&) noexcept = default;

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
  const std::size_t plane_bytes = chunk_bytes / bytes_per_element;
  const std::size_t stored_bytes = stored_planes * plane_bytes;
  const std::size_t rest = chunk_bytes - stored_bytes;
  out.clear();
  out.reserve(2 + deflate_bound(chunk_bytes) + 4);
  out.push_back(0x78);  // zlib header: deflate, 32 KiB window,
  out.push_back(0x01);  // fastest level
  // The deflated planes end the stream (a final block); none, or planes
  // igzip could not fit: stored, the last block final. (A chunk of no
  // bytes: one empty final block.)
  const std::size_t blocks_from = out.size();
  if (stored_bytes > 0) append_stored(shuffled.data(), stored_bytes, rest == 0, out);
  if (rest > 0 || chunk_bytes == 0) {
    if (!append_deflated(scratch, shuffled.data() + stored_bytes, rest, out)) {
      out.resize(blocks_from);
      append_stored(shuffled.data(), chunk_bytes, true, out);
    }
  }
  const std::uint32_t adler = isal_adler32(1, shuffled.data(), chunk_bytes);
  for (const int shift : {24, 16, 8, 0}) out.push_back(static_cast<unsigned char>(adler >> shift));
}

}  // namespace traj::hdf5::detail
