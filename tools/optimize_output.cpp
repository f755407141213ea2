#include "optimize_output.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "toml_text.hpp"
#include "traj/display_width.hpp"
#include "traj/error.hpp"
#include "traj/json_writer.hpp"
#include "what_if_options.hpp"

namespace traj::cli {
namespace {

using territory::PortfolioFigures;
using territory::PortfolioSearch;
using territory::Scenario;
using territory::SearchedPortfolio;

std::string number(const char* format, double value, Language language) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, value);
  return decimal(buffer, language);
}

std::string percent(double share, Language language) {
  return number("%.1f %%", 100.0 * share, language);
}

/// "72.3 % [70.3–74.2]".
std::string probability_text(const PortfolioFigures& figures, Language language) {
  return percent(figures.probability.probability, language) + " [" +
         number("%.1f", 100.0 * figures.probability.ci_low, language) + "–" +
         number("%.1f", 100.0 * figures.probability.ci_high, language) + "]";
}

std::string level_text(double level, Language language) {
  return number("%g", level, language);
}

std::string levels_text(const std::vector<double>& levels, Language language) {
  std::string text;
  for (std::size_t l = 0; l < levels.size(); ++l)
    text += (l ? " ; " : "") + level_text(levels[l], language);
  return text;
}

/// "id" or "id (0.5)" for each candidate in, separated by commas.
std::string actions_text(const Scenario& scenario, const PortfolioSearch& search,
                         const SearchedPortfolio& portfolio, Language language) {
  std::string text;
  for (std::size_t c = 0; c < portfolio.level.size(); ++c) {
    const double level = search.levels[portfolio.level[c]];
    if (level == 0.0) continue;
    text += (text.empty() ? "" : ", ") +
            scenario.actions[static_cast<std::size_t>(search.candidates[c])].id;
    if (level != 1.0) text += std::string(" (") + level_text(level, language) + ")";
  }
  return text.empty() ? say("optimize_no_action", language) : text;
}

std::string objectives_text(const Scenario& scenario, const PortfolioSearch& search) {
  std::string text;
  for (const std::size_t o : search.objectives)
    text += (text.empty() ? "" : ", ") + scenario.objectives[o].id;
  return text;
}

void print_front(const PortfolioSearch& search, Language language) {
  const auto row = [](const std::vector<std::string>& cells) {
    constexpr std::size_t WIDTHS[] = {4, 12, 24, 16, 8, 12};
    std::string line = " ";
    for (std::size_t c = 0; c < cells.size(); ++c)
      line += std::string(" ") + pad_left(cells[c], WIDTHS[c]);
    return line;
  };
  std::cout << row({"#", say("optimize_cost", language), say("optimize_probability", language),
                    say("optimize_ghg", language), say("optimize_actions", language),
                    say("optimize_seen", language)})
            << "\n";
  for (std::size_t i = 0; i < search.front.size(); ++i) {
    const SearchedPortfolio& point = search.front[i];
    std::cout << row({std::to_string(i + 1), number("%.1f", point.fresh.cost, language),
                      probability_text(point.fresh, language),
                      number("%.1f", point.fresh.ghg_avoided, language),
                      std::to_string(point.actions()),
                      percent(point.common.probability.probability, language)})
              << (search.chosen && *search.chosen == i
                      ? std::string("  ← ") + say("optimize_chosen_mark", language)
                      : "")
              << "\n";
  }
}

void print_portfolio(const Scenario& scenario, const PortfolioSearch& search,
                     const SearchedPortfolio& portfolio, Language language) {
  std::cout << "  "
            << say("optimize_figures", language,
                   {number("%.1f", portfolio.fresh.cost, language),
                    probability_text(portfolio.fresh, language),
                    number("%.1f", portfolio.fresh.ghg_avoided, language),
                    number("%.1f", portfolio.common.cost, language),
                    percent(portfolio.common.probability.probability, language),
                    number("%.1f", portfolio.common.ghg_avoided, language)})
            << "\n  "
            << say("optimize_its_actions", language, {std::to_string(portfolio.actions())})
            << colon(language) << actions_text(scenario, search, portfolio, language) << "\n";
}

void write_figures(JsonWriter& json, const PortfolioFigures& figures) {
  json.begin_object();
  json.key("cost").value(figures.cost);
  json.key("probability").value(figures.probability.probability);
  json.key("ci_low").value(figures.probability.ci_low);
  json.key("ci_high").value(figures.probability.ci_high);
  json.key("successes").value(static_cast<long long>(figures.successes));
  json.key("members").value(static_cast<long long>(figures.members));
  json.key("ghg_avoided").value(figures.ghg_avoided);
  json.end_object();
}

