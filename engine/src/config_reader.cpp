#include "traj/config_reader.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdlib>
#include <sstream>

#include "reader_wording.hpp"
#include "traj/string_distance.hpp"
#include "traj/text_checks.hpp"

namespace traj {
using detail::format_number;
using detail::single_precision_wording;

namespace {

const std::vector<std::string> NO_KEYS;

}  // namespace

namespace detail {

std::string format_number(double value) {
  std::ostringstream text;
  text << value;
  return text.str();
}

std::string single_precision_wording(std::string_view symbol) {
  // Appended piece by piece: GCC 12 warns (-Wrestrict) on " " + std::string.
  std::string unit;
  if (!symbol.empty()) unit.append(" ").append(symbol);
  std::string wording = "a number the single-precision kernel represents (0, or a magnitude from ";
  wording.append(format_number(FLT_MIN)).append(unit).append(" to ");
  wording.append(format_number(FLT_MAX)).append(unit).append(")");
  return wording;
}

}  // namespace detail

bool is_single_precision(double value) {
  const double magnitude = std::fabs(value);
  return magnitude == 0.0 || (magnitude >= FLT_MIN && magnitude <= FLT_MAX);
}

std::string join_path(std::string_view parent, std::string_view key) {
  if (parent.empty()) return std::string(key);
  if (!key.empty() && key.front() == '[') return std::string(parent) + std::string(key);
  return std::string(parent) + '.' + std::string(key);
}

bool is_identifier(std::string_view text) {
  if (text.empty()) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

void report_type(Diagnostics& diagnostics, const ConfigNode& node, const std::string& path,
                 std::string_view expected) {
  diagnostics.add(node.where, path,
                  "expected " + std::string(expected) + ", found " + node.describe());
}

TableReader::TableReader(const ConfigNode* node, std::string path, Diagnostics& diagnostics)
    : node_(node), path_(std::move(path)), diagnostics_(diagnostics) {
  if (node_ != nullptr && !node_->is_table()) {
    report_type(diagnostics_, *node_, path_, "a table");
    node_ = nullptr;
  }
}

const SourceLocation& TableReader::where() const {
  static const SourceLocation nowhere;
  return node_ != nullptr ? node_->where : nowhere;
}

const std::vector<std::string>& TableReader::keys() const {
  return node_ != nullptr ? node_->keys : NO_KEYS;
}

const ConfigNode* TableReader::get(std::string_view key, bool required, std::string_view expected) {
  read_.emplace_back(key);
  const ConfigNode* value = node_ != nullptr ? node_->find(key) : nullptr;
  if (value == nullptr && required && node_ != nullptr) {
    diagnostics_.add(node_->where, path_of(key),
                     "expected " + std::string(expected) + " (required key), found no such key");
  }
  return value;
}

void TableReader::skip(std::string_view key) {
  read_.emplace_back(key);
}

void TableReader::report(std::string_view key, std::string message) {
  const ConfigNode* value = node_ != nullptr ? node_->find(key) : nullptr;
  diagnostics_.add(value != nullptr ? value->where : where(), path_of(key), std::move(message));
}

std::optional<std::string> TableReader::string(std::string_view key, bool required) {
  const ConfigNode* value = get(key, required, "a string");
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) {
    report_type(diagnostics_, *value, path_of(key), "a string");
    return std::nullopt;
  }
  // The document loader refused every other control character already.
  if (const auto control = find_control_character(value->text, false)) {
    diagnostics_.add(value->where, path_of(key),
                     "expected a string on one line, without tabs, found " + control->describe());
    return std::nullopt;
  }
  return value->text;
}

std::optional<std::string> TableReader::text(std::string_view key, bool required) {
  const ConfigNode* value = get(key, required, "a string");
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) {
    report_type(diagnostics_, *value, path_of(key), "a string");
    return std::nullopt;
  }
  return value->text;
}

std::optional<std::string> TableReader::identifier(std::string_view key, bool required) {
  const ConfigNode* value = get(key, required, "an identifier");
  if (value == nullptr) return std::nullopt;
  if (!value->is_string() || !is_identifier(value->text)) {
    report_type(diagnostics_, *value, path_of(key),
                "an identifier (letters, digits, '_' and '-', no spaces or dots)");
    return std::nullopt;
  }
  return value->text;
}

