/// One [[actions.effects]] table: its type, then that type's keys, read by
/// effects/<type>.cpp.

#include <array>

#include "effect_table.hpp"
#include "sections.hpp"
#include "traj/string_distance.hpp"

namespace traj::territory::loader {

EffectTable::EffectTable(ReaderContext& reading, const ConfigNode& of, const std::string& at)
    : context(reading), node(of), path(at), table(&of, at, reading.diagnostics) {}

bool EffectTable::has(std::string_view key) const {
  return contains(table.keys(), std::string(key));
}

void EffectTable::know(std::initializer_list<const char*> keys) {
  known.insert(known.end(), keys.begin(), keys.end());
}

std::optional<Quantity> EffectTable::quantity(std::string_view key, Dimension dimension,
                                              const ValueRange& range, bool required) {
  known.emplace_back(key);
  const ConfigNode* value = table.get(key, required, describe(dimension));
  if (value == nullptr) return std::nullopt;
  return context.quantities.read(*value, table.path_of(key), dimension, range);
}

bool EffectTable::exclusive(const char* first, const char* second) {
  if (has(first) && has(second)) {
    table.report(second,
                 std::string("expected either ") + first + " or " + second + ", found both");
    table.skip(second);
    return true;
  }
  return false;
}

std::vector<int> EffectTable::sectors() {
  return context.read_references(table, "sectors", context.scenario.sectors, "sector", true);
}

int EffectTable::species() {
  return context
      .read_reference(table, "species", context.species_names(), "species (ghg or a pollutant)")
      .value_or(NONE);
}

std::vector<int> EffectTable::all_carriers() const {
  std::vector<int> carriers;
  for (int c = 0; c < static_cast<int>(context.scenario.carriers.size()); ++c)
    carriers.push_back(c);
  return carriers;
}

std::vector<int> EffectTable::stated_factor_carriers() const {
  std::vector<int> carriers;
  for (int c = 0; c < static_cast<int>(context.scenario.carriers.size()); ++c) {
    if (context.scenario.conversion_of(c) == nullptr) carriers.push_back(c);
  }
  return carriers;
}

namespace {

struct EffectTypeReader {
  const char* name;
  EffectKind (*read)(EffectTable&);
};

// In the order the format's reference lists them.
constexpr std::array<EffectTypeReader, 6> EFFECT_TYPES{{
    {"reduce", [](EffectTable& effect) -> EffectKind { return effects::read_reduce(effect); }},
    {"switch", [](EffectTable& effect) -> EffectKind { return effects::read_switch(effect); }},
    {"produce", [](EffectTable& effect) -> EffectKind { return effects::read_produce(effect); }},
    {"abate", [](EffectTable& effect) -> EffectKind { return effects::read_abate(effect); }},
    {"factor", [](EffectTable& effect) -> EffectKind { return effects::read_factor(effect); }},
    {"indicator",
     [](EffectTable& effect) -> EffectKind { return effects::read_indicator(effect); }},
}};

}  // namespace

std::optional<Effect> read_effect(ReaderContext& context, const ConfigNode& node,
                                  const std::string& path) {
  EffectTable effect(context, node, path);
  if (!effect.table.valid()) return std::nullopt;
  const auto skip_all = [&effect] {
    for (const auto& key : effect.table.keys()) effect.table.skip(key);
  };
  const auto type = effect.table.string("type", true);
  if (!type) {
    skip_all();
    return std::nullopt;
  }
  const std::size_t errors_before = context.diagnostics.total();
  effect.known = {"type", "description", "source"};
  effect.table.skip("description");
  effect.table.skip("source");
  const auto reader = std::find_if(EFFECT_TYPES.begin(), EFFECT_TYPES.end(),
                                   [&](const EffectTypeReader& of) { return *type == of.name; });
  if (reader == EFFECT_TYPES.end()) {
    std::vector<std::string> names;
    std::string listed;
    for (const auto& of : EFFECT_TYPES) {
      names.emplace_back(of.name);
      listed += (listed.empty() ? "" : ", ") + names.back();
    }
    effect.table.report("type", "expected one of " + listed + ", found " + quoted(*type) +
                                    did_you_mean(*type, names));
    skip_all();
    return std::nullopt;
  }
  Effect read{path, node.where, reader->read(effect)};
  effect.table.finish(effect.known);
  if (context.diagnostics.total() != errors_before) return std::nullopt;
  return read;
}

}  // namespace traj::territory::loader
