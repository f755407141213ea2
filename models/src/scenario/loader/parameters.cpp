/// The [parameters] section: named quantities any number below may refer to.

#include <algorithm>

#include "reader_context.hpp"
#include "sections.hpp"

namespace traj::territory::loader {
namespace {

class ParameterReader {
 public:
  explicit ParameterReader(ReaderContext& context) : context_(context) {}

  void read_parameters(TableReader parameters) {
    if (!parameters.valid()) return;
    for (const auto& name : parameters.keys()) {
      const ConfigNode* node = parameters.get(name, true, "a parameter table");
      if (node == nullptr) continue;
      const ConfigNode* per_territory = node->is_table() ? node->find("per_territory") : nullptr;
      if (per_territory == nullptr) {
        context_.quantities.declare_parameter(*node, name, parameters.path_of(name));
        continue;
      }
      // The rest of the table is a parameter like any other.
      ConfigNode declared = *node;
      const auto key = std::find(declared.keys.begin(), declared.keys.end(), "per_territory");
      declared.children.erase(declared.children.begin() + (key - declared.keys.begin()));
      declared.keys.erase(key);
      context_.quantities.declare_parameter(declared, name, parameters.path_of(name));
      const std::string path = parameters.path_of(name) + ".per_territory";
      if (per_territory->kind != ConfigNode::Kind::Boolean) {
        report_type(context_.diagnostics, *per_territory, path, "true or false");
      } else if (per_territory->boolean) {
        const int index = context_.scenario.parameters.find(name);
        if (index >= 0) context_.per_territory_parameters.push_back(index);
      }
    }
  }

 private:
  ReaderContext& context_;
};

}  // namespace

void read_parameters(ReaderContext& context, TableReader parameters) {
  ParameterReader(context).read_parameters(std::move(parameters));
}

}  // namespace traj::territory::loader