void write_portfolio(JsonWriter& json, const Scenario& scenario, const PortfolioSearch& search,
                     const SearchedPortfolio& portfolio) {
  json.begin_object();
  json.key("actions").begin_array();
  for (std::size_t c = 0; c < portfolio.level.size(); ++c) {
    const double level = search.levels[portfolio.level[c]];
    if (level == 0.0) continue;
    json.begin_object();
    json.key("id").value(scenario.actions[static_cast<std::size_t>(search.candidates[c])].id);
    json.key("level").value(level);
    json.end_object();
  }
  json.end_array();
  json.key("fresh");
  write_figures(json, portfolio.fresh);
  json.key("common");
  write_figures(json, portfolio.common);
  json.end_object();
}

}  // namespace

void print_search_text(const ChosenScenario& chosen, const OptimizeQuestion& question,
                       const PortfolioSearch& search, Language language) {
  const Scenario& scenario = chosen.scenario;
  const std::string budget =
      std::isfinite(search.budget)
          ? say("optimize_budget", language, {number("%g", search.budget, language)})
          : say("optimize_no_budget", language);
  std::cout << say("optimize_heading", language,
                   {scenario.name, std::to_string(search.candidates.size()),
                    question.candidates == "all"
                        ? say("optimize_every_action", language)
                        : say("optimize_of_portfolio", language, {question.candidates}),
                    levels_text(search.levels, language), objectives_text(scenario, search),
                    budget})
            << "\n"
            << edit_lines(chosen.edits)
            << say("optimize_members", language,
                   {std::to_string(search.members), std::to_string(search.seed),
                    std::to_string(search.members), std::to_string(search.fresh_seed)})
            << "\n"
            << say("optimize_method", language,
                   {std::to_string(search.greedy.size()), std::to_string(search.generations),
                    std::to_string(search.population), std::to_string(search.evaluations),
                    number("%.1f", search.seconds_common, language),
                    number("%.1f", search.seconds_fresh, language)})
            << "\n"
            << say("optimize_baseline", language,
                   {number("%.1f", search.baseline.cost, language),
                    probability_text(search.baseline, language)})
            << "\n\n";
  if (search.front.empty()) {
    std::cout << say("optimize_nothing_fits", language) << "\n";
    return;
  }
  std::cout << say("optimize_front", language,
                   {std::to_string(search.front.size()), std::to_string(search.front_found)})
            << "\n";
  print_front(search, language);
  std::cout << "\n";
  if (search.chosen) {
    std::cout << (question.confidence ? say("optimize_cheapest", language,
                                            {percent(*question.confidence, language)})
                                      : say("optimize_most_likely", language))
              << "\n";
    print_portfolio(scenario, search, search.front[*search.chosen], language);
  } else {
    std::cout << say("optimize_none_reaches", language,
                     {percent(question.confidence.value_or(0.0), language)})
              << "\n";
  }
  std::cout << "\n"
            << say("optimize_greedy", language, {std::to_string(search.greedy.size())}) << "\n";
  print_portfolio(scenario, search, search.greedy_result, language);
}

void print_search_json(const ChosenScenario& chosen, const OptimizeQuestion& question,
                       const PortfolioSearch& search) {
  const Scenario& scenario = chosen.scenario;
  JsonWriter json(std::cout);
  json.begin_object();
  json.key("territory").value(scenario.name);
  write_edits_json(json, chosen.edits);
  json.key("candidates").value(question.candidates);
  json.key("candidate_actions").begin_array();
  for (const int a : search.candidates)
    json.value(scenario.actions[static_cast<std::size_t>(a)].id);
  json.end_array();
  json.key("levels").begin_array();
  for (const double level : search.levels) json.value(level);
  json.end_array();
  json.key("objectives").begin_array();
  for (const std::size_t o : search.objectives) json.value(scenario.objectives[o].id);
  json.end_array();
  json.key("budget").value(search.budget);  // null without a budget (JsonWriter: ∞ as null)
  json.key("confidence");
  if (question.confidence) {
    json.value(*question.confidence);
  } else {
    json.null();
  }
  json.key("members").value(static_cast<long long>(search.members));
  json.key("seed").value(static_cast<long long>(search.seed));
  json.key("fresh_seed").value(static_cast<long long>(search.fresh_seed));
  json.key("method").value("greedy selection with swaps, then NSGA-II (pagmo2)");
  json.key("generations").value(static_cast<long long>(search.generations));
  json.key("population").value(static_cast<long long>(search.population));
  json.key("evaluations").value(static_cast<long long>(search.evaluations));
  // Wall times: context only (they differ from run to run; every other value does not).
  json.key("seconds_common").value(search.seconds_common);
  json.key("seconds_fresh").value(search.seconds_fresh);
  json.key("baseline");
  write_figures(json, search.baseline);
  json.key("front_found").value(static_cast<long long>(search.front_found));
  json.key("front").begin_array();
  for (const SearchedPortfolio& point : search.front)
    write_portfolio(json, scenario, search, point);
  json.end_array();
  json.key("chosen");
  if (search.chosen) {
    json.value(static_cast<long long>(*search.chosen));
  } else {
    json.null();
  }
  json.key("greedy").begin_object();
  json.key("steps").begin_array();
  for (const territory::GreedyStep& step : search.greedy) {
    json.begin_object();
    json.key("action").value(
        scenario.actions[static_cast<std::size_t>(search.candidates[step.candidate])].id);
    json.key("level").value(search.levels[step.level]);
    json.key("removed");
    if (step.swap) {
      json.value(scenario.actions[static_cast<std::size_t>(search.candidates[step.removed])].id);
    } else {
      json.null();
    }
    json.key("common");
    write_figures(json, step.common);
    json.end_object();
  }
  json.end_array();
  json.key("result");
  write_portfolio(json, scenario, search, search.greedy_result);
  json.end_object();
  json.end_object();
}

