#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include <unistd.h>

#include "commands.hpp"
#include "comparison_json.hpp"
#include "distance_output.hpp"
#include "ensemble_options.hpp"
#include "option_checks.hpp"
#include "progress_bar.hpp"
#include "results_output.hpp"
#include "scenario_choice.hpp"
#include "traj/display_width.hpp"
#include "traj/json_writer.hpp"
#include "traj/territory/comparison.hpp"
#include "traj/territory/comparison_file.hpp"
#include "traj/territory/report.hpp"
#include "traj_git_hash.hpp"
#include "what_if_options.hpp"

namespace traj::cli {
namespace {

using namespace traj::territory;

std::string points(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%+.1f", 100.0 * value);
  return buffer;
}

std::string probability(const ProportionEstimate& estimate) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.1f %% [%.1f–%.1f]", 100 * estimate.probability,
                100 * estimate.ci_low, 100 * estimate.ci_high);
  return buffer;
}

std::string number(double value) {
  if (!std::isfinite(value)) return "–";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, std::abs(value) >= 100 ? "%.0f" : "%.1f", value);
  return buffer;
}

/// Per objective: whether any portfolio is likely to meet it, which gets
/// closest, and how far each one is.
void print_distances(const Scenario& scenario, const PortfolioComparison& comparison) {
  if (scenario.objectives.empty()) return;
  const auto& portfolios = comparison.portfolios;
  const IndicatorCatalogue catalogue(scenario);
  std::cout << "\nDistance to each objective: median [5 %–95 %] of the members in its year\n";
  for (std::size_t o = 0; o < scenario.objectives.size(); ++o) {
    const Objective& objective = scenario.objectives[o];
    const ObjectiveVerdict& verdict = comparison.verdicts[o];
    std::cout << "  " << objective.id << " (" << objective.indicator << " " << objective.year
              << "): ";
    if (verdict.within_reach) {
      std::cout << "most likely " << portfolios[verdict.most_likely].id << "\n";
    } else {
      const std::size_t closest =
          verdict.closest < portfolios.size() ? verdict.closest : verdict.most_likely;
      char level[16];
      std::snprintf(level, sizeof level, "%.0f %%", 100 * LIKELY_LEVEL);
      std::cout << "no portfolio is likely to meet it (each below " << level << "); closest "
                << portfolios[closest].id << "\n";
    }
    const int row = catalogue.find(objective.indicator);
    const Dimension dimension =
        row < 0 ? Dimension::Ratio : catalogue[static_cast<std::size_t>(row)].dimension;
    for (const auto& portfolio : portfolios) {
      const std::string text = distance_text(portfolio.distances[o], dimension);
      std::cout << "    " << pad_right(portfolio.id, 22) << (text.empty() ? "–" : text) << "\n";
    }
  }
}

