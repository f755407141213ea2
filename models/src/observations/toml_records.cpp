// Observations as TOML: optional `illustrative` and `source` at the top,
// then one `[[observations]]` table per record, keyed as the CSV columns.

#include <algorithm>

#include "observation_records.hpp"
#include "traj/document_loader.hpp"
#include "traj/string_distance.hpp"

namespace traj::territory::observations {
namespace {

void read_field(const ConfigNode& node, const std::string& key_path, RawField& field,
                Diagnostics& diagnostics) {
  field.present = true;
  field.where = node.where;
  field.key = key_path;
  if (node.is_string()) {
    field.text = node.text;
  } else if (node.is_number()) {
    field.number = node.number;
  } else if (node.is_array() && node.children.size() == 2 && node.children[0].is_number() &&
             node.children[1].is_number()) {
    field.interval = std::make_pair(node.children[0].number, node.children[1].number);
  } else {
    diagnostics.add(
        node.where, key_path,
        "expected a string, a number or an interval [low, high], found " + node.describe());
    field.present = false;
  }
}

}  // namespace

RawFile read_toml(const std::string& path, const std::string& text, Diagnostics& diagnostics) {
  RawFile file;
  const ConfigNode root = parse_toml(text, path, diagnostics);
  if (!diagnostics.empty()) return file;
  const std::vector<std::string> top_keys = {"illustrative", "source", "observations"};
  for (std::size_t k = 0; k < root.keys.size(); ++k) {
    if (std::find(top_keys.begin(), top_keys.end(), root.keys[k]) == top_keys.end()) {
      diagnostics.add(root.children[k].where, root.keys[k],
                      "unknown key (expected illustrative, source or [[observations]])" +
                          did_you_mean(root.keys[k], top_keys));
    }
  }
  if (const ConfigNode* illustrative = root.find("illustrative")) {
    if (illustrative->kind != ConfigNode::Kind::Boolean) {
      diagnostics.add(illustrative->where, "illustrative",
                      "expected true or false, found " + illustrative->describe());
    } else {
      file.illustrative = illustrative->boolean;
    }
  }
  if (const ConfigNode* source = root.find("source")) {
    if (!source->is_string()) {
      diagnostics.add(source->where, "source", "expected a string, found " + source->describe());
    } else {
      file.source = source->text;
    }
  }
  const ConfigNode* list = root.find("observations");
  if (list == nullptr) {
    diagnostics.add({path, 1, 1}, "observations",
                    "expected [[observations]] tables (indicator, year, value, unit, "
                    "uncertainty, status), found none");
    return file;
  }
  if (!list->is_array()) {
    diagnostics.add(list->where, "observations",
                    "expected an array of tables [[observations]], found " + list->describe());
    return file;
  }
  const auto& names = column_names();
  for (std::size_t i = 0; i < list->children.size(); ++i) {
    const ConfigNode& table = list->children[i];
    const std::string prefix = "observations[" + std::to_string(i) + "]";
    if (!table.is_table()) {
      diagnostics.add(table.where, prefix, "expected a table, found " + table.describe());
      continue;
    }
    RawRecord record;
    record.where = table.where;
    RawField* fields[] = {&record.indicator, &record.year,        &record.value,
                          &record.unit,      &record.uncertainty, &record.status};
    for (std::size_t k = 0; k < table.keys.size(); ++k) {
      const auto found = std::find(names.begin(), names.end(), table.keys[k]);
      if (found == names.end()) {
        diagnostics.add(table.children[k].where, prefix + "." + table.keys[k],
                        "unknown key (expected indicator, year, value, unit, uncertainty, "
                        "status)" +
                            did_you_mean(table.keys[k], names));
        continue;
      }
      read_field(table.children[k], prefix + "." + table.keys[k], *fields[found - names.begin()],
                 diagnostics);
    }
    for (std::size_t c = 0; c < names.size(); ++c) {
      if (!fields[c]->present) {
        fields[c]->key = prefix + "." + names[c];
        fields[c]->where = table.where;
      }
    }
    file.records.push_back(std::move(record));
  }
  return file;
}

}  // namespace traj::territory::observations
