// HDF5 results read back through the HDF5 C API (our RAII layer over it).
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>
#include <cmath>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>

#include "forged_file.hpp"
#include "results_writing.hpp"
#include "test_support.hpp"
#include "traj/hdf5_file.hpp"
#include "traj/territory/results_file.hpp"
#include "traj/territory/results_layout.hpp"
#include "traj/territory/territorial_model.hpp"

using namespace traj;
using namespace traj::territory;

namespace {

std::string scratch(const std::string& name) {
  return testing::scratch_file("results", name);
}

struct Written {
  EnsembleResult result;
};

Written write(const std::string& path, const Plan& plan, int threads, std::uint64_t members,
              const std::string& trajectories = "headline") {
  return {testing::write_results_file(path, plan, threads, members, trajectories)};
}

}  // namespace

TEST_CASE("a results file holds members, statistics, objectives and inputs") {
  const Scenario scenario = testing::scenario_from_file("scenarios/examples/example.toml");
  const Plan plan = compile_plan(scenario, "plan");
  const std::string path = scratch("content.h5");
  const auto written = write(path, plan, 2, 3000);
  const hdf5::File file = hdf5::File::open_read_only(path);
  const hdf5::Group& root = file.root();
  CHECK(root.string_attribute("filetype") == RESULTS_FILETYPE);
  CHECK(root.int_attribute("format_version") == RESULTS_FORMAT_VERSION);
  CHECK(root.int_attribute("members") == 3000);
  CHECK(root.string_attribute("portfolio") == "plan");

  // Parameters: members × parameters, equal to the draws of the runner.
  const auto parameters = root.open_group("parameters");
  const auto values = parameters.open("values");
  REQUIRE(values.dims() == std::vector<std::uint64_t>{3000, scenario.parameters.size()});
  CHECK(parameters.open("parameter").read_strings() == scenario.parameters.names(false));
  const auto stored = values.read_doubles();
  std::vector<double> draws(scenario.parameters.size() * 4);
  sample_parameters(scenario.parameters, 1, 2000, 4, draws.data());
  for (std::size_t p = 0; p < scenario.parameters.size(); ++p) {
    for (std::size_t l = 0; l < 4; ++l) {
      REQUIRE(stored[(2000 + l) * scenario.parameters.size() + p] == draws[p * 4 + l]);
    }
  }

  // A member's trajectory equals the kernel run on its parameters.
  std::vector<double> member(scenario.parameters.size());
  for (std::size_t p = 0; p < member.size(); ++p) member[p] = stored[1234 * member.size() + p];
  Kernel kernel(plan);
  Trajectory trajectory;
  kernel.run(member, trajectory);
  const auto ghg = root.open_group("trajectories").open("ghg");
  REQUIRE(ghg.dims() ==
          std::vector<std::uint64_t>{3000, static_cast<std::uint64_t>(plan.year_count())});
  CHECK(ghg.string_attribute("units") == "Gg");  // UDUNITS and pint: 1 Gg = 1 kt
  CHECK(ghg.string_attribute("display_units") == "ktCO2e");
  CHECK(ghg.string_attribute("mass_of") == "CO2e");
  const auto ghg_values = ghg.read_doubles();
  const int ghg_row = plan.catalogue.find("ghg");
  for (int year = scenario.base_year; year <= scenario.horizon; ++year) {
    REQUIRE(ghg_values[1234 * static_cast<std::size_t>(plan.year_count()) +
                       static_cast<std::size_t>(year - scenario.base_year)] ==
            trajectory.at(ghg_row, year));
  }

  // Statistics equal the runner's; objectives' successes add up.
  const auto statistics = root.open_group("statistics");
  const auto ghg_mean = statistics.open("ghg_mean").read_doubles();
  CHECK(ghg_mean[10] == written.result.mean_at(static_cast<std::size_t>(ghg_row), 10));
  CHECK(statistics.open("pollutants_by_sector_mean").dims() ==
        std::vector<std::uint64_t>{static_cast<std::uint64_t>(plan.year_count()), 6, 5});
  const auto objectives = root.open_group("objectives");
  const auto success = objectives.open("success").read_ints();
  const auto successes = objectives.open("successes").read_ints();
  for (std::size_t o = 0; o < scenario.objectives.size(); ++o) {
    std::int64_t count = 0;
    for (std::size_t m = 0; m < 3000; ++m) count += success[m * scenario.objectives.size() + o];
    CHECK(count == successes[o]);
    CHECK(objectives.open("probability").read_doubles()[o] ==
          Approx(static_cast<double>(count) / 3000.0));
  }

  // Inputs verbatim with their fingerprint.
  const auto record = read_run_record(path);
  REQUIRE(record.inputs.size() == 1);
  CHECK(record.inputs.front().text == "text of the scenario");
  CHECK(record.settings.members_requested == 3000);
  CHECK(record.settings.quantiles == std::vector<double>{0.05, 0.5, 0.95});
  std::filesystem::remove(path);
}

