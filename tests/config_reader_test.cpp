// TableReader: every typed read, what it returns, and the error it reports
// (where, what was expected, what was found); unknown keys with suggestions.

#include <catch2/catch.hpp>
#include <string>

#include "traj/config_reader.hpp"
#include "traj/document_loader.hpp"

using namespace traj;

namespace {

/// A table parsed from TOML text, with the diagnostics of reading it.
struct Reading {
  explicit Reading(const std::string& toml) : root(parse_toml(toml, "test.toml", diagnostics)) {
    REQUIRE(diagnostics.empty());
  }
  TableReader table(const std::string& key) {
    return TableReader(root.find(key), key, diagnostics);
  }
  /// The only diagnostic so far, formatted: `FILE:LINE:COLUMN: error: PATH: message`.
  std::string only_error() const {
    REQUIRE(diagnostics.total() == 1);
    return diagnostics.kept().front().format();
  }

  Diagnostics diagnostics;
  ConfigNode root;
};

}  // namespace

TEST_CASE("config reader: each typed read returns its value and marks its key read") {
  Reading reading(R"([t]
name = "Brest"
description = "two\nlines"
id = "wood-stoves_2"
share = 0.25
count = 12
flag = true
names = ["a", "b"]
one = "c"
[t.inner]
x = 1
)");
  TableReader table = reading.table("t");
  REQUIRE(table.valid());
  CHECK(table.keys() == std::vector<std::string>{"name", "description", "id", "share", "count",
                                                 "flag", "names", "one", "inner"});
  CHECK(table.string("name", true) == std::optional<std::string>("Brest"));
  CHECK(table.text("description", true) == std::optional<std::string>("two\nlines"));
  CHECK(table.identifier("id", true) == std::optional<std::string>("wood-stoves_2"));
  CHECK(table.number("share", true, FRACTION_RANGE) == std::optional<double>(0.25));
  CHECK(table.integer("count", true, 0, 100, "an integer in [0, 100]") == std::optional<long>(12));
  CHECK(table.boolean("flag", true) == std::optional<bool>(true));
  CHECK(table.strings("names", true) == std::optional<std::vector<std::string>>({"a", "b"}));
  CHECK(table.strings("one", true) == std::optional<std::vector<std::string>>({"c"}));
  TableReader inner = table.table("inner", true);
  CHECK(inner.path() == "t.inner");
  CHECK(inner.number("x", true, ANY_VALUE) == std::optional<double>(1.0));
  inner.finish({"x"});
  table.finish({});
  CHECK(reading.diagnostics.empty());
  // Absent and optional: nothing, and no error.
  CHECK_FALSE(table.number("absent", false, ANY_VALUE).has_value());
  CHECK(reading.diagnostics.empty());
}

TEST_CASE("config reader: a required key that is absent names what was expected") {
  Reading reading("[t]\nother = 1\n");
  TableReader table = reading.table("t");
  CHECK_FALSE(table.number("share", true, FRACTION_RANGE).has_value());
  CHECK(reading.only_error() ==
        "test.toml:1:1: error: t.share: expected a number (required key), found no such key");
}

