#include "portfolio_saving.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>

#include "results_output.hpp"
#include "toml_text.hpp"
#include "traj/config_reader.hpp"
#include "traj/document_edits.hpp"
#include "traj/document_loader.hpp"
#include "what_if_options.hpp"

namespace traj::cli {
namespace {

using territory::Portfolio;
using territory::Scenario;

constexpr std::array<const char*, 5> ADOPTION_FIELDS = {"ceiling", "start", "full_year", "midpoint",
                                                        "steepness"};

const ConfigNode* element_by_id(const ConfigNode* array, const std::string& id) {
  if (array == nullptr || !array->is_array()) return nullptr;
  for (const ConfigNode& element : array->children) {
    const ConfigNode* found = element.is_table() ? element.find("id") : nullptr;
    if (found != nullptr && found->is_string() && found->text == id) return &element;
  }
  return nullptr;
}

const ConfigNode* child(const ConfigNode* table, const std::string& key) {
  return table != nullptr && table->is_table() ? table->find(key) : nullptr;
}

/// One adoption value of the run as the new file writes it: a constant as
/// its exact number, a named parameter by its name (the same draws), any
/// other uncertain number as the document wrote it (a new parameter, with
/// draws of its own: said in `notes`).
std::string value_text(const Scenario& scenario, const Quantity& quantity, const ConfigNode* typed,
                       const std::string& action, const std::string& field,
                       std::vector<SaveNote>& notes) {
  if (quantity.is_constant()) return number_text(quantity.constant);
  const Parameter& parameter = scenario.parameters[static_cast<std::size_t>(quantity.parameter)];
  if (parameter.named && quantity.scale == 1.0)
    return "{ parameter = " + toml_string(parameter.name) + " }";
  notes.push_back(
      {action + "'s " + field +
           " is uncertain: the saved portfolio samples it as a new parameter, with draws of its "
           "own (the same distribution, not the same members' values)",
       "le champ " + field + " de " + action +
           " est incertain : le portefeuille enregistré le tire comme un nouveau paramètre, avec "
           "ses propres tirages (la même loi, pas les mêmes valeurs pour chaque membre)"});
  return typed != nullptr ? toml_text(*typed) : number_text(quantity.constant);
}

/// Where a --set changed one adoption field of an action.
using AdoptionEdits = std::map<std::string, std::map<std::string, SourceLocation>>;

/// The adoption fields a --set changed, by action: the --sets a portfolio
/// can hold. Throws InputError naming every other --set.
AdoptionEdits adoption_edits(const territory::ScenarioEdits& edits, const std::string& portfolio) {
  AdoptionEdits fields;
  Diagnostics refused;
  for (std::size_t i = 0; i < edits.sets.size(); ++i) {
    Diagnostics ignored;  // the loader reported these already
    const auto assignment = parse_assignment(edits.sets[i], i, "--set", ignored);
    if (!assignment) continue;
    const auto& keys = assignment->keys;
    if (keys.size() >= 2 && keys[0] == "portfolios" && keys[1] == portfolio) continue;
    if (keys.size() >= 4 && keys[0] == "actions" && keys[2] == "adoption" &&
        std::find(ADOPTION_FIELDS.begin(), ADOPTION_FIELDS.end(), keys[3]) !=
            ADOPTION_FIELDS.end()) {
      fields[keys[1]][keys[3]] = assignment->where;
      continue;
    }
    refused.add(assignment->where, assignment->key_path,
                "--save-portfolio: expected a change a portfolio can hold (portfolios." +
                    portfolio +
                    ".… or actions.ID.adoption.ceiling, start, full_year, midpoint or "
                    "steepness), found this one; make it in the scenario file, or run without it");
  }
  refused.throw_if_any();
  return fields;
}

/// What this writer does not carry over, refused rather than lost: any
/// override key but the five adoption fields and `shift`.
void refuse_what_is_not_written(const ConfigNode* overrides, const std::string& portfolio) {
  if (overrides == nullptr || !overrides->is_table()) return;
  for (std::size_t a = 0; a < overrides->keys.size(); ++a) {
    const ConfigNode& entry = overrides->children[a];
    for (std::size_t k = 0; entry.is_table() && k < entry.keys.size(); ++k) {
      if (entry.keys[k] != "shift" && std::find(ADOPTION_FIELDS.begin(), ADOPTION_FIELDS.end(),
                                                entry.keys[k]) == ADOPTION_FIELDS.end()) {
        throw InputError("--save-portfolio: portfolios." + portfolio + ".overrides." +
                         overrides->keys[a] + "." + entry.keys[k] +
                         ": expected only ceiling, start, full_year, midpoint, steepness or "
                         "shift in the overrides to save, found this key, which is not written");
      }
    }
  }
}

std::string include_path(const std::string& scenario, const std::string& to) {
  namespace fs = std::filesystem;
  const fs::path main = fs::absolute(scenario).lexically_normal();
  const fs::path folder = fs::absolute(to).parent_path().lexically_normal();
  const fs::path relative = main.lexically_relative(folder);
  return (relative.empty() ? main : relative).generic_string();
}

void check_request(const ChosenScenario& chosen, bool bundled, const std::string& portfolio,
                   const PortfolioSave& save) {
  if (bundled) {
    throw InputError(
        "--save-portfolio: the bundled scenario has no file for the new one to include; write it "
        "out first (traj scenario export DIR), then run DIR/" +
        std::filesystem::path(chosen.name).filename().string() + " with --save-portfolio");
  }
  if (portfolio.empty()) {
    throw InputError(
        "--save-portfolio: expected a portfolio to save, found the baseline (no action); choose "
        "one with --portfolio");
  }
  if (!is_identifier(save.name)) {
    throw InputError("--save-portfolio: expected an id (letters, digits, '_' and '-'), found \"" +
                     save.name + "\"");
  }
  if (save.name == "baseline" || chosen.scenario.find_portfolio(save.name) != territory::NONE) {
    throw InputError(
        "--save-portfolio: expected a new portfolio id, found \"" + save.name + "\", which " +
        (save.name == "baseline" ? std::string("means no action") : "the scenario already has") +
        "; choose another");
  }
}

}  // namespace

std::string saved_portfolio_text(const ChosenScenario& chosen, bool bundled,
                                 const std::string& portfolio, const PortfolioSave& save,
                                 std::vector<SaveNote>& notes) {
  check_request(chosen, bundled, portfolio, save);
  const Scenario& scenario = chosen.scenario;
  const auto changed = adoption_edits(chosen.edits, portfolio);
  const Portfolio& run =
      scenario.portfolios[static_cast<std::size_t>(scenario.find_portfolio(portfolio))];
  // The document as the loader read it, for the text of uncertain values.
  std::map<std::string, std::string> texts;
  for (const auto& input : chosen.inputs) texts[input.path] = input.text;
  Diagnostics diagnostics;
  Document document =
      load_document(scenario.files.front(), EmbeddedSourceProvider(texts), diagnostics);
  apply_assignments(document.root, chosen.edits.sets, "--set", diagnostics);
  const ConfigNode* run_node = element_by_id(document.root.find("portfolios"), portfolio);
  refuse_what_is_not_written(child(run_node, "overrides"), portfolio);

  std::string text = "# Saved by traj run --save-portfolio: portfolio " + portfolio + " of " +
                     chosen.name + " as run, with\n";
  std::string edits_text;
  for (const auto& edit : describe_edits(chosen.edits)) {
    std::string line = edit;
    std::replace(line.begin(), line.end(), '\n', ' ');
    text += "#   " + line + "\n";
    edits_text += (edits_text.empty() ? "" : " ") + line;
  }
  text += "# Run it: traj run --portfolio " + save.name + " " + save.to + "\n";
  text += "include = " + toml_string(include_path(chosen.name, save.to)) + "\n\n";
  text += "[[portfolios]]\nid = " + toml_string(save.name) + "\n";
  text += "name = " + toml_string(run.name + " (what-if)") + "\n";
  text += "description = " +
          toml_string("Portfolio " + portfolio + " with " +
                      (edits_text.empty() ? std::string("no edit") : edits_text)) +
          "\n";
  text += "actions = [";
  for (std::size_t i = 0; i < run.actions.size(); ++i) {
    text += (i ? ", " : "") +
            toml_string(scenario.actions[static_cast<std::size_t>(run.actions[i])].id);
  }
  text += "]\n";
  std::set<std::string> saved;
  Diagnostics refused;
  for (const int index : run.actions) {
    const territory::Action& action = scenario.actions[static_cast<std::size_t>(index)];
    const auto own = std::find_if(run.overrides.begin(), run.overrides.end(),
                                  [&](const auto& change) { return change.action == index; });
    const auto edited = changed.find(action.id);
    const std::array<const std::optional<Quantity>*, 5> overridden =
        own == run.overrides.end() ? std::array<const std::optional<Quantity>*, 5>{}
                                   : std::array{&own->ceiling, &own->start, &own->full_year,
                                                &own->midpoint, &own->steepness};
    const std::array<const Quantity*, 5> adopted = {
        &action.adoption.ceiling, &action.adoption.start, &action.adoption.full_year,
        &action.adoption.midpoint, &action.adoption.steepness};
    std::string fields;
    for (std::size_t f = 0; f < ADOPTION_FIELDS.size(); ++f) {
      const std::string field = ADOPTION_FIELDS[f];
      const ConfigNode* typed = nullptr;
      const Quantity* value = nullptr;
      if (overridden[f] != nullptr && overridden[f]->has_value()) {
        value = &**overridden[f];  // the portfolio's override wins over the action's value
        typed = child(child(child(run_node, "overrides"), action.id), field);
      }
      // The costs of an action are stated at its own ceiling (docs/model.md):
      // an override keeps them there, so it cannot stand for a new one.
      if (const bool costly =
              !action.costs.investment.is_constant() || action.costs.investment.constant != 0.0 ||
              !action.costs.operating.is_constant() || action.costs.operating.constant != 0.0;
          costly && field == "ceiling" && edited != changed.end() &&
          edited->second.count(field) > 0) {
        refused.add(edited->second.at(field), "actions." + action.id + ".adoption.ceiling",
                    "--save-portfolio: expected a change a portfolio can hold, found a new "
                    "ceiling of an action that has costs: they are stated at the action's own "
                    "ceiling, which a portfolio's override leaves as it is; set "
                    "portfolios." +
                        portfolio + ".overrides." + action.id + ".ceiling instead");
        continue;
      }
      if (value == nullptr && edited != changed.end() && edited->second.count(field) > 0) {
        value = adopted[f];
        typed = child(child(element_by_id(document.root.find("actions"), action.id), "adoption"),
                      field);
      }
      if (value == nullptr) continue;
      fields += (fields.empty() ? "" : ", ") + field + " = " +
                value_text(scenario, *value, typed, action.id, field, notes);
    }
    // The portfolio's own shift, then --shift on top, as the loader adds them.
    const double shift =
        (own == run.overrides.end() ? 0.0 : own->shift.value_or(0.0)) + action.adoption.shift;
    if (shift != 0.0)
      fields += (fields.empty() ? "" : ", ") + std::string("shift = ") + number_text(shift);
    if (!fields.empty()) text += "overrides." + action.id + " = { " + fields + " }\n";
    saved.insert(action.id);
  }
  refused.throw_if_any();
  for (const auto& [action, fields] : changed) {
    if (saved.count(action) == 0) {
      notes.push_back({"the --set of " + action + "'s adoption is not saved: " + action +
                           " is not in portfolio " + portfolio +
                           ", so it changed nothing in this run",
                       "le --set de l'adoption de " + action + " n'est pas enregistré : " + action +
                           " n'est pas dans le portefeuille " + portfolio +
                           ", il n'a donc rien changé à ce calcul"});
    }
  }
  return text;
}

PortfolioSaver::PortfolioSaver(const PortfolioSave& request, const ChosenScenario& chosen,
                               bool bundled, const std::string& portfolio,
                               const std::string& output)
    : request_(request), made_from_(input_paths(chosen)) {
  if (request_.name.empty()) return;
  text_ = saved_portfolio_text(chosen, bundled, portfolio, request_, notes_);
  require_distinct_outputs({{"--output", output}, {"--to", request_.to}});
  std::error_code error;
  if (std::filesystem::exists(std::filesystem::symlink_status(request_.to, error))) {
    throw InputError("--to: " + request_.to +
                     " exists; --save-portfolio never replaces a file: choose another name");
  }
  OutputFile::check_target(request_.to, false, made_from_, "--to");
}

void PortfolioSaver::write(bool writes) {
  if (text_.empty() || !writes) return;
  OutputFile(request_.to, false, made_from_, "--to").write(text_);
  written_ = true;
}

void PortfolioSaver::report(bool json) const {
  if (!written_) return;
  std::ostream& out = json ? std::cerr : std::cout;
  if (!json) out << "\n";
  for (const auto& note : notes_) out << "note: " << note.english << "\n";
  out << "Portfolio " << request_.name << " saved to " << request_.to
      << " (run it: traj run --portfolio " << request_.name << " " << request_.to << ")\n";
}

}  // namespace traj::cli
