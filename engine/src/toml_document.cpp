// The only translation unit that includes toml++: everything else reads
// ConfigNode trees.
#include <toml++/toml.h>
#include <algorithm>
#include <filesystem>
#include <numeric>

#include "toml_limits.hpp"
#include "traj/config_reader.hpp"
#include "traj/document_loader.hpp"
#include "traj/text_checks.hpp"

namespace traj {
namespace {

SourceLocation location_of(const toml::source_region& region, const std::string& file) {
  return {file, static_cast<int>(region.begin.line), static_cast<int>(region.begin.column)};
}

/// Turns toml++'s tree into ConfigNodes, refusing control characters in keys
/// and strings, and trees deeper than MAX_VALUE_DEPTH (whose walks, here and
/// later, recurse).
class Converter {
 public:
  Converter(const std::string& file, Diagnostics& diagnostics)
      : file_(file), diagnostics_(diagnostics) {}

  ConfigNode convert(const toml::node& node, const std::string& path, std::size_t depth) {
    ConfigNode result;
    result.where = location_of(node.source(), file_);
    if (depth > MAX_VALUE_DEPTH) {
      if (!too_deep_reported_) {
        diagnostics_.add(result.where, path,
                         "expected tables and arrays nested at most " +
                             std::to_string(MAX_VALUE_DEPTH) + " deep, found deeper");
        too_deep_reported_ = true;
      }
      result.kind = ConfigNode::Kind::Other;
      return result;
    }
    switch (node.type()) {
      case toml::node_type::table:
        convert_table(*node.as_table(), path, depth, result);
        break;
      case toml::node_type::array: {
        result.kind = ConfigNode::Kind::Array;
        std::size_t index = 0;
        for (const auto& element : *node.as_array()) {
          // Appended piece by piece: GCC 12 warns (-Wrestrict) on "[" + text.
          std::string element_path = path;
          element_path += '[';
          element_path += std::to_string(index++);
          element_path += ']';
          result.children.push_back(convert(element, element_path, depth + 1));
        }
        break;
      }
      case toml::node_type::string:
        result.kind = ConfigNode::Kind::String;
        result.text = node.as_string()->get();
        if (const auto control = find_control_character(result.text, true)) {
          diagnostics_.add(result.where, path,
                           "expected text without control characters (line breaks and tabs "
                           "aside), found " +
                               control->describe());
        }
        break;
      case toml::node_type::integer:
        result.kind = ConfigNode::Kind::Integer;
        result.integer = node.as_integer()->get();
        result.number = static_cast<double>(result.integer);
        break;
      case toml::node_type::floating_point:
        result.kind = ConfigNode::Kind::Float;
        result.number = node.as_floating_point()->get();
        break;
      case toml::node_type::boolean:
        result.kind = ConfigNode::Kind::Boolean;
        result.boolean = node.as_boolean()->get();
        break;
      default:
        result.kind = ConfigNode::Kind::Other;
        break;
    }
    return result;
  }

 private:
  void convert_table(const toml::table& table, const std::string& path, std::size_t depth,
                     ConfigNode& result) {
    result.kind = ConfigNode::Kind::Table;
    struct Entry {
      SourceLocation key_where;
      std::string key;
      ConfigNode value;
    };
    std::vector<Entry> entries;
    for (auto&& [key, value] : table) {
      const SourceLocation key_where = location_of(key.source(), file_);
      const std::string key_path = join_path(path, key.str());
      if (const auto control = find_control_character(key.str(), false)) {
        // The key is shown as it is quoted in the file, never raw.
        diagnostics_.add(key_where, path,
                         "expected a key without control characters, found " + control->describe());
      }
      entries.push_back({key_where, std::string(key.str()), convert(value, key_path, depth + 1)});
    }
    // toml++ keeps keys sorted; users expect document order.
    std::stable_sort(entries.begin(), entries.end(), [](const Entry& x, const Entry& y) {
      return std::pair(x.key_where.line, x.key_where.column) <
             std::pair(y.key_where.line, y.key_where.column);
    });
    for (auto& entry : entries) {
      result.keys.push_back(std::move(entry.key));
      result.children.push_back(std::move(entry.value));
    }
  }

  const std::string& file_;
  Diagnostics& diagnostics_;
  bool too_deep_reported_ = false;
};

bool is_array_of_tables(const ConfigNode& node) {
  return node.is_array() && !node.children.empty() &&
         std::all_of(node.children.begin(), node.children.end(),
                     [](const ConfigNode& child) { return child.is_table(); });
}

// Merges `overlay` (the including document) over `base` (its includes).
void merge_over(ConfigNode& base, ConfigNode overlay) {
  for (std::size_t i = 0; i < overlay.keys.size(); ++i) {
    ConfigNode* existing = base.find(overlay.keys[i]);
    ConfigNode& value = overlay.children[i];
    if (existing == nullptr) {
      base.keys.push_back(overlay.keys[i]);
      base.children.push_back(std::move(value));
    } else if (existing->is_table() && value.is_table()) {
      merge_over(*existing, std::move(value));
    } else if (is_array_of_tables(*existing) && is_array_of_tables(value)) {
      for (auto& element : value.children) existing->children.push_back(std::move(element));
    } else {
      *existing = std::move(value);
    }
  }
}

class Loader {
 public:
  Loader(const SourceProvider& sources, Diagnostics& diagnostics)
      : sources_(sources), diagnostics_(diagnostics) {}

