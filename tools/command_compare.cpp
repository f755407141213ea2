#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include <unistd.h>

#include "commands.hpp"
#include "compare_memory.hpp"
#include "compare_output_json.hpp"
#include "comparison_json.hpp"
#include "distance_output.hpp"
#include "ensemble_options.hpp"
#include "interrupt.hpp"
#include "option_checks.hpp"
#include "progress_bar.hpp"
#include "results_output.hpp"
#include "scenario_choice.hpp"
#include "shares_output.hpp"
#include "territory_contributions_output.hpp"
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

std::string points(double value, Language language) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%+.1f", 100.0 * value);
  return decimal(buffer, language);
}

std::string probability(const ProportionEstimate& estimate, Language language) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.1f %% [%.1f–%.1f]", 100 * estimate.probability,
                100 * estimate.ci_low, 100 * estimate.ci_high);
  return decimal(buffer, language);
}

std::string number(double value, Language language) {
  if (!std::isfinite(value)) return "–";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, std::abs(value) >= 100 ? "%.0f" : "%.1f", value);
  return decimal(buffer, language);
}

/// A portfolio in the text: its id, "baseline" in words.
std::string shown_id(const std::string& id, Language language) {
  return id == "baseline" ? say("baseline_short", language) : id;
}

/// Per objective: whether any portfolio is likely to meet it, which gets
/// closest, and how far each one is.
void print_distances(const Scenario& scenario, const PortfolioComparison& comparison,
                     Language language) {
  if (scenario.objectives.empty()) return;
  const auto& portfolios = comparison.portfolios;
  const IndicatorCatalogue catalogue(scenario);
  std::cout << "\n" << say("distance_heading", language) << "\n";
  for (std::size_t o = 0; o < scenario.objectives.size(); ++o) {
    const Objective& objective = scenario.objectives[o];
    const ObjectiveVerdict& verdict = comparison.verdicts[o];
    std::cout << "  " << objective.id << " (" << objective.indicator << " " << objective.year << ")"
              << colon(language);
    if (verdict.within_reach) {
      std::cout << say("most_likely", language,
                       {shown_id(portfolios[verdict.most_likely].id, language)})
                << "\n";
    } else {
      const std::size_t closest =
          verdict.closest < portfolios.size() ? verdict.closest : verdict.most_likely;
      char level[16];
      std::snprintf(level, sizeof level, "%.0f %%", 100 * LIKELY_LEVEL);
      std::cout << say("none_likely", language, {level, shown_id(portfolios[closest].id, language)})
                << "\n";
    }
    const int row = catalogue.find(objective.indicator);
    const Dimension dimension =
        row < 0 ? Dimension::Ratio : catalogue[static_cast<std::size_t>(row)].dimension;
    for (const auto& portfolio : portfolios) {
      const std::string text = distance_text(portfolio.distances[o], dimension, language);
      std::cout << "    " << pad_right(shown_id(portfolio.id, language), 22)
                << (text.empty() ? "–" : text) << "\n";
    }
  }
}

