// What-if edits (`--set KEY.PATH=VALUE`) applied to a document before the
// scenario reader: every form of value, addressing by id, locations, errors.
#include <catch2/catch.hpp>

#include "test_support.hpp"
#include "traj/document_edits.hpp"
#include "traj/document_loader.hpp"
#include "traj/territory/scenario_loader.hpp"

using namespace traj;

namespace {

const char* const DOCUMENT = R"(name = "Somewhere"
[[actions]]
id = "deep-renovation"
adoption = { curve = "linear", ceiling = 0.5, full_year = 2040 }
[[actions.effects]]
fraction = 0.2
[[actions.effects]]
fraction = 0.4
[[actions]]
id = "heat-pumps"
adoption = { curve = "step", ceiling = 1.0 }
[[portfolios]]
id = "plan"
actions = ["deep-renovation"]
)";

ConfigNode parsed() {
  Diagnostics diagnostics;
  ConfigNode root = parse_toml(DOCUMENT, "main.toml", diagnostics);
  REQUIRE(diagnostics.empty());
  return root;
}

/// The document after `sets`, with the diagnostics formatted one a line.
std::pair<ConfigNode, std::string> edited(const std::vector<std::string>& sets) {
  ConfigNode root = parsed();
  Diagnostics diagnostics;
  apply_assignments(root, sets, "--set", diagnostics);
  std::string messages;
  for (const auto& diagnostic : diagnostics.kept()) messages += diagnostic.format() + "\n";
  return {std::move(root), messages};
}

const ConfigNode& action(const ConfigNode& root, std::size_t index) {
  return root.find("actions")->children.at(index);
}

const ConfigNode& ceiling(const ConfigNode& root) {
  return *action(root, 0).find("adoption")->find("ceiling");
}

void check_located_at(const ConfigNode& node, const std::string& label) {
  CHECK(node.where.file == label);
  CHECK(node.where.line == 0);
  CHECK(node.where.column == 0);
  for (const auto& child : node.children) check_located_at(child, label);
}

}  // namespace

TEST_CASE("set: a number replaces the value an id addresses, located at the argument") {
  const auto [root, messages] = edited({"actions.deep-renovation.adoption.ceiling=0.6"});
  REQUIRE(messages.empty());
  const ConfigNode& value = ceiling(root);
  CHECK(value.kind == ConfigNode::Kind::Float);
  CHECK(value.number == 0.6);
  check_located_at(value, "--set #1");
  // The rest keeps its file locations.
  CHECK(action(root, 0).find("adoption")->find("full_year")->where.line == 4);
  CHECK(action(root, 1).find("adoption")->find("ceiling")->number == 1.0);
}

TEST_CASE("set: a string, an integer, an array and an inline table") {
  const auto [root, messages] =
      edited({"name = \"Elsewhere\"", "actions.heat-pumps.adoption.ceiling=1",
              "portfolios.plan.actions=[\"deep-renovation\", \"heat-pumps\"]",
              "actions.deep-renovation.adoption.ceiling={ uniform = [0.4, 0.7] }"});
  REQUIRE(messages.empty());
  CHECK(root.find("name")->text == "Elsewhere");
  CHECK(root.find("name")->where.file == "--set #1");
  const ConfigNode& integer = *action(root, 1).find("adoption")->find("ceiling");
  CHECK(integer.kind == ConfigNode::Kind::Integer);
  CHECK(integer.integer == 1);
  const ConfigNode& actions = *root.find("portfolios")->children[0].find("actions");
  REQUIRE(actions.children.size() == 2);
  CHECK(actions.children[1].text == "heat-pumps");
  check_located_at(actions, "--set #3");
  const ConfigNode& table = ceiling(root);
  REQUIRE(table.is_table());
  REQUIRE(table.keys == std::vector<std::string>{"uniform"});
  REQUIRE(table.children[0].children.size() == 2);
  CHECK(table.children[0].children[1].number == 0.7);
  check_located_at(table, "--set #4");
}

TEST_CASE("set: a whole table is replaced, not merged") {
  const auto [root, messages] =
      edited({"actions.deep-renovation.adoption={ curve = \"step\", ceiling = 0.3 }"});
  REQUIRE(messages.empty());
  const ConfigNode& adoption = *action(root, 0).find("adoption");
  CHECK(adoption.keys == std::vector<std::string>{"curve", "ceiling"});
  CHECK(adoption.find("full_year") == nullptr);
}

