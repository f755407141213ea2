#include "traj/config_node.hpp"

#include <sstream>

namespace traj {

const ConfigNode* ConfigNode::find(std::string_view key) const {
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (keys[i] == key) return &children[i];
  }
  return nullptr;
}

ConfigNode* ConfigNode::find(std::string_view key) {
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (keys[i] == key) return &children[i];
  }
  return nullptr;
}

std::string_view kind_name(ConfigNode::Kind kind) {
  switch (kind) {
    case ConfigNode::Kind::Table:
      return "a table";
    case ConfigNode::Kind::Array:
      return "an array";
    case ConfigNode::Kind::String:
      return "a string";
    case ConfigNode::Kind::Integer:
      return "an integer";
    case ConfigNode::Kind::Float:
      return "a float";
    case ConfigNode::Kind::Boolean:
      return "a boolean";
    case ConfigNode::Kind::Other:
      return "a date or time";
  }
  return "a value";
}

std::string ConfigNode::describe() const {
  std::ostringstream out;
  out << kind_name(kind);
  switch (kind) {
    case Kind::String:
      out << " \"" << text << '"';
      break;
    case Kind::Integer:
      out << ' ' << integer;
      break;
    case Kind::Float:
      out << ' ' << number;
      break;
    case Kind::Boolean:
      out << (boolean ? " true" : " false");
      break;
    default:
      break;
  }
  return out.str();
}

}  // namespace traj
