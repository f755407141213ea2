/// One [[actions.effects]] table: its type and that type's fields.

#include "reader_context.hpp"
#include "sections.hpp"
#include "traj/string_distance.hpp"

namespace traj::territory::loader {
namespace {

/// Reads one effect table: the keys its type reads are collected in known_,
/// so that finish() reports any other key.
class EffectReader {
 public:
  EffectReader(ReaderContext& context, const ConfigNode& node, const std::string& path)
      : context_(context), node_(node), path_(path), table_(&node, path, context.diagnostics) {}

  std::optional<Effect> read_effect() {
    if (!table_.valid()) return std::nullopt;
    const auto type = table_.string("type", true);
    if (!type) {
      for (const auto& key : table_.keys()) table_.skip(key);
      return std::nullopt;
    }
    effect_.path = path_;
    effect_.where = node_.where;
    const std::size_t errors_before = context_.diagnostics.total();
    known_ = {"type", "description", "source"};
    table_.skip("description");
    table_.skip("source");
    if (*type == "reduce") {
      read_reduce();
    } else if (*type == "switch") {
      read_switch();
    } else if (*type == "produce") {
      read_produce();
    } else if (*type == "factor" || *type == "abate") {
      read_factor_or_abate(*type == "factor");
    } else if (*type == "indicator") {
      read_indicator();
    } else {
      table_.report(
          "type",
          "expected one of reduce, switch, produce, abate, factor, indicator, found " +
              quoted(*type) +
              did_you_mean(*type, std::vector<std::string>{"reduce", "switch", "produce", "abate",
                                                           "factor", "indicator"}));
      for (const auto& key : table_.keys()) table_.skip(key);
      return std::nullopt;
    }
    table_.finish(known_);
    if (context_.diagnostics.total() != errors_before) return std::nullopt;
    return effect_;
  }

 private:
  std::optional<Quantity> quantity(std::string_view key, Dimension dimension,
                                   const ValueRange& range, bool required) {
    known_.emplace_back(key);
    const ConfigNode* value = table_.get(key, required, describe(dimension));
    if (value == nullptr) return std::nullopt;
    return context_.quantities.read(*value, table_.path_of(key), dimension, range);
  }
  // Two ways of saying one thing: take neither silently.
  bool exclusive(const char* first, const char* second) {
    if (contains(table_.keys(), std::string(first)) &&
        contains(table_.keys(), std::string(second))) {
      table_.report(second,
                    std::string("expected either ") + first + " or " + second + ", found both");
      table_.skip(second);
      return true;
    }
    return false;
  }
  std::vector<int> all_carriers() const {
    std::vector<int> carriers;
    for (int c = 0; c < static_cast<int>(context_.scenario.carriers.size()); ++c)
      carriers.push_back(c);
    return carriers;
  }
  // Carriers with a stated factor: all but those produced by a conversion.
  std::vector<int> stated_factor_carriers() const {
    std::vector<int> carriers;
    for (int c = 0; c < static_cast<int>(context_.scenario.carriers.size()); ++c) {
      if (context_.scenario.conversion_of(c) == nullptr) carriers.push_back(c);
    }
    return carriers;
  }

  void read_reduce() {
    effect_.type = EffectType::Reduce;
    known_.insert(known_.end(), {"sectors", "carriers"});
    effect_.sectors =
        context_.read_references(table_, "sectors", context_.scenario.sectors, "sector", true);
    effect_.carriers = contains(table_.keys(), std::string("carriers"))
                           ? context_.read_references(table_, "carriers",
                                                      context_.scenario.carriers, "carrier", true)
                           : all_carriers();
    if (auto value = quantity("fraction", Dimension::Fraction, FRACTION_RANGE, true)) {
      effect_.fraction = *value;
    }
  }

