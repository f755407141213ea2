// The track file and the forum's page, from a real importance-sampling
// track of a one-cell territory, and from the same track with the fields
// of the sequential Monte Carlo sampler filled by hand (stages, population):
// every table read back through HDF5 with its dimensions, the settings a
// rerun needs, and the page's sections in both languages.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <string>

#include "one_cell.hpp"
#include "results_writing.hpp"
#include "test_support.hpp"
#include "traj/hdf5_file.hpp"
#include "traj/territory/track_page.hpp"
#include "traj/territory/tracking.hpp"
#include "traj/territory/tracking_file.hpp"

using namespace traj;
using namespace traj::territory;

namespace {

/// The one-cell territory (100 GWh of gas in 2020) to 2022 with an
/// uncertain activity growth and an objective on final energy in 2022.
std::string growing_cell() {
  return testing::with_uncertain_growth(testing::one_cell_territory("100", 2022)) +
         R"([[objectives]]
id = "fe-2022"
description = "Final energy at most 100.8 GWh in 2022"
description_fr = "Énergie finale d'au plus 100,8 GWh en 2022"
indicator = "final_energy"
year = 2022
comparison = "<="
threshold = { value = 100.8016, unit = "GWh" }
)";
}

const std::string OBSERVATIONS =
    "# illustrative = true\n"
    "# source = \"made up for the test\"\n"
    "indicator,year,value,unit,uncertainty,status\n"
    "final_energy,2021,101.2,GWh,1%,final\n"
    "ghg,2022,20.3,ktCO2e,19.9..20.7,estimated\n";

struct Fixture {
  Scenario scenario = testing::scenario_from_text(growing_cell());
  Plan plan = compile_plan(scenario, "");
  ObservationSet observations = read_observations("memory/obs.csv", OBSERVATIONS, scenario);
  Tracking tracking;
  TrackSettings settings;

  Fixture() {
    EnsembleOptions options;
    options.members = 2000;
    options.seed = 7;
    options.threads = 1;
    TrackingOptions tracking_options;
    tracking_options.series_rows = track_series_rows(plan, observations);
    tracking = track_plan(plan, observations, options, tracking_options);
    settings.run.scenario_path = "memory/scenario.toml";
    settings.run.seed = 7;
    settings.run.members_requested = 2000;
    settings.run.traj_version = "test";
    settings.run.git_hash = "test";
    settings.method = TrackingMethod::ImportanceSampling;
    for (const std::size_t row : tracking_options.series_rows)
      settings.series.push_back(plan.catalogue[row].id);
  }

  std::string write(const std::string& name) const {
    const std::string path = testing::scratch_file("tracking_file", name);
    write_tracking(path, plan, observations, {"memory/obs.csv", OBSERVATIONS}, tracking,
                   {{"memory/scenario.toml", growing_cell()}}, settings);
    return path;
  }
};

std::vector<std::string> dimension_names(const hdf5::File& file, const std::string& path) {
  return file.root().open(path).dimension_names();
}

}  // namespace