TEST_CASE("set: an element of an array without ids by its index") {
  const auto [root, messages] = edited({"actions.deep-renovation.effects[1].fraction=0.25"});
  REQUIRE(messages.empty());
  const ConfigNode& effects = *action(root, 0).find("effects");
  CHECK(effects.children[0].find("fraction")->number == 0.2);
  CHECK(effects.children[1].find("fraction")->number == 0.25);
}

TEST_CASE("set: a new key is inserted, with the tables it needs, located at the argument") {
  const auto [root, messages] =
      edited({"actions.heat-pumps.adoption.ceilng=0.4", "actions.heat-pumps.costs.investment=2"});
  REQUIRE(messages.empty());
  const ConfigNode& adoption = *action(root, 1).find("adoption");
  CHECK(adoption.keys == std::vector<std::string>{"curve", "ceiling", "ceilng"});
  CHECK(adoption.find("ceilng")->where.file == "--set #1");
  const ConfigNode* costs = action(root, 1).find("costs");
  REQUIRE(costs != nullptr);
  CHECK(costs->where.file == "--set #2");
  CHECK(costs->find("investment")->number == 2.0);
}

TEST_CASE("set: a later edit of the same value wins") {
  const auto [root, messages] = edited({"actions.deep-renovation.adoption.ceiling=0.6",
                                        "actions.deep-renovation.adoption.ceiling=0.7"});
  REQUIRE(messages.empty());
  CHECK(ceiling(root).number == 0.7);
  CHECK(ceiling(root).where.file == "--set #2");
}

TEST_CASE("set: an unknown id is refused with a did-you-mean, or the list of ids") {
  const auto [root, messages] =
      edited({"actions.heat-pumsp.adoption.ceiling=0.6", "actions.solar.adoption.ceiling=0.6",
              "actions.deep-renovation.adoption.ceiling=0.9"});
  CHECK(messages ==
        "--set #1: error: actions.heat-pumsp: expected the id of an element of actions, found "
        "\"heat-pumsp\" (did you mean 'heat-pumps'?)\n"
        "--set #2: error: actions.solar: expected the id of an element of actions, found "
        "\"solar\" (ids: deep-renovation, heat-pumps)\n");
  // The third one still applies; the failed ones changed nothing.
  CHECK(ceiling(root).number == 0.9);
  CHECK(action(root, 1).find("adoption")->find("ceiling")->number == 1.0);
  CHECK(root.find("actions")->children.size() == 2);
}

TEST_CASE("set: paths that lead nowhere are refused, and change nothing") {
  const auto [root, messages] =
      edited({"name.first=1", "actions.deep-renovation.effects[2].fraction=0.1",
              "portfolios.plan.actions.x=1", "actions.heat-pumps.missing[0]=1"});
  CHECK(messages ==
        "--set #1: error: name.first: expected a table or an array of tables in name to enter, "
        "found a string \"Somewhere\"\n"
        "--set #2: error: actions.deep-renovation.effects[2]: expected an index below 2 of an "
        "array, found 2\n"
        "--set #3: error: portfolios.plan.actions.x: expected [N] to enter "
        "portfolios.plan.actions (an array whose elements have no id), found \"x\"\n"
        "--set #4: error: actions.heat-pumps.missing: expected an existing array to index, "
        "found no key 'missing' in actions.heat-pumps\n");
  CHECK(root.find("name")->text == "Somewhere");
  CHECK(action(root, 1).find("missing") == nullptr);
}

TEST_CASE("set: malformed arguments name the argument and what was expected") {
  const auto [root, messages] =
      edited({"actions.deep-renovation.adoption.ceiling", "=0.6", "a..b=1", "name=", "name=Brest",
              "name=\"x\"\nother = 1", "a[x]=1"});
  CHECK(messages ==
        "--set #1: error: expected KEY.PATH=VALUE (e.g. "
        "actions.deep-renovation.adoption.ceiling=0.6), found "
        "\"actions.deep-renovation.adoption.ceiling\" without '='\n"
        "--set #2: error: expected KEY.PATH before '=' (e.g. "
        "actions.deep-renovation.adoption.ceiling=0.6), found nothing in \"=0.6\"\n"
        "--set #3: error: a..b: expected KEY.PATH made of keys, ids and [N] indices separated "
        "by single dots, found the part \"\"\n"
        "--set #4: error: name: expected a TOML value (a number, a \"quoted string\", [an "
        "array] or { an inline table }) after '=', found nothing\n"
        "--set #5: error: name: expected a TOML value (a number, a \"quoted string\", [an "
        "array] or { an inline table }) after '=', found `Brest`: invalid TOML: Error while "
        "parsing value: could not determine value type (a string needs quotes: "
        "name=\"Brest\")\n"
        "--set #6: error: name: expected one TOML value after '=', found `\"x\"\nother = 1` "
        "holding more (a line break?)\n"
        "--set #7: error: a[x]: expected KEY.PATH made of keys, ids and [N] indices separated "
        "by single dots, found the part \"a[x]\"\n");
  CHECK(root.find("name")->text == "Somewhere");
  CHECK(root.find("other") == nullptr);
}