std::optional<double> TableReader::number(std::string_view key, bool required,
                                          const ValueRange& range) {
  const auto value = unscaled_number(key, required, range);
  if (value && !is_single_precision(*value)) {
    report(key, "expected " + single_precision_wording("") + ", found " + format_number(*value));
    return std::nullopt;
  }
  return value;
}

std::optional<double> TableReader::unscaled_number(std::string_view key, bool required,
                                                   const ValueRange& range) {
  const ConfigNode* value = get(key, required, "a number");
  if (value == nullptr) return std::nullopt;
  if (!value->is_number()) {
    report_type(diagnostics_, *value, path_of(key), "a number");
    return std::nullopt;
  }
  if (!std::isfinite(value->number)) {
    report_type(diagnostics_, *value, path_of(key), "a finite number");
    return std::nullopt;
  }
  if (!range.contains(value->number)) {
    diagnostics_.add(value->where, path_of(key),
                     "expected a number " + std::string(range.wording) + ", found " +
                         format_number(value->number));
    return std::nullopt;
  }
  return value->number;
}

std::optional<long> TableReader::integer(std::string_view key, bool required, long min, long max,
                                         std::string_view wording) {
  const ConfigNode* value = get(key, required, wording);
  if (value == nullptr) return std::nullopt;
  if (value->kind != ConfigNode::Kind::Integer || value->integer < min || value->integer > max) {
    report_type(diagnostics_, *value, path_of(key), wording);
    return std::nullopt;
  }
  return static_cast<long>(value->integer);
}

std::optional<bool> TableReader::boolean(std::string_view key, bool required) {
  const ConfigNode* value = get(key, required, "true or false");
  if (value == nullptr) return std::nullopt;
  if (value->kind != ConfigNode::Kind::Boolean) {
    report_type(diagnostics_, *value, path_of(key), "true or false");
    return std::nullopt;
  }
  return value->boolean;
}

std::optional<std::vector<std::string>> TableReader::strings(std::string_view key, bool required) {
  const ConfigNode* value = get(key, required, "an array of strings");
  if (value == nullptr) return std::nullopt;
  if (value->is_string()) {
    const auto single = string(key, required);
    if (!single) return std::nullopt;
    return std::vector<std::string>{*single};
  }
  if (!value->is_array()) {
    report_type(diagnostics_, *value, path_of(key), "an array of strings");
    return std::nullopt;
  }
  std::vector<std::string> result;
  bool ok = true;
  for (std::size_t i = 0; i < value->children.size(); ++i) {
    const auto& element = value->children[i];
    const std::string element_path = path_of(key) + '[' + std::to_string(i) + ']';
    if (!element.is_string()) {
      report_type(diagnostics_, element, element_path, "a string");
      ok = false;
    } else if (const auto control = find_control_character(element.text, false)) {
      diagnostics_.add(element.where, element_path,
                       "expected a string on one line, without tabs, found " + control->describe());
      ok = false;
    } else {
      result.push_back(element.text);
    }
  }
  if (!ok) return std::nullopt;
  return result;
}

TableReader TableReader::table(std::string_view key, bool required) {
  const ConfigNode* value = get(key, required, "a table");
  return TableReader(value, path_of(key), diagnostics_);
}

void TableReader::finish(const std::vector<std::string>& known_keys) {
  if (node_ == nullptr) return;
  for (std::size_t i = 0; i < node_->keys.size(); ++i) {
    const auto& key = node_->keys[i];
    if (std::find(read_.begin(), read_.end(), key) != read_.end()) continue;
    std::string message = "unknown key '" + key + "'";
    const std::string suggestion = did_you_mean(key, known_keys);
    if (!suggestion.empty()) {
      message += suggestion;
    } else if (!known_keys.empty()) {
      message += " (expected one of:";
      for (std::size_t k = 0; k < known_keys.size(); ++k) {
        message += (k == 0 ? " " : ", ") + known_keys[k];
      }
      message += ')';
    }
    diagnostics_.add(
        node_->where.file.empty() ? node_->children[i].where : node_->children[i].where,
        path_of(key), message);
  }
}

}  // namespace traj