  ConfigNode load(const std::string& path, const SourceLocation& included_from,
                  const std::string& include_key) {
    const auto normal = std::filesystem::path(path).lexically_normal().generic_string();
    const auto identity = sources_.identity(normal);
    const auto on_stack = std::find(stack_identities_.begin(), stack_identities_.end(), identity);
    if (on_stack != stack_identities_.end()) {
      std::string cycle;
      for (auto it = stack_.begin() + (on_stack - stack_identities_.begin()); it != stack_.end();
           ++it) {
        cycle += *it + " -> ";
      }
      diagnostics_.add(included_from, include_key,
                       "expected files that do not include each other, found an include cycle: " +
                           cycle + normal);
      return {};
    }
    // Read and merged once: its content is already in the document.
    if (std::find(identities_.begin(), identities_.end(), identity) != identities_.end()) return {};
    if (!within_limits(normal, included_from, include_key)) return {};
    const auto source = sources_.read_text(normal);
    if (!source.text) {
      if (included_from.file.empty()) {
        diagnostics_.add({normal, 0, 0}, "", "cannot read the file: it " + source.problem);
      } else {
        diagnostics_.add(
            included_from, include_key,
            "expected an existing file, found \"" + normal + "\" which " + source.problem);
      }
      return {};
    }
    files_.push_back(normal);
    texts_.push_back(*source.text);
    identities_.push_back(identity);
    ConfigNode root = parse_toml(*source.text, normal, diagnostics_);
    stack_.push_back(normal);
    stack_identities_.push_back(identity);
    ConfigNode merged = resolve_includes(std::move(root), normal);
    stack_.pop_back();
    stack_identities_.pop_back();
    return merged;
  }

  std::vector<std::string> files() const { return files_; }
  std::vector<std::string> texts() const { return texts_; }

 private:
  // Depth and file count: reported once, then every further include is
  // left out (the document is already refused).
  bool within_limits(const std::string& normal, const SourceLocation& included_from,
                     const std::string& include_key) {
    if (gave_up_) return false;
    if (stack_.size() >= MAX_INCLUDE_DEPTH) {
      diagnostics_.add(included_from, include_key,
                       "expected includes nested at most " + std::to_string(MAX_INCLUDE_DEPTH) +
                           " files deep, found a deeper chain from " + stack_.front() +
                           " (here, \"" + normal + "\" would be file " +
                           std::to_string(stack_.size() + 1) + ")");
      gave_up_ = true;
      return false;
    }
    if (files_.size() >= MAX_INCLUDED_FILES) {
      diagnostics_.add(included_from, include_key,
                       "expected at most " + std::to_string(MAX_INCLUDED_FILES) +
                           " files in one scenario, found more (\"" + normal + "\" would be file " +
                           std::to_string(files_.size() + 1) + ")");
      gave_up_ = true;
      return false;
    }
    return true;
  }

  ConfigNode resolve_includes(ConfigNode root, const std::string& path) {
    ConfigNode* include = root.find("include");
    if (include == nullptr) return root;
    std::vector<const ConfigNode*> names;
    if (include->is_string()) {
      names.push_back(include);
    } else if (include->is_array()) {
      for (const auto& element : include->children) names.push_back(&element);
    } else {
      diagnostics_.add(
          include->where, "include",
          "expected a file name or an array of file names, found " + include->describe());
    }
    ConfigNode base;
    base.where = root.where;
    const auto directory = std::filesystem::path(path).parent_path();
    for (const ConfigNode* name : names) {
      if (!name->is_string()) {
        diagnostics_.add(name->where, "include", "expected a file name, found " + name->describe());
        continue;
      }
      const auto target = (directory / name->text).lexically_normal().generic_string();
      merge_over(base, load(target, name->where, "include"));
    }
    const auto index = static_cast<std::size_t>(include - root.children.data());
    root.keys.erase(root.keys.begin() + static_cast<std::ptrdiff_t>(index));
    root.children.erase(root.children.begin() + static_cast<std::ptrdiff_t>(index));
    merge_over(base, std::move(root));
    return base;
  }

  const SourceProvider& sources_;
  Diagnostics& diagnostics_;
  std::vector<std::string> stack_;             ///< the chain of includes being read
  std::vector<std::string> stack_identities_;  ///< parallel to stack_
  std::vector<std::string> files_;
  std::vector<std::string> texts_;
  std::vector<std::string> identities_;  ///< parallel to files_
  bool gave_up_ = false;
};

}  // namespace

ConfigNode parse_toml(const std::string& text, const std::string& display_path,
                      Diagnostics& diagnostics) {
  ConfigNode empty;
  empty.where = {display_path, 1, 1};
  if (!within_toml_limits(text, display_path, diagnostics)) return empty;
  try {
    const toml::table table = toml::parse(text, display_path);
    return Converter(display_path, diagnostics).convert(table, "", 0);
  } catch (const toml::parse_error& error) {
    diagnostics.add(location_of(error.source(), display_path), "",
                    "invalid TOML: " + std::string(error.description()));
    return empty;
  }
}

Document load_document(const std::string& path, const SourceProvider& sources,
                       Diagnostics& diagnostics) {
  Loader loader(sources, diagnostics);
  Document document;
  document.root = loader.load(path, {}, "");
  document.files = loader.files();
  document.texts = loader.texts();
  if (document.root.where.file.empty()) {
    document.root.where = {std::filesystem::path(path).lexically_normal().generic_string(), 1, 1};
  }
  return document;
}

}  // namespace traj