void print_text(const Scenario& scenario, const ScenarioEdits& edits,
                const PortfolioComparison& comparison, std::size_t top) {
  const auto& portfolios = comparison.portfolios;
  std::cout << scenario.name << " — " << portfolios.size() << " portfolios on the same "
            << comparison.members << " members (common random numbers)\n"
            << edit_lines(edits) << "\n";
  std::cout << pad_right("", 30);
  for (const auto& portfolio : portfolios) std::cout << pad_left(portfolio.id, 24);
  std::cout << "\n";
  if (!scenario.objectives.empty()) std::cout << "Objectives: probability [95 % interval]\n";
  for (std::size_t o = 0; o < scenario.objectives.size(); ++o) {
    std::cout << "  " << pad_right(scenario.objectives[o].id, 28);
    for (const auto& portfolio : portfolios)
      std::cout << pad_left(probability(portfolio.result.objectives[o].estimate), 24);
    std::cout << "\n";
  }
  const std::string costs =
      scenario.has_discount_rate ? "Costs, discounted (M€)" : "Costs, undiscounted (M€)";
  std::cout << pad_right(costs, 30);
  for (const auto& portfolio : portfolios)
    std::cout << pad_left(number(portfolio.cost_discounted), 24);
  std::cout << "\n" << pad_right("GHG avoided to horizon (kt)", 30);
  for (const auto& portfolio : portfolios) std::cout << pad_left(number(portfolio.ghg_avoided), 24);
  std::cout << "\n" << pad_right("Cost per tCO2e avoided (€)", 30);
  for (const auto& portfolio : portfolios)
    std::cout << pad_left(number(portfolio.cost_per_tonne), 24);
  std::cout << "\n\nIndicators: median [5 %–95 %]\n";
  for (const auto& quantity : comparison.quantities) {
    std::cout << "  " << pad_right(quantity.label, 28);
    const auto year = static_cast<std::size_t>(quantity.year - scenario.base_year);
    for (const auto& portfolio : portfolios) {
      const auto& result = portfolio.result;
      std::size_t low = 0, median = 0, high = 0;
      for (std::size_t i = 0; i < result.quantile_levels.size(); ++i) {
        if (std::abs(result.quantile_levels[i] - 0.05) < 1e-9) low = i;
        if (std::abs(result.quantile_levels[i] - 0.5) < 1e-9) median = i;
        if (std::abs(result.quantile_levels[i] - 0.95) < 1e-9) high = i;
      }
      const double scale = quantity.label.rfind("renewable_share", 0) == 0 ? 100.0 : 1.0;
      double values[3] = {result.quantile_at(quantity.row, year, median),
                          result.quantile_at(quantity.row, year, low),
                          result.quantile_at(quantity.row, year, high)};
      if (std::isnan(values[0]) && quantity.label.rfind("cost_discounted ", 0) == 0 &&
          quantity.year == scenario.horizon) {
        // No sketch of the cost row: the order statistics of the recorded members.
        values[0] = portfolio.cost_median;
        values[1] = portfolio.cost_p05;
        values[2] = portfolio.cost_p95;
      } else if (std::isnan(values[0])) {
        values[0] = values[1] = values[2] = result.mean_at(quantity.row, year);
      }
      const std::string cell = number(values[0] * scale) + " [" + number(values[1] * scale) + "–" +
                               number(values[2] * scale) + "]";
      std::cout << pad_left(cell, 24);
    }
    std::cout << "\n";
  }
  print_distances(scenario, comparison);
  bool any_dominated = false;
  for (const auto& portfolio : portfolios) {
    if (portfolio.dominated_by.empty()) continue;
    if (!any_dominated)
      std::cout << "\nDominated (another is at least as likely to meet every objective, at least "
                   "as good on final energy, renewable share, GHG and each pollutant, medians at "
                   "each objective's year and the horizon, and cheaper):\n";
    any_dominated = true;
    std::cout << "  " << portfolio.id << " — by";
    for (const auto& other : portfolio.dominated_by) std::cout << " " << other;
    std::cout << "\n";
  }
  if (!comparison.differences.empty()) {
    std::cout
        << "\nPaired differences of probability, in points [95 % interval; unpaired interval]:\n";
    for (const auto& difference : comparison.differences) {
      const double p_a =
          portfolios[difference.a].result.objectives[difference.objective].estimate.probability;
      const double p_b =
          portfolios[difference.b].result.objectives[difference.objective].estimate.probability;
      if ((p_a == 0.0 && p_b == 0.0) || (p_a == 1.0 && p_b == 1.0))
        continue;  // nothing to tell apart
      std::cout << "  " << portfolios[difference.a].id << " − " << portfolios[difference.b].id
                << ", " << scenario.objectives[difference.objective].id << ": "
                << points(difference.difference) << " [" << points(difference.ci_low) << ", "
                << points(difference.ci_high) << "; unpaired " << points(difference.unpaired_ci_low)
                << ", " << points(difference.unpaired_ci_high) << "]\n";
    }
  }
  std::cout << "\nShare of members where the first does better than the second, on the objectives' "
               "indicators (all indicators with --json):\n";
  for (const auto& better : comparison.better) {
    if (better.ties >= 1.0 || better.quantity >= scenario.objectives.size()) continue;
    char share[32];
    std::snprintf(share, sizeof share, "%.0f %%", 100 * better.better);
    std::cout << "  " << portfolios[better.a].id << " vs " << portfolios[better.b].id << ", "
              << comparison.quantities[better.quantity].label << ": " << share << "\n";
  }
  for (std::size_t i = 1; i < portfolios.size(); ++i) {
    if (portfolios[i].contributions.empty()) continue;
    std::cout
        << "\nWhat carries " << portfolios[i].id
        << " (change due to each action: the portfolio with it minus without it, same members):\n";
    const auto ghg =
        std::find_if(comparison.quantities.begin(), comparison.quantities.end(),
                     [](const ComparedQuantity& q) { return q.label.rfind("ghg ", 0) == 0; }) -
        comparison.quantities.begin();
    for (std::size_t c = 0; c < std::min(top, portfolios[i].contributions.size()); ++c) {
      const auto& contribution = portfolios[i].contributions[c];
      std::cout << "  " << contribution.action << ":";
      for (std::size_t o = 0; o < contribution.probability.size(); ++o) {
        std::cout << " " << scenario.objectives[o].id << " " << points(contribution.probability[o])
                  << " pts;";
      }
      std::cout << " " << comparison.quantities[static_cast<std::size_t>(ghg)].label << " "
                << number(contribution.mean[static_cast<std::size_t>(ghg)]) << " kt\n";
    }
  }
}

