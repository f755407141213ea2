// The group `inputs`: the text of every file the scenario was read from,
// each with its path and SHA-256, and the what-if edits applied on top.

#include <algorithm>
#include <array>
#include <cstdio>

#include "groups.hpp"
#include "traj/error.hpp"
#include "traj/sha256.hpp"
#include "traj/territory/results_layout.hpp"

namespace traj::territory {

using namespace results_layout;
using hdf5::Dataset;
using hdf5::Group;

namespace {
/// The datasets of the edits in `inputs`, each with its list.
template <class Edits>
auto edit_lists(Edits& edits) {
  return std::array{std::pair{input_file::EDITS_SET, &edits.sets},
                    std::pair{input_file::EDITS_SHIFT, &edits.shifts},
                    std::pair{input_file::EDITS_ACTION_OFF, &edits.actions_off},
                    std::pair{input_file::EDITS_ONLY, &edits.only}};
}
}  // namespace

Group write_inputs(Group& root, const std::vector<InputFile>& inputs, const ScenarioEdits& edits) {
  Group group = root.create_group(INPUTS);
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    char name[32];
    std::snprintf(name, sizeof name, input_file::NAME_FORMAT, i);
    Dataset text = group.create_text(name, inputs[i].text);
    text.set_attribute(input_file::PATH, inputs[i].path);
    text.set_attribute(input_file::SHA256, sha256_hex(inputs[i].text));
  }
  for (const auto& [name, values] : edit_lists(edits)) {
    if (!values->empty()) group.create_strings(name, *values);
  }
  return group;
}

namespace results {

std::vector<InputFile> read_inputs(const Group& root, const std::string& path,
                                   const std::string& main, ScenarioEdits& edits) {
  std::vector<InputFile> read;
  const Group inputs = root.open_group(INPUTS);
  for (std::size_t i = 0;; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, input_file::NAME_FORMAT, i);
    if (!inputs.has(name)) break;
    const Dataset text = inputs.open(name);
    InputFile input{text.string_attribute(input_file::PATH), text.read_text()};
    if (sha256_hex(input.text) != text.string_attribute(input_file::SHA256)) {
      throw InputError(path + ": the stored input " + input.path +
                       " does not match its SHA-256 (file damaged?)");
    }
    read.push_back(std::move(input));
  }
  if (read.empty())
    throw InputError(path + ": group inputs: expected file_000, found no input file");
  for (const auto& [name, values] : edit_lists(edits)) {
    if (inputs.has(name)) *values = inputs.open(name).read_strings();
  }
  if (std::none_of(read.begin(), read.end(),
                   [&](const InputFile& input) { return input.path == main; })) {
    throw InputError(path + ": attribute scenario: expected the path of a stored input (" +
                     read.front().path + ", …), found \"" + main + "\"");
  }
  return read;
}

}  // namespace results
}  // namespace traj::territory