  void read_switch() {
    effect_.type = EffectType::Switch;
    known_.insert(known_.end(), {"sectors", "from", "to", "ambient_heat_source", "local_source"});
    effect_.sectors =
        context_.read_references(table_, "sectors", context_.scenario.sectors, "sector", true);
    effect_.from =
        context_
            .read_reference(table_, "from", context_.scenario.carriers, "carrier of the territory")
            .value_or(NONE);
    effect_.to =
        context_
            .read_reference(table_, "to", context_.scenario.carriers, "carrier of the territory")
            .value_or(NONE);
    if (effect_.from != NONE && effect_.from == effect_.to) {
      table_.report("to",
                    "expected a carrier other than from, found the same " +
                        quoted(context_.scenario.carriers[static_cast<std::size_t>(effect_.to)]));
    }
    if (auto value = quantity("share", Dimension::Fraction, FRACTION_RANGE, true))
      effect_.share = *value;
    const bool has_ratio = contains(table_.keys(), std::string("ratio"));
    if (has_ratio) {
      exclusive("ratio", "from_efficiency");
      exclusive("ratio", "to_efficiency");
    }
    constexpr ValueRange EFFICIENCY{0.05, 10.0, "in [0.05, 10]"};
    if (has_ratio) {
      if (auto value = quantity("ratio", Dimension::Ratio, {0.01, 10.0, "in [0.01, 10]"}, true)) {
        effect_.ratio = *value;
      }
    } else {
      const auto from_efficiency = quantity("from_efficiency", Dimension::Ratio, EFFICIENCY, true);
      const auto to_efficiency = quantity("to_efficiency", Dimension::Ratio, EFFICIENCY, true);
      if (from_efficiency && to_efficiency) {
        effect_.from_efficiency = *from_efficiency;
        effect_.to_efficiency = *to_efficiency;
        effect_.has_efficiencies = true;
      }
    }
    known_.insert(known_.end(), {"ratio", "from_efficiency", "to_efficiency"});
    if (contains(table_.keys(), std::string("ambient_heat_source"))) {
      if (auto source = context_.read_reference(table_, "ambient_heat_source",
                                                context_.source_ids(), "local production source")) {
        if (!effect_.has_efficiencies) {
          table_.report("ambient_heat_source",
                        "expected from_efficiency and to_efficiency (the heat pump's COP) to "
                        "compute the ambient heat, found a ratio");
        } else if (context_.scenario.sources[static_cast<std::size_t>(*source)].carrier != NONE) {
          table_.report(
              "ambient_heat_source",
              "expected a source used on site (carrier = \"none\"), found " +
                  quoted(context_.scenario.sources[static_cast<std::size_t>(*source)].id));
        } else {
          effect_.ambient_heat_source = *source;
        }
      }
    }
    if (contains(table_.keys(), std::string("local_source"))) {
      if (auto source = context_.read_reference(table_, "local_source", context_.source_ids(),
                                                "local production source")) {
        if (context_.scenario.sources[static_cast<std::size_t>(*source)].carrier != effect_.to) {
          table_.report(
              "local_source",
              "expected a source delivering the carrier switched to, found " +
                  quoted(context_.scenario.sources[static_cast<std::size_t>(*source)].id));
        } else {
          effect_.local_source = *source;
        }
      }
    }
    if (effect_.from != NONE && effect_.to != NONE) {
      for (const int sector : effect_.sectors) {
        context_.note_cell_use(sector, effect_.to, node_.where, path_);
      }
    }
  }

