#include "traj/document_edits.hpp"

#include <algorithm>
#include <charconv>

#include "traj/document_loader.hpp"
#include "traj/string_distance.hpp"

namespace traj {
namespace {

constexpr std::string_view EXAMPLE = "e.g. actions.deep-renovation.adoption.ceiling=0.6";
constexpr std::string_view VALUE_FORMS =
    "a TOML value (a number, a \"quoted string\", [an array] or { an inline table })";

std::string trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return std::string(text.substr(first, last - first + 1));
}

void relocate(ConfigNode& node, const SourceLocation& where) {
  node.where = where;
  for (auto& child : node.children) relocate(child, where);
}

/// One dotted part of a key path: a name (may be empty: `[0]` alone) and the
/// indices that follow it (`effects[0]`).
struct KeyPart {
  std::string name;
  std::vector<std::size_t> indices;
};

std::optional<KeyPart> split_part(const std::string& part) {
  KeyPart result;
  const auto open = part.find('[');
  result.name = part.substr(0, open);
  if (result.name.find(']') != std::string::npos) return std::nullopt;
  std::size_t at = open;
  while (at != std::string::npos && at < part.size()) {
    const auto close = part.find(']', at);
    if (part[at] != '[' || close == std::string::npos || close == at + 1) return std::nullopt;
    std::size_t index = 0;
    const char* first = part.data() + at + 1;
    const char* last = part.data() + close;
    if (std::from_chars(first, last, index).ptr != last) return std::nullopt;
    result.indices.push_back(index);
    at = close + 1;
  }
  if (result.name.empty() && result.indices.empty()) return std::nullopt;
  return result;
}

std::string listed(const std::vector<std::string>& names) {
  std::string text;
  for (std::size_t i = 0; i < names.size(); ++i) text += (i ? ", " : "") + names[i];
  return text;
}

/// Walks `assignment.keys` in `root`, inserting missing table keys, and
/// replaces the value found. False (reported, `root` untouched) when the
/// path leads nowhere: every check is made before anything changes.
bool apply_one(ConfigNode& root, const Assignment& assignment, Diagnostics& diagnostics) {
  ConfigNode* at = &root;
  std::vector<std::string> inserted;  ///< the keys, from the first one `at` lacks
  std::string walked;
  const auto fail = [&](const std::string& message) {
    diagnostics.add(assignment.where, walked.empty() ? assignment.key_path : walked, message);
    return false;
  };
  for (const std::string& text : assignment.keys) {
    const KeyPart part = *split_part(text);  // checked by parse_assignment
    const std::string within = walked.empty() ? std::string("the scenario") : walked;
    if (!part.name.empty()) walked += (walked.empty() ? "" : ".") + part.name;
    if (!inserted.empty() ||
        (!part.name.empty() && at->is_table() && at->find(part.name) == nullptr)) {
      if (!part.indices.empty()) {
        return fail("expected an existing array to index, found no key '" + part.name + "' in " +
                    within + (inserted.empty() ? did_you_mean(part.name, at->keys) : ""));
      }
      inserted.push_back(part.name);
      continue;
    }
    if (!part.name.empty()) {
      if (at->is_table()) {
        at = at->find(part.name);
      } else if (at->is_array()) {
        std::vector<std::string> ids;
        ConfigNode* next = nullptr;
        for (ConfigNode& element : at->children) {
          const ConfigNode* id = element.is_table() ? element.find("id") : nullptr;
          if (id == nullptr || !id->is_string()) continue;
          ids.push_back(id->text);
          if (id->text == part.name) next = &element;
        }
        if (next == nullptr && ids.empty()) {
          return fail("expected [N] to enter " + within +
                      " (an array whose elements have no id), found \"" + part.name + "\"");
        }
        if (next == nullptr) {
          const std::string suggestion = did_you_mean(part.name, ids);
          return fail("expected the id of an element of " + within + ", found \"" + part.name +
                      "\"" + (suggestion.empty() ? " (ids: " + listed(ids) + ")" : suggestion));
        }
        at = next;
      } else {
        return fail("expected a table or an array of tables in " + within + " to enter, found " +
                    at->describe());
      }
    }
    for (const std::size_t index : part.indices) {
      const std::size_t size = at->is_array() ? at->children.size() : 0;
      walked += '[';
      walked += std::to_string(index);
      walked += ']';
      if (index >= size) {
        return fail("expected an index below " + std::to_string(size) + " of an array, found " +
                    std::to_string(index) + (at->is_array() ? "" : " on " + at->describe()));
      }
      at = &at->children[index];
    }
  }
  for (const std::string& key : inserted) {
    ConfigNode table;
    table.where = assignment.where;
    at->keys.push_back(key);
    at->children.push_back(std::move(table));
    at = &at->children.back();
  }
  *at = assignment.value;
  return true;
}

}  // namespace

