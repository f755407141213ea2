#include "traj/territory/results_file.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <limits>
#include <sstream>

#include "traj/error.hpp"
#include "traj/hdf5_file.hpp"
#include "traj/setting_ranges.hpp"
#include "traj/sha256.hpp"
#include "traj/string_distance.hpp"
#include "traj/territory/results_layout.hpp"
#include "traj/territory/territorial_model.hpp"

namespace traj::territory {

// The writer and the reader below name what they write and read from here.
using namespace results_layout;

namespace {

using hdf5::Dataset;
using hdf5::Group;
using hdf5::Type;

constexpr std::uint64_t MEMBER_CHUNK = 1024;

std::string unit_of(Dimension dimension) {
  if (dimension == Dimension::Fraction) return "1";
  const auto symbol = canonical_symbol(dimension);
  return symbol.empty() ? "1" : std::string(symbol);
}

std::string join_numbers(const std::vector<double>& values) {
  std::ostringstream text;
  text.precision(17);
  for (std::size_t i = 0; i < values.size(); ++i) text << (i ? "," : "") << values[i];
  return text.str();
}

/// The levels of attribute `quantile_levels` ("0.05,0.5,0.95"), each checked
/// as the command line checks --quantiles.
std::vector<double> split_quantile_levels(const std::string& text, const std::string& path) {
  std::vector<double> values;
  std::stringstream stream(text);
  std::string item;
  while (std::getline(stream, item, ',')) {
    double level = 0.0;
    const std::string problem = number_problem(item, QUANTILE_LEVEL_RANGE, level);
    if (!problem.empty()) {
      throw InputError(path + ": attribute quantile_levels: each level " + problem + " in \"" +
                       text + "\"");
    }
    values.push_back(level);
  }
  check_setting(path + ": attribute quantile_levels: the number of levels",
                std::uint64_t{values.size()}, QUANTILE_COUNT_RANGE);
  return values;
}

/// A coordinate variable that is also a dimension scale (netCDF dimension).
Dataset year_scale(Group& group, const Scenario& scenario) {
  std::vector<std::int32_t> years;
  for (int year = scenario.base_year; year <= scenario.horizon; ++year) years.push_back(year);
  Dataset scale = group.create(statistics_dataset::YEAR, Type::Int32, {years.size()});
  scale.write(years.data(), Type::Int32);
  scale.make_scale(statistics_dataset::YEAR);
  scale.set_attribute("units", std::string("year"));
  scale.set_attribute("long_name", std::string("calendar year"));
  return scale;
}

Dataset name_scale(Group& group, const std::string& name, const std::vector<std::string>& values,
                   const std::string& long_name) {
  Dataset scale = group.create_strings(name, values);
  scale.make_scale(name);
  scale.set_attribute("long_name", long_name);
  return scale;
}

Dataset member_scale(Group& group) {
  Dataset scale = group.create_growing("member", Type::Int64, {}, {MEMBER_CHUNK});
  scale.make_scale("member");
  scale.set_attribute(
      "long_name",
      std::string("member of the ensemble (its draws depend only on seed, parameter and member)"));
  return scale;
}

/// The datasets of the edits in `inputs`, each with its list.
template <class Edits>
auto edit_lists(Edits& edits) {
  return std::array{std::pair{input_file::EDITS_SET, &edits.sets},
                    std::pair{input_file::EDITS_SHIFT, &edits.shifts},
                    std::pair{input_file::EDITS_ACTION_OFF, &edits.actions_off},
                    std::pair{input_file::EDITS_ONLY, &edits.only}};
}

}  // namespace

std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm parts{};
  gmtime_r(&now, &parts);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return buffer;
}

Group write_inputs(Group& root, const std::vector<InputFile>& inputs, const ScenarioEdits& edits) {
  Group group = root.create_group(INPUTS);
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    char name[32];
    std::snprintf(name, sizeof name, input_file::NAME_FORMAT, i);
    Dataset text = group.create_text(name, inputs[i].text);
    text.set_attribute(input_file::PATH, inputs[i].path);
    text.set_attribute(input_file::SHA256, sha256_hex(inputs[i].text));
  }
  for (const auto& [name, values] : edit_lists(edits)) {
    if (!values->empty()) group.create_strings(name, *values);
  }
  return group;
}

