#include "traj/file_stamp.hpp"

#include <isa-l/crc.h>

#include <array>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <vector>

#include "traj/error.hpp"

namespace traj {
namespace {

constexpr char MAGIC[] = "\nTRAJECTOIRES FILE STAMP 1\n";
constexpr std::size_t READ_BYTES = 4 << 20;

/// CRC-32 (gzip's and zlib's) of the first `bytes` bytes of the stream;
/// ISA-L's (carry-less multiplication where the processor has it): a
/// results file is read back whole once written.
std::uint32_t crc_of(std::istream& in, std::uint64_t bytes, const std::string& path) {
  in.seekg(0);
  std::uint32_t crc = 0;
  std::vector<char> buffer(READ_BYTES);
  while (bytes > 0) {
    const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(bytes, buffer.size()));
    in.read(buffer.data(), static_cast<std::streamsize>(want));
    if (static_cast<std::size_t>(in.gcount()) != want) throw Error(path + ": cannot be read");
    crc = crc32_gzip_refl(crc, reinterpret_cast<const unsigned char*>(buffer.data()), want);
    bytes -= want;
  }
  return crc;
}

std::uint64_t size_of(std::istream& in) {
  in.seekg(0, std::ios::end);
  return static_cast<std::uint64_t>(in.tellg());
}

}  // namespace

void write_file_stamp(const std::string& path) {
  std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
  if (!file) throw Error(path + ": cannot be opened to write its integrity stamp");
  const std::uint64_t bytes = size_of(file);
  const std::uint32_t crc = crc_of(file, bytes, path);
  std::array<char, STAMP_BYTES> stamp{};
  std::snprintf(stamp.data(), stamp.size(), "%sbytes %llu\ncrc32 %08x\n", MAGIC,
                static_cast<unsigned long long>(bytes), crc);
  file.clear();
  file.seekp(0, std::ios::end);
  file.write(stamp.data(), static_cast<std::streamsize>(stamp.size()));
  file.flush();
  if (!file) throw Error(path + ": cannot write its integrity stamp (disk full?)");
}

void check_file_stamp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path + ": cannot be opened");
  const std::uint64_t size = size_of(in);
  std::array<char, STAMP_BYTES> stamp{};
  const std::size_t magic_length = std::strlen(MAGIC);
  if (size >= STAMP_BYTES) {
    in.seekg(static_cast<std::streamoff>(size - STAMP_BYTES));
    in.read(stamp.data(), static_cast<std::streamsize>(stamp.size()));
  }
  if (size < STAMP_BYTES || std::memcmp(stamp.data(), MAGIC, magic_length) != 0) {
    throw Error(path +
                ": has no Trajectoires integrity stamp at its end (truncated, or not written "
                "by traj with results format 2 or later)");
  }
  stamp.back() = '\0';
  unsigned long long stated_bytes = 0;
  unsigned stated_crc = 0;
  if (std::sscanf(stamp.data() + magic_length, "bytes %llu\ncrc32 %8x", &stated_bytes,
                  &stated_crc) != 2) {
    throw Error(path + ": has a damaged integrity stamp");
  }
  const std::uint64_t content = size - STAMP_BYTES;
  if (content != stated_bytes) {
    throw Error(path + ": is damaged: expected " + std::to_string(stated_bytes + STAMP_BYTES) +
                " bytes, found " + std::to_string(size));
  }
  if (crc_of(in, content, path) != stated_crc) {
    throw Error(path + ": is damaged: its content does not match its CRC-32 checksum");
  }
}

}  // namespace traj
