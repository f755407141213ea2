// Terminal tables: widths in characters, not bytes.
#include <catch2/catch.hpp>

#include "traj/display_width.hpp"

using namespace traj;

TEST_CASE("display width counts code points, not bytes") {
  CHECK(display_width("") == 0);
  CHECK(display_width("ghg 2050") == 8);
  CHECK(display_width("≤ 223 kt") == 8);  // "≤" is three bytes
  CHECK(std::string("≤ 223 kt").size() == 10);
  CHECK(display_width("Coût (M€)") == 9);
  CHECK(display_width("énergie") == 7);
  CHECK(display_width("\xF0\x9F\x8C\x8D") == 1);  // a four-byte code point
}

TEST_CASE("padding to a width in characters, left and right") {
  CHECK(pad_right("é", 4) == "é   ");
  CHECK(pad_left("€", 3) == "  €");
  CHECK(pad_right("abc", 3) == "abc");
  CHECK(pad_left("too wide", 3) == "too wide");
  // Two cells of the same column line up whatever their bytes.
  CHECK(display_width(pad_left("1738 M€", 12)) == display_width(pad_left("1738 ME", 12)));
}