std::vector<std::size_t> trajectory_rows(const Plan& plan, const std::string& selection) {
  if (selection == "headline") return TerritorialModel(plan).headline_rows();
  std::vector<std::size_t> rows;
  if (selection == "all") {
    for (std::size_t row = 0; row < plan.catalogue.size(); ++row) rows.push_back(row);
    return rows;
  }
  std::stringstream stream(selection);
  std::string id;
  while (std::getline(stream, id, ',')) {
    const int row = plan.catalogue.find(id);
    if (row < 0) {
      throw InputError(
          "--trajectories: expected headline, all or indicator ids separated by commas, found \"" +
          id + "\"" + did_you_mean(id, plan.catalogue.ids()));
    }
    if (std::find(rows.begin(), rows.end(), static_cast<std::size_t>(row)) == rows.end()) {
      rows.push_back(static_cast<std::size_t>(row));
    }
  }
  return rows;
}

struct ResultsWriter::Impl {
  const Plan& plan;
  hdf5::File file;
  std::vector<std::size_t> rows;
  Group parameters_group, trajectories_group, objectives_group;
  Dataset parameter_members, parameter_values;
  Dataset trajectory_members;
  std::vector<Dataset> trajectories;
  Dataset objective_members;
  std::vector<Dataset> successes;  ///< zero or one dataset
  std::vector<std::int64_t> member_numbers;

