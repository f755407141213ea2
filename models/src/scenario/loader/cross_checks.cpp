/// Checks across sections, once everything is read: emission factors for every used cell, the
/// energy branch, substitution cycles.

#include "reader_context.hpp"
#include "sections.hpp"
#include "traj/territory/substitution_cycles.hpp"

namespace traj::territory::loader {
namespace {

class CrossChecker {
 public:
  explicit CrossChecker(ReaderContext& context) : context_(context) {}

  void check_emission_factors_present() {
    // Cells reached by the energy branch: own consumption.
    const int branch = context_.energy_branch_sector();
    for (std::size_t c = 0; c < context_.scenario.carriers.size(); ++c) {
      const auto& own = context_.scenario.own_consumption[c];
      if (branch != NONE && !(own.is_constant() && own.constant == 0.0)) {
        const auto cell =
            static_cast<std::size_t>(context_.scenario.cell(branch, static_cast<int>(c)));
        if (context_.scenario.in_inventory[cell]) {
          context_.diagnostics.add(
              context_.cell_used_at[cell], context_.cell_used_by[cell],
              "expected no inventory for the energy branch's own consumption of " +
                  quoted(context_.scenario.carriers[c]) +
                  " (it is computed from energy_branch.own_consumption), found one");
        }
        context_.note_cell_use(branch, static_cast<int>(c), {},
                               "energy_branch.own_consumption." + context_.scenario.carriers[c]);
      }
    }
    if (branch == NONE) {
      for (std::size_t c = 0; c < context_.scenario.carriers.size(); ++c) {
        const auto& own = context_.scenario.own_consumption[c];
        if (!(own.is_constant() && own.constant == 0.0)) {
          context_.diagnostics.add(
              {}, "energy_branch.own_consumption." + context_.scenario.carriers[c],
              "expected the sector \"energy_branch\" in the territory (own consumption is "
              "its final energy), found none");
        }
      }
    }
    for (const auto& conversion : context_.scenario.conversions) {
      for (const int input : conversion.input_carriers) {
        if (context_.scenario.conversion_of(input) != nullptr) {
          context_.diagnostics.add(
              {},
              "energy_branch.conversions." +
                  context_.scenario.carriers[static_cast<std::size_t>(conversion.carrier)] +
                  ".inputs." + context_.scenario.carriers[static_cast<std::size_t>(input)],
              "expected fuels that are not themselves converted in the territory, found " +
                  quoted(context_.scenario.carriers[static_cast<std::size_t>(input)]));
        }
      }
    }
    std::vector<bool> derived(context_.scenario.carriers.size(), false);
    for (const auto& conversion : context_.scenario.conversions) {
      derived[static_cast<std::size_t>(conversion.carrier)] = true;
      if (conversion.renewable_source != NONE) {
        for (const auto& [source, where] : context_.production_stated_at) {
          if (source == conversion.renewable_source) {
            context_.diagnostics.add(
                where,
                "inventory.local_production." +
                    context_.scenario.sources[static_cast<std::size_t>(source)].id,
                "expected no inventory for a source computed from its conversion "
                "(renewable_share), found one");
          }
        }
      }
    }
    for (const auto& stated : context_.factor_where) {
      if (derived[static_cast<std::size_t>(stated.carrier)]) {
        context_.diagnostics.add(
            stated.where, stated.path,
            "expected no emission factor for " +
                quoted(context_.scenario.carriers[static_cast<std::size_t>(stated.carrier)]) +
                " (derived from its conversion inputs), found one");
      }
    }
    const int sectors = static_cast<int>(context_.scenario.sectors.size());
    const int carriers = static_cast<int>(context_.scenario.carriers.size());
    for (int s = 0; s < sectors; ++s) {
      for (int c = 0; c < carriers; ++c) {
        const auto cell = static_cast<std::size_t>(context_.scenario.cell(s, c));
        if (context_.cell_used_by[cell].empty() || derived[static_cast<std::size_t>(c)]) continue;
        for (int species = 0; species < context_.scenario.species_count(); ++species) {
          if (context_.scenario.factor(species, s, c).present) continue;
          context_.diagnostics.add(
              context_.cell_used_at[cell],
              "emission_factors." + context_.scenario.species_name(species) + "." +
                  context_.scenario.sectors[static_cast<std::size_t>(s)] + "." +
                  context_.scenario.carriers[static_cast<std::size_t>(c)],
              "expected an emission factor for this cell (used by " + context_.cell_used_by[cell] +
                  "), found none in this sector's row or all_sectors");
        }
      }
    }
  }

  void check_substitution_cycles() {
    for (const auto& cycle : find_substitution_cycles(context_.scenario)) {
      context_.diagnostics.add(
          cycle.where, cycle.path,
          "expected carrier switches without cycles, found the cycle " + cycle.describe());
    }
  }

 private:
  ReaderContext& context_;
};

}  // namespace

void check_emission_factors_present(ReaderContext& context) {
  CrossChecker(context).check_emission_factors_present();
}

void check_substitution_cycles(ReaderContext& context) {
  CrossChecker(context).check_substitution_cycles();
}

}  // namespace traj::territory::loader
