// `traj discover`: scenario discovery. Which ranges of the uncertain
// parameters lead the plan's members to meet an objective, or to miss it
// (PRIM; docs/model.md#14-scenario-discovery-traj-discover).

#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <sstream>

#include <unistd.h>

#include "commands.hpp"
#include "ensemble_options.hpp"
#include "interrupt.hpp"
#include "option_checks.hpp"
#include "progress_bar.hpp"
#include "results_output.hpp"
#include "scenario_choice.hpp"
#include "traj/display_width.hpp"
#include "traj/json_writer.hpp"
#include "traj/string_distance.hpp"
#include "traj/territory/discovery.hpp"
#include "traj/territory/discovery_file.hpp"
#include "traj/territory/discovery_page.hpp"
#include "traj/territory/parameter_words.hpp"
#include "traj/territory/report.hpp"
#include "traj/territory/scenario_text.hpp"
#include "traj_git_hash.hpp"
#include "what_if_options.hpp"
#include "words.hpp"

namespace traj::cli {
namespace {

using namespace traj::territory;

/// The members discover runs: enough for a box to hold a few hundred, and
/// at most what the memory of PRIM's sorted factors allows comfortably
/// (12 bytes per member and parameter).
constexpr IntegerRange DISCOVER_MEMBERS_RANGE{100, 1'000'000};
/// Text output: at most about this many boxes of the trajectory (all with --json).
constexpr std::size_t BOXES_SHOWN = 20;

struct DiscoverOptions {
  std::string path;
  ScenarioEdits edits;
  std::string portfolio;
  std::string objective;
  std::string target = "success";
  PrimOptions prim;
  EnsembleOptions ensemble;
  bool json = false;
  bool quiet = false;
  std::string language = "en";
  std::string output, report;
  bool force = false;
  std::string command_line;
};

/// "81 %", "0,5 %".
std::string percent(double share, Language language) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3g %%", 100.0 * share);
  return decimal(buffer, language);
}

const Parameter& parameter_of(const Scenario& scenario, const Discovery& discovery,
                              std::size_t factor) {
  return scenario.parameters[discovery.parameters[factor]];
}

/// "a, b and c" in the language.
std::string listed(const std::vector<std::string>& items, Language language) {
  std::string text;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) text += i + 1 == items.size() ? std::string(" ") + say("and", language) + " " : ", ";
    text += items[i];
  }
  return text;
}

std::size_t objective_index(const Scenario& scenario, const std::string& id) {
  std::vector<std::string> ids;
  for (std::size_t o = 0; o < scenario.objectives.size(); ++o) {
    if (scenario.objectives[o].id == id) return o;
    ids.push_back(scenario.objectives[o].id);
  }
  if (ids.empty()) throw InputError("--objective: the scenario has no objective to discover");
  std::string known;
  for (const auto& one : ids) known += (known.empty() ? "" : ", ") + one;
  throw InputError("--objective: expected an objective of the scenario (" + known + "), found \"" +
                   id + "\"" + did_you_mean(id, ids));
}

/// The trajectory's boxes the text shows: every one, or about BOXES_SHOWN
/// evenly spaced with the chosen and the last.
std::vector<std::size_t> boxes_shown(const Discovery& discovery) {
  const std::size_t count = discovery.prim.trajectory.size();
  const std::size_t step = (count + BOXES_SHOWN - 1) / BOXES_SHOWN;
  std::vector<std::size_t> shown;
  for (std::size_t b = 0; b < count; ++b) {
    if (b % step == 0 || b == discovery.prim.chosen || b + 1 == count) shown.push_back(b);
  }
  return shown;
}

