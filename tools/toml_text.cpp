#include "toml_text.hpp"

#include <charconv>
#include <cstdio>

namespace traj::cli {

std::string number_text(double value) {
  char buffer[32];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
  return std::string(buffer, end);
}

std::string toml_string(const std::string& text) {
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      quoted += '\\';
      quoted += c;
    } else if (c == '\n') {
      quoted += "\\n";
    } else if (c == '\t') {
      quoted += "\\t";
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      char escape[8];
      std::snprintf(escape, sizeof escape, "\\u%04x", static_cast<unsigned>(c));
      quoted += escape;
    } else {
      quoted += c;
    }
  }
  return quoted + "\"";
}

std::string toml_text(const ConfigNode& node) {
  switch (node.kind) {
    case ConfigNode::Kind::String:
      return toml_string(node.text);
    case ConfigNode::Kind::Integer:
      return std::to_string(node.integer);
    case ConfigNode::Kind::Float:
      return number_text(node.number);
    case ConfigNode::Kind::Boolean:
      return node.boolean ? "true" : "false";
    case ConfigNode::Kind::Array: {
      std::string text = "[";
      for (std::size_t i = 0; i < node.children.size(); ++i)
        text += (i ? ", " : "") + toml_text(node.children[i]);
      return text + "]";
    }
    case ConfigNode::Kind::Table: {
      std::string text = "{ ";
      for (std::size_t i = 0; i < node.keys.size(); ++i)
        text += (i ? ", " : "") + node.keys[i] + " = " + toml_text(node.children[i]);
      return text + (node.keys.empty() ? "}" : " }");
    }
    case ConfigNode::Kind::Other:
      break;
  }
  return "(a date or time)";
}

}  // namespace traj::cli