TEST_CASE("a track file holds the weights, the observations, the objectives and the fan charts",
          "[tracking_file]") {
  const Fixture fixture;
  const Tracking& tracking = fixture.tracking;
  REQUIRE(tracking.series.size() == 2);  // final_energy (observed and the objective's), ghg
  const std::string path = fixture.write("importance.h5");
  const hdf5::File file = hdf5::File::open_read_only(path);
  const hdf5::Group& root = file.root();
  CHECK(root.string_attribute("filetype") == TRACK_FILETYPE);
  CHECK(root.int_attribute("seed") == 7);
  CHECK(root.int_attribute("members") == 2000);
  CHECK(root.string_attribute("method_requested") == "importance");
  CHECK(root.string_attribute("series") == "final_energy,ghg");
  CHECK(root.open("inputs/observations").read_text() == OBSERVATIONS);
  const hdf5::Group track = root.open_group("track");
  CHECK(track.string_attribute("method") == "importance sampling");
  CHECK(track.double_attribute("effective_size") == tracking.effective_size);
  CHECK(track.int_attribute("illustrative") == 1);
  CHECK(track.string_attribute("source") == "made up for the test");
  CHECK(root.open("track/weights").read_doubles() == tracking.weights);
  CHECK(dimension_names(file, "track/weights") == std::vector<std::string>{"member"});

  CHECK(root.open("track/observations/observation").read_strings() ==
        std::vector<std::string>{"final_energy 2021", "ghg 2022"});
  CHECK(root.open("track/observations/verdict").read_strings() ==
        std::vector<std::string>{verdict_name(tracking.checks[0].verdict),
                                 verdict_name(tracking.checks[1].verdict)});
  CHECK(root.open("track/observations/estimated").read_ints() == std::vector<std::int64_t>{0, 1});
  CHECK(root.open("track/observations/unit").read_strings() ==
        std::vector<std::string>{"GWh", "ktCO2e"});
  const auto gap = root.open("track/observations/gap").read_doubles();
  CHECK(gap[1] == tracking.checks[1].gap);
  CHECK(dimension_names(file, "track/observations/gap") == std::vector<std::string>{"observation"});

  const auto after = root.open("track/objectives/probability_after").read_doubles();
  REQUIRE(after.size() == 1);
  CHECK(after[0] == tracking.objectives[0].after.probability);
  CHECK(root.open("track/objectives/ci_low_before").read_doubles()[0] ==
        tracking.objectives[0].before.ci_low);
  CHECK(root.open("track/objectives/description_fr").read_strings()[0] ==
        "Énergie finale d'au plus 100,8 GWh en 2022");

  REQUIRE(!tracking.parameters.empty());
  CHECK(root.open("track/parameters/parameter").read_strings()[0] == tracking.parameters[0].name);
  CHECK(root.open("track/parameters/posterior_median").read_doubles()[0] ==
        tracking.parameters[0].posterior_median);
  CHECK(root.open("track/parameters/units").read_strings()[0] == "1/yr");  // the growth

  const hdf5::Dataset series_after = root.open("track/series/after");
  CHECK(series_after.dims() == std::vector<std::uint64_t>{2, 3, 5});
  CHECK(series_after.dimension_names() == std::vector<std::string>{"indicator", "year", "level"});
  CHECK(series_after.read_doubles()[5 * 3 + 2] == tracking.series[1].after[2]);  // ghg 2020 median
  CHECK(root.open("track/series/level").read_doubles()[2] == 0.5);
  // Importance sampling: no stages, no population.
  CHECK_FALSE(track.has("stages"));
  CHECK_FALSE(track.has("population"));

  const TrackRecord record = read_track_record(path);
  CHECK(record.settings.run.seed == 7);
  CHECK(record.settings.run.members_requested == 2000);
  CHECK(record.settings.method == TrackingMethod::ImportanceSampling);
  CHECK(record.settings.series == std::vector<std::string>{"final_energy", "ghg"});
  CHECK(record.observations.text == OBSERVATIONS);
  CHECK(record.observations.path == "memory/obs.csv");
  CHECK(record.inputs.front().path == "memory/scenario.toml");
  CHECK(file_type(path) == TRACK_FILETYPE);
  std::filesystem::remove(path);
}