void print_trajectory(const Discovery& discovery, const std::string& who_words, Language language) {
  std::cout << "\n" << say("discover_trajectory", language, {who_words, who_words}) << "\n";
  // Columns right-aligned by display width: "densité" is 7 characters, 8 bytes.
  const auto row = [](const std::vector<std::string>& cells) {
    constexpr std::size_t WIDTHS[] = {5, 11, 11, 11, 11};
    std::string line = " ";
    for (std::size_t c = 0; c < cells.size(); ++c) {
      line += ' ';
      line += pad_left(cells[c], WIDTHS[c]);
    }
    return line;
  };
  std::cout << row({say("discover_box", language), say("discover_restricted", language),
                    say("discover_coverage", language), say("discover_density", language),
                    say("discover_mass", language)})
            << "\n";
  for (const std::size_t b : boxes_shown(discovery)) {
    const PrimBox& box = discovery.prim.trajectory[b];
    std::cout << row({std::to_string(b), std::to_string(box.restricted_factors()),
                      percent(box.coverage, language), percent(box.density, language),
                      percent(box.mass, language)})
              << (b == discovery.prim.chosen ? "  ← " + say("discover_chosen_mark", language) : "")
              << "\n";
  }
  if (boxes_shown(discovery).size() < discovery.prim.trajectory.size())
    std::cout << "  " << say("discover_some_boxes", language) << "\n";
}

void print_box(const Scenario& scenario, const Discovery& discovery, const PrimOptions& options,
               Language language) {
  const PrimResult& prim = discovery.prim;
  const bool failure = discovery.target == DiscoveryTarget::Failure;
  const std::string who_words = say(failure ? "missing_it" : "meeting_it", language);
  std::cout << "\n"
            << say("discover_chosen", language,
                   {std::to_string(prim.chosen),
                    prim.pastes == 0
                        ? std::string()
                        : say("discover_pasted", language, {std::to_string(prim.pastes)}),
                    percent(options.minimum_coverage, language)})
            << "\n";
  if (prim.restrictions.empty()) {
    std::cout << say("discover_no_box", language, {who_words}) << "\n";
    return;
  }
  std::vector<std::string> conditions;
  for (const PrimRestriction& restriction : prim.restrictions) {
    conditions.push_back(parameter_range_text(scenario,
                                              parameter_of(scenario, discovery, restriction.factor),
                                              restriction.lower, restriction.upper, language));
  }
  std::cout << say(failure ? "discover_box_failure" : "discover_box_success", language,
                   {percent(prim.box.density, language), listed(conditions, language),
                    percent(prim.box.mass, language), percent(prim.box.coverage, language),
                    who_words})
            << "\n\n"
            << say("discover_ranked", language) << "\n";
  for (std::size_t r = 0; r < prim.restrictions.size(); ++r) {
    const PrimRestriction& restriction = prim.restrictions[r];
    const Parameter& parameter = parameter_of(scenario, discovery, restriction.factor);
    // The change of density when the restriction is lifted, with a true minus sign.
    char drop[32];
    std::snprintf(drop, sizeof drop, "%s%.3g",
                  restriction.density_drop > 0   ? "−"
                  : restriction.density_drop < 0 ? "+"
                                                 : "",
                  100.0 * std::abs(restriction.density_drop));
    std::cout << "  " << r + 1 << ". " << conditions[r];
    if (sensitivity_factor_name(scenario, parameter.name, language) != parameter.name)
      std::cout << " (" << parameter.name << ")";
    char quasi_p[32], level[32];
    std::snprintf(quasi_p, sizeof quasi_p, "%.2g", restriction.quasi_p);
    std::snprintf(level, sizeof level, "%g", QUASI_P_LEVEL);
    std::cout << colon(language)
              << say("discover_without", language,
                     {percent(restriction.density_without, language), decimal(drop, language),
                      percent(restriction.coverage_without, language),
                      percent(restriction.mass_without, language), decimal(quasi_p, language)})
              << (restriction.quasi_p > QUASI_P_LEVEL
                      ? say("discover_chance", language, {decimal(level, language)})
                      : std::string())
              << "\n";
  }
}

