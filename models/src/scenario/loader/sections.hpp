#pragma once
/// The readers of the sections of a scenario file (docs/scenario-format.md),
/// one file each, called in order by scenario_loader.cpp. Each reports every
/// error it finds to the context's diagnostics and fills the context's scenario.

#include <optional>
#include <string>

#include "reader_context.hpp"
#include "traj/territory/scenario_edits.hpp"

namespace traj::territory::loader {

void read_parameters(ReaderContext& context, TableReader parameters);
/// [[correlations]] between named parameters, once [parameters] is read.
void read_correlations(ReaderContext& context, const ConfigNode* node);
/// Sets context.territory_ok when the sets are usable by later sections.
void read_territory(ReaderContext& context, TableReader territory);
void read_inventory(ReaderContext& context, TableReader inventory);
void read_trends(ReaderContext& context, TableReader trends);
void read_emission_factors(ReaderContext& context, TableReader factors);
void read_energy_branch(ReaderContext& context, TableReader branch);
/// [[territories]], once the whole's inventory, trends, factors and energy
/// branch are read: fills scenario.territories (without their scenarios)
/// and context.territory_specs.
void read_territories(ReaderContext& context, const ConfigNode* node);
void read_actions(ReaderContext& context, const ConfigNode* node);
/// An action's `where` and `split` in a scenario of several territories
/// (action_territories.cpp).
void read_where_and_split(ReaderContext& context, TableReader& table, Action& action);
/// One effect of an action; nothing when it has errors (reported).
std::optional<Effect> read_effect(ReaderContext& context, const ConfigNode& node,
                                  const std::string& path);
void read_portfolios(ReaderContext& context, const ConfigNode* node);
void read_objectives(ReaderContext& context, const ConfigNode* node);
/// `--shift`, `--action-off` and `--only`, once the portfolios are read.
void apply_portfolio_edits(ReaderContext& context, const ScenarioEdits& edits);

// Checks across sections, once all are read.
void check_trends_present(ReaderContext& context);
void check_emission_factors_present(ReaderContext& context);
void check_substitution_cycles(ReaderContext& context);
/// Builds every territory as a scenario of its own, once everything is read
/// without error (territory_expansion.cpp).
void expand_territories(ReaderContext& context);

}  // namespace traj::territory::loader
