#pragma once
/// RAII wrappers over the HDF5 C API, for self-describing, netCDF-4
/// compatible result files: groups and attributes tracked in creation order,
/// dimension scales (H5DS) for named dimensions, fixed-length strings (read
/// by netCDF as text), chunked datasets with shuffle + deflate, appended by
/// hyperslabs so that large outputs stream to disk.
///
/// Every failure throws traj::Error naming the file and the object. Not
/// thread safe: use from one thread (compress_rows excepted).

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "traj/error.hpp"

namespace traj::hdf5 {

using Id = std::int64_t;  ///< hid_t without including hdf5.h

/// Owns one HDF5 identifier and closes it with the right function.
class Handle {
 public:
  enum class Kind { File, Group, Dataset, Dataspace, Datatype, Attribute, PropertyList };
  Handle() = default;
  Handle(Id id, Kind kind) : id_(id), kind_(kind) {}
  ~Handle();
  Handle(Handle&& other) noexcept;
  Handle& operator=(Handle&& other) noexcept;
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Id get() const { return id_; }
  /// Gives up ownership (the caller closes the identifier).
  Id release() {
    const Id id = id_;
    id_ = -1;
    return id;
  }
  bool valid() const { return id_ >= 0; }

 private:
  Id id_ = -1;
  Kind kind_ = Kind::File;
};

/// Element types. Float32 holds values computed in single precision (the
/// kernel's): stored at their own precision, read back widened exactly.
enum class Type { Float64, Int64, Int32, UInt8, Float32 };

/// Rows of a growing dataset compressed ahead of writing, off the HDF5
/// thread: the rows before the first chunk boundary as they are (`head`),
/// then whole chunks, each filtered as the dataset's pipeline would
/// (shuffle, then deflate): Dataset::append_compressed writes them as raw
/// chunks, which HDF5, h5py and netCDF read as any other.
struct CompressedRows {
  std::uint64_t first = 0;          ///< the dataset's row where they start
  std::uint64_t count = 0;          ///< rows in all
  std::uint64_t head_rows = 0;      ///< rows before the first chunk boundary
  std::vector<unsigned char> head;  ///< those rows, uncompressed
  std::vector<std::vector<unsigned char>>
      chunks;  ///< then one per chunk (the last padded with zeros)
  Type type = Type::Float64;
};

/// Compresses `count` rows of `row_elements` elements of `type` from `data`
/// (row-major), to be appended at row `first` of a dataset chunked by
/// `chunk_rows` rows of whole rows, with shuffle + deflate level 1 (as
/// Group::create_growing makes them). Chunks are compressed in parallel
/// (oneTBB); the bytes depend on nothing but the data (planes of shuffled
/// bytes that look random are stored uncompressed, in the same zlib
/// stream). Calls no HDF5 function: safe from any thread.
CompressedRows compress_rows(const void* data, Type type, std::uint64_t first, std::uint64_t count,
                             std::uint64_t row_elements, std::uint64_t chunk_rows);

/// compress_rows for a writer that compresses batch after batch: its
/// threads' scratch buffers and the chunks of `into` are reused from one
/// call to the next (fresh pages cost more than the copies). One call at a
/// time.
class RowsCompressor {
 public:
  RowsCompressor();
  ~RowsCompressor();
  RowsCompressor(const RowsCompressor&) = delete;
  RowsCompressor& operator=(const RowsCompressor&) = delete;
  void compress(const void* data, Type type, std::uint64_t first, std::uint64_t count,
                std::uint64_t row_elements, std::uint64_t chunk_rows, CompressedRows& into);

 private:
  struct Scratch;
  std::unique_ptr<Scratch> scratch_;
};

class Dataset;

/// A group (the file's root is one).
class Group {
 public:
  Group(Handle handle, std::string path) : handle_(std::move(handle)), path_(std::move(path)) {}
  const std::string& path() const { return path_; }
  Id id() const { return handle_.get(); }

  Group create_group(const std::string& name);
  Group open_group(const std::string& name) const;
  bool has(const std::string& name) const;