void print_text(const ChosenScenario& chosen, const Plan& plan, const DiscoverOptions& options,
                const Discovery& discovery, Language language) {
  const Scenario& scenario = chosen.scenario;
  const Objective& objective = scenario.objectives[objective_index(scenario, discovery.objective)];
  const std::string who = plan.portfolio.empty()
                              ? say("without_action", language)
                              : say("with_portfolio", language, {plan.portfolio});
  const bool failure = discovery.target == DiscoveryTarget::Failure;
  char alpha[32], paste[32], mass[32];
  std::snprintf(alpha, sizeof alpha, "%g %%", 100.0 * options.prim.peel_alpha);
  std::snprintf(paste, sizeof paste, "%g %%", 100.0 * options.prim.paste_alpha);
  std::snprintf(mass, sizeof mass, "%g %%", 100.0 * options.prim.minimum_mass);
  const double met_share =
      static_cast<double>(discovery.successes) / static_cast<double>(discovery.members);
  std::cout << say("discover_heading", language,
                   {scenario.name, who, objective_text(objective, language), objective.id,
                    std::to_string(discovery.members), std::to_string(discovery.seed)})
            << "\n"
            << edit_lines(chosen.edits)
            << say("discover_method", language,
                   {decimal(alpha, language), decimal(paste, language), decimal(mass, language),
                    std::to_string(discovery.parameters.size())})
            << "\n"
            << say(failure ? "discover_base_failure" : "discover_base_success", language,
                   {percent(failure ? 1.0 - met_share : met_share, language),
                    std::to_string(discovery.prim.of_interest), std::to_string(discovery.members)})
            << "\n";
  print_trajectory(discovery, say(failure ? "missing_it" : "meeting_it", language), language);
  print_box(scenario, discovery, options.prim, language);
}

void write_bounds(JsonWriter& json, const Scenario& scenario, const Discovery& discovery,
                  std::size_t factor, double lower, double upper) {
  const Parameter& parameter = parameter_of(scenario, discovery, factor);
  json.key("parameter").value(parameter.name);
  json.key("name").value(sensitivity_factor_name(scenario, parameter.name, Language::English));
  json.key("unit").value(canonical_symbol(parameter.dimension));
  json.key("lower").value(lower);  // null when open (JsonWriter writes ±∞ as null)
  json.key("upper").value(upper);
}

void write_shares(JsonWriter& json, const PrimBox& box) {
  json.key("members").value(static_cast<long long>(box.members));
  json.key("coverage").value(box.coverage);
  json.key("density").value(box.density);
  json.key("mass").value(box.mass);
}

void print_json(const ChosenScenario& chosen, const Plan& plan, const DiscoverOptions& options,
                const Discovery& discovery) {
  const Scenario& scenario = chosen.scenario;
  const PrimResult& prim = discovery.prim;
  JsonWriter json(std::cout);
  json.begin_object();
  json.key("territory").value(scenario.name);
  json.key("portfolio").value(plan.portfolio.empty() ? "baseline" : plan.portfolio);
  write_edits_json(json, chosen.edits);
  json.key("objective").value(discovery.objective);
  json.key("target").value(target_name(discovery.target));
  json.key("members").value(static_cast<long long>(discovery.members));
  json.key("seed").value(static_cast<long long>(discovery.seed));
  json.key("objective_met").value(static_cast<long long>(discovery.successes));
  json.key("of_interest").value(static_cast<long long>(prim.of_interest));
  json.key("method").value("PRIM");
  json.key("peel_alpha").value(options.prim.peel_alpha);
  json.key("paste_alpha").value(options.prim.paste_alpha);
  json.key("minimum_mass").value(options.prim.minimum_mass);
  json.key("minimum_coverage").value(options.prim.minimum_coverage);
  json.key("parameters").begin_array();
  for (const std::size_t p : discovery.parameters) json.value(scenario.parameters[p].name);
  json.end_array();
  json.key("trajectory").begin_array();
  for (std::size_t b = 0; b < prim.trajectory.size(); ++b) {
    const PrimBox& box = prim.trajectory[b];
    json.begin_object();
    json.key("box").value(static_cast<long long>(b));
    write_shares(json, box);
    json.key("restrictions").begin_array();
    for (std::size_t f = 0; f < box.lower.size(); ++f) {
      if (!box.restricts(f)) continue;
      json.begin_object();
      write_bounds(json, scenario, discovery, f, box.lower[f], box.upper[f]);
      json.end_object();
    }
    json.end_array();
    json.end_object();
  }
  json.end_array();
  json.key("chosen").begin_object();
  json.key("trajectory_box").value(static_cast<long long>(prim.chosen));
  json.key("pastes").value(static_cast<long long>(prim.pastes));
  write_shares(json, prim.box);
  json.key("restrictions").begin_array();
  for (const PrimRestriction& restriction : prim.restrictions) {
    json.begin_object();
    write_bounds(json, scenario, discovery, restriction.factor, restriction.lower,
                 restriction.upper);
    json.key("density_without").value(restriction.density_without);
    json.key("coverage_without").value(restriction.coverage_without);
    json.key("mass_without").value(restriction.mass_without);
    json.key("density_drop").value(restriction.density_drop);
    json.key("quasi_p").value(restriction.quasi_p);
    json.end_object();
  }
  json.end_array();
  json.end_object();
  json.end_object();
}

