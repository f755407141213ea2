// The only translation unit that includes toml++: everything else reads
// ConfigNode trees.
#include <toml++/toml.h>
#include <algorithm>
#include <filesystem>
#include <numeric>

#include "traj/document_loader.hpp"

namespace traj {
namespace {

SourceLocation location_of(const toml::source_region& region, const std::string& file) {
  return {file, static_cast<int>(region.begin.line), static_cast<int>(region.begin.column)};
}

ConfigNode convert(const toml::node& node, const std::string& file) {
  ConfigNode result;
  result.where = location_of(node.source(), file);
  switch (node.type()) {
    case toml::node_type::table: {
      result.kind = ConfigNode::Kind::Table;
      struct Entry {
        SourceLocation key_where;
        std::string key;
        ConfigNode value;
      };
      std::vector<Entry> entries;
      for (auto&& [key, value] : *node.as_table()) {
        entries.push_back(
            {location_of(key.source(), file), std::string(key.str()), convert(value, file)});
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
      break;
    }
    case toml::node_type::array:
      result.kind = ConfigNode::Kind::Array;
      for (const auto& element : *node.as_array())
        result.children.push_back(convert(element, file));
      break;
    case toml::node_type::string:
      result.kind = ConfigNode::Kind::String;
      result.text = node.as_string()->get();
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
    if (std::find(stack_.begin(), stack_.end(), normal) != stack_.end()) {
      std::string cycle;
      for (auto it = std::find(stack_.begin(), stack_.end(), normal); it != stack_.end(); ++it) {
        cycle += *it + " -> ";
      }
      diagnostics_.add(included_from, include_key,
                       "expected files that do not include each other, found an include cycle: " +
                           cycle + normal);
      return {};
    }
    const auto text = sources_.read(normal);
    if (!text) {
      if (included_from.file.empty()) {
        diagnostics_.add({normal, 0, 0}, "", "cannot read the file (does it exist?)");
      } else {
        diagnostics_.add(
            included_from, include_key,
            "expected an existing file, found \"" + normal + "\" which cannot be read");
      }
      return {};
    }
    files_.push_back(normal);
    ConfigNode root = parse_toml(*text, normal, diagnostics_);
    stack_.push_back(normal);
    ConfigNode merged = resolve_includes(std::move(root), normal);
    stack_.pop_back();
    return merged;
  }

  std::vector<std::string> files() const { return files_; }

 private:
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
  std::vector<std::string> stack_;
  std::vector<std::string> files_;
};

}  // namespace

ConfigNode parse_toml(const std::string& text, const std::string& display_path,
                      Diagnostics& diagnostics) {
  try {
    const toml::table table = toml::parse(text, display_path);
    return convert(table, display_path);
  } catch (const toml::parse_error& error) {
    diagnostics.add(location_of(error.source(), display_path), "",
                    "invalid TOML: " + std::string(error.description()));
    ConfigNode empty;
    empty.where = {display_path, 1, 1};
    return empty;
  }
}

Document load_document(const std::string& path, const SourceProvider& sources,
                       Diagnostics& diagnostics) {
  Loader loader(sources, diagnostics);
  Document document;
  document.root = loader.load(path, {}, "");
  document.files = loader.files();
  if (document.root.where.file.empty()) {
    document.root.where = {std::filesystem::path(path).lexically_normal().generic_string(), 1, 1};
  }
  return document;
}

}  // namespace traj