void print_json(const Scenario& scenario, const ScenarioEdits& edits,
                const PortfolioComparison& comparison) {
  JsonWriter json(std::cout);
  json.begin_object();
  json.key("territory").value(scenario.name);
  write_edits_json(json, edits);
  json.key("members").value(static_cast<long long>(comparison.members));
  json.key("discounted").value(scenario.has_discount_rate);
  json.key("portfolios").begin_array();
  for (const auto& portfolio : comparison.portfolios)
    write_compared_portfolio_json(json, scenario, comparison, portfolio);
  json.end_array();
  json.key("verdicts").begin_array();
  for (std::size_t o = 0; o < comparison.verdicts.size(); ++o) {
    const ObjectiveVerdict& verdict = comparison.verdicts[o];
    json.begin_object();
    json.key("objective").value(scenario.objectives[o].id);
    json.key("within_reach").value(verdict.within_reach);
    json.key("likely_level").value(LIKELY_LEVEL);
    // No "most likely" among portfolios that all never meet it.
    json.key("most_likely");
    if (comparison.portfolios[verdict.most_likely].result.objectives[o].estimate.probability >
        0.0) {
      json.value(comparison.portfolios[verdict.most_likely].id);
    } else {
      json.null();
    }
    json.key("closest");
    if (verdict.closest < comparison.portfolios.size()) {
      json.value(comparison.portfolios[verdict.closest].id);
    } else {
      json.null();
    }
    json.end_object();
  }
  json.end_array();
  json.key("differences").begin_array();
  for (const auto& difference : comparison.differences) {
    json.begin_object();
    json.key("a").value(comparison.portfolios[difference.a].id);
    json.key("b").value(comparison.portfolios[difference.b].id);
    json.key("objective").value(scenario.objectives[difference.objective].id);
    json.key("difference").value(difference.difference);
    json.key("ci_low").value(difference.ci_low);
    json.key("ci_high").value(difference.ci_high);
    json.key("unpaired_ci_low").value(difference.unpaired_ci_low);
    json.key("unpaired_ci_high").value(difference.unpaired_ci_high);
    json.end_object();
  }
  json.end_array();
  json.key("better").begin_array();
  for (const auto& better : comparison.better) {
    json.begin_object();
    json.key("a").value(comparison.portfolios[better.a].id);
    json.key("b").value(comparison.portfolios[better.b].id);
    json.key("quantity").value(comparison.quantities[better.quantity].label);
    json.key("share_better").value(better.better);
    json.key("share_equal").value(better.ties);
    json.end_object();
  }
  json.end_array();
  json.end_object();
}

/// The values compare's options may take (beyond traj/setting_ranges.hpp).
constexpr IntegerRange COMPARE_MEMBERS_RANGE{100, 10'000'000};
constexpr IntegerRange TOP_RANGE{1, 1'000'000};

}  // namespace