/// The --output file and the --report page, each published whole.
void write_outputs(OutputFile* output, OutputFile* report, const ChosenScenario& chosen,
                   const Plan& plan, const DiscoverOptions& options, const Discovery& discovery,
                   Language language) {
  if (output != nullptr) {
    DiscoverySettings settings;
    settings.scenario_path = chosen.name;
    settings.edits = chosen.edits;
    settings.command_line = options.command_line;
    settings.traj_version = TRAJ_VERSION;
    settings.git_hash = TRAJ_GIT_HASH;
    settings.members_requested = options.ensemble.members;
    settings.threads = options.ensemble.threads;
    settings.prim = options.prim;
    write_discovery(output->temporary(), plan, discovery, chosen.inputs, settings);
    output->commit();
  }
  if (report != nullptr) {
    const Scenario& scenario = chosen.scenario;
    DiscoveryPage page;
    page.territory = scenario.name;
    if (const int index = scenario.find_portfolio(plan.portfolio); index != NONE)
      page.portfolio =
          portfolio_name(scenario.portfolios[static_cast<std::size_t>(index)], language);
    page.edits = describe_edits(chosen.edits);
    page.plan = &plan;
    page.discovery = &discovery;
    page.prim = options.prim;
    report->write(discovery_report_html(page, language));
  }
}

void add_prim_options(CLI::App& command, PrimOptions& prim) {
  command.add_option("--alpha", prim.peel_alpha, "Share of the box's members each peel removes")
      ->check(number_in(PEEL_ALPHA_RANGE))
      ->capture_default_str();
  command
      .add_option("--paste-alpha", prim.paste_alpha, "Share of the box's members each paste adds")
      ->check(number_in(PASTE_ALPHA_RANGE))
      ->capture_default_str();
  command
      .add_option("--min-mass", prim.minimum_mass,
                  "Peeling stops before a box holds fewer than this share of the members")
      ->check(number_in(MINIMUM_MASS_RANGE))
      ->capture_default_str();
  command
      .add_option("--min-coverage", prim.minimum_coverage,
                  "The chosen box: the densest with at least this coverage")
      ->check(number_in(MINIMUM_COVERAGE_RANGE))
      ->capture_default_str();
}

}  // namespace