  Impl(const std::string& path, const Plan& of, const RunSettings& settings,
       const std::vector<InputFile>& inputs, const std::vector<std::size_t>& recorded)
      : plan(of),
        file(hdf5::File::create(path)),
        rows(recorded),
        parameters_group(file.root().create_group(PARAMETERS)),
        trajectories_group(file.root().create_group(TRAJECTORIES)),
        objectives_group(file.root().create_group(OBJECTIVES)),
        parameter_members(member_scale(parameters_group)),
        parameter_values(parameters_group.create_growing(
            "values", Type::Float64, {plan.scenario->parameters.size()},
            {MEMBER_CHUNK, std::max<std::uint64_t>(1, plan.scenario->parameters.size())})),
        trajectory_members(member_scale(trajectories_group)),
        objective_members(member_scale(objectives_group)) {
    const Scenario& scenario = *plan.scenario;
    Group& root = file.root();
    root.set_attribute(run_attribute::FILETYPE, std::string(RESULTS_FILETYPE));
    root.set_attribute(run_attribute::FORMAT_VERSION, RESULTS_FORMAT_VERSION);
    root.set_attribute(run_attribute::TITLE, "Trajectoires ensemble: " + scenario.name);
    root.set_attribute(run_attribute::TRAJ_VERSION, settings.traj_version);
    root.set_attribute(run_attribute::GIT_HASH, settings.git_hash);
    root.set_attribute(run_attribute::CREATED, utc_now());
    root.set_attribute(run_attribute::COMMAND_LINE, settings.command_line);
    root.set_attribute(run_attribute::TERRITORY, scenario.name);
    root.set_attribute(run_attribute::SCENARIO, settings.scenario_path);
    root.set_attribute(run_attribute::PORTFOLIO,
                       settings.portfolio.empty() ? std::string("baseline") : settings.portfolio);
    root.set_attribute(run_attribute::SEED, static_cast<std::int64_t>(settings.seed));
    root.set_attribute(run_attribute::MEMBERS_REQUESTED,
                       static_cast<std::int64_t>(settings.members_requested));
    root.set_attribute(run_attribute::PRECISION, settings.precision);
    root.set_attribute(run_attribute::MAX_MEMBERS, static_cast<std::int64_t>(settings.max_members));
    root.set_attribute(run_attribute::QUANTILE_LEVELS, join_numbers(settings.quantiles));
    root.set_attribute(run_attribute::QUANTILE_RELATIVE_ACCURACY, settings.sketch_accuracy);
    root.set_attribute(run_attribute::TRAJECTORIES, settings.trajectories);
    root.set_attribute(run_attribute::THREADS, static_cast<std::int64_t>(settings.threads));
    root.set_attribute(run_attribute::BLOCK, static_cast<std::int64_t>(settings.block));

    write_inputs(root, inputs, settings.edits)
        .set_attribute(input_file::MAIN, settings.scenario_path);

    // Parameters: one column per uncertain number, by stable name.
    std::vector<std::string> names, units, distributions;
    for (const auto& parameter : scenario.parameters.all()) {
      names.push_back(parameter.name);
      units.push_back(parameter.unitless ? "1" : unit_of(parameter.dimension));
      distributions.push_back(parameter.distribution.describe());
    }
    Dataset parameter_names = name_scale(parameters_group, "parameter", names,
                                         "parameter (named, or the key path of the number)");
    Dataset parameter_units = parameters_group.create_strings("units", units);
    parameter_units.attach_scale(parameter_names, 0);
    parameter_units.set_attribute("long_name", std::string("canonical unit of each parameter"));
    Dataset parameter_distributions =
        parameters_group.create_strings("distribution", distributions);
    parameter_distributions.attach_scale(parameter_names, 0);
    parameter_values.attach_scale(parameter_members, 0);
    parameter_values.attach_scale(parameter_names, 1);
    parameter_values.set_attribute(
        "long_name", std::string("sampled value of each parameter, in its canonical unit"));

    // Trajectories of the chosen indicators, member by member.
    Dataset trajectory_years = year_scale(trajectories_group, scenario);
    for (const std::size_t row : rows) {
      const auto& info = plan.catalogue[row];
      Dataset variable = trajectories_group.create_growing(
          info.id, Type::Float64, {static_cast<std::uint64_t>(plan.year_count())},
          {MEMBER_CHUNK, static_cast<std::uint64_t>(plan.year_count())});
      variable.attach_scale(trajectory_members, 0);
      variable.attach_scale(trajectory_years, 1);
      variable.set_attribute("units", unit_of(info.dimension));
      variable.set_attribute("long_name", info.description);
      trajectories.push_back(std::move(variable));
    }

    // Objectives: success of each member.
    std::vector<std::string> objective_ids;
    for (const auto& objective : scenario.objectives) objective_ids.push_back(objective.id);
    if (!objective_ids.empty()) {
      Dataset ids = name_scale(objectives_group, objective_dataset::ID, objective_ids,
                               "objective of the scenario");
      Dataset success = objectives_group.create_growing(
          "success", Type::UInt8, {objective_ids.size()}, {MEMBER_CHUNK, objective_ids.size()});
      success.attach_scale(objective_members, 0);
      success.attach_scale(ids, 1);
      success.set_attribute("long_name",
                            std::string("1 if the member meets the objective, else 0"));
      successes.push_back(std::move(success));
    }
  }

  void append(const MemberRecords& records) {
    member_numbers.resize(records.count);
    for (std::size_t i = 0; i < records.count; ++i)
      member_numbers[i] = static_cast<std::int64_t>(records.first + i);
    for (Dataset* scale : {&parameter_members, &trajectory_members, &objective_members}) {
      scale->append_rows(records.count, member_numbers.data(), Type::Int64);
    }
    parameter_values.append_rows(records.count, records.parameters, Type::Float64);
    for (std::size_t r = 0; r < trajectories.size(); ++r) {
      trajectories[r].append_rows(records.count,
                                  records.trajectories + r * records.capacity * records.years,
                                  Type::Float64);
    }
    if (!successes.empty())
      successes.front().append_rows(records.count, records.successes, Type::UInt8);
  }

