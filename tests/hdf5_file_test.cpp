// The HDF5 wrapper (traj/hdf5_file.hpp): what is written reads back, value
// for value, with its attributes and dimension scales; failures name the
// file and the object.

#include <unistd.h>
#include <catch2/catch.hpp>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "traj/error.hpp"
#include "traj/hdf5_file.hpp"

using namespace traj;
using hdf5::Type;

namespace {

std::string scratch(const std::string& name) {
  // One directory per process: CTest runs test cases in parallel.
  const auto directory = std::filesystem::temp_directory_path() /
                         ("traj-hdf5-file-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(directory);
  const auto path = directory / name;
  std::filesystem::remove(path);
  return path.string();
}

}  // namespace

TEST_CASE("hdf5 file: datasets of every type read back value for value") {
  const std::string path = scratch("round-trip.h5");
  {
    hdf5::File file = hdf5::File::create(path);
    hdf5::Group group = file.root().create_group("results");
    const std::vector<double> doubles = {0.1, -2.5e300, 4.9e-324, 3.0, 7.25, -0.0};
    group.create("doubles", Type::Float64, {2, 3}).write(doubles.data(), Type::Float64);
    const std::vector<std::int64_t> longs = {INT64_MIN, -1, 0, INT64_MAX};
    group.create("longs", Type::Int64, {4}).write(longs.data(), Type::Int64);
    const std::vector<std::int32_t> years = {2020, 2021, 2022};
    group.create("years", Type::Int32, {3}).write(years.data(), Type::Int32);
    const std::vector<std::uint8_t> flags = {0, 1, 1};
    group.create("flags", Type::UInt8, {3}, {3}).write(flags.data(), Type::UInt8);
    group.create_strings("names", {"résidentiel", "", "tertiary"});
    group.create_text("input", "[territory]\nname = \"Brest\"\n");
    // A growing dataset, appended twice (chunked and compressed).
    hdf5::Dataset growing = group.create_growing("members", Type::Float64, {2}, {4, 2});
    const std::vector<double> first = {1, 2, 3, 4, 5, 6}, second = {7, 8};
    growing.append_rows(3, first.data(), Type::Float64);
    growing.append_rows(1, second.data(), Type::Float64);
    file.close();
  }
  const hdf5::File file = hdf5::File::open_read_only(path);
  const hdf5::Group group = file.root().open_group("results");
  CHECK(group.path() == "/results");
  const hdf5::Dataset doubles = group.open("doubles");
  CHECK(doubles.dims() == std::vector<std::uint64_t>{2, 3});
  const std::vector<double> read = doubles.read_doubles();
  REQUIRE(read.size() == 6);
  CHECK(read[0] == 0.1);
  CHECK(read[1] == -2.5e300);
  CHECK(read[2] == 4.9e-324);
  CHECK(std::signbit(read[5]));
  CHECK(group.open("longs").read_ints() == std::vector<std::int64_t>{INT64_MIN, -1, 0, INT64_MAX});
  CHECK(group.open("years").read_ints() == std::vector<std::int64_t>{2020, 2021, 2022});
  CHECK(group.open("flags").read_ints() == std::vector<std::int64_t>{0, 1, 1});
  CHECK(group.open("names").read_strings() ==
        std::vector<std::string>{"résidentiel", "", "tertiary"});
  CHECK(group.open("input").read_text() == "[territory]\nname = \"Brest\"\n");
  const hdf5::Dataset growing = group.open("members");
  CHECK(growing.dims() == std::vector<std::uint64_t>{4, 2});
  CHECK(growing.read_doubles() == std::vector<double>{1, 2, 3, 4, 5, 6, 7, 8});
  // Every dataset, in name order.
  CHECK(file.dataset_paths() == std::vector<std::string>{"/results/doubles", "/results/flags",
                                                         "/results/input", "/results/longs",
                                                         "/results/members", "/results/names",
                                                         "/results/years"});
}

TEST_CASE("hdf5 file: attributes of groups and datasets, and dimension scales") {
  const std::string path = scratch("attributes.h5");
  {
    hdf5::File file = hdf5::File::create(path);
    hdf5::Group& root = file.root();
    root.set_attribute("title", std::string("Trajectoires ensemble: Brest"));
    root.set_attribute("precision", 0.0125);
    root.set_attribute("seed", std::int64_t{-42});
    const std::vector<std::int32_t> years = {2020, 2021};
    hdf5::Dataset year = root.create("year", Type::Int32, {2});
    year.write(years.data(), Type::Int32);
    year.make_scale("year");
    hdf5::Dataset ghg = root.create("ghg_mean", Type::Float64, {2});
    const std::vector<double> values = {1.5, 1.25};
    ghg.write(values.data(), Type::Float64);
    ghg.attach_scale(year, 0);
    ghg.set_attribute("units", std::string("ktCO2e"));
    ghg.set_attribute("scale", 2.5);
    file.close();
  }
  const hdf5::File file = hdf5::File::open_read_only(path);
  const hdf5::Group& root = file.root();
  CHECK(root.has_attribute("title"));
  CHECK_FALSE(root.has_attribute("absent"));
  CHECK(root.string_attribute("title") == "Trajectoires ensemble: Brest");
  CHECK(root.double_attribute("precision") == 0.0125);
  CHECK(root.int_attribute("seed") == -42);
  CHECK(root.has("year"));
  CHECK_FALSE(root.has("absent"));
  const hdf5::Dataset ghg = root.open("ghg_mean");
  CHECK(ghg.string_attribute("units") == "ktCO2e");
  // A dimension scale is marked as one (netCDF reads it as a dimension).
  CHECK(root.open("year").string_attribute("CLASS") == "DIMENSION_SCALE");
}

TEST_CASE("hdf5 file: a missing file, group, dataset or attribute is an error naming it") {
  const std::string missing = scratch("missing.h5");
  CHECK_THROWS_AS(hdf5::File::open_read_only(missing), Error);
  CHECK_THROWS_WITH(hdf5::File::open_read_only(missing), Catch::Contains(missing));
  const std::string path = scratch("small.h5");
  {
    hdf5::File file = hdf5::File::create(path);
    file.root().create_group("inputs");
    file.close();
  }
  const hdf5::File file = hdf5::File::open_read_only(path);
  const hdf5::Group& root = file.root();
  CHECK_THROWS_WITH(root.open_group("outputs"), Catch::Contains("outputs"));
  CHECK_THROWS_WITH(root.open("values"), Catch::Contains("values"));
  CHECK_THROWS_WITH(root.string_attribute("title"), Catch::Contains("title"));
  CHECK_THROWS_WITH(root.open_group("inputs").int_attribute("seed"), Catch::Contains("seed"));
  // A file that is not HDF5.
  const std::string text = scratch("not-hdf5.h5");
  std::FILE* out = std::fopen(text.c_str(), "w");
  REQUIRE(out != nullptr);
  std::fputs("not an HDF5 file\n", out);
  std::fclose(out);
  CHECK_THROWS_WITH(hdf5::File::open_read_only(text), Catch::Contains(text));
}

TEST_CASE("hdf5 file: rows compressed off the HDF5 thread read back as rows written by HDF5") {
  // Chunks of 4 rows of 3 floats; appends of 5, 3 and 6 rows: a padded edge
  // chunk, a head that completes it, whole chunks, a last padded one.
  std::vector<float> values(14 * 3);
  for (std::size_t i = 0; i < values.size(); ++i)
    values[i] = static_cast<float>(i) * 1.25f - 7.0f + static_cast<float>(i % 5) / 3.0f;
  const std::string raw = scratch("raw-chunks.h5"), plain = scratch("hdf5-chunks.h5");
  {
    hdf5::File file = hdf5::File::create(raw);
    hdf5::Dataset rows = file.root().create_growing("rows", Type::Float32, {3}, {4, 3});
    std::uint64_t first = 0;
    for (const std::uint64_t count : {5u, 3u, 6u}) {
      const auto compressed =
          hdf5::compress_rows(values.data() + first * 3, Type::Float32, first, count, 3, 4);
      CHECK(compressed.head_rows == (first == 5 ? 3u : 0u));
      CHECK(compressed.chunks.size() == (first == 5 ? 0u : 2u));
      rows.append_compressed(compressed);
      first += count;
    }
    CHECK_THROWS_WITH(
        rows.append_compressed(hdf5::compress_rows(values.data(), Type::Float32, 3, 1, 3, 4)),
        Catch::Contains("expected it 3 rows long, found 14"));
    file.close();
  }
  {
    hdf5::File file = hdf5::File::create(plain);
    file.root()
        .create_growing("rows", Type::Float32, {3}, {4, 3})
        .append_rows(14, values.data(), Type::Float32);
    file.close();
  }
  const hdf5::File file = hdf5::File::open_read_only(raw);
  const auto read = file.root().open("rows").read_doubles();
  REQUIRE(read.size() == values.size());
  for (std::size_t i = 0; i < values.size(); ++i)
    REQUIRE(read[i] == static_cast<double>(values[i]));
  CHECK(hdf5::differing_datasets(raw, plain).empty());
}

TEST_CASE(
    "hdf5 file: chunks whose low bytes look random store those planes, and read back bit for "
    "bit") {
  // 2 048 rows of 8 doubles: random mantissas (a 64-bit LCG), exponents
  // within one binade, as drawn parameters are; then the same rows of
  // smooth values. Chunks of 1 024 rows: 64 KiB per plane.
  const std::size_t rows = 2048, columns = 8;
  std::vector<double> random(rows * columns), smooth(rows * columns);
  std::uint64_t state = 12345;
  for (std::size_t i = 0; i < random.size(); ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    random[i] = 1.0 + static_cast<double>(state >> 11) / 9007199254740992.0;  // [1, 2)
    smooth[i] = 0.25 * static_cast<double>(i % 37) + 100.0;
  }
  const std::string path = scratch("stored-planes.h5");
  const std::size_t chunk_bytes = 1024 * columns * 8;
  {
    hdf5::File file = hdf5::File::create(path);
    for (const auto& [name, values] :
         {std::pair{"random", &random}, std::pair{"smooth", &smooth}}) {
      hdf5::Dataset dataset =
          file.root().create_growing(name, Type::Float64, {columns}, {1024, columns});
      const auto compressed =
          hdf5::compress_rows(values->data(), Type::Float64, 0, rows, columns, 1024);
      REQUIRE(compressed.chunks.size() == 2);
      for (const auto& chunk : compressed.chunks) {
        REQUIRE(chunk.size() > 3);
        CHECK(chunk[0] == 0x78);  // a zlib stream
        if (values == &random) {
          // Six planes of mantissa bytes stored (a stored block starts the
          // stream), the two others deflated: about 6/8 of the bytes.
          CHECK(chunk[2] == 0x00);
          CHECK(chunk.size() > chunk_bytes * 6 / 8);
          CHECK(chunk.size() < chunk_bytes * 7 / 8);
        } else {
          CHECK(chunk.size() < chunk_bytes / 10);  // deflated whole
        }
      }
      dataset.append_compressed(compressed);
    }
    file.close();
  }
  const hdf5::File file = hdf5::File::open_read_only(path);
  CHECK(file.root().open("random").read_doubles() == random);  // inflated by HDF5's zlib
  CHECK(file.root().open("smooth").read_doubles() == smooth);
}

TEST_CASE("hdf5 file: float32 and float64 datasets compare as doubles, bit for bit") {
  const std::vector<float> floats = {1.1f, -2.5f, 3.0e-8f};
  std::vector<double> widened(floats.begin(), floats.end());
  const std::string narrow = scratch("narrow.h5"), wide = scratch("wide.h5");
  const auto write = [](const std::string& path, const void* data, Type type) {
    hdf5::File file = hdf5::File::create(path);
    file.root().create("values", type, {3}).write(data, type);
    file.close();
  };
  write(narrow, floats.data(), Type::Float32);
  write(wide, widened.data(), Type::Float64);
  CHECK(hdf5::differing_datasets(narrow, wide).empty());
  widened[2] = 3.0e-8;  // a double that is no float: differs
  write(wide, widened.data(), Type::Float64);
  CHECK(hdf5::differing_datasets(narrow, wide) == std::vector<std::string>{"/values"});
}