TEST_CASE("config reader: a value of the wrong type says what it found") {
  struct Case {
    const char* toml;
    std::string error;
  };
  const Case cases[] = {
      {"x = 3", "t.x: expected a string, found an integer 3"},
      {"x = \"a\\tb\"", "t.x: expected a string on one line, without tabs, found"},
      {"x = \"has space\"",
       "t.x: expected an identifier (letters, digits, '_' and '-', no spaces "
       "or dots), found a string \"has space\""},
      {"x = \"a.b\"", "t.x: expected an identifier"},
      {"x = \"0.5\"", "t.x: expected a number, found a string \"0.5\""},
      {"x = 1.5", "t.x: expected a number in [0, 1], found 1.5"},
      {"x = inf", "t.x: expected a finite number, found"},
      {"x = 1e39", "t.x: expected a number"},
      {"x = 2.5", "t.x: expected an integer in [0, 100], found a float 2.5"},
      {"x = 101", "t.x: expected an integer in [0, 100], found an integer 101"},
      {"x = \"yes\"", "t.x: expected true or false, found a string \"yes\""},
      {"x = 3", "t.x: expected an array of strings, found an integer 3"},
      {"x = [\"a\", 2]", "t.x[1]: expected a string, found an integer 2"},
      {"x = 3", "t.x: expected a table, found an integer 3"},
  };
  int index = 0;
  for (const Case& test : cases) {
    INFO(test.toml);
    Reading reading(std::string("[t]\n") + test.toml + "\n");
    TableReader table = reading.table("t");
    switch (index++) {
      case 0:
      case 1:
        CHECK_FALSE(table.string("x", true));
        break;
      case 2:
      case 3:
        CHECK_FALSE(table.identifier("x", true));
        break;
      case 4:
      case 5:
      case 6:
        CHECK_FALSE(table.number("x", true, FRACTION_RANGE));
        break;
      case 7:
        CHECK_FALSE(table.number("x", true, ANY_VALUE));
        break;
      case 8:
      case 9:
        CHECK_FALSE(table.integer("x", true, 0, 100, "an integer in [0, 100]"));
        break;
      case 10:
        CHECK_FALSE(table.boolean("x", true));
        break;
      case 11:
      case 12:
        CHECK_FALSE(table.strings("x", true));
        break;
      default:
        CHECK_FALSE(table.table("x", true).valid());
        break;
    }
    // At the value, line 2: the file, line and column, then the key path.
    const std::string error = reading.only_error();
    CHECK_THAT(error, Catch::StartsWith("test.toml:2:"));
    CHECK_THAT(error, Catch::Contains(": error: " + test.error));
  }
}

TEST_CASE("config reader: a number too large for single precision is refused") {
  Reading reading("[t]\nx = 1e39\n");
  TableReader table = reading.table("t");
  CHECK_FALSE(table.number("x", true, ANY_VALUE));
  CHECK_THAT(reading.only_error(), Catch::Contains("t.x: expected") &&
                                       Catch::Contains("the single-precision kernel represents") &&
                                       Catch::Contains("found 1e+39"));
}

TEST_CASE("config reader: unknown keys are reported with a suggestion or the known keys") {
  Reading reading("[t]\nfraction = 0.5\nfractoin = 0.4\nzzz = 1\n");
  TableReader table = reading.table("t");
  CHECK(table.number("fraction", true, FRACTION_RANGE) == std::optional<double>(0.5));
  table.finish({"fraction", "sectors"});
  REQUIRE(reading.diagnostics.total() == 2);
  // At the value of each unknown key.
  CHECK(reading.diagnostics.kept()[0].format() ==
        "test.toml:3:12: error: t.fractoin: unknown key 'fractoin' (did you mean 'fraction'?)");
  CHECK(reading.diagnostics.kept()[1].format() ==
        "test.toml:4:7: error: t.zzz: unknown key 'zzz' (expected one of: fraction, sectors)");
}

TEST_CASE("config reader: a table that is not a table is reported once and reads nothing") {
  Reading reading("t = 3\n");
  TableReader table = reading.table("t");
  CHECK_FALSE(table.valid());
  CHECK(table.keys().empty());
  CHECK_FALSE(table.number("x", true, ANY_VALUE));
  table.finish({});
  CHECK_THAT(reading.only_error(), Catch::EndsWith("t: expected a table, found an integer 3"));
  // Absent altogether: no error, and nothing to read.
  TableReader absent(nullptr, "nowhere", reading.diagnostics);
  CHECK_FALSE(absent.valid());
  CHECK_FALSE(absent.number("x", true, ANY_VALUE));
  CHECK(reading.diagnostics.total() == 1);
}
