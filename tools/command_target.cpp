#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include <unistd.h>

#include "commands.hpp"
#include "distance_output.hpp"
#include "ensemble_options.hpp"
#include "indicator_choice.hpp"
#include "option_checks.hpp"
#include "progress_bar.hpp"
#include "results_output.hpp"
#include "scenario_choice.hpp"
#include "target_output_json.hpp"
#include "traj/json_writer.hpp"
#include "traj/string_distance.hpp"
#include "traj/territory/comparison.hpp"
#include "traj/territory/indicator_names.hpp"
#include "traj/territory/report.hpp"
#include "traj/territory/scenario_text.hpp"
#include "traj/territory/target_page.hpp"
#include "traj/territory/targets.hpp"
#include "what_if_options.hpp"
#include "what_it_takes_output.hpp"
#include "words.hpp"

namespace traj::cli {
namespace {

using namespace traj::territory;

std::string shown(double value, Dimension dimension, Language language) {
  char buffer[64];
  if (dimension == Dimension::Fraction) {
    std::snprintf(buffer, sizeof buffer, "%.1f %%", 100.0 * value);
    return decimal(buffer, language);
  }
  std::snprintf(buffer, sizeof buffer, "%.4g %s", value,
                std::string(canonical_symbol(dimension)).c_str());
  return decimal(buffer, language);
}

std::string percent(const ProportionEstimate& estimate, Language language) {
  char buffer[96];
  std::snprintf(buffer, sizeof buffer, "%.1f %% (%s %.1f–%.1f %%)", 100 * estimate.probability,
                say("interval_95", language).c_str(), 100 * estimate.ci_low,
                100 * estimate.ci_high);
  return decimal(buffer, language);
}

/// The confidence as a percentage: "80 %", "97,5 %".
std::string confidence_words(double confidence, Language language) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g %%", 100.0 * confidence);
  return decimal(buffer, language);
}

/// The values target's options may take (beyond traj/setting_ranges.hpp).
constexpr NumberRange CONFIDENCE_RANGE{0.5, 0.999};
constexpr IntegerRange TARGET_MEMBERS_RANGE{100, 100'000'000};

/// --force applies to the --report page, --lang to it and the text:
/// refused when there is neither.
void refuse_without_report(const CLI::App& command) {
  if (command.count("--report") > 0) return;
  if (command.count("--force") > 0) {
    throw InputError(
        "--force: applies to the --report page; without --report no page is written; add "
        "--report FILE or remove --force");
  }
  if (command.count("--lang") > 0 && command.count("--json") > 0) {
    throw InputError(
        "--lang: the language of the text and of the --report page; the JSON document is the "
        "same in every language and there is no page; add --report FILE or remove --lang");
  }
}

struct TargetOptions {
  std::string path;
  territory::ScenarioEdits edits;
  std::string portfolio;
  std::string indicator;
  int year = 0;
  std::string objective;
  double confidence = 0.8;
  EnsembleOptions ensemble;
  bool json = false;
  bool quiet = false;
  std::string report;
  std::string language = "en";
  bool force = false;
};

/// The page of --report, on rank 0 only: its sentences follow --lang.
void write_target_report(const TargetOptions& options, const Cluster& cluster,
                         const ChosenScenario& chosen, const TargetPage& page) {
  if (options.report.empty() || !cluster.is_root()) return;
  OutputFile(options.report, options.force, input_paths(chosen), "--report")
      .write(target_report_html(
          page, options.language == "fr" ? ReportLanguage::French : ReportLanguage::English));
}

ReportLanguage language_of(const TargetOptions& options) {
  return options.language == "fr" ? ReportLanguage::French : ReportLanguage::English;
}

/// What every target page states: where, which portfolio, which indicator.
TargetPage page_of(const TargetOptions& options, const ChosenScenario& chosen, const Plan& plan,
                   std::size_t row, int year) {
  TargetPage page;
  page.territory = chosen.scenario.name;
  if (const int index = chosen.scenario.find_portfolio(plan.portfolio); index != NONE)
    page.portfolio = portfolio_name(chosen.scenario.portfolios[static_cast<std::size_t>(index)],
                                    language_of(options));
  page.edits = describe_edits(chosen.edits);
  page.indicator = plan.catalogue[row].id;
  page.indicator_name = plan.catalogue[row].description;
  page.dimension = plan.catalogue[row].dimension;
  page.year = year;
  page.base_year = chosen.scenario.base_year;
  page.horizon = chosen.scenario.horizon;
  page.confidence = options.confidence;
  return page;
}

/// "16.8 % – 16.9 %": as many digits as it takes for different bounds to
/// read differently.
std::string interval(double low, double high, Dimension dimension) {
  const bool share = dimension == Dimension::Fraction;
  const double scale = share ? 100.0 : 1.0;
  for (int digits = share ? 1 : 4; digits <= 8; ++digits) {
    char a[64], b[64];
    const char* format = share ? "%.*f %%" : "%.*g";
    std::snprintf(a, sizeof a, format, digits, scale * low);
    std::snprintf(b, sizeof b, format, digits, scale * high);
    if (low == high || std::string(a) != b || digits == 8) {
      const std::string unit = share ? "" : " " + std::string(canonical_symbol(dimension));
      return std::string(a) + unit + " – " + b + unit;
    }
  }
  return "";
}

/// --indicator --year: the value the portfolio reaches with the confidence.
int answer_indicator(const TargetOptions& options, const ChosenScenario& chosen, const Plan& plan,
                     const std::string& portfolio, const std::string& who,
                     const EnsembleOptions& ensemble, const Cluster& cluster) {
  const Scenario& scenario = chosen.scenario;
  const std::size_t row = indicator_row(plan, options.indicator, options.year);
  const auto& info = plan.catalogue[row];
  const Commitment result = commitment(plan, row, options.year, options.confidence, ensemble);
  if (options.json) {
    print_commitment_json(portfolio, chosen.edits, info.id, options.year, options.confidence,
                          result, std::cout);
  }
  const Language language = language_named(options.language);
  const std::string year = std::to_string(options.year);
  const std::string confidence = confidence_words(options.confidence, language);
  const std::string value = shown(result.value, info.dimension, language);
  std::ostringstream text;
  text << say("target_value", language,
              {scenario.name, who, info.id, indicator_title(info, language),
               say(result.higher_is_better ? "at_least" : "at_most", language), value, year,
               confidence})
       << "\n"
       << say("target_commit", language,
              {std::string(result.higher_is_better ? "≥ " : "≤ ") + value, year, confidence,
               decimal(interval(result.ci_low, result.ci_high, info.dimension), language),
               std::to_string(result.members)})
       << "\n";
  if (!options.json) std::cout << text.str();
  TargetPage page = page_of(options, chosen, plan, row, options.year);
  page.at_most = !result.higher_is_better;
  page.committed = result.value;
  page.committed_low = result.ci_low;
  page.committed_high = result.ci_high;
  page.members = result.members;
  page.values = result.values;
  write_target_report(options, cluster, chosen, page);
  return EXIT_OK;
}

/// --objective: the adoption scale the objective needs, and how far the
/// portfolio as planned is from it.
int answer_objective(const TargetOptions& options, const ChosenScenario& chosen, const Plan& plan,
                     const std::string& portfolio, const std::string& who,
                     const EnsembleOptions& ensemble, const Cluster& cluster) {
  const Scenario& scenario = chosen.scenario;
  if (options.objective.empty()) {
    throw InputError("target: expected --indicator with --year, or --objective, found neither");
  }
  std::size_t index = scenario.objectives.size();
  std::vector<std::string> ids;
  for (std::size_t o = 0; o < scenario.objectives.size(); ++o) {
    ids.push_back(scenario.objectives[o].id);
    if (scenario.objectives[o].id == options.objective) index = o;
  }
  if (index == scenario.objectives.size()) {
    throw InputError("--objective: expected an objective of the scenario, found \"" +
                     options.objective + "\"" + did_you_mean(options.objective, ids));
  }
  const Objective& target = scenario.objectives[index];
  ProgressBar bar(!options.quiet && ::isatty(STDERR_FILENO) != 0, "evaluations");
  const WhatItTakes takes =
      what_it_takes(plan, index, options.confidence, ensemble, 0.01,
                    [&bar](std::size_t done, std::size_t planned) { bar.update(done, planned); });
  const RequiredScale& result = takes.uniform.search;
  // How far the portfolio as planned is: one more ensemble, with the quantiles of
  // the headline rows (every objective's indicator among them).
  const ObjectiveDistance distance = distance_to_objective(
      target, plan.catalogue, scenario.base_year, run_recording(plan, {}, ensemble, nullptr));
  const auto row = static_cast<std::size_t>(plan.catalogue.find(target.indicator));
  const Dimension dimension = plan.catalogue[row].dimension;
  if (options.json) {
    print_objective_target_json(portfolio, chosen.edits, target, options.confidence, takes,
                                distance, plan, std::cout);
  }
  const Language language = language_named(options.language);
  std::ostringstream text;
  text << say("objective_heading", language, {scenario.name, objective_text(target, language), who})
       << "\n  " << say("as_planned_likely", language, {percent(result.at_planned, language)})
       << "\n";
  if (distance.known) {
    text << "  "
         << say("as_planned_distance", language,
                {target.indicator + " " + std::to_string(target.year),
                 distance_text(distance, dimension, language)})
         << "\n";
  }
  text << what_it_takes_text(takes, plan, dimension, options.ensemble.members, language);
  if (!options.json) std::cout << text.str();
  TargetPage page = page_of(options, chosen, plan, row, target.year);
  page.at_most = takes.at_most;
  page.committed = takes.as_planned.committed;
  page.committed_low = page.committed_high = takes.as_planned.committed;
  page.values = takes.values;
  page.members = takes.values.size();
  page.objective = objective_text(target, language_of(options));
  page.target = takes.target;
  page.probability = takes.as_planned.probability;
  page.distance = distance;
  page.takes = &takes;
  page.actions = named_actions(plan, language_of(options));
  write_target_report(options, cluster, chosen, page);
  return EXIT_OK;
}

}  // namespace