  /// A dataset of `dims`; chunked and compressed when `chunk` is given.
  Dataset create(const std::string& name, Type type, const std::vector<std::uint64_t>& dims,
                 const std::vector<std::uint64_t>& chunk = {});
  /// A dataset whose first dimension starts empty and grows (netCDF unlimited
  /// dimension), chunked and compressed; rows are added with append_rows.
  Dataset create_growing(const std::string& name, Type type,
                         const std::vector<std::uint64_t>& row_dims,
                         const std::vector<std::uint64_t>& chunk);
  /// A 1-D dataset of variable-length UTF-8 strings (netCDF strings).
  Dataset create_strings(const std::string& name, const std::vector<std::string>& values);
  /// A scalar string dataset holding `text` verbatim (e.g. an input file).
  Dataset create_text(const std::string& name, const std::string& text);
  Dataset open(const std::string& name) const;

  void set_attribute(const std::string& name, const std::string& value);
  void set_attribute(const std::string& name, double value);
  void set_attribute(const std::string& name, std::int64_t value);
  std::string string_attribute(const std::string& name) const;
  std::int64_t int_attribute(const std::string& name) const;
  double double_attribute(const std::string& name) const;
  bool has_attribute(const std::string& name) const;
  /// Names of the attributes, in creation order.
  std::vector<std::string> attribute_names() const;
  /// A scalar attribute as text (numbers in their shortest exact form).
  std::string attribute_text(const std::string& name) const;

 private:
  Handle handle_;
  std::string path_;
};

class Dataset {
 public:
  Dataset(Handle handle, std::string path) : handle_(std::move(handle)), path_(std::move(path)) {}
  const std::string& path() const { return path_; }
  Id id() const { return handle_.get(); }
  std::vector<std::uint64_t> dims() const;

  /// Writes the whole dataset from `data` (row-major, of the dataset's type).
  void write(const void* data, Type type);
  /// Writes rows [first, first + count) of the first dimension.
  void write_rows(std::uint64_t first, std::uint64_t count, const void* data, Type type);
  /// Extends the first dimension by `count` rows and writes them.
  void append_rows(std::uint64_t count, const void* data, Type type);
  /// Extends the first dimension by rows.count rows and writes them, the
  /// chunks as they are (H5Dwrite_chunk). The dataset must be a growing one
  /// of rows.type, chunked as compress_rows assumed, now rows.first rows long.
  void append_compressed(const CompressedRows& rows);
  /// Reads the whole dataset as doubles / int64 / strings / text.
  std::vector<double> read_doubles() const;
  std::vector<std::int64_t> read_ints() const;
  std::vector<std::string> read_strings() const;
  std::string read_text() const;
  /// The dataset's raw bytes in its file type, for bit-for-bit comparison.
  std::vector<unsigned char> read_raw() const;
  /// Reads rows [first, first + count) of the first dimension as doubles
  /// (row-major), to stream a large dataset.
  std::vector<double> read_rows(std::uint64_t first, std::uint64_t count) const;
  /// Whether this dataset is a dimension scale (a coordinate variable).
  bool is_scale() const;
  /// Whether its elements are text (else numbers).
  bool holds_text() const;
  /// The name of the dimension scale attached to each dimension ("" if none).
  std::vector<std::string> dimension_names() const;

  /// Makes this 1-D dataset the dimension scale `name` (netCDF dimension).
  void make_scale(const std::string& name);
  /// Attaches `scale` to dimension `dimension` of this dataset.
  void attach_scale(const Dataset& scale, unsigned dimension);

  void set_attribute(const std::string& name, const std::string& value);
  void set_attribute(const std::string& name, double value);
  std::string string_attribute(const std::string& name) const;
  bool has_attribute(const std::string& name) const;

 private:
  Handle handle_;
  std::string path_;
};

/// A file being written or read.
class File {
 public:
  /// Creates (truncating) `path`, with creation order tracked as netCDF-4 expects.
  static File create(const std::string& path);
  static File open_read_only(const std::string& path);
  Group& root() { return root_; }
  const Group& root() const { return root_; }
  /// Flushes and closes; throws if HDF5 reports an error (e.g. disk full).
  void close();
  /// Paths of every dataset, in name order (for comparisons).
  std::vector<std::string> dataset_paths() const;

 private:
  File(Handle file, Group root, std::string path)
      : file_(std::move(file)), root_(std::move(root)), path_(std::move(path)) {}
  Handle file_;
  Group root_;
  std::string path_;
};

}  // namespace traj::hdf5

namespace traj::hdf5 {

/// Datasets whose contents differ between two files, bit for bit (their
/// path, with "(only in …)" when missing from one). Attributes are not
/// compared: they hold dates and command lines.
std::vector<std::string> differing_datasets(const std::string& path_a, const std::string& path_b);

}  // namespace traj::hdf5