TEST_CASE("a track file and its page hold the stages and the population of the SMC sampler",
          "[tracking_file]") {
  Fixture fixture;
  Tracking& tracking = fixture.tracking;
  // As the sequential Monte Carlo sampler fills them: 3 particles of 1 parameter.
  tracking.method = "sequential Monte Carlo";
  tracking.importance_effective_size = 12.5;
  tracking.stages = {{0.25, 1500.0, 0.41, 0.3}, {1.0, 1200.0, 0.37, 0.2}};
  tracking.population_parameters = {fixture.scenario.parameters[0].name};
  tracking.population = {0.01, 0.012, 0.009};
  tracking.distinct_members = 3;
  tracking.weights = {1.0 / 3, 1.0 / 3, 1.0 / 3};
  fixture.settings.method = TrackingMethod::SequentialMonteCarlo;
  const std::string path = fixture.write("smc.h5");
  {
    const hdf5::File file = hdf5::File::open_read_only(path);
    const hdf5::Group& root = file.root();
    CHECK(root.string_attribute("method_requested") == "smc");
    CHECK(root.open_group("track").string_attribute("method") == "sequential Monte Carlo");
    CHECK(root.open_group("track").int_attribute("distinct_members") == 3);
    CHECK(root.open("track/stages/temperature").read_doubles() == std::vector<double>{0.25, 1.0});
    CHECK(root.open("track/stages/acceptance").dimension_names() ==
          std::vector<std::string>{"stage"});
    const hdf5::Dataset values = root.open("track/population/values");
    CHECK(values.dims() == std::vector<std::uint64_t>{3, 1});
    CHECK(values.dimension_names() == std::vector<std::string>{"particle", "parameter"});
    CHECK(values.read_doubles() == tracking.population);
    CHECK(root.open("track/population/parameter").read_strings() == tracking.population_parameters);
    CHECK(root.open("track/weights").dims() == std::vector<std::uint64_t>{3});
  }
  CHECK(read_track_record(path).settings.method == TrackingMethod::SequentialMonteCarlo);
  std::filesystem::remove(path);

  TrackPage page;
  page.territory = "One cell";
  page.plan = &fixture.plan;
  page.observations = &fixture.observations;
  page.tracking = &tracking;
  const std::string english = track_report_html(page, ReportLanguage::English);
  CHECK(english.find("Method: sequential Monte Carlo; effective size") != std::string::npos);
  CHECK(english.find("2 tempering stages; 3 distinct members") != std::string::npos);
  CHECK(english.find("<table class=\"stages\">") != std::string::npos);
  CHECK(english.find("<td>2</td><td>1.00</td><td>1,200</td><td>37.0 %</td>") != std::string::npos);
  const std::string french = track_report_html(page, ReportLanguage::French);
  CHECK(french.find("Monte Carlo séquentiel") != std::string::npos);
  CHECK(french.find("2 étapes de tempérage") != std::string::npos);
  CHECK(french.find("Énergie finale d'au plus 100,8 GWh en 2022") != std::string::npos);
}

TEST_CASE("the page warns of illustrative observations at the top, in each section and at the end",
          "[tracking_file]") {
  const Fixture fixture;
  TrackPage page;
  page.territory = "One cell";
  page.plan = &fixture.plan;
  page.observations = &fixture.observations;
  page.tracking = &fixture.tracking;
  const std::string html = track_report_html(page, ReportLanguage::English);
  std::size_t warnings = 0, notes = 0;
  for (auto at = html.find("class=\"illustrative\""); at != std::string::npos;
       at = html.find("class=\"illustrative\"", at + 1))
    ++warnings;
  for (auto at = html.find("class=\"illustrative-short\""); at != std::string::npos;
       at = html.find("class=\"illustrative-short\"", at + 1))
    ++notes;
  CHECK(warnings == 2);
  CHECK(notes == 5);  // method, objectives, observations, parameters, trajectories
  // Two fan charts, with the observed points and the prior's median.
  CHECK(html.find("id=\"fan-final_energy\"") != std::string::npos);
  CHECK(html.find("id=\"fan-ghg\"") != std::string::npos);
  CHECK(html.find("class=\"observed\"") != std::string::npos);
  CHECK(html.find("class=\"backdrop-median\"") != std::string::npos);
  // Not illustrative: no warning at all.
  ObservationSet measured = fixture.observations;
  measured.illustrative = false;
  page.observations = &measured;
  const std::string plain = track_report_html(page, ReportLanguage::English);
  CHECK(plain.find("class=\"illustrative") == std::string::npos);
}