  void finish(const EnsembleResult& result) {
    const Scenario& scenario = *plan.scenario;
    const IndicatorCatalogue& catalogue = plan.catalogue;
    Group& root = file.root();
    root.set_attribute(run_attribute::MEMBERS, static_cast<std::int64_t>(result.members));
    root.set_attribute(run_attribute::PRECISION_REACHED,
                       static_cast<std::int64_t>(result.precision_reached ? 1 : 0));

    Group statistics = root.create_group(STATISTICS);
    statistics.set_attribute("long_name",
                             std::string("statistics of every indicator over the members"));
    const Dataset year = year_scale(statistics, scenario);
    Dataset quantile = statistics.create(statistics_dataset::QUANTILE, Type::Float64,
                                         {result.quantile_levels.size()});
    quantile.write(result.quantile_levels.data(), Type::Float64);
    quantile.make_scale(statistics_dataset::QUANTILE);
    quantile.set_attribute(
        "long_name",
        std::string("quantile level (relative accuracy of the values: see root attribute)"));
    const Dataset sector =
        name_scale(statistics, statistics_dataset::SECTOR, scenario.sectors, "sector");
    const Dataset carrier =
        name_scale(statistics, statistics_dataset::CARRIER, scenario.carriers, "energy carrier");
    std::vector<std::string> source_ids;
    for (const auto& source : scenario.sources) source_ids.push_back(source.id);
    const Dataset source =
        name_scale(statistics, statistics_dataset::SOURCE, source_ids, "local production source");
    const Dataset pollutant =
        name_scale(statistics, statistics_dataset::POLLUTANT, scenario.pollutants, "air pollutant");

    const std::size_t years = result.years;
    const std::size_t levels = result.quantile_levels.size();
    // A variable (year[, item][, quantile]) from rows first_row + item × stride.
    const auto write_block = [&](const std::string& name, int first_row, std::size_t items,
                                 std::size_t stride, const Dataset* item_scale,
                                 const std::string& kind) {
      const auto& info = catalogue[static_cast<std::size_t>(first_row)];
      std::vector<std::uint64_t> dims = {years};
      if (item_scale != nullptr) dims.push_back(items);
      std::vector<double> values;
      if (kind == statistics_dataset::QUANTILES) {
        dims.push_back(levels);
        for (std::size_t y = 0; y < years; ++y) {
          for (std::size_t i = 0; i < items; ++i) {
            for (std::size_t q = 0; q < levels; ++q) {
              values.push_back(
                  result.quantile_at(static_cast<std::size_t>(first_row) + i * stride, y, q));
            }
          }
        }
      } else {
        for (std::size_t y = 0; y < years; ++y) {
          for (std::size_t i = 0; i < items; ++i) {
            const std::size_t row = static_cast<std::size_t>(first_row) + i * stride;
            values.push_back(kind == statistics_dataset::MEAN ? result.mean_at(row, y)
                                                              : result.sd_at(row, y));
          }
        }
      }
      Dataset variable =
          statistics.create(statistics_dataset::of(name, kind.c_str()), Type::Float64, dims);
      variable.write(values.data(), Type::Float64);
      variable.attach_scale(year, 0);
      if (item_scale != nullptr) variable.attach_scale(*item_scale, 1);
      if (kind == statistics_dataset::QUANTILES)
        variable.attach_scale(quantile, item_scale != nullptr ? 2 : 1);
      variable.set_attribute("units", unit_of(info.dimension));
      variable.set_attribute(
          "long_name",
          (kind == statistics_dataset::SD ? std::string("standard deviation of ") : kind + " of ") +
              info.description);
    };
    const auto has_quantiles = [&](int row) {
      return std::find(result.quantile_rows.begin(), result.quantile_rows.end(),
                       static_cast<std::size_t>(row)) != result.quantile_rows.end();
    };
    std::vector<int> scalars = {catalogue.final_energy,
                                catalogue.local_production,
                                catalogue.renewable_share,
                                catalogue.energy_imports,
                                catalogue.ghg,
                                catalogue.ghg_cumulative,
                                catalogue.cost_investment,
                                catalogue.cost_operating,
                                catalogue.cost_cumulative,
                                catalogue.cost_discounted};
    for (std::size_t i = 0; i < 2 * scenario.indicators.size(); ++i)
      scalars.push_back(catalogue.custom + static_cast<int>(i));
    for (const int row : scalars) {
      const std::string& id = catalogue[static_cast<std::size_t>(row)].id;
      write_block(id, row, 1, 1, nullptr, statistics_dataset::MEAN);
      write_block(id, row, 1, 1, nullptr, statistics_dataset::SD);
      if (has_quantiles(row)) write_block(id, row, 1, 1, nullptr, statistics_dataset::QUANTILES);
    }
    const std::size_t sectors = scenario.sectors.size();
    for (const auto& kind :
         {std::string(statistics_dataset::MEAN), std::string(statistics_dataset::SD)}) {
      write_block("final_energy_by_sector", catalogue.final_energy_by_sector, sectors, 1, &sector,
                  kind);
      write_block("final_energy_by_carrier", catalogue.final_energy_by_carrier,
                  scenario.carriers.size(), 1, &carrier, kind);
      write_block("local_production_by_source", catalogue.local_production_by_source,
                  scenario.sources.size(), 1, &source, kind);
      write_block("ghg_by_sector", catalogue.ghg_by_sector, sectors, 1, &sector, kind);
      if (!scenario.pollutants.empty()) {
        write_block(statistics_dataset::POLLUTANTS, catalogue.pollutants,
                    scenario.pollutants.size(), sectors + 1, &pollutant, kind);
      }
    }
    if (!scenario.pollutants.empty() && has_quantiles(catalogue.pollutants)) {
      write_block(statistics_dataset::POLLUTANTS, catalogue.pollutants, scenario.pollutants.size(),
                  sectors + 1, &pollutant, statistics_dataset::QUANTILES);
    }
    // Pollutants by sector: (year, pollutant, sector).
    if (!scenario.pollutants.empty()) {
      for (const auto& kind :
           {std::string(statistics_dataset::MEAN), std::string(statistics_dataset::SD)}) {
        std::vector<double> values;
        for (std::size_t y = 0; y < years; ++y) {
          for (std::size_t p = 0; p < scenario.pollutants.size(); ++p) {
            for (std::size_t s = 0; s < sectors; ++s) {
              const std::size_t row =
                  static_cast<std::size_t>(catalogue.pollutants) + p * (sectors + 1) + 1 + s;
              values.push_back(kind == statistics_dataset::MEAN ? result.mean_at(row, y)
                                                                : result.sd_at(row, y));
            }
          }
        }
        Dataset variable = statistics.create("pollutants_by_sector_" + kind, Type::Float64,
                                             {years, scenario.pollutants.size(), sectors});
        variable.write(values.data(), Type::Float64);
        variable.attach_scale(year, 0);
        variable.attach_scale(pollutant, 1);
        variable.attach_scale(sector, 2);
        variable.set_attribute("units", std::string("t"));
        variable.set_attribute(
            "long_name", (kind == statistics_dataset::SD ? std::string("standard deviation of ")
                                                         : std::string("mean of ")) +
                             "pollutant emissions by sector");
      }
    }

    // Objectives: probability and its interval.
    if (!scenario.objectives.empty()) {
      const Dataset ids = objectives_group.open(objective_dataset::ID);
      std::vector<double> probability, low, high, error, threshold;
      std::vector<std::int64_t> count;
      std::vector<std::int32_t> objective_year, relative_to;
      std::vector<double> reference_value;
      std::vector<std::string> indicator, comparison, description;
      for (std::size_t o = 0; o < scenario.objectives.size(); ++o) {
        const auto& estimate = result.objectives[o].estimate;
        probability.push_back(estimate.probability);
        low.push_back(estimate.ci_low);
        high.push_back(estimate.ci_high);
        error.push_back(estimate.standard_error);
        count.push_back(static_cast<std::int64_t>(result.objectives[o].successes));
        const Objective& objective = scenario.objectives[o];
        threshold.push_back(objective.threshold);
        objective_year.push_back(objective.year);
        relative_to.push_back(objective.relative_to ? *objective.relative_to : -1);
        reference_value.push_back(objective.reference_value
                                      ? *objective.reference_value
                                      : std::numeric_limits<double>::quiet_NaN());
        indicator.push_back(objective.indicator);
        comparison.push_back(objective.comparison == Comparison::AtMost ? "<=" : ">=");
        description.push_back(objective.description);
      }
      const auto per_objective = [&](const std::string& name, const void* data, Type type,
                                     const std::string& long_name, const std::string& units) {
        Dataset variable = objectives_group.create(name, type, {scenario.objectives.size()});
        variable.write(data, type);
        variable.attach_scale(ids, 0);
        variable.set_attribute("long_name", long_name);
        if (!units.empty()) variable.set_attribute("units", units);
      };
      per_objective(objective_dataset::PROBABILITY, probability.data(), Type::Float64,
                    "share of members meeting the objective", "1");
      per_objective(objective_dataset::CI_LOW, low.data(), Type::Float64,
                    "Wilson 95 % interval, lower bound", "1");
      per_objective(objective_dataset::CI_HIGH, high.data(), Type::Float64,
                    "Wilson 95 % interval, upper bound", "1");
      per_objective(objective_dataset::STANDARD_ERROR, error.data(), Type::Float64,
                    "Monte Carlo standard error", "1");
      per_objective(objective_dataset::SUCCESSES, count.data(), Type::Int64,
                    "members meeting the objective", "");
      per_objective(objective_dataset::THRESHOLD, threshold.data(), Type::Float64,
                    "threshold (a ratio when relative)", "");
      per_objective(objective_dataset::YEAR, objective_year.data(), Type::Int32, "year judged",
                    "year");
      per_objective(objective_dataset::RELATIVE_TO, relative_to.data(), Type::Int32,
                    "reference year of a relative objective (-1: absolute)", "year");
      per_objective(objective_dataset::REFERENCE_VALUE, reference_value.data(), Type::Float64,
                    "stated reference value (NaN: the member's own value in relative_to)", "");
      for (const auto& [name, values] :
           {std::pair{std::string(objective_dataset::INDICATOR), &indicator},
            std::pair{std::string(objective_dataset::COMPARISON), &comparison},
            std::pair{std::string(objective_dataset::DESCRIPTION), &description}}) {
        Dataset variable = objectives_group.create_strings(name, *values);
        variable.attach_scale(ids, 0);
      }
      objectives_group.set_attribute(objective_dataset::ALL_PROBABILITY, result.joint.probability);
      objectives_group.set_attribute(objective_dataset::ALL_CI_LOW, result.joint.ci_low);
      objectives_group.set_attribute(objective_dataset::ALL_CI_HIGH, result.joint.ci_high);
      objectives_group.set_attribute("all_objectives_successes",
                                     static_cast<std::int64_t>(result.joint_successes));
    }
    file.close();
  }
};

