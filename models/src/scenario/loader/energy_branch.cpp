/// The [energy_branch] section: network losses, own consumption, conversions.

#include <cmath>

#include "reader_context.hpp"
#include "sections.hpp"
#include "traj/string_distance.hpp"

namespace traj::territory::loader {
namespace {

class EnergyBranchReader {
 public:
  explicit EnergyBranchReader(ReaderContext& context) : context_(context) {}

  void read_energy_branch(TableReader branch) {
    if (!branch.valid()) return;
    read_carrier_fractions(branch.table("network_losses", false), context_.scenario.network_losses);
    TableReader own_consumption = branch.table("own_consumption", false);
    TableReader conversions = branch.table("conversions", false);
    if (context_.energy_branch_sector() == NONE) {
      // Own consumption and the conversions' fuels are counted in that sector.
      for (TableReader* table : {&own_consumption, &conversions}) {
        if (!table->valid()) continue;
        context_.diagnostics.add(
            table->where(), table->path(),
            "expected the sector \"energy_branch\" among the territory's sectors "
            "(the energy branch's own consumption and fuels are counted there), "
            "found none");
        for (const auto& key : table->keys()) table->skip(key);
      }
      branch.finish({"network_losses", "own_consumption", "conversions"});
      return;
    }
    read_carrier_fractions(own_consumption, context_.scenario.own_consumption);
    for (const auto& carrier_id : conversions.keys()) {
      TableReader table = conversions.table(carrier_id, true);
      const int carrier =
          context_.reference(conversions, carrier_id, context_.scenario.carriers, "carrier");
      if (!table.valid() || carrier == NONE) {
        for (const auto& key : table.keys()) table.skip(key);
        continue;
      }
      read_conversion(table, carrier);
    }
    branch.finish({"network_losses", "own_consumption", "conversions"});
    for (std::size_t c = 0; c < context_.scenario.carriers.size(); ++c) {
      const auto& losses = context_.scenario.network_losses[c];
      const auto& own = context_.scenario.own_consumption[c];
      if (losses.is_constant() && own.is_constant() && losses.constant + own.constant >= 0.9) {
        context_.diagnostics.add(branch.where(), "energy_branch",
                                 "expected network_losses + own_consumption < 0.9 for " +
                                     quoted(context_.scenario.carriers[c]) + ", found " +
                                     std::to_string(losses.constant + own.constant));
      }
    }
  }

 private:
  void read_carrier_fractions(TableReader table, std::vector<Quantity>& target) {
    if (!table.valid()) return;
    for (const auto& carrier_id : table.keys()) {
      const ConfigNode* node = table.get(carrier_id, true, "a fraction");
      const int carrier =
          context_.reference(table, carrier_id, context_.scenario.carriers, "carrier");
      if (carrier == NONE) continue;
      if (const auto value = context_.quantities.read(*node, table.path_of(carrier_id),
                                                      Dimension::Fraction, LOSS_RANGE)) {
        target[static_cast<std::size_t>(carrier)] = *value;
      }
    }
  }

  void read_conversion(TableReader& table, int carrier) {
    Conversion conversion;
    conversion.carrier = carrier;
    const ConfigNode* efficiency = table.get("efficiency", true, "a positive number");
    const ConfigNode* renewable = table.get("renewable_share", false, "a fraction");
    const auto renewable_source = table.identifier("renewable_source", false);
    TableReader inputs = table.table("inputs", true);
    table.finish({"efficiency", "inputs", "renewable_share", "renewable_source"});
    bool ok = true;
    if (efficiency != nullptr) {
      if (auto value = context_.quantities.read(*efficiency, table.path_of("efficiency"),
                                                Dimension::Ratio, {0.05, 10.0, "in [0.05, 10]"})) {
        conversion.efficiency = *value;
      } else {
        ok = false;
      }
    } else {
      ok = false;
    }
    conversion.renewable_share = Quantity::fixed(0.0);
    if (renewable != nullptr) {
      if (auto value = context_.quantities.read(*renewable, table.path_of("renewable_share"),
                                                Dimension::Fraction, FRACTION_RANGE)) {
        conversion.renewable_share = *value;
      }
    }
    if (renewable_source) {
      const int source = index_of(context_.source_ids(), *renewable_source);
      if (source == NONE) {
        table.report("renewable_source",
                     "expected a local production source, found " + quoted(*renewable_source) +
                         did_you_mean(*renewable_source, context_.source_ids()));
        ok = false;
      } else if (context_.scenario.sources[static_cast<std::size_t>(source)].carrier != carrier) {
        table.report("renewable_source",
                     "expected a source delivering " +
                         quoted(context_.scenario.carriers[static_cast<std::size_t>(carrier)]) +
                         ", found " + quoted(*renewable_source));
        ok = false;
      } else {
        conversion.renewable_source = source;
      }
    } else if (renewable != nullptr) {
      table.report("renewable_share",
                   "expected renewable_source beside renewable_share (the source its renewable "
                   "heat counts as), found none");
    }
    double share_sum = 0.0;
    for (const auto& input_id : inputs.keys()) {
      const ConfigNode* node = inputs.get(input_id, true, "a share");
      const int input = context_.reference(inputs, input_id, context_.scenario.carriers, "carrier");
      if (input == NONE) {
        ok = false;
        continue;
      }
      if (input == carrier) {
        inputs.report(input_id,
                      "expected fuels other than the carrier produced, found " + quoted(input_id));
        ok = false;
        continue;
      }
      const auto share = context_.quantities.read(*node, inputs.path_of(input_id),
                                                  Dimension::Fraction, FRACTION_RANGE);
      if (!share) {
        ok = false;
        continue;
      }
      if (!share->is_constant()) {
        inputs.report(input_id,
                      "expected a fixed share (shares must sum to 1), found a distribution");
        ok = false;
        continue;
      }
      share_sum += share->constant;
      conversion.input_carriers.push_back(input);
      conversion.input_shares.push_back(*share);
      context_.note_cell_use(context_.energy_branch_sector(), input, node->where,
                             inputs.path_of(input_id));
    }
    if (inputs.valid() && ok && std::abs(share_sum - 1.0) > 1e-6) {
      context_.diagnostics.add(
          inputs.where(), inputs.path(),
          "expected input shares summing to 1, found a sum of " + std::to_string(share_sum));
      ok = false;
    }
    if (inputs.valid() && conversion.input_carriers.empty() && ok) {
      context_.diagnostics.add(inputs.where(), inputs.path(),
                               "expected at least one input, found none");
      ok = false;
    }
    // Kept even when wrong (the errors stop the load anyway), so that the
    // carrier stays known as converted and no factor is asked for it.
    context_.scenario.conversions.push_back(std::move(conversion));
  }

  ReaderContext& context_;
};

}  // namespace

void read_energy_branch(ReaderContext& context, TableReader branch) {
  EnergyBranchReader(context).read_energy_branch(std::move(branch));
}

}  // namespace traj::territory::loader
