/// Builds each territory of a scenario that holds several as a scenario of
/// its own (Territory::scenario): the whole's sets, factors, energy branch
/// and parameters; its inventory (its own, or its shares of the whole's)
/// and trends; every action of the whole, acting only where its `where`
/// says, with its absolute sizes and costs split to the territory.

#include "reader_context.hpp"
#include "sections.hpp"

namespace traj::territory::loader {
namespace {

Quantity scaled(Quantity quantity, double factor) {
  quantity.constant *= factor;
  quantity.scale *= factor;
  return quantity;
}

double central(const Quantity& quantity, const ParameterSet& parameters) {
  if (quantity.is_constant()) return quantity.constant;
  return parameters[static_cast<std::size_t>(quantity.parameter)].distribution.central() *
         quantity.scale;
}

template <typename Visit>
void for_each_quantity(Effect& effect, Visit&& visit) {
  std::visit(Overloaded{
                 [&](ReduceEffect& reduce) { visit(reduce.fraction); },
                 [&](SwitchEffect& move) {
                   for (Quantity* q :
                        {&move.share, &move.ratio, &move.from_efficiency, &move.to_efficiency})
                     visit(*q);
                 },
                 [&](ProduceEffect& produce) {
                   for (Quantity* q : {&produce.capacity, &produce.yield, &produce.energy})
                     visit(*q);
                 },
                 [&](FactorEffect& factor) {
                   visit(factor.new_factor);
                   visit(factor.fraction);
                 },
                 [&](AbateEffect& abate) { visit(abate.fraction); },
                 [&](IndicatorEffect& indicator) {
                   visit(indicator.change);
                   visit(indicator.fraction);
                 },
             },
             effect.kind);
}

/// Every number of a scenario that may name a parameter.
template <typename Visit>
void for_each_quantity(Scenario& scenario, Visit&& visit) {
  for (auto* list :
       {&scenario.final_energy, &scenario.local_production, &scenario.non_energy_emissions,
        &scenario.activity_growth, &scenario.autonomous_efficiency, &scenario.network_losses,
        &scenario.own_consumption}) {
    for (Quantity& quantity : *list) visit(quantity);
  }
  for (EmissionFactor& factor : scenario.emission_factors) visit(factor.constant);
  visit(scenario.discount_rate);
  for (Conversion& conversion : scenario.conversions) {
    visit(conversion.efficiency);
    visit(conversion.renewable_share);
    for (Quantity& share : conversion.input_shares) visit(share);
  }
  for (CustomIndicator& indicator : scenario.indicators) {
    visit(indicator.base);
    visit(indicator.growth);
  }
  for (Action& action : scenario.actions) {
    Adoption& adoption = action.adoption;
    for (Quantity* q : {&adoption.start, &adoption.full_year, &adoption.midpoint,
                        &adoption.steepness, &adoption.ceiling})
      visit(*q);
    visit(action.costs.investment);
    visit(action.costs.operating);
    for (Effect& effect : action.effects) for_each_quantity(effect, visit);
  }
  for (Portfolio& portfolio : scenario.portfolios) {
    for (AdoptionOverride& change : portfolio.overrides) {
      for (auto* q : {&change.ceiling, &change.start, &change.full_year, &change.midpoint,
                      &change.steepness}) {
        if (*q) visit(**q);
      }
    }
  }
}

bool acts_in(const Action& action, int territory) {
  return action.where.empty() ||
         std::find(action.where.begin(), action.where.end(), territory) != action.where.end();
}

/// The action as it acts in one territory: nothing outside its `where`;
/// inside, its absolute sizes and costs times the territory's share.
void scope_action(Action& action, int territory) {
  if (!acts_in(action, territory)) {
    action.effects.clear();
    action.costs = Costs{};
    return;
  }
  const double share = action.territory_share[static_cast<std::size_t>(territory)];
  action.costs.investment = scaled(action.costs.investment, share);
  action.costs.operating = scaled(action.costs.operating, share);
  for (Effect& effect : action.effects) {
    if (auto* produce = std::get_if<ProduceEffect>(&effect.kind)) {
      if (produce->by_capacity) {
        produce->capacity = scaled(produce->capacity, share);
      } else {
        produce->energy = scaled(produce->energy, share);
      }
    } else if (auto* indicator = std::get_if<IndicatorEffect>(&effect.kind)) {
      if (indicator->has_change) indicator->change = scaled(indicator->change, share);
    }
  }
}

class TerritoryBuilder {
 public:
  explicit TerritoryBuilder(ReaderContext& context) : context_(context), whole_(context.scenario) {}

  void build() {
    if (whole_.territories.empty()) {
      for (const int p : context_.per_territory_parameters) {
        const Parameter& parameter = whole_.parameters[static_cast<std::size_t>(p)];
        context_.diagnostics.add(parameter.where, "parameters." + parameter.name + ".per_territory",
                                 "expected [[territories]] in the scenario (a parameter drawn per "
                                 "territory), found none");
      }
      return;
    }
    if (!per_territory_parameters_uncorrelated()) return;
    if (!context_.inventory_stated) sum_inventories();
    std::vector<std::shared_ptr<Scenario>> parts;
    for (std::size_t t = 0; t < whole_.territories.size(); ++t)
      parts.push_back(build_territory(static_cast<int>(t)));
    draw_per_territory(parts);
    for (std::size_t t = 0; t < parts.size(); ++t) {
      parts[t]->parameters = whole_.parameters;
      whole_.territories[t].scenario = std::move(parts[t]);
    }
  }