  void read_produce() {
    effect_.type = EffectType::Produce;
    known_.push_back("source");
    effect_.source =
        context_.read_reference(table_, "source", context_.source_ids(), "local production source")
            .value_or(NONE);
    const bool by_capacity = contains(table_.keys(), std::string("capacity"));
    exclusive("capacity", "energy");
    if (by_capacity) {
      effect_.by_capacity = true;
      if (auto value = quantity("capacity", Dimension::Power, NON_NEGATIVE, true))
        effect_.capacity = *value;
      if (auto value = quantity("yield", Dimension::SpecificYield, NON_NEGATIVE, true))
        effect_.yield = *value;
    } else if (contains(table_.keys(), std::string("energy"))) {
      if (auto value = quantity("energy", Dimension::Energy, NON_NEGATIVE, true))
        effect_.energy = *value;
    } else {
      context_.diagnostics.add(node_.where, path_,
                               "expected capacity and yield, or energy, found neither");
    }
    known_.insert(known_.end(), {"capacity", "yield", "energy"});
  }

  void read_factor_or_abate(bool is_factor) {
    effect_.type = is_factor ? EffectType::Factor : EffectType::Abate;
    known_.insert(known_.end(), {"species", "sectors"});
    const auto species_list = context_.species_names();
    effect_.species =
        context_.read_reference(table_, "species", species_list, "species (ghg or a pollutant)")
            .value_or(NONE);
    effect_.sectors =
        context_.read_references(table_, "sectors", context_.scenario.sectors, "sector", true);
    if (is_factor) {
      known_.push_back("carriers");
      effect_.carriers = contains(table_.keys(), std::string("carriers"))
                             ? context_.read_references(table_, "carriers",
                                                        context_.scenario.carriers, "carrier", true)
                             : stated_factor_carriers();
      exclusive("new_factor", "fraction");
      for (const int carrier : effect_.carriers) {
        if (context_.scenario.conversion_of(carrier) != nullptr) {
          table_.report("carriers",
                        "expected carriers whose factor is stated, found " +
                            quoted(context_.scenario.carriers[static_cast<std::size_t>(carrier)]) +
                            " whose factor derives from its conversion's fuels (change theirs)");
        }
      }
      if (contains(table_.keys(), std::string("new_factor"))) {
        const Dimension dimension =
            effect_.species == 0 ? Dimension::GhgIntensity : Dimension::MassIntensity;
        if (auto value = quantity("new_factor", dimension, NON_NEGATIVE, true)) {
          effect_.new_factor = *value;
          effect_.has_new_factor = true;
        }
      } else if (auto value = quantity("fraction", Dimension::Fraction, FRACTION_RANGE, true)) {
        effect_.fraction = *value;
      }
      known_.insert(known_.end(), {"new_factor", "fraction"});
    } else if (auto value = quantity("fraction", Dimension::Fraction, FRACTION_RANGE, true)) {
      effect_.fraction = *value;
    }
  }

  void read_indicator() {
    effect_.type = EffectType::Indicator;
    known_.push_back("indicator");
    std::vector<std::string> ids;
    for (const auto& indicator : context_.scenario.indicators) ids.push_back(indicator.id);
    effect_.indicator =
        context_
            .read_reference(table_, "indicator", ids, "custom indicator of [territory.indicators]")
            .value_or(NONE);
    exclusive("change", "fraction");
    if (contains(table_.keys(), std::string("change"))) {
      if (effect_.indicator != NONE) {
        const Dimension dimension =
            context_.scenario.indicators[static_cast<std::size_t>(effect_.indicator)].dimension;
        if (auto value = quantity("change", dimension, ANY_VALUE, true)) {
          effect_.change = *value;
          effect_.has_change = true;
        }
      } else {
        table_.skip("change");
      }
    } else if (auto value = quantity("fraction", Dimension::Fraction, FRACTION_RANGE, true)) {
      effect_.fraction = *value;
    }
    known_.insert(known_.end(), {"change", "fraction"});
  }

  ReaderContext& context_;
  const ConfigNode& node_;
  const std::string& path_;
  TableReader table_;
  Effect effect_;
  std::vector<std::string> known_;
};

}  // namespace

std::optional<Effect> read_effect(ReaderContext& context, const ConfigNode& node,
                                  const std::string& path) {
  return EffectReader(context, node, path).read_effect();
}

}  // namespace traj::territory::loader