void print_text(const Scenario& scenario, const ScenarioEdits& edits,
                const PortfolioComparison& comparison, std::size_t top, Language language) {
  const auto& portfolios = comparison.portfolios;
  const auto number = [language](double value) { return cli::number(value, language); };
  const auto points = [language](double value) { return cli::points(value, language); };
  std::cout << scenario.name << " — "
            << say("compare_heading", language,
                   {std::to_string(portfolios.size()), std::to_string(comparison.members)})
            << "\n";
  for (const auto& edit : describe_edits(edits))
    std::cout << "  " << say("with_edit", language, {edit}) << "\n";
  std::cout << "\n" << pad_right("", 30);
  for (const auto& portfolio : portfolios)
    std::cout << pad_left(shown_id(portfolio.id, language), 24);
  std::cout << "\n";
  if (!scenario.objectives.empty()) std::cout << say("objectives_probability", language) << "\n";
  for (std::size_t o = 0; o < scenario.objectives.size(); ++o) {
    std::cout << "  " << pad_right(scenario.objectives[o].id, 28);
    for (const auto& portfolio : portfolios)
      std::cout << pad_left(probability(portfolio.result.objectives[o].estimate, language), 24);
    std::cout << "\n";
  }
  std::cout << pad_right(
      say(scenario.has_discount_rate ? "costs_discounted" : "costs_undiscounted", language), 30);
  for (const auto& portfolio : portfolios)
    std::cout << pad_left(number(portfolio.cost_discounted), 24);
  std::cout << "\n" << pad_right(say("ghg_avoided", language), 30);
  for (const auto& portfolio : portfolios) std::cout << pad_left(number(portfolio.ghg_avoided), 24);
  std::cout << "\n" << pad_right(say("cost_per_tonne", language), 30);
  for (const auto& portfolio : portfolios)
    std::cout << pad_left(number(portfolio.cost_per_tonne), 24);
  std::cout << "\n\n" << say("indicators_band", language) << "\n";
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
  print_distances(scenario, comparison, language);
  bool any_dominated = false;
  for (const auto& portfolio : portfolios) {
    if (portfolio.dominated_by.empty()) continue;
    if (!any_dominated) std::cout << "\n" << say("dominated_heading", language) << "\n";
    any_dominated = true;
    std::cout << "  " << portfolio.id << " — " << say("by", language);
    for (const auto& other : portfolio.dominated_by) std::cout << " " << other;
    std::cout << "\n";
  }
  if (!comparison.differences.empty()) {
    std::cout << "\n" << say("paired_heading", language) << "\n";
    for (const auto& difference : comparison.differences) {
      const double p_a =
          portfolios[difference.a].result.objectives[difference.objective].estimate.probability;
      const double p_b =
          portfolios[difference.b].result.objectives[difference.objective].estimate.probability;
      if ((p_a == 0.0 && p_b == 0.0) || (p_a == 1.0 && p_b == 1.0))
        continue;  // nothing to tell apart
      std::cout << "  " << shown_id(portfolios[difference.a].id, language) << " − "
                << shown_id(portfolios[difference.b].id, language) << ", "
                << scenario.objectives[difference.objective].id << colon(language)
                << points(difference.difference) << " [" << points(difference.ci_low) << ", "
                << points(difference.ci_high) << "; " << say("unpaired", language) << " "
                << points(difference.unpaired_ci_low) << ", " << points(difference.unpaired_ci_high)
                << "]\n";
    }
  }
  std::cout << "\n" << say("better_heading", language) << "\n";
  for (const auto& better : comparison.better) {
    if (better.ties >= 1.0 || better.quantity >= scenario.objectives.size()) continue;
    char share[32];
    std::snprintf(share, sizeof share, "%.0f %%", 100 * better.better);
    std::cout << "  " << shown_id(portfolios[better.a].id, language) << " "
              << say("versus", language) << " " << shown_id(portfolios[better.b].id, language)
              << ", " << comparison.quantities[better.quantity].label << colon(language) << share
              << "\n";
  }
  for (std::size_t i = 1; i < portfolios.size(); ++i) {
    if (portfolios[i].contributions.empty()) continue;
    std::cout << "\n" << say("carries_heading", language, {portfolios[i].id}) << "\n";
    const auto ghg =
        std::find_if(comparison.quantities.begin(), comparison.quantities.end(),
                     [](const ComparedQuantity& q) { return q.label.rfind("ghg ", 0) == 0; }) -
        comparison.quantities.begin();
    for (std::size_t c = 0; c < std::min(top, portfolios[i].contributions.size()); ++c) {
      const auto& contribution = portfolios[i].contributions[c];
      std::cout << "  " << contribution.action << colon(language);
      for (std::size_t o = 0; o < contribution.probability.size(); ++o) {
        std::cout << " " << scenario.objectives[o].id << " " << points(contribution.probability[o])
                  << " pts;";
      }
      std::cout << " " << comparison.quantities[static_cast<std::size_t>(ghg)].label << " "
                << number(contribution.mean[static_cast<std::size_t>(ghg)]) << " kt\n";
    }
  }
}

