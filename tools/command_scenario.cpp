// `traj scenario export` and `traj scenario show`: starting from the
// bundled scenario, and reading one value of a scenario with where it was set.

#include <sys/stat.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>

#include "commands.hpp"
#include "option_checks.hpp"
#include "scenario_choice.hpp"
#include "toml_text.hpp"
#include "traj/display_width.hpp"
#include "traj/document_edits.hpp"
#include "traj/document_loader.hpp"
#include "traj/string_distance.hpp"
#include "what_if_options.hpp"
#include "words.hpp"

namespace traj::cli {

std::map<std::string, std::string> bundled_files();  // generated: bundled_files.cpp

namespace {

constexpr std::string_view BUNDLED_PREFIX = "<bundled>/";

/// Writes every bundled file under `directory`, keeping their relative paths
/// (the shared factor file stays where the scenario's include finds it).
/// Refuses before writing anything when one of them exists.
int export_bundled(const std::string& directory, Language language) {
  namespace fs = std::filesystem;
  if (directory.empty()) throw InputError("scenario export: expected a directory, found \"\"");
  std::vector<std::pair<fs::path, const std::string*>> targets;
  const auto files = bundled_files();
  for (const auto& [name, text] : files) {
    targets.emplace_back(fs::path(directory) / name.substr(BUNDLED_PREFIX.size()), &text);
  }
  std::error_code error;
  for (const auto& [path, text] : targets) {
    if (fs::exists(fs::symlink_status(path, error))) {
      throw InputError("scenario export: " + path.string() +
                       " exists; choose another directory (export never replaces a file)");
    }
  }
  std::vector<fs::path> written;
  const auto undo = [&written] {
    std::error_code ignored;
    for (const auto& path : written) fs::remove(path, ignored);
  };
  for (const auto& [path, text] : targets) {
    fs::create_directories(path.parent_path(), error);
    if (error) {
      undo();
      throw InputError("scenario export: cannot create the directory " +
                       path.parent_path().string() + ": " + error.message());
    }
    // "x": fails if the file appeared since the check, so nothing is replaced.
    std::FILE* file = std::fopen(path.c_str(), "wx");
    const bool ok = file != nullptr &&
                    std::fwrite(text->data(), 1, text->size(), file) == text->size() &&
                    std::fclose(file) == 0;
    if (!ok) {
      if (file != nullptr) written.push_back(path);
      undo();
      throw Error("scenario export: cannot write " + path.string());
    }
    written.push_back(path);
  }
  std::cout << say("scenario_exported", language) << "\n";
  for (const auto& path : written) std::cout << "  " << path.string() << "\n";
  const fs::path main_file = fs::path(directory) / fs::path(TRAJ_BUNDLED_SCENARIO).filename();
  const std::string next = say("scenario_next", language) + colon(language);
  std::cout << next << "traj validate " << main_file.string() << "\n"
            << std::string(display_width(next), ' ') << "traj run " << main_file.string() << "\n";
  return EXIT_OK;
}

/// FILE:LINE:COLUMN, or the edit alone (`--set #1`: it has no line).
std::string located(const SourceLocation& where) {
  if (where.line == 0) return where.file;
  return where.file + ":" + std::to_string(where.line) + ":" + std::to_string(where.column);
}

/// "set at FILE:LINE:COLUMN", or "set by --set #N" for a what-if edit.
std::string origin(const SourceLocation& where, Language language) {
  return say(where.line == 0 ? "set_by" : "set_at", language, {located(where)});
}

/// The distribution as the scenario format writes it (Distribution::describe)
/// in English; in French, its family's French name and decimal commas, the
/// values separated by semicolons.
std::string distribution_text(const Distribution& distribution, Language language) {
  if (language == Language::English) return distribution.describe();
  const auto value = [](double x) {  // the same digits as describe()
    std::ostringstream number;
    number << x;
    return decimal(number.str(), Language::French);
  };
  using Family = Distribution::Family;
  switch (distribution.family) {
    case Family::Fixed:
      return value(distribution.a);
    case Family::Uniform:
      return say("uniform", language) + "(" + value(distribution.a) + " ; " +
             value(distribution.b) + ")";
    case Family::Triangular:
    case Family::Pert:
      return say(distribution.family == Family::Pert ? "pert" : "triangular", language) + "(" +
             value(distribution.a) + " ; " + value(distribution.b) + " ; " + value(distribution.c) +
             ")";
    case Family::Lognormal:
      return say("lognormal", language, {value(distribution.a), value(distribution.b)}) + ")";
    case Family::Normal: {
      std::string result = say("normal", language, {value(distribution.a), value(distribution.b)});
      if (std::isfinite(distribution.lower)) result += " ; min " + value(distribution.lower);
      if (std::isfinite(distribution.upper)) result += " ; max " + value(distribution.upper);
      return result + ")";
    }
  }
  return distribution.describe();
}

/// The node at `key_path` (`actions.<id>.effects[0].fraction`: an array of
/// tables is entered by an element's `id` or by `[index]`), with the table
/// nodes passed on the way (outermost first).
const ConfigNode& find_key_path(const ConfigNode& root, const std::string& key_path,
                                std::vector<const ConfigNode*>& tables) {
  const ConfigNode* at = &root;
  std::string walked;
  std::size_t begin = 0;
  while (begin <= key_path.size()) {
    const std::size_t dot = key_path.find('.', begin);
    std::string segment =
        key_path.substr(begin, dot == std::string::npos ? std::string::npos : dot - begin);
    begin = dot == std::string::npos ? key_path.size() + 1 : dot + 1;
    std::vector<std::size_t> indices;
    while (!segment.empty() && segment.back() == ']') {
      const std::size_t open = segment.rfind('[');
      std::size_t index = 0;
      const char* first = segment.data() + (open == std::string::npos ? 0 : open + 1);
      const char* last = segment.data() + segment.size() - 1;
      if (open == std::string::npos || std::from_chars(first, last, index).ptr != last ||
          first == last) {
        throw InputError("scenario show: " + key_path +
                         ": expected [N] with a whole number N, found \"" + segment + "\"");
      }
      indices.insert(indices.begin(), index);
      segment.erase(open);
    }
    const std::string where = walked.empty() ? std::string("the scenario") : walked;
    if (!segment.empty()) {
      if (at->is_table()) tables.push_back(at);
      std::vector<std::string> candidates;
      const ConfigNode* next = nullptr;
      if (at->is_table()) {
        next = at->find(segment);
        candidates = at->keys;
      } else if (at->is_array()) {
        for (const ConfigNode& element : at->children) {
          const ConfigNode* id = element.is_table() ? element.find("id") : nullptr;
          if (id == nullptr || !id->is_string()) continue;
          candidates.push_back(id->text);
          if (id->text == segment) next = &element;
        }
      }
      if (next == nullptr) {
        throw InputError("scenario show: " + key_path + ": expected " +
                         (at->is_array() ? "the id of an element of " : "a key of ") + where +
                         ", found \"" + segment + "\"" + did_you_mean(segment, candidates));
      }
      at = next;
      walked += (walked.empty() ? "" : ".") + segment;
    }
    for (const std::size_t index : indices) {
      if (!at->is_array() || index >= at->children.size()) {
        throw InputError("scenario show: " + key_path + ": expected an index below " +
                         std::to_string(at->is_array() ? at->children.size() : 0) + " in " +
                         walked + ", found " + std::to_string(index));
      }
      at = &at->children[index];
      walked += '[';
      walked += std::to_string(index);
      walked += ']';
    }
  }
  return *at;
}

int show_value(const std::string& key_path, const std::string& scenario_path,
               const territory::ScenarioEdits& edits, Language language) {
  if (key_path.empty()) throw InputError("scenario show: expected KEY.PATH, found \"\"");
  // Refuses an invalid scenario, or edits that make it invalid.
  const ChosenScenario chosen = load_chosen(scenario_path, edits);
  std::map<std::string, std::string> texts;
  for (const auto& input : chosen.inputs) texts[input.path] = input.text;
  Diagnostics diagnostics;
  Document document =
      load_document(chosen.scenario.files.front(), EmbeddedSourceProvider(texts), diagnostics);
  apply_assignments(document.root, edits.sets, "--set", diagnostics);  // as the loader did
  std::vector<const ConfigNode*> tables;
  const ConfigNode& node = find_key_path(document.root, key_path, tables);
  std::cout << key_path << " = " << toml_text(node) << "\n  " << origin(node.where, language)
            << "\n";
  // What the model samples: the parameter of that key path, or the named
  // parameter the value refers to.
  int parameter = chosen.scenario.parameters.find(key_path);
  if (const ConfigNode* named = node.is_table() ? node.find("parameter") : nullptr;
      named != nullptr && named->is_string()) {
    parameter = chosen.scenario.parameters.find(named->text);
  }
  if (parameter >= 0) {
    const Parameter& sampled = chosen.scenario.parameters[static_cast<std::size_t>(parameter)];
    std::string central = decimal(number_text(sampled.distribution.central()), language);
    if (!sampled.unitless) (central += " ") += canonical_symbol(sampled.dimension);
    std::cout << "  "
              << say("show_distribution", language,
                     {distribution_text(sampled.distribution, language), central})
              << "\n";
    if (sampled.named) {
      std::cout << "  " << say("show_named", language, {sampled.name, located(sampled.where)})
                << "\n";
    }
    if (!sampled.source.empty())
      std::cout << "  " << say("show_source", language, {sampled.source}) << "\n";
    const ParameterSet& parameters = chosen.scenario.parameters;
    for (const auto& correlation : parameters.correlations()) {
      const auto p = static_cast<std::size_t>(parameter);
      if (correlation.first != p && correlation.second != p) continue;
      const std::size_t other = correlation.first == p ? correlation.second : correlation.first;
      std::cout << "  "
                << say("show_correlation", language,
                       {parameters[other].name, decimal(number_text(correlation.rank), language)})
                << "\n";
    }
  } else if (node.is_number()) {
    std::cout << "  " << say("show_fixed", language) << "\n";
  }
  if (const ConfigNode* unit = node.is_table() ? node.find("unit") : nullptr) {
    std::cout << "  " << say("show_unit", language, {toml_text(*unit)}) << "\n";
  } else {
    for (auto table = tables.rbegin(); table != tables.rend(); ++table) {
      if (const ConfigNode* shared = (*table)->find("unit"); shared != nullptr) {
        std::cout << "  "
                  << say("show_table_unit", language,
                         {toml_text(*shared), origin(shared->where, language)})
                  << "\n";
        break;
      }
    }
  }
  return EXIT_OK;
}

}  // namespace

CommandRunner add_scenario_command(CLI::App& app) {
  CLI::App* command =
      app.add_subcommand("scenario", "Start from the bundled scenario, or read one of its values");
  command->require_subcommand(1);
  auto directory = std::make_shared<std::string>("trajectoires-scenario");
  CLI::App* exporter = command->add_subcommand(
      "export", "Write the bundled scenario and the files it includes, to edit (never replaces)");
  exporter->add_option("directory", *directory, "Where to write them")->capture_default_str();
  auto key_path = std::make_shared<std::string>();
  auto scenario_path = std::make_shared<std::string>();
  auto edits = std::make_shared<territory::ScenarioEdits>();
  CLI::App* show = command->add_subcommand(
      "show",
      "Print one value of a scenario: its text, where it is set, its distribution and unit");
  show->add_option("key_path", *key_path,
                   "e.g. actions.deep-renovation.adoption.ceiling, trends.activity_growth.tertiary")
      ->required();
  add_scenario_argument(*show, *scenario_path);
  add_what_if_options(*show, *edits);
  auto language = std::make_shared<std::string>("en");
  for (CLI::App* subcommand : {exporter, show}) {
    subcommand
        ->add_option("--lang", *language, "Language of what is printed (errors stay in English)")
        ->check(CLI::IsMember({"en", "fr"}))
        ->capture_default_str();
  }
  command->footer(
      "Examples:\n  traj scenario export my-plan && traj run my-plan/brest-metropole.toml\n"
      "  traj scenario show actions.deep-renovation.adoption.ceiling\n"
      "  traj scenario show actions.deep-renovation.adoption.ceiling --set "
      "actions.deep-renovation.adoption.ceiling=0.6");
  return [exporter, show, directory, key_path, scenario_path, edits, language] {
    const Language chosen = language_named(*language);
    if (exporter->parsed()) return export_bundled(*directory, chosen);
    if (show->parsed()) return show_value(*key_path, *scenario_path, *edits, chosen);
    return EXIT_INPUT;
  };
}

}  // namespace traj::cli