void check_search_saving(const ChosenScenario& chosen, bool bundled,
                         const territory::SearchSettings& settings, const std::string& file) {
  const Scenario& scenario = chosen.scenario;
  if (bundled) {
    throw InputError(
        std::string(
            "--save-portfolio: the bundled scenario has no file for the new one to include; write "
            "it "
            "out first (traj scenario export DIR), then optimize DIR/") +
        std::filesystem::path(chosen.name).filename().string());
  }
  if (settings.candidates != "*") {
    const auto& portfolio =
        scenario.portfolios[static_cast<std::size_t>(scenario.find_portfolio(settings.candidates))];
    if (!portfolio.overrides.empty()) {
      throw InputError(std::string("--save-portfolio: portfolio ") + settings.candidates +
                       " has overrides, which the saved portfolio cannot carry yet; use "
                       "--candidates all, or a portfolio without overrides");
    }
  }
  if (!chosen.edits.empty()) {
    throw InputError(
        "--save-portfolio: expected no what-if edit (--set, --shift, --action-off, --only), "
        "which the saved portfolio would not carry; make them in the scenario file");
  }
  if (scenario.find_portfolio(SAVED_PORTFOLIO_ID) != territory::NONE) {
    throw InputError(std::string("--save-portfolio: the scenario has a portfolio \"") +
                     SAVED_PORTFOLIO_ID + "\" already, the id of the saved one");
  }
  bool partial = false;
  for (const double level : settings.levels) partial = partial || (level > 0.0 && level < 1.0);
  if (partial) {
    for (const territory::Action& action : scenario.actions) {
      if (!action.adoption.ceiling.is_constant()) {
        throw InputError(
            std::string("--save-portfolio: with --levels between 0 and 1, expected candidate "
                        "actions with a constant adoption ceiling, found action ") +
            action.id + " with an uncertain one (a portfolio's override cannot scale it)");
      }
    }
  }
  std::error_code error;
  if (std::filesystem::exists(std::filesystem::symlink_status(file, error))) {
    throw InputError(std::string("--save-portfolio: ") + file +
                     " exists; --save-portfolio never replaces a file: choose another name");
  }
}

std::string search_portfolio_text(const ChosenScenario& chosen, const PortfolioSearch& search,
                                  const SearchedPortfolio& portfolio, const std::string& file) {
  namespace fs = std::filesystem;
  const Scenario& scenario = chosen.scenario;
  const fs::path main = fs::absolute(chosen.name).lexically_normal();
  const fs::path relative = main.lexically_relative(fs::absolute(file).parent_path());
  std::string text =
      std::string("# Saved by traj optimize --save-portfolio: the chosen portfolio of ") +
      chosen.name + "\n# Run it: traj run --portfolio " + SAVED_PORTFOLIO_ID + " " + file + "\n";
  text += std::string("include = ") +
          toml_string((relative.empty() ? main : relative).generic_string()) + "\n\n";
  text += std::string("[[portfolios]]\nid = \"") + SAVED_PORTFOLIO_ID + "\"\n";
  text += "name = \"Optimized portfolio\"\n";
  char description[256];
  std::snprintf(description, sizeof description,
                "Chosen by traj optimize: cost %.1f M€, probability %.1f %% on fresh members "
                "(seed %llu)",
                portfolio.fresh.cost, 100.0 * portfolio.fresh.probability.probability,
                static_cast<unsigned long long>(search.fresh_seed));
  text += std::string("description = ") + toml_string(description) + "\n";
  text += "actions = [";
  std::string overrides;
  bool first = true;
  for (std::size_t c = 0; c < portfolio.level.size(); ++c) {
    const double level = search.levels[portfolio.level[c]];
    if (level == 0.0) continue;
    const territory::Action& action =
        scenario.actions[static_cast<std::size_t>(search.candidates[c])];
    text += (first ? "" : ", ") + toml_string(action.id);
    first = false;
    if (level != 1.0) {
      // The scaled ceiling, capped at full adoption as the search ran it.
      overrides += std::string("overrides.") + action.id + " = { ceiling = " +
                   number_text(std::min(1.0, level * action.adoption.ceiling.constant)) + " }\n";
    }
  }
  return text + "]\n" + overrides;
}

}  // namespace traj::cli