CommandRunner add_discover_command(CLI::App& app, const std::string& command_line,
                                   const Cluster& cluster) {
  auto options = std::make_shared<DiscoverOptions>();
  options->command_line = command_line;
  CLI::App* command = app.add_subcommand(
      "discover",
      "Scenario discovery: which ranges of the uncertain parameters lead to meeting an "
      "objective, or missing it (PRIM)");
  add_scenario_argument(*command, options->path);
  add_required_portfolio(*command, options->portfolio);
  command->add_option("--objective", options->objective, "The objective studied")
      ->required()
      ->check(non_empty("an objective id"));
  command
      ->add_option("--target", options->target,
                   "What the box holds: members that meet the objective, or that miss it")
      ->check(CLI::IsMember({"success", "failure"}))
      ->capture_default_str();
  add_prim_options(*command, options->prim);
  EnsembleOptionChoice choice;
  choice.members_range = DISCOVER_MEMBERS_RANGE;
  add_ensemble_options(*command, options->ensemble, choice);
  command->add_flag("--json", options->json, "Print one JSON document");
  command->add_flag("--quiet,-q", options->quiet, "No progress bar");
  command->add_option("--lang", options->language, "Language of the text and of the report")
      ->check(CLI::IsMember({"en", "fr"}))
      ->capture_default_str();
  command
      ->add_option("--output,-o", options->output,
                   "Also write the discovery as an HDF5 file (docs/hdf5-layout.md)")
      ->check(file_name());
  command
      ->add_option("--report", options->report,
                   "Also write the discovery's HTML page (docs/report.md)")
      ->check(file_name());
  command->add_flag("--force", options->force,
                    "Replace the --output or --report file if it exists");
  add_what_if_options(*command, options->edits);
  command->footer(
      "Examples:\n"
      "  traj discover --portfolio ambitious --objective energy-2050\n"
      "  traj discover --portfolio ambitious --objective energy-2050 --target failure --lang fr\n"
      "  traj discover -p ambitious --objective energy-2050 --output discover.h5 --report "
      "discover.html");
  return [options, command, &cluster] {
    refuse_language_and_force_without_use(*command);
    const ChosenScenario chosen = load_chosen(options->path, options->edits);
    const Scenario& scenario = chosen.scenario;
    DiscoveryOptions discovery_options;
    discovery_options.objective = objective_index(scenario, options->objective);
    discovery_options.target =
        options->target == "failure" ? DiscoveryTarget::Failure : DiscoveryTarget::Success;
    discovery_options.prim = options->prim;
    const std::string portfolio = plan_portfolio_id(scenario, options->portfolio);
    const Plan plan = compile_plan(scenario, portfolio);
    auto [output, report] = open_outputs(options->output, options->report, options->force,
                                         input_paths(chosen), cluster.is_root());
    EnsembleOptions ensemble = options->ensemble;
    ensemble.cluster = &cluster;
    ProgressBar bar(!options->quiet && cluster.is_root() && ::isatty(STDERR_FILENO) != 0,
                    "members");
    ensemble.progress = [&bar](std::uint64_t done, std::uint64_t planned) {
      bar.update(done, planned);
    };
    ensemble.cancelled = [] { return interrupted(); };
    watch_interrupts();
    const Discovery discovery = discover(plan, ensemble, discovery_options);
    if (discovery.cancelled) {
      std::cerr << "interrupted by signal " << interrupting_signal() << ": nothing written\n";
      return 128 + interrupting_signal();
    }
    if (discovery.invalid_members > 0) {
      std::cerr << "error: " << discovery.invalid_members
                << " member(s) gave non-finite or negative results (energy, emissions…); "
                   "first: member "
                << discovery.invalid_examples.front() << " (seed " << ensemble.seed
                << "); nothing reported — `traj run` with the same options lists its draws\n";
      return EXIT_DIFFERENT;
    }
    if (!cluster.is_root()) return EXIT_OK;
    const Language language = language_named(options->language);
    write_outputs(output.get(), report.get(), chosen, plan, *options, discovery, language);
    if (options->json) {
      print_json(chosen, plan, *options, discovery);
    } else {
      print_text(chosen, plan, *options, discovery, language);
      if (output || report) std::cout << "\n";
      if (output) std::cout << say("discovery_written", language, {output->target()}) << "\n";
      if (report) std::cout << say("report_written", language, {report->target()}) << "\n";
    }
    return EXIT_OK;
  };
}

}  // namespace traj::cli