std::string assignment_label(std::string_view label, std::size_t index) {
  return std::string(label) + " #" + std::to_string(index + 1);
}

std::optional<Assignment> parse_assignment(const std::string& text, std::size_t index,
                                           std::string_view label, Diagnostics& diagnostics) {
  Assignment assignment;
  assignment.where = {assignment_label(label, index), 0, 0};
  const auto report = [&](const std::string& key_path, const std::string& message) {
    diagnostics.add(assignment.where, key_path, message);
    return std::nullopt;
  };
  const auto equals = text.find('=');
  if (equals == std::string::npos) {
    return report("", "expected KEY.PATH=VALUE (" + std::string(EXAMPLE) + "), found \"" + text +
                          "\" without '='");
  }
  assignment.key_path = trimmed(std::string_view(text).substr(0, equals));
  if (assignment.key_path.empty()) {
    return report("", "expected KEY.PATH before '=' (" + std::string(EXAMPLE) +
                          "), found nothing in \"" + text + "\"");
  }
  std::size_t begin = 0;
  while (begin <= assignment.key_path.size()) {
    const auto dot = assignment.key_path.find('.', begin);
    const auto end = dot == std::string::npos ? assignment.key_path.size() : dot;
    std::string part = assignment.key_path.substr(begin, end - begin);
    // The document's own limits (docs/scenario-format.md#limits): each part
    // may add a level to the tree, whose walks recurse.
    if (assignment.keys.size() == MAX_KEY_PARTS || part.size() > MAX_KEY_BYTES) {
      return report(
          assignment.key_path.substr(0, std::min<std::size_t>(assignment.key_path.size(), 80)),
          "expected KEY.PATH of at most " + std::to_string(MAX_KEY_PARTS) + " parts of at most " +
              std::to_string(MAX_KEY_BYTES) + " bytes each, found a longer one");
    }
    if (!split_part(part)) {
      return report(assignment.key_path,
                    "expected KEY.PATH made of keys, ids and [N] indices separated by single "
                    "dots, found the part \"" +
                        part + "\"");
    }
    assignment.keys.push_back(std::move(part));
    begin = end + 1;
  }
  const std::string value_text = text.substr(equals + 1);
  if (trimmed(value_text).empty()) {
    return report(assignment.key_path,
                  "expected " + std::string(VALUE_FORMS) + " after '=', found nothing");
  }
  Diagnostics parsing;
  ConfigNode parsed = parse_toml("__value = " + value_text, assignment.where.file, parsing);
  if (!parsing.empty()) {
    return report(assignment.key_path, "expected " + std::string(VALUE_FORMS) +
                                           " after '=', found `" + trimmed(value_text) +
                                           "`: " + parsing.kept().front().message +
                                           " (a string needs quotes: name=\"Brest\")");
  }
  if (parsed.keys.size() != 1 || parsed.keys.front() != "__value") {
    return report(assignment.key_path, "expected one TOML value after '=', found `" +
                                           trimmed(value_text) + "` holding more (a line break?)");
  }
  assignment.value = std::move(parsed.children.front());
  relocate(assignment.value, assignment.where);
  return assignment;
}

void apply_assignments(ConfigNode& root, const std::vector<std::string>& assignments,
                       std::string_view label, Diagnostics& diagnostics) {
  for (std::size_t i = 0; i < assignments.size(); ++i) {
    const auto assignment = parse_assignment(assignments[i], i, label, diagnostics);
    if (assignment) apply_one(root, *assignment, diagnostics);
  }
}

}  // namespace traj
