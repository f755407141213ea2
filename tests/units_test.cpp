#include <catch2/catch.hpp>

#include "traj/units.hpp"

using traj::Dimension;
using traj::parse_unit;

TEST_CASE("units convert to canonical units once") {
  CHECK(parse_unit("MWh")->to_canonical == Approx(1e-3));
  CHECK(parse_unit("GWh")->dimension == Dimension::Energy);
  // 1 g/GJ = 3 600 g/GWh = 0.0036 t/GWh
  CHECK(parse_unit("g/GJ")->to_canonical == Approx(0.0036));
  CHECK(parse_unit("g/GJ")->dimension == Dimension::MassIntensity);
  // 1 kgCO2e/kWh = 1 ktCO2e/GWh
  CHECK(parse_unit("kgCO2e/kWh")->to_canonical == Approx(1.0));
  CHECK(parse_unit("gCO2e/kWh")->to_canonical == Approx(1e-3));
  // 1 000 kWh/kWp = 1 GWh/MWp
  CHECK(parse_unit("kWh/kWp")->to_canonical * 1000 == Approx(1.0));
  CHECK(parse_unit("%")->to_canonical == Approx(0.01));
  CHECK(parse_unit("%/yr")->dimension == Dimension::Rate);
  CHECK(parse_unit("Mm3")->to_canonical == Approx(1e6));
  CHECK(parse_unit("tCO2e")->to_canonical == Approx(1e-3));
}

TEST_CASE("unknown units are not guessed") {
  CHECK_FALSE(parse_unit("gwh"));
  CHECK_FALSE(parse_unit("GWhh"));
  CHECK_FALSE(parse_unit(""));
}

TEST_CASE("descriptions list the accepted units") {
  CHECK(traj::describe(Dimension::Energy).find("MWh") != std::string::npos);
}