CommandRunner add_target_command(CLI::App& app, const Cluster& cluster) {
  auto options = std::make_shared<TargetOptions>();
  CLI::App* command =
      app.add_subcommand("target", "Targets a portfolio can commit to, with a stated confidence");
  add_scenario_argument(*command, options->path);
  add_required_portfolio(*command, options->portfolio);
  command
      ->add_option("--indicator", options->indicator,
                   "Indicator whose reachable value is sought (with --year)")
      ->check(non_empty("an indicator id"));
  command->add_option("--year", options->year, "Year of the indicator")
      ->transform(integer_in(YEAR_RANGE));
  command
      ->add_option("--objective", options->objective,
                   "Objective whose required adoption scale is sought")
      ->check(non_empty("an objective id"));
  command->add_option("--confidence,-c", options->confidence, "Required probability")
      ->check(number_in(CONFIDENCE_RANGE))
      ->capture_default_str();
  EnsembleOptionChoice choice;
  choice.members_range = TARGET_MEMBERS_RANGE;
  choice.members_help = "Members per evaluation";
  add_ensemble_options(*command, options->ensemble, choice);
  command->add_flag("--json", options->json, "Print one JSON document");
  command->add_flag("--quiet,-q", options->quiet, "No progress bar");
  command
      ->add_option("--report", options->report,
                   "Also write the target as a self-contained HTML page (with --json too)")
      ->check(file_name());
  command->add_option("--lang", options->language, "Language of the text and of the report")
      ->check(CLI::IsMember({"en", "fr"}))
      ->capture_default_str();
  command->add_flag("--force", options->force, "Replace the --report file if it exists");
  add_what_if_options(*command, options->edits);
  command->footer(
      "Examples:\n"
      "  traj target --portfolio plan --indicator renewable_share --year 2030 --confidence 0.8\n"
      "  traj target --portfolio ambitious --objective ghg-2050 --confidence 0.9");
  return [options, command, &cluster] {
    refuse_together(*command, "--indicator", "--objective",
                    "a target is either the value an indicator reaches (--indicator, --year) or "
                    "the adoption an objective needs (--objective); choose one");
    if (command->count("--year") > 0 && command->count("--indicator") == 0) {
      throw InputError("--year: the year of --indicator; add --indicator or remove --year");
    }
    if (command->count("--indicator") > 0 && command->count("--year") == 0) {
      throw InputError("--indicator: expected --year with it (the year of the indicator)");
    }
    refuse_without_report(*command);
    const ChosenScenario chosen = load_chosen(options->path, options->edits);
    if (!options->report.empty())  // before the search, not after it
      OutputFile::check_target(options->report, options->force, input_paths(chosen), "--report");
    const Scenario& scenario = chosen.scenario;
    const std::string portfolio = plan_portfolio_id(scenario, options->portfolio);
    const Plan plan = compile_plan(scenario, portfolio);
    EnsembleOptions ensemble = options->ensemble;
    ensemble.cluster = &cluster;
    const Language language = language_named(options->language);
    std::string who = portfolio.empty() ? say("without_action", language)
                                        : say("with_portfolio", language, {portfolio});
    // Also in the page: a statement never hides that it is not the file's scenario.
    const auto edits = describe_edits(chosen.edits);
    for (std::size_t e = 0; e < edits.size(); ++e)
      who += (e == 0 ? " " + say("and", language) + " " : std::string(", ")) + edits[e];
    if (!options->indicator.empty())
      return answer_indicator(*options, chosen, plan, portfolio, who, ensemble, cluster);
    return answer_objective(*options, chosen, plan, portfolio, who, ensemble, cluster);
  };
}

}  // namespace traj::cli
