// A track file (docs/hdf5-layout.md#track-files): the root's provenance,
// the inputs with the observations file, and the group `track` with one
// subgroup per table, each readable by xarray as one Dataset; and what a
// rerun reads back.

#include "traj/territory/tracking_file.hpp"

#include <algorithm>
#include <sstream>

#include "groups.hpp"
#include "provenance.hpp"
#include "scales.hpp"
#include "traj/error.hpp"
#include "traj/hdf5_file.hpp"
#include "traj/sha256.hpp"
#include "traj/territory/results_layout.hpp"
#include "variables.hpp"

namespace traj::territory {

using namespace results_layout;
using namespace track_layout;
using hdf5::Dataset;
using hdf5::Group;
using hdf5::Type;

namespace {

/// Members per chunk of the (compressed) member datasets.
constexpr std::uint64_t WEIGHT_CHUNK = 16384;

/// A coordinate variable of integers 0, 1, … (members, stages, particles).
Dataset index_scale(Group& group, const std::string& name, std::size_t count,
                    const std::string& long_name) {
  return results::index_scale(group, name, count, long_name, WEIGHT_CHUNK);
}

/// A variable of doubles along `dims` (row-major), with its long name and unit.
void numbers(Group& group, const std::string& name, const std::vector<double>& values,
             const std::vector<const Dataset*>& dims, const std::string& long_name,
             const std::string& units) {
  results::write_numbers(group, name, values, dims, long_name, units, WEIGHT_CHUNK);
}

using results::write_integers;
using results::write_texts;

std::string unit_of_row(const Plan& plan, std::size_t row) {
  return results::unit_of(plan.catalogue[row].dimension);
}

std::string parameter_unit(const Scenario& scenario, const std::string& name) {
  const int index = scenario.parameters.find(name);
  if (index < 0) return "1";
  const Parameter& parameter = scenario.parameters[static_cast<std::size_t>(index)];
  return parameter.unitless ? "1" : results::unit_of(parameter.dimension);
}

void write_root(Group& root, const Scenario& scenario, const Tracking& tracking,
                const TrackSettings& settings) {
  const RunSettings& run = settings.run;
  results::write_provenance(
      root,
      {TRACK_FILETYPE, TRACK_FORMAT_VERSION, std::string("Trajectoires track: ") + scenario.name,
       run.traj_version, run.git_hash, run.command_line},
      scenario);
  results::write_portfolio_attributes(root, scenario, run.scenario_path, run.portfolio);
  root.set_attribute(run_attribute::SEED, static_cast<std::int64_t>(run.seed));
  root.set_attribute(run_attribute::MEMBERS_REQUESTED,
                     static_cast<std::int64_t>(run.members_requested));
  root.set_attribute(run_attribute::MEMBERS, static_cast<std::int64_t>(tracking.members));
  root.set_attribute(METHOD_REQUESTED, std::string(tracking_method_option(settings.method)));
  std::string series;
  for (const auto& id : settings.series) series += (series.empty() ? "" : ",") + id;
  root.set_attribute(SERIES, series);
  root.set_attribute(run_attribute::THREADS, static_cast<std::int64_t>(run.threads));
}

void write_observations(Group& track, const Plan& plan, const ObservationSet& observations,
                        const Tracking& tracking) {
  Group group = track.create_group(OBSERVATIONS);
  const auto& all = observations.observations;
  if (all.empty()) return;
  std::vector<std::string> labels, indicator, unit, uncertainty, verdict;
  std::vector<std::int32_t> year, on_log, estimated;
  std::vector<double> value, sd, percentile, median, low, high, gap, member_min, member_max;
  for (std::size_t i = 0; i < all.size(); ++i) {
    const Observation& observation = all[i];
    const ObservationCheck& check = tracking.checks[i];
    labels.push_back(observation.indicator + " " + std::to_string(observation.year));
    indicator.push_back(observation.indicator);
    unit.push_back(unit_of_row(plan, observation.row));
    uncertainty.push_back(observation.uncertainty_written);
    verdict.push_back(verdict_name(check.verdict));
    year.push_back(observation.year);
    on_log.push_back(observation.on_log ? 1 : 0);
    estimated.push_back(observation.estimated ? 1 : 0);
    value.push_back(observation.value);
    sd.push_back(observation.sd);
    percentile.push_back(check.percentile);
    median.push_back(check.plan_median);
    low.push_back(check.plan_low);
    high.push_back(check.plan_high);
    gap.push_back(check.gap);
    member_min.push_back(check.member_min);
    member_max.push_back(check.member_max);
  }
  const Dataset dim = results::name_scale(group, "observation", labels,
                                          "observation: indicator and year, in file order");
  write_texts(group, "indicator", indicator, dim, "indicator observed");
  write_integers(group, "year", year, dim, "year observed", "year");
  const std::string in_unit = "in the observation's unit (variable unit)";
  numbers(group, "value", value, {&dim}, std::string("observed value, ") + in_unit, "");
  write_texts(group, "unit", unit, dim, "canonical unit of the indicator (1: a fraction)");
  numbers(group, "error_sd", sd, {&dim},
          "standard deviation of the observation error: of ln(value) when error_on_log is 1, "
          "else of the value in its unit; doubled for an estimated value",
          "");
  write_integers(group, "error_on_log", on_log, dim,
                 "1 if the error is Gaussian on the log of the value, 0 on the value");
  write_integers(group, "estimated", estimated, dim, "1 if the value is provisional (estimated)");
  write_texts(group, "uncertainty", uncertainty, dim, "the uncertainty as the file states it");
  numbers(group, "percentile", percentile, {&dim},
          "share of the plan's members (before the observations) below the observed value, ties "
          "counting half",
          "1");
  write_texts(group, "verdict", verdict, dim,
              "ahead, on track (between the plan's 25th and 75th percentiles) or behind");
  numbers(group, "plan_median", median, {&dim}, std::string("the plan's median, ") + in_unit, "");
  numbers(group, "plan_p05", low, {&dim}, std::string("the plan's 5th percentile, ") + in_unit, "");
  numbers(group, "plan_p95", high, {&dim}, std::string("the plan's 95th percentile, ") + in_unit,
          "");
  numbers(group, "gap", gap, {&dim},
          std::string("observed value minus the plan's median, ") + in_unit, "");
  numbers(group, "member_min", member_min, {&dim},
          std::string("the smallest member's value, ") + in_unit, "");
  numbers(group, "member_max", member_max, {&dim},
          std::string("the largest member's value, ") + in_unit, "");
}

void write_objectives(Group& track, const Scenario& scenario, const Tracking& tracking) {
  Group group = track.create_group(track_layout::OBJECTIVES);
  const auto joint = [&](const char* when, const ProportionEstimate& estimate) {
    const std::string suffix = std::string("_") + when;
    group.set_attribute(std::string(objective_dataset::ALL_PROBABILITY) + suffix,
                        estimate.probability);
    group.set_attribute(std::string(objective_dataset::ALL_CI_LOW) + suffix, estimate.ci_low);
    group.set_attribute(std::string(objective_dataset::ALL_CI_HIGH) + suffix, estimate.ci_high);
  };
  if (tracking.objectives.empty()) return;
  joint("before", tracking.joint_before);
  joint("after", tracking.joint_after);
  std::vector<std::string> ids, description, description_fr, indicator;
  std::vector<std::int32_t> year;
  bool any_french = false;
  for (std::size_t o = 0; o < tracking.objectives.size(); ++o) {
    const Objective& objective = scenario.objectives[o];
    ids.push_back(tracking.objectives[o].id);
    description.push_back(objective.description);
    description_fr.push_back(objective.description_fr);
    any_french = any_french || !objective.description_fr.empty();
    indicator.push_back(objective.indicator);
    year.push_back(objective.year);
  }
  const Dataset dim =
      results::name_scale(group, objective_dataset::ID, ids, "objective of the scenario");
  write_texts(group, objective_dataset::DESCRIPTION, description, dim, "the objective in words");
  if (any_french)
    write_texts(group, objective_dataset::DESCRIPTION_FR, description_fr, dim,
                "the objective in French (empty: as description)");
  write_texts(group, objective_dataset::INDICATOR, indicator, dim, "indicator of the objective");
  write_integers(group, objective_dataset::YEAR, year, dim, "year of the objective", "year");
  for (const char* when : {"before", "after"}) {
    const bool after = std::string(when) == "after";
    std::vector<double> probability, low, high;
    for (const auto& update : tracking.objectives) {
      const ProportionEstimate& estimate = after ? update.after : update.before;
      probability.push_back(estimate.probability);
      low.push_back(estimate.ci_low);
      high.push_back(estimate.ci_high);
    }
    const std::string suffix = std::string("_") + when;
    const std::string whose = after ? "after the observations (weighted; interval at the "
                                      "effective size)"
                                    : "before the observations (the plan's members)";
    numbers(group, std::string(objective_dataset::PROBABILITY) + suffix, probability, {&dim},
            std::string("probability of meeting the objective ") + whose, "1");
    numbers(group, std::string(objective_dataset::CI_LOW) + suffix, low, {&dim},
            std::string("Wilson 95 % interval, lower bound, ") + whose, "1");
    numbers(group, std::string(objective_dataset::CI_HIGH) + suffix, high, {&dim},
            std::string("Wilson 95 % interval, upper bound, ") + whose, "1");
  }
}

void write_parameters(Group& track, const Scenario& scenario, const Tracking& tracking) {
  Group group = track.create_group(track_layout::PARAMETERS);
  if (tracking.parameters.empty()) return;
  std::vector<std::string> names, units;
  std::vector<double> columns[7];
  for (const auto& shift : tracking.parameters) {
    names.push_back(shift.name);
    units.push_back(parameter_unit(scenario, shift.name));
    const double values[7] = {
        shift.prior_median,  shift.prior_low,      shift.prior_high, shift.posterior_median,
        shift.posterior_low, shift.posterior_high, shift.shift};
    for (int c = 0; c < 7; ++c) columns[c].push_back(values[c]);
  }
  const Dataset dim = results::name_scale(
      group, member_dataset::PARAMETER, names,
      "uncertain parameter (named, or the key path of the number), most moved first");
  write_texts(group, member_dataset::UNITS, units, dim, "canonical unit of each parameter");
  const char* const NAMES[6] = {"prior_median",     "prior_p05",     "prior_p95",
                                "posterior_median", "posterior_p05", "posterior_p95"};
  const char* const MEANINGS[6] = {"median before the observations",
                                   "5th percentile before the observations",
                                   "95th percentile before the observations",
                                   "median after the observations (weighted)",
                                   "5th percentile after the observations (weighted)",
                                   "95th percentile after the observations (weighted)"};
  for (int c = 0; c < 6; ++c) {
    numbers(group, NAMES[c], columns[c], {&dim},
            std::string(MEANINGS[c]) + ", in the parameter's unit (variable units)", "");
  }
  numbers(group, "shift", columns[6], {&dim},
          "|posterior median - prior median| / prior 90 % width: how far the data moved it", "1");
}

void write_series(Group& track, const Plan& plan, const Tracking& tracking) {
  if (tracking.series.empty()) return;
  Group group = track.create_group(SERIES_GROUP);
  std::vector<std::string> ids, units;
  std::vector<double> before, after;
  for (const auto& series : tracking.series) {
    ids.push_back(plan.catalogue[series.row].id);
    units.push_back(unit_of_row(plan, series.row));
    before.insert(before.end(), series.before.begin(), series.before.end());
    after.insert(after.end(), series.after.begin(), series.after.end());
  }
  const Dataset indicator =
      results::name_scale(group, "indicator", ids, "indicator with a fan chart");
  const std::vector<std::int32_t> years(tracking.series.front().years.begin(),
                                        tracking.series.front().years.end());
  Dataset year = group.create(statistics_dataset::YEAR, Type::Int32, {years.size()});
  year.write(years.data(), Type::Int32);
  year.make_scale(statistics_dataset::YEAR);
  year.set_attribute("units", std::string("year"));
  year.set_attribute("long_name", std::string("calendar year"));
  const std::vector<double> levels(std::begin(SERIES_LEVELS), std::end(SERIES_LEVELS));
  Dataset level = group.create("level", Type::Float64, {levels.size()});
  level.write(levels.data(), Type::Float64);
  level.make_scale("level");
  level.set_attribute("long_name", std::string("quantile level"));
  level.set_attribute("units", std::string("1"));
  write_texts(group, member_dataset::UNITS, units, indicator,
              "canonical unit of each indicator (1: a fraction)");
  numbers(group, "before", before, {&indicator, &year, &level},
          "quantiles of the plan's members before the observations (equal weights), in the "
          "indicator's unit (variable units)",
          "");
  numbers(group, "after", after, {&indicator, &year, &level},
          "quantiles after the observations (weighted members, or the SMC population), in the "
          "indicator's unit (variable units)",
          "");
}

void write_stages(Group& track, const Tracking& tracking) {
  if (tracking.stages.empty()) return;
  Group group = track.create_group(STAGES);
  const Dataset stage = index_scale(group, "stage", tracking.stages.size(),
                                    "tempering stage of the sequential Monte Carlo sampler");
  std::vector<double> temperature, effective, acceptance, step;
  for (const auto& one : tracking.stages) {
    temperature.push_back(one.temperature);
    effective.push_back(one.effective_size);
    acceptance.push_back(one.acceptance);
    step.push_back(one.step);
  }
  numbers(group, "temperature", temperature, {&stage},
          "exponent of the likelihood reached at the stage (1: the posterior)", "1");
  numbers(group, "effective_size", effective, {&stage},
          "Kish effective size of the stage's reweighting, before resampling", "1");
  numbers(group, "acceptance", acceptance, {&stage}, "acceptance rate of the stage's MCMC moves",
          "1");
  numbers(group, "step", step, {&stage}, "the moves' preconditioned Crank-Nicolson step rho", "1");
}

void write_population(Group& track, const Scenario& scenario, const Tracking& tracking) {
  const std::size_t columns = tracking.population_parameters.size();
  if (tracking.population.empty() || columns == 0) return;
  Group group = track.create_group(POPULATION);
  if (tracking.distinct_members > 0)
    group.set_attribute(DISTINCT_MEMBERS, static_cast<std::int64_t>(tracking.distinct_members));
  const std::size_t particles = tracking.population.size() / columns;
  const Dataset particle =
      index_scale(group, "particle", particles, "particle of the final SMC population");
  const Dataset parameter =
      results::name_scale(group, member_dataset::PARAMETER, tracking.population_parameters,
                          "uncertain parameter (named, or the key path of the number)");
  std::vector<std::string> units;
  for (const auto& name : tracking.population_parameters)
    units.push_back(parameter_unit(scenario, name));
  write_texts(group, member_dataset::UNITS, units, parameter, "canonical unit of each parameter");
  std::vector<std::uint64_t> extent{particles, columns};
  Dataset values = group.create(member_dataset::VALUES, Type::Float64, extent,
                                {std::min<std::uint64_t>(particles, 1024), columns});
  values.write(tracking.population.data(), Type::Float64);
  values.attach_scale(particle, 0);
  values.attach_scale(parameter, 1);
  values.set_attribute("long_name", std::string("each particle's parameter values, in the "
                                                "parameter's unit (variable units)"));
}

}  // namespace

const char* tracking_method_option(TrackingMethod method) {
  switch (method) {
    case TrackingMethod::ImportanceSampling:
      return "importance";
    case TrackingMethod::SequentialMonteCarlo:
      return "smc";
    case TrackingMethod::Auto:
      break;
  }
  return "auto";
}

std::optional<TrackingMethod> tracking_method_of(const std::string& option) {
  for (const TrackingMethod method : {TrackingMethod::Auto, TrackingMethod::ImportanceSampling,
                                      TrackingMethod::SequentialMonteCarlo}) {
    if (option == tracking_method_option(method)) return method;
  }
  return std::nullopt;
}

void write_tracking(const std::string& path, const Plan& plan, const ObservationSet& observations,
                    const InputFile& observations_file, const Tracking& tracking,
                    const std::vector<InputFile>& inputs, const TrackSettings& settings) {
  const Scenario& scenario = *plan.scenario;
  hdf5::File file = hdf5::File::create(path);
  Group& root = file.root();
  write_root(root, scenario, tracking, settings);
  Group stored = write_inputs(root, inputs, settings.run.edits);
  stored.set_attribute(input_file::MAIN, settings.run.scenario_path);
  Dataset text = stored.create_text(OBSERVATIONS_INPUT, observations_file.text);
  text.set_attribute(input_file::PATH, observations_file.path);
  text.set_attribute(input_file::SHA256, sha256_hex(observations_file.text));

  Group track = root.create_group(TRACK);
  track.set_attribute(METHOD, tracking.method);
  track.set_attribute(EFFECTIVE_SIZE, tracking.effective_size);
  track.set_attribute(IMPORTANCE_EFFECTIVE_SIZE, tracking.importance_effective_size);
  track.set_attribute(EFFECTIVE_SIZE_THRESHOLD, effective_size_threshold(tracking.members));
  if (tracking.distinct_members > 0)
    track.set_attribute(DISTINCT_MEMBERS, static_cast<std::int64_t>(tracking.distinct_members));
  track.set_attribute(ILLUSTRATIVE, std::int64_t{observations.illustrative ? 1 : 0});
  track.set_attribute(SOURCE, observations.source);
  const Dataset member =
      index_scale(track, member_dataset::MEMBER, tracking.weights.size(),
                  "member of the ensemble (importance sampling) or particle of the final "
                  "population (sequential Monte Carlo)");
  numbers(track, WEIGHTS, tracking.weights, {&member},
          "weight of each member after the observations, summing to 1 (SMC: 1/N per particle)",
          "1");
  write_observations(track, plan, observations, tracking);
  write_objectives(track, scenario, tracking);
  write_parameters(track, scenario, tracking);
  write_series(track, plan, tracking);
  write_stages(track, tracking);
  write_population(track, scenario, tracking);
  file.close();
}

namespace {

TrackRecord read_track_record_unchecked(const std::string& path) {
  hdf5::File file = [&] {
    try {
      return hdf5::File::open_read_only(path);
    } catch (const Error& error) {
      throw InputError(std::string(error.what()) + "; expected a Trajectoires track file");
    }
  }();
  const Group& root = file.root();
  if (!root.has_attribute(run_attribute::FILETYPE) ||
      root.string_attribute(run_attribute::FILETYPE) != TRACK_FILETYPE) {
    throw InputError(path + ": expected a Trajectoires track file (filetype \"" +
                     std::string(TRACK_FILETYPE) + "\"), found another HDF5 file");
  }
  const std::int64_t version = root.int_attribute(run_attribute::FORMAT_VERSION);
  if (version != TRACK_FORMAT_VERSION) {
    throw InputError(
        path + ": expected track format version " + std::to_string(TRACK_FORMAT_VERSION) +
        ", found version " + std::to_string(version) + " (written by traj " +
        root.string_attribute(run_attribute::TRAJ_VERSION) + "); use that version of traj");
  }
  TrackRecord record;
  RunSettings& run = record.settings.run;
  run.traj_version = root.string_attribute(run_attribute::TRAJ_VERSION);
  run.git_hash = root.string_attribute(run_attribute::GIT_HASH);
  run.command_line = root.string_attribute(run_attribute::COMMAND_LINE);
  run.scenario_path = root.string_attribute(run_attribute::SCENARIO);
  const std::string portfolio = root.string_attribute(run_attribute::PORTFOLIO);
  run.portfolio = portfolio == "baseline" ? "" : portfolio;
  // Every setting against the command line's range: a file can be edited
  // and its stamp recomputed (a checksum, not a signature).
  const auto integer = [&](const std::string& name, IntegerRange range) {
    const std::int64_t value = root.int_attribute(name);
    check_setting(path + ": attribute " + name, value, range);
    return static_cast<std::uint64_t>(value);
  };
  run.seed = integer(run_attribute::SEED, SEED_RANGE);
  run.members_requested = integer(run_attribute::MEMBERS_REQUESTED, TRACK_MEMBERS_RANGE);
  const std::string method = root.string_attribute(METHOD_REQUESTED);
  const auto parsed = tracking_method_of(method);
  if (!parsed) {
    throw InputError(path + ": attribute " + METHOD_REQUESTED +
                     ": expected auto, importance or smc, found \"" + method + "\"");
  }
  record.settings.method = *parsed;
  std::stringstream series(root.string_attribute(SERIES));
  for (std::string id; std::getline(series, id, ',');) record.settings.series.push_back(id);
  record.inputs = results::read_inputs(root, path, run.scenario_path, run.edits);
  const Group inputs = root.open_group(INPUTS);
  if (!inputs.has(OBSERVATIONS_INPUT)) {
    throw InputError(path + ": group inputs: expected the observations file (" +
                     OBSERVATIONS_INPUT + "), found none");
  }
  const Dataset observations = inputs.open(OBSERVATIONS_INPUT);
  record.observations = {observations.string_attribute(input_file::PATH), observations.read_text()};
  if (sha256_hex(record.observations.text) != observations.string_attribute(input_file::SHA256)) {
    throw InputError(path + ": the stored observations file " + record.observations.path +
                     " does not match its SHA-256 (file damaged?)");
  }
  // Every dataset must read back, those a rerun does not use too.
  for (const auto& dataset : file.dataset_paths()) root.open(dataset.substr(1)).read_raw();
  return record;
}

}  // namespace

TrackRecord read_track_record(const std::string& path) {
  return as_input_error(path, [&] { return read_track_record_unchecked(path); });
}

std::string file_type(const std::string& path) {
  try {
    const hdf5::File file = hdf5::File::open_read_only(path);
    const Group& root = file.root();
    return root.has_attribute(run_attribute::FILETYPE)
               ? root.string_attribute(run_attribute::FILETYPE)
               : std::string();
  } catch (const Error&) {
    return "";  // the reader of the file's kind says what is wrong
  }
}

}  // namespace traj::territory