 private:
  bool per_territory_parameters_uncorrelated() {
    for (const int p : context_.per_territory_parameters) {
      if (whole_.parameters.group_of(static_cast<std::size_t>(p)) == nullptr) continue;
      const Parameter& parameter = whole_.parameters[static_cast<std::size_t>(p)];
      context_.diagnostics.add(parameter.where, "parameters." + parameter.name + ".per_territory",
                               "expected a parameter without [[correlations]] (a correlated "
                               "parameter cannot yet be drawn per territory), found one in a "
                               "correlation");
      return false;
    }
    return true;
  }

  /// One parameter `<name>@<territory>` for each territory that uses a
  /// per-territory parameter: a name of its own gives it a random stream of
  /// its own. The declared parameter becomes the first user's, so that no
  /// parameter is left that nothing uses; territories that do not use it
  /// (outside every `where` of its actions) get none.
  void draw_per_territory(std::vector<std::shared_ptr<Scenario>>& parts) {
    for (const int p : context_.per_territory_parameters) {
      std::vector<std::size_t> users;
      for (std::size_t t = 0; t < parts.size(); ++t) {
        bool uses = false;
        for_each_quantity(*parts[t],
                          [&](Quantity& quantity) { uses = uses || quantity.parameter == p; });
        if (uses) users.push_back(t);
      }
      if (users.empty()) continue;
      const std::string name = whole_.parameters[static_cast<std::size_t>(p)].name;
      for (std::size_t u = 1; u < users.size(); ++u) {
        Parameter copy = whole_.parameters[static_cast<std::size_t>(p)];
        copy.name = name + "@" + whole_.territories[users[u]].id;
        const int index = whole_.parameters.add(std::move(copy));
        for_each_quantity(*parts[users[u]], [&](Quantity& quantity) {
          if (quantity.parameter == p) quantity.parameter = index;
        });
      }
      whole_.parameters.rename(static_cast<std::size_t>(p),
                               name + "@" + whole_.territories[users.front()].id);
    }
  }

  /// Without a whole's [inventory] (every territory states its own), the
  /// whole's base year shown by `scenario show` and the graph: the sum of
  /// the territories' central values.
  void sum_inventories() {
    const ParameterSet& parameters = whole_.parameters;
    auto sum = [&](std::vector<Quantity>& target, auto member) {
      for (std::size_t i = 0; i < target.size(); ++i) {
        double total = 0.0;
        for (const TerritorySpec& spec : context_.territory_specs)
          total += central((spec.*member)[i], parameters);
        target[i] = Quantity::fixed(total);
      }
    };
    sum(whole_.final_energy, &TerritorySpec::final_energy);
    sum(whole_.local_production, &TerritorySpec::local_production);
    sum(whole_.non_energy_emissions, &TerritorySpec::non_energy_emissions);
    for (std::size_t cell = 0; cell < whole_.in_inventory.size(); ++cell) {
      bool any = false;
      for (const TerritorySpec& spec : context_.territory_specs)
        any = any || spec.in_inventory[cell];
      whole_.in_inventory[cell] = any;
    }
  }

  std::shared_ptr<Scenario> build_territory(int t) {
    const Territory& territory = whole_.territories[static_cast<std::size_t>(t)];
    const TerritorySpec& spec = context_.territory_specs[static_cast<std::size_t>(t)];
    auto part = std::make_shared<Scenario>(whole_);
    part->territories.clear();
    part->objectives.clear();
    part->name = territory.name;
    part->population = territory.population;
    const std::size_t sectors = whole_.sectors.size();
    if (spec.own_inventory) {
      part->final_energy = spec.final_energy;
      part->in_inventory = spec.in_inventory;
      part->local_production = spec.local_production;
      part->non_energy_emissions = spec.non_energy_emissions;
    } else {
      for (std::size_t s = 0; s < sectors; ++s) {
        for (std::size_t c = 0; c < whole_.carriers.size(); ++c) {
          Quantity& cell = part->final_energy[s * whole_.carriers.size() + c];
          cell = scaled(cell, spec.sector_share[s]);
        }
        for (int species = 0; species < whole_.species_count(); ++species) {
          Quantity& emission =
              part->non_energy_emissions[static_cast<std::size_t>(species) * sectors + s];
          emission = scaled(emission, spec.sector_share[s]);
        }
      }
      for (Quantity& production : part->local_production)
        production = scaled(production, spec.production_share);
    }
    for (CustomIndicator& indicator : part->indicators)
      indicator.base = scaled(indicator.base, spec.indicator_share);
    part->activity_growth = spec.activity_growth;
    part->autonomous_efficiency = spec.autonomous_efficiency;
    for (Action& action : part->actions) scope_action(action, t);
    return part;
  }

  ReaderContext& context_;
  Scenario& whole_;
};

}  // namespace

void expand_territories(ReaderContext& context) {
  TerritoryBuilder(context).build();
}

}  // namespace traj::territory::loader