ResultsWriter::ResultsWriter(const std::string& path, const Plan& plan, const RunSettings& settings,
                             const std::vector<InputFile>& inputs,
                             const std::vector<std::size_t>& rows)
    : impl_(std::make_unique<Impl>(path, plan, settings, inputs, rows)) {}

ResultsWriter::~ResultsWriter() = default;

void ResultsWriter::append(const MemberRecords& records) {
  impl_->append(records);
}

void ResultsWriter::finish(const EnsembleResult& result) {
  impl_->finish(result);
}

namespace {

RunRecord read_run_record_unchecked(const std::string& path) {
  hdf5::File file = [&] {
    try {
      return hdf5::File::open_read_only(path);
    } catch (const Error& error) {
      throw InputError(std::string(error.what()) + "; expected a Trajectoires results file");
    }
  }();
  const Group& root = file.root();
  if (!root.has_attribute(run_attribute::FILETYPE) ||
      root.string_attribute(run_attribute::FILETYPE) != RESULTS_FILETYPE) {
    throw InputError(path + ": expected a Trajectoires results file (filetype \"" +
                     std::string(RESULTS_FILETYPE) + "\"), found another HDF5 file");
  }
  const std::int64_t version = root.int_attribute(run_attribute::FORMAT_VERSION);
  if (version != RESULTS_FORMAT_VERSION) {
    throw InputError(
        path + ": expected results format version " + std::to_string(RESULTS_FORMAT_VERSION) +
        ", found version " + std::to_string(version) + " (written by traj " +
        root.string_attribute(run_attribute::TRAJ_VERSION) + "); use that version of traj");
  }
  RunRecord record;
  RunSettings& settings = record.settings;
  settings.traj_version = root.string_attribute(run_attribute::TRAJ_VERSION);
  settings.git_hash = root.string_attribute(run_attribute::GIT_HASH);
  settings.scenario_path = root.string_attribute(run_attribute::SCENARIO);
  const std::string portfolio = root.string_attribute(run_attribute::PORTFOLIO);
  settings.portfolio = portfolio == "baseline" ? "" : portfolio;
  // Every setting a rerun uses, against the ranges the command line uses: a
  // file can be edited and its stamp recomputed (a checksum, not a signature).
  const auto integer = [&](const std::string& name, IntegerRange range) {
    const std::int64_t value = root.int_attribute(name);
    check_setting(path + ": attribute " + name, value, range);
    return static_cast<std::uint64_t>(value);
  };
  settings.seed = integer(run_attribute::SEED, SEED_RANGE);
  settings.members_requested = integer(run_attribute::MEMBERS_REQUESTED, MEMBERS_RANGE);
  settings.precision = root.double_attribute(run_attribute::PRECISION);
  if (settings.precision != 0.0)
    check_setting(path + ": attribute precision (0: none)", settings.precision, PRECISION_RANGE);
  settings.max_members = integer(run_attribute::MAX_MEMBERS, MEMBERS_RANGE);
  settings.quantiles =
      split_quantile_levels(root.string_attribute(run_attribute::QUANTILE_LEVELS), path);
  settings.sketch_accuracy = root.double_attribute(run_attribute::QUANTILE_RELATIVE_ACCURACY);
  check_setting(path + ": attribute quantile_relative_accuracy", settings.sketch_accuracy,
                SKETCH_ACCURACY_RANGE);
  settings.trajectories = root.string_attribute(run_attribute::TRAJECTORIES);
  settings.block = static_cast<std::size_t>(integer(run_attribute::BLOCK, BLOCK_RANGE));
  const Group inputs = root.open_group(INPUTS);
  for (std::size_t i = 0;; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, input_file::NAME_FORMAT, i);
    if (!inputs.has(name)) break;
    const Dataset text = inputs.open(name);
    InputFile input{text.string_attribute(input_file::PATH), text.read_text()};
    if (sha256_hex(input.text) != text.string_attribute(input_file::SHA256)) {
      throw InputError(path + ": the stored input " + input.path +
                       " does not match its SHA-256 (file damaged?)");
    }
    record.inputs.push_back(std::move(input));
  }
  if (record.inputs.empty())
    throw InputError(path + ": group inputs: expected file_000, found no input file");
  for (const auto& [name, values] : edit_lists(settings.edits)) {
    if (inputs.has(name)) *values = inputs.open(name).read_strings();
  }
  const auto& main = settings.scenario_path;
  if (std::none_of(record.inputs.begin(), record.inputs.end(),
                   [&](const InputFile& input) { return input.path == main; })) {
    throw InputError(path + ": attribute scenario: expected the path of a stored input (" +
                     record.inputs.front().path + ", …), found \"" + main + "\"");
  }
  // Every dataset must read back, those a reader does not use too: damage the
  // stamp does not see (a re-stamped file) is found before any work is done.
  for (const auto& dataset : file.dataset_paths()) root.open(dataset.substr(1)).read_raw();
  return record;
}

}  // namespace

RunRecord read_run_record(const std::string& path) {
  return as_input_error(path, [&] { return read_run_record_unchecked(path); });
}

}  // namespace traj::territory