/// The values compare's options may take (beyond traj/setting_ranges.hpp).
constexpr IntegerRange COMPARE_MEMBERS_RANGE{100, 10'000'000};
constexpr IntegerRange TOP_RANGE{1, 1'000'000};
constexpr IntegerRange PERMUTATIONS_RANGE{2, 100'000};

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
    std::string shares;
    std::uint64_t permutations = ShapleyOptions{}.permutations;
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
  command
      ->add_option("--shares", options->shares,
                   "What each coalition (or action) brings to each portfolio: Shapley values "
                   "(docs/model.md#13)")
      ->check(CLI::IsMember({"coalitions", "actions"}));
  command
      ->add_option("--permutations", options->permutations,
                   "Random orders of the players for --shares beyond 12 players")
      ->transform(integer_in(PERMUTATIONS_RANGE))
      ->capture_default_str();
  command->add_flag("--json", options->json, "Print one JSON document");
  command->add_flag("--quiet,-q", options->quiet, "No progress bar");
  command->add_option("--output,-o", options->output, "Also write the comparison to this HDF5 file")
      ->check(file_name());
  command
      ->add_option("--report", options->report,
                   "Also write a self-contained HTML report (docs/report.md)")
      ->check(file_name());
  command->add_option("--lang", options->language, "Language of the text and of the report")
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
    refuse_language_and_force_without_use(*command);
    if (command->count("--permutations") > 0 && command->count("--shares") == 0) {
      throw InputError(
          "--permutations: the random orders of --shares; without --shares nothing uses them; "
          "add --shares coalitions (or actions), or remove --permutations");
    }
    const ChosenScenario chosen = load_chosen(options->path, options->edits);
    refuse_comparison_beyond_memory(chosen.scenario, options->portfolios, options->ensemble);
    if (!options->shares.empty())
      refuse_shares_beyond_memory(chosen.scenario, options->portfolios, options->shares,
                                  options->ensemble.members);
    auto [output, report] = open_outputs(options->output, options->report, options->force,
                                         input_paths(chosen), cluster.is_root());
    EnsembleOptions ensemble = options->ensemble;
    ensemble.cluster = &cluster;
    ProgressBar bar(!options->quiet && ::isatty(STDERR_FILENO) != 0, "ensembles");
    const PortfolioComparison comparison = compare_portfolios(
        chosen.scenario, options->portfolios, ensemble, !options->no_contributions,
        [&bar](std::size_t done, std::size_t planned) { bar.update(done, planned); });
    std::vector<PortfolioShares> shares;
    if (!options->shares.empty()) {
      watch_interrupts();
      shares = shares_of_portfolios(chosen.scenario, comparison, ensemble, options->shares,
                                    options->permutations, [] { return interrupted(); });
      if (!shares.empty() && shares.back().cancelled) {
        std::cerr << "interrupted by signal " << interrupting_signal() << ": nothing written\n";
        return 128 + interrupting_signal();
      }
    }
    if (output) {
      RunSettings settings;
      settings.seed = ensemble.seed;
      settings.members_requested = ensemble.members;
      settings.traj_version = TRAJ_VERSION;
      settings.git_hash = TRAJ_GIT_HASH;
      settings.command_line = options->command_line;
      settings.edits = chosen.edits;
      write_comparison(output->temporary(), chosen.scenario, comparison, chosen.inputs, settings,
                       shares);
      output->commit();
    }
    if (report) {
      report->write(comparison_report_html(
          chosen.scenario, comparison,
          options->language == "fr" ? ReportLanguage::French : ReportLanguage::English, shares));
    }
    if (options->json) {
      print_compare_json(chosen.scenario, chosen.edits, comparison, shares,
                         !options->shares.empty(), std::cout);
    } else {
      const Language language = language_named(options->language);
      print_text(chosen.scenario, chosen.edits, comparison, options->top, language);
      print_shares_text(chosen.scenario, shares, language);
      print_territory_contributions(chosen.scenario, comparison, language);
      if (output)
        std::cout << "\n" << say("comparison_written", language, {output->target()}) << "\n";
      if (report) std::cout << say("report_written", language, {report->target()}) << "\n";
    }
    return EXIT_OK;
  };
}

}  // namespace traj::cli