// ---------------------------------------------------------------------------
// Through the scenario loader: the edited document is checked like a file.

namespace {

std::string load_errors(const std::vector<std::string>& sets) {
  territory::ScenarioEdits edits;
  edits.sets = sets;
  try {
    territory::load_scenario(testing::source_path("scenarios/brest-metropole.toml"),
                             DiskSourceProvider(), edits);
  } catch (const InputError& error) {
    return error.what();
  }
  return "";
}

}  // namespace

TEST_CASE("set through the loader: the value is read like the file's") {
  territory::ScenarioEdits edits;
  edits.sets = {"actions.deep-renovation.adoption.ceiling=0.625"};
  const auto scenario = territory::load_scenario(
      testing::source_path("scenarios/brest-metropole.toml"), DiskSourceProvider(), edits);
  const auto& action = scenario.actions[static_cast<std::size_t>(
      std::find_if(scenario.actions.begin(), scenario.actions.end(),
                   [](const auto& a) { return a.id == "deep-renovation"; }) -
      scenario.actions.begin())];
  REQUIRE(action.adoption.ceiling.is_constant());
  CHECK(action.adoption.ceiling.constant == 0.625);
  const auto unedited = territory::load_scenario(
      testing::source_path("scenarios/brest-metropole.toml"), DiskSourceProvider());
  CHECK(unedited.actions[0].adoption.ceiling.constant != 0.625);
}

TEST_CASE("set through the loader: the reader's errors are located at the argument") {
  CHECK(load_errors({"actions.deep-renovation.adoption.ceilng=0.6"}) ==
        "--set #1: error: actions.deep-renovation.adoption.ceilng: unknown key 'ceilng' (did you "
        "mean 'ceiling'?)\n");
  CHECK(load_errors({"actions.deep-renovation.adoption.ceiling=0.6",
                     "actions.deep-renovation.adoption.ceiling=\"high\""}) ==
        "--set #2: error: actions.deep-renovation.adoption.ceiling: expected a fraction: a "
        "number such as 0.3 or a percentage such as \"30 %\", found a string \"high\"\n");
}

TEST_CASE("set through the loader: edit errors and the reader's errors come together") {
  const std::string errors = load_errors(
      {"actions.deep-renovatoin.adoption.ceiling=0.6", "portfolios.plan.actions=[\"solar\"]"});
  CHECK_THAT(errors, Catch::Contains("--set #1: error: actions.deep-renovatoin: expected the id "
                                     "of an element of actions, found \"deep-renovatoin\" (did "
                                     "you mean 'deep-renovation'?)\n"));
  CHECK_THAT(errors, Catch::Contains("--set #2: error: portfolios.plan.actions[0]: "));
}

TEST_CASE("set: a key path is held to the document's limits on keys") {
  std::string deep = "a";
  for (std::size_t i = 1; i <= MAX_KEY_PARTS; ++i) deep += ".a";
  const auto [root, messages] =
      edited({deep + "=1", std::string(MAX_KEY_BYTES + 1, 'k') + "=1", "b.c.d=1"});
  CHECK_THAT(messages, Catch::StartsWith("--set #1: error: a.a.a"));
  CHECK_THAT(messages, Catch::Contains("--set #1: error: ") &&
                           Catch::Contains("expected KEY.PATH of at most 64 parts of at most 256 "
                                           "bytes each, found a longer one\n--set #2: error: "));
  CHECK(root.find("a") == nullptr);
  CHECK(root.find("b")->find("c")->find("d")->integer == 1);
}

TEST_CASE("set: a path refused after a missing key inserts nothing") {
  const auto [root, messages] = edited({"extra.inner[0]=1"});
  CHECK(messages ==
        "--set #1: error: extra.inner: expected an existing array to index, found no key 'inner' "
        "in extra\n");
  CHECK(root.find("extra") == nullptr);
}
