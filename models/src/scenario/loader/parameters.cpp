/// The [parameters] section: named quantities any number below may refer to.

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
      if (node != nullptr)
        context_.quantities.declare_parameter(*node, name, parameters.path_of(name));
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
