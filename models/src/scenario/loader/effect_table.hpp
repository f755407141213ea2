#pragma once
/// One [[actions.effects]] table being read: what every effect type's reader
/// (effects/<type>.cpp) shares. The keys a reader reads are collected in
/// `known`, so that read_effect (effects.cpp) reports any other key.

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reader_context.hpp"

namespace traj::territory::loader {

class EffectTable {
 public:
  EffectTable(ReaderContext& context, const ConfigNode& node, const std::string& path);

  /// Whether the table has `key`.
  bool has(std::string_view key) const;
  /// Marks keys as read (finish() reports no error for them).
  void know(std::initializer_list<const char*> keys);
  /// A quantity of `dimension` in `range` at `key`, marked as read.
  std::optional<Quantity> quantity(std::string_view key, Dimension dimension,
                                   const ValueRange& range, bool required);
  /// Two ways of saying one thing: takes neither silently (reports `second`).
  bool exclusive(const char* first, const char* second);
  /// The sectors at `sectors` (required), as indices.
  std::vector<int> sectors();
  /// The species at `species`: 0 for ghg, 1 + i for pollutant i; NONE if wrong.
  int species();
  std::vector<int> all_carriers() const;
  /// Carriers with a stated factor: all but those produced by a conversion.
  std::vector<int> stated_factor_carriers() const;

  ReaderContext& context;
  const ConfigNode& node;
  const std::string& path;
  TableReader table;
  std::vector<std::string> known;
};

}  // namespace traj::territory::loader

namespace traj::territory::effects {

// Each type's keys (effects/<type>.cpp); every error goes to the context's
// diagnostics, and read_effect drops an effect with any.
ReduceEffect read_reduce(loader::EffectTable& effect);
SwitchEffect read_switch(loader::EffectTable& effect);
ProduceEffect read_produce(loader::EffectTable& effect);
FactorEffect read_factor(loader::EffectTable& effect);
AbateEffect read_abate(loader::EffectTable& effect);
IndicatorEffect read_indicator(loader::EffectTable& effect);

}  // namespace traj::territory::effects
