#pragma once
/// One effect of an action ([[actions.effects]], docs/scenario-format.md):
/// where it was written, and one struct per type holding that type's fields
/// only. Each type's whole life (reading, compiling to kernel steps,
/// applying to a block) is in models/src/effects/<type>.cpp.

#include <string>
#include <variant>
#include <vector>

#include "traj/error.hpp"
#include "traj/parameter.hpp"

namespace traj::territory {

inline constexpr int NONE = -1;

/// Less energy used in some cells: demand × (1 − adoption × fraction).
struct ReduceEffect {
  std::vector<int> sectors;
  std::vector<int> carriers;
  Quantity fraction;
};

/// Part of a cell's demand moved to another carrier of the same sectors.
struct SwitchEffect {
  std::vector<int> sectors;
  int from = NONE;
  int to = NONE;
  Quantity share;
  Quantity ratio;  ///< GWh of `to` per GWh of `from` moved (from_efficiency / to_efficiency)
  Quantity from_efficiency;
  Quantity to_efficiency;
  bool has_efficiencies = false;
  int ambient_heat_source = NONE;
  int local_source = NONE;
};

/// Local production of a source: capacity × yield, or energy.
struct ProduceEffect {
  int source = NONE;
  Quantity capacity;  ///< MWp
  Quantity yield;     ///< GWh/MWp
  Quantity energy;    ///< GWh
  bool by_capacity = false;
};

/// An emission factor moved to a new value, or cut by a fraction.
struct FactorEffect {
  int species = NONE;  ///< 0 = GHG, 1 + i = pollutant i
  std::vector<int> sectors;
  std::vector<int> carriers;
  Quantity new_factor;
  bool has_new_factor = false;
  Quantity fraction;  ///< relative cut, without a new factor
};

/// Non-energy emissions of some sectors cut by a fraction.
struct AbateEffect {
  int species = NONE;  ///< 0 = GHG, 1 + i = pollutant i
  std::vector<int> sectors;
  Quantity fraction;
};

/// A custom indicator changed by an absolute amount, or by a fraction.
struct IndicatorEffect {
  int indicator = NONE;
  Quantity change;
  bool has_change = false;
  Quantity fraction;  ///< relative change, without an absolute one
};

using EffectKind = std::variant<ReduceEffect, SwitchEffect, ProduceEffect, FactorEffect,
                                AbateEffect, IndicatorEffect>;

struct Effect {
  std::string path;  ///< key path, for messages and the graph
  SourceLocation where;
  EffectKind kind;

  /// The effect's fields if it is of type T, else nullptr.
  template <typename T>
  const T* as() const {
    return std::get_if<T>(&kind);
  }
};

/// Visits with one lambda per type: std::visit(Overloaded{...}, effect.kind).
template <typename... Lambdas>
struct Overloaded : Lambdas... {
  using Lambdas::operator()...;
};
template <typename... Lambdas>
Overloaded(Lambdas...) -> Overloaded<Lambdas...>;

}  // namespace traj::territory