TEST_CASE("files are identical, dataset by dataset, at 1 and 2 threads") {
  const Scenario scenario = testing::scenario_from_file("scenarios/brest-metropole.toml");
  const Plan plan = compile_plan(scenario, "plan");
  const std::string one = scratch("one.h5"), two = scratch("two.h5");
  write(one, plan, 1, 20000, "all");
  write(two, plan, 2, 20000, "all");
  CHECK(hdf5::differing_datasets(one, two).empty());
  // And a different seed is seen as different.
  std::filesystem::remove(two);
  std::filesystem::remove(one);
}

namespace {

/// Runs `write` in a child process that may write files of 64 kB at most
/// (SIGXFSZ ignored: writes fail with EFBIG, as on a full disk), then ends
/// it through exit(), so that HDF5's exit handler runs. Returns the child's
/// exit code: 0 if `write` threw traj::Error naming HDF5, 1 if it did not
/// throw; a crash in the exit handler is no exit code (-1).
int exit_code_writing_past_a_limit(const std::function<void()>& write) {
  const pid_t child = ::fork();
  if (child == 0) {
    const struct rlimit limit = {64 * 1024, 64 * 1024};
    ::setrlimit(RLIMIT_FSIZE, &limit);
    std::signal(SIGXFSZ, SIG_IGN);
    bool reported = false;
    try {
      write();
    } catch (const Error& error) {
      reported = std::string(error.what()).find("HDF5: ") == 0;
    }
    std::exit(reported ? 0 : 1);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::vector<double> noise(std::size_t count) {  // does not compress
  std::vector<double> values(count);
  std::uint64_t state = 88172645463325252ULL;
  for (auto& value : values) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    value = static_cast<double>(state);
  }
  return values;
}

}  // namespace

TEST_CASE("a write that fails is reported, and HDF5 then ends the process without crashing") {
  const std::string path = scratch("limited.h5");
  const std::vector<double> values = noise(64 * 1024);
  // Failing in a write: the exception's path closes what is open.
  CHECK(exit_code_writing_past_a_limit([&] {
          hdf5::File file = hdf5::File::create(path);
          hdf5::Dataset data = file.root().create("data", hdf5::Type::Float64, {values.size()});
          data.write(values.data(), hdf5::Type::Float64);
          file.close();
        }) == 0);
  // Failing only when a dataset's cached chunks go to disk, as it is
  // destroyed: close() must still fail, not publish a file missing them.
  CHECK(exit_code_writing_past_a_limit([&] {
          hdf5::File file = hdf5::File::create(path);
          {
            hdf5::Dataset rows =
                file.root().create_growing("rows", hdf5::Type::Float64, {8}, {1024, 8});
            rows.append_rows(values.size() / 8, values.data(), hdf5::Type::Float64);
          }
          file.close();
        }) == 0);
  // Failing when the file is closed.
  CHECK(exit_code_writing_past_a_limit([&] {
          hdf5::File file = hdf5::File::create(path);
          hdf5::Dataset rows =
              file.root().create_growing("rows", hdf5::Type::Float64, {8}, {1024, 8});
          rows.append_rows(values.size() / 8, values.data(), hdf5::Type::Float64);
          file.close();
        }) == 0);
  std::filesystem::remove(path);
}

TEST_CASE("unknown files and versions are refused with a clear message") {
  const std::string path = scratch("version.h5");
  {
    hdf5::File file = hdf5::File::create(path);
    file.root().set_attribute("filetype", std::string(RESULTS_FILETYPE));
    file.root().set_attribute("format_version", std::int64_t{99});
    file.root().set_attribute("traj_version", std::string("9.9.9"));
    file.close();
  }
  CHECK_THROWS_WITH(read_run_record(path),
                    Catch::Contains("expected results format version 2, found version 99"));
  {
    hdf5::File file = hdf5::File::create(path);
    file.root().set_attribute("filetype", std::string("something-else"));
    file.close();
  }
  CHECK_THROWS_WITH(read_run_record(path), Catch::Contains("found another HDF5 file"));
  std::filesystem::remove(path);
  CHECK_THROWS_AS(read_run_record(path), InputError);
}

TEST_CASE("truncated, damaged and unstamped files are refused before HDF5 reads them") {
  const Scenario scenario = testing::scenario_from_file("scenarios/examples/example.toml");
  const Plan plan = compile_plan(scenario, "plan");
  const std::string path = scratch("stamp.h5");
  write(path, plan, 1, 200);
  CHECK_NOTHROW(read_run_record(path));
  const auto size = std::filesystem::file_size(path);
  const auto copy_with = [&](const std::string& name, auto&& change) {
    const std::string damaged = scratch(name);
    std::filesystem::copy_file(path, damaged, std::filesystem::copy_options::overwrite_existing);
    change(damaged);
    return damaged;
  };
  // Cut in the middle, as by a full disk or an interrupted copy.
  const std::string truncated = copy_with(
      "truncated.h5", [&](const std::string& p) { std::filesystem::resize_file(p, size / 2); });
  CHECK_THROWS_WITH(read_run_record(truncated),
                    Catch::Contains("has no Trajectoires integrity stamp at its end (truncated"));
  // One byte changed inside the HDF5 content.
  const std::string flipped = copy_with("flipped.h5", [&](const std::string& p) {
    std::fstream file(p, std::ios::in | std::ios::out | std::ios::binary);
    file.seekg(static_cast<std::streamoff>(size / 3));
    const char byte = static_cast<char>(file.get() ^ 0x10);
    file.seekp(static_cast<std::streamoff>(size / 3));
    file.put(byte);
  });
  CHECK_THROWS_WITH(read_run_record(flipped),
                    Catch::Contains("does not match its CRC-32 checksum"));
  // Bytes appended after the stamp.
  const std::string extended = copy_with("extended.h5", [&](const std::string& p) {
    std::ofstream(p, std::ios::app | std::ios::binary) << "appended";
  });
  CHECK_THROWS_AS(read_run_record(extended), InputError);
  for (const auto& damaged : {truncated, flipped, extended}) std::filesystem::remove(damaged);
  std::filesystem::remove(path);
}

TEST_CASE("trajectory selections are checked") {
  const Scenario scenario = testing::scenario_from_file("scenarios/examples/example.toml");
  const Plan plan = compile_plan(scenario, "");
  CHECK(trajectory_rows(plan, "ghg,nox").size() == 2);
  CHECK(trajectory_rows(plan, "all").size() == plan.catalogue.size());
  CHECK_THROWS_WITH(trajectory_rows(plan, "ghg,noxx"), Catch::Contains("did you mean 'nox'"));
}

TEST_CASE("forged settings are refused with the attribute and the range and the value found") {
  const Scenario scenario = testing::scenario_from_file("scenarios/examples/example.toml");
  const Plan plan = compile_plan(scenario, "plan");
  const std::string path = scratch("settings.h5");
  write(path, plan, 1, 200);
  const std::string forged = scratch("forged.h5");
  const auto refused = [&](auto&& change) {
    std::filesystem::copy_file(path, forged, std::filesystem::copy_options::overwrite_existing);
    change(forged);
    try {
      read_run_record(forged);
    } catch (const InputError& error) {
      return std::string(error.what());
    }
    return std::string("accepted");
  };
  using testing::forge_attribute;
  // The forgery of the issue: a block of no members made rerun spin forever.
  CHECK_THAT(refused([](const std::string& p) { forge_attribute(p, "block", std::int64_t{0}); }),
             Catch::Contains(forged + ": attribute block: expected an integer from 1 to 4096, "
                                      "found 0"));
  CHECK_THAT(refused([](const std::string& p) { forge_attribute(p, "block", std::int64_t{5000}); }),
             Catch::Contains("attribute block: expected an integer from 1 to 4096, found 5000"));
  CHECK_THAT(refused([](const std::string& p) { forge_attribute(p, "seed", std::int64_t{-1}); }),
             Catch::Contains("attribute seed: expected an integer from 0 to "
                             "9223372036854775807, found -1"));
  CHECK_THAT(refused([](const std::string& p) {
               forge_attribute(p, "members_requested", std::int64_t{0});
             }),
             Catch::Contains("attribute members_requested: expected an integer from 1 to "
                             "1000000000, found 0"));
  CHECK_THAT(
      refused([](const std::string& p) { forge_attribute(p, "max_members", std::int64_t{-5}); }),
      Catch::Contains("attribute max_members: expected an integer from 1 to 1000000000, "
                      "found -5"));
  CHECK_THAT(refused([](const std::string& p) { forge_attribute(p, "precision", std::nan("")); }),
             Catch::Contains("attribute precision (0: none): expected a finite number from "
                             "1e-06 to 0.5, found nan"));
  CHECK_THAT(
      refused([](const std::string& p) { forge_attribute(p, "quantile_relative_accuracy", 0.0); }),
      Catch::Contains("attribute quantile_relative_accuracy: expected a finite number "
                      "from 0.0001 to 0.1, found 0"));
  // Once "internal error: stod", exit 3.
  CHECK_THAT(refused([](const std::string& p) {
               forge_attribute(p, "quantile_levels", std::string("0.05,abc,0.95"));
             }),
             Catch::Contains("attribute quantile_levels: each level expected a finite number "
                             "from 0 to 1, found \"abc\" in \"0.05,abc,0.95\""));
  CHECK_THAT(refused([](const std::string& p) {
               forge_attribute(p, "quantile_levels", std::string("0.5,nan"));
             }),
             Catch::Contains("found nan"));
  CHECK_THAT(
      refused([](const std::string& p) { forge_attribute(p, "quantile_levels", std::string("")); }),
      Catch::Contains("attribute quantile_levels: the number of levels: expected an "
                      "integer from 1 to 100, found 0"));
  CHECK_THAT(refused([](const std::string& p) {
               forge_attribute(p, "scenario", std::string("elsewhere.toml"));
             }),
             Catch::Contains("attribute scenario: expected the path of a stored input (memory, "
                             "…), found \"elsewhere.toml\""));
  // An attribute of the wrong type.
  CHECK_THAT(
      refused([](const std::string& p) { forge_attribute(p, "block", std::string("many")); }),
      Catch::Contains("expected a complete Trajectoires file, found a damaged"));
  // And the file as written is accepted.
  CHECK(refused([](const std::string&) {}) == "accepted");
  std::filesystem::remove(forged);
  std::filesystem::remove(path);
}

TEST_CASE("a dataset that no longer reads is refused though the file is stamped again") {
  const Scenario scenario = testing::scenario_from_file("scenarios/examples/example.toml");
  const Plan plan = compile_plan(scenario, "plan");
  const std::string path = scratch("spoiled.h5");
  write(path, plan, 1, 3000);
  // Trajectories: read by a rerun's comparison only, after its whole run.
  testing::spoil_first_chunk(path, "/trajectories/ghg");
  CHECK_THROWS_AS(read_run_record(path), InputError);
  CHECK_THROWS_WITH(read_run_record(path),
                    Catch::Contains("expected a complete Trajectoires file, found a damaged") &&
                        Catch::Contains("/trajectories/ghg"));
  std::filesystem::remove(path);
}

TEST_CASE("the writer writes every name of the results layout that the readers read") {
  namespace layout = results_layout;
  const Scenario scenario = testing::scenario_from_file("scenarios/examples/example.toml");
  const Plan plan = compile_plan(scenario, "plan");
  const std::string path = scratch("layout.h5");
  write(path, plan, 1, 200);
  const hdf5::File file = hdf5::File::open_read_only(path);
  const hdf5::Group& root = file.root();
  for (const char* attribute : {layout::run_attribute::FILETYPE,
                                layout::run_attribute::FORMAT_VERSION,
                                layout::run_attribute::TITLE,
                                layout::run_attribute::TRAJ_VERSION,
                                layout::run_attribute::GIT_HASH,
                                layout::run_attribute::CREATED,
                                layout::run_attribute::COMMAND_LINE,
                                layout::run_attribute::TERRITORY,
                                layout::run_attribute::SCENARIO,
                                layout::run_attribute::PORTFOLIO,
                                layout::run_attribute::SEED,
                                layout::run_attribute::MEMBERS_REQUESTED,
                                layout::run_attribute::PRECISION,
                                layout::run_attribute::MAX_MEMBERS,
                                layout::run_attribute::QUANTILE_LEVELS,
                                layout::run_attribute::QUANTILE_RELATIVE_ACCURACY,
                                layout::run_attribute::TRAJECTORIES,
                                layout::run_attribute::THREADS,
                                layout::run_attribute::BLOCK,
                                layout::run_attribute::MEMBERS,
                                layout::run_attribute::PRECISION_REACHED}) {
    INFO("attribute " << attribute);
    CHECK(root.has_attribute(attribute));
  }
  for (const char* group : {layout::INPUTS, layout::PARAMETERS, layout::TRAJECTORIES,
                            layout::OBJECTIVES, layout::STATISTICS}) {
    INFO("group " << group);
    CHECK(root.has(group));
  }
  const hdf5::Group inputs = root.open_group(layout::INPUTS);
  CHECK(inputs.has_attribute(layout::input_file::MAIN));
  char first[32];
  std::snprintf(first, sizeof first, layout::input_file::NAME_FORMAT, std::size_t{0});
  REQUIRE(inputs.has(first));
  CHECK(inputs.open(first).string_attribute(layout::input_file::PATH) == "memory");
  CHECK(inputs.open(first).string_attribute(layout::input_file::SHA256).size() == 64);

  // The groups written member by member, each along `member`.
  namespace member = layout::member_dataset;
  const hdf5::Group parameters = root.open_group(layout::PARAMETERS);
  for (const char* dataset :
       {member::MEMBER, member::PARAMETER, member::VALUES, member::UNITS, member::DISTRIBUTION}) {
    INFO("parameters dataset " << dataset);
    CHECK(parameters.has(dataset));
  }
  CHECK(root.open_group(layout::TRAJECTORIES).has(member::MEMBER));
  CHECK(root.open_group(layout::TRAJECTORIES).has("ghg"));

  const hdf5::Group objectives = root.open_group(layout::OBJECTIVES);
  CHECK(objectives.has(member::MEMBER));
  CHECK(objectives.has(member::SUCCESS));
  namespace objective = layout::objective_dataset;
  for (const char* dataset :
       {objective::ID, objective::DESCRIPTION, objective::INDICATOR, objective::COMPARISON,
        objective::YEAR, objective::RELATIVE_TO, objective::THRESHOLD, objective::REFERENCE_VALUE,
        objective::PROBABILITY, objective::CI_LOW, objective::CI_HIGH, objective::STANDARD_ERROR,
        objective::SUCCESSES}) {
    INFO("objectives dataset " << dataset);
    CHECK(objectives.has(dataset));
  }
  for (const char* attribute : {objective::ALL_PROBABILITY, objective::ALL_CI_LOW,
                                objective::ALL_CI_HIGH, objective::ALL_SUCCESSES}) {
    INFO("objectives attribute " << attribute);
    CHECK(objectives.has_attribute(attribute));
  }

  const hdf5::Group statistics = root.open_group(layout::STATISTICS);
  namespace statistic = layout::statistics_dataset;
  for (const char* dataset : {statistic::YEAR, statistic::QUANTILE, statistic::SECTOR,
                              statistic::CARRIER, statistic::SOURCE, statistic::POLLUTANT}) {
    INFO("statistics coordinate " << dataset);
    CHECK(statistics.has(dataset));
  }
  // What the report charts: the headline totals' quantiles, and the pollutants' block.
  for (const char* id : {"final_energy", "renewable_share", "ghg"}) {
    INFO("statistics of " << id);
    CHECK(statistics.has(statistic::of(id, statistic::MEAN)));
    CHECK(statistics.has(statistic::of(id, statistic::SD)));
    CHECK(statistics.has(statistic::of(id, statistic::QUANTILES)));
  }
  CHECK(statistics.has(statistic::of(statistic::POLLUTANTS, statistic::QUANTILES)));
}