CommandRunner add_compare_command(CLI::App& app, const std::string& command_line,
                                  const Cluster& cluster) {
  struct Options {
    std::string path;
    territory::ScenarioEdits edits;
    std::vector<std::string> portfolios;
    EnsembleOptions ensemble;
    bool json = false;
    bool no_contributions = false;
    std::size_t top = 5;
    std::string output;
    std::string report;
    bool quiet = false;
    std::string language = "en";
    bool force = false;
    std::string command_line;
  };
  auto options = std::make_shared<Options>();
  options->command_line = command_line;
  CLI::App* command = app.add_subcommand("compare",
                                         "Compare portfolios on the same members: objectives, "
                                         "costs, paired differences, what carries each");
  add_scenario_argument(*command, options->path);
  command
      ->add_option("--portfolios", options->portfolios,
                   "Portfolios (default: all), compared with the baseline")
      ->delimiter(',')
      ->check(portfolio_name());
  EnsembleOptionChoice choice;
  choice.members_range = COMPARE_MEMBERS_RANGE;
  choice.members_help = "Members, the same for every portfolio";
  add_ensemble_options(*command, options->ensemble, choice);
  command->add_flag("--no-contributions", options->no_contributions,
                    "Skip the runs without each action (faster)");
  command->add_option("--top", options->top, "Actions listed per portfolio")
      ->transform(integer_in(TOP_RANGE))
      ->capture_default_str();
  command->add_flag("--json", options->json, "Print one JSON document");
  command->add_flag("--quiet,-q", options->quiet, "No progress bar");
  command->add_option("--output,-o", options->output, "Also write the comparison to this HDF5 file")
      ->check(file_name());
  command
      ->add_option("--report", options->report,
                   "Also write a self-contained HTML report (docs/report.md)")
      ->check(file_name());
  command->add_option("--lang", options->language, "Language of the report")
      ->check(CLI::IsMember({"en", "fr"}))
      ->capture_default_str();
  command->add_flag("--force", options->force,
                    "Replace the --output or --report file if it exists");
  add_what_if_options(*command, options->edits);
  command->footer(
      "Examples:\n  traj compare --output compare.h5\n  traj compare\n  traj compare "
      "scenarios/orleans-assises.toml --portfolios "
      "pcaet-2019-2025,assises-full "
      "--members 20000");
  return [options, command, &cluster] {
    refuse_together(*command, "--top", "--no-contributions",
                    "--top lists the actions that carry each portfolio, which --no-contributions "
                    "does not compute; remove one of the two");
    refuse_together(*command, "--top", "--json",
                    "--top shortens the printed table; the JSON document lists every action; "
                    "remove one of the two");
    if (command->count("--lang") > 0 && command->count("--report") == 0) {
      throw InputError(
          "--lang: applies to the --report page; without --report no page is written; add "
          "--report FILE or remove --lang");
    }
    if (command->count("--force") > 0 && command->count("--output") == 0 &&
        command->count("--report") == 0) {
      throw InputError(
          "--force: replaces the --output or --report file; without them nothing is written; "
          "add --output FILE or --report FILE, or remove --force");
    }
    const ChosenScenario chosen = load_chosen(options->path, options->edits);
    auto [output, report] = open_outputs(options->output, options->report, options->force,
                                         input_paths(chosen), cluster.is_root());
    EnsembleOptions ensemble = options->ensemble;
    ensemble.cluster = &cluster;
    ProgressBar bar(!options->quiet && ::isatty(STDERR_FILENO) != 0, "ensembles");
    const PortfolioComparison comparison = compare_portfolios(
        chosen.scenario, options->portfolios, ensemble, !options->no_contributions,
        [&bar](std::size_t done, std::size_t planned) { bar.update(done, planned); });
    if (output) {
      RunSettings settings;
      settings.seed = ensemble.seed;
      settings.members_requested = ensemble.members;
      settings.traj_version = TRAJ_VERSION;
      settings.git_hash = TRAJ_GIT_HASH;
      settings.command_line = options->command_line;
      settings.edits = chosen.edits;
      write_comparison(output->temporary(), chosen.scenario, comparison, chosen.inputs, settings);
      output->commit();
    }
    if (report) {
      report->write(comparison_report_html(
          chosen.scenario, comparison,
          options->language == "fr" ? ReportLanguage::French : ReportLanguage::English));
    }
    if (options->json) {
      print_json(chosen.scenario, chosen.edits, comparison);
    } else {
      print_text(chosen.scenario, chosen.edits, comparison, options->top);
      if (output) std::cout << "\nComparison written to " << output->target() << "\n";
      if (report) std::cout << "Report written to " << report->target() << "\n";
    }
    return EXIT_OK;
  };
}

}  // namespace traj::cli
