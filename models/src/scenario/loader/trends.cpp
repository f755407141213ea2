/// The [trends] section (activity growth, autonomous efficiency) and the check that every used
/// sector has its trends.

#include <set>

#include "reader_context.hpp"
#include "sections.hpp"

namespace traj::territory::loader {
namespace {

class TrendReader {
 public:
  explicit TrendReader(ReaderContext& context) : context_(context) {}

  void read_trends(TableReader trends) {
    if (!trends.valid()) return;
    read_trend(trends.table("activity_growth", false), context_.scenario.activity_growth, 0);
    read_trend(trends.table("autonomous_efficiency", false),
               context_.scenario.autonomous_efficiency, 1);
    trends.finish({"activity_growth", "autonomous_efficiency"});
  }

  void check_trends_present() {
    // A trend left out would silently mean "no change": ask for it instead.
    const auto sectors = context_.scenario.sectors.size();
    std::vector<std::pair<int, std::pair<SourceLocation, std::string>>> users;
    for (std::size_t s = 0; s < sectors; ++s) {
      for (std::size_t c = 0; c < context_.scenario.carriers.size(); ++c) {
        const auto cell = s * context_.scenario.carriers.size() + c;
        if (context_.scenario.in_inventory[cell]) {
          users.push_back(
              {static_cast<int>(s), {context_.cell_used_at[cell], context_.cell_used_by[cell]}});
        }
      }
    }
    for (const auto& use : context_.non_energy_sectors)
      users.push_back({use.sector, {use.where, use.path}});
    std::set<std::pair<int, int>> reported;
    for (const auto& [sector, use] : users) {
      for (int kind = 0; kind < 2; ++kind) {
        if (kind == 1 && !sector_has_energy(sector)) continue;  // efficiency applies to energy only
        if (context_
                .trend_stated[static_cast<std::size_t>(kind * static_cast<int>(sectors) + sector)])
          continue;
        if (!reported.insert({sector, kind}).second) continue;
        const std::string table =
            kind == 0 ? "trends.activity_growth" : "trends.autonomous_efficiency";
        context_.diagnostics.add(
            use.first, table + "." + context_.scenario.sectors[static_cast<std::size_t>(sector)],
            "expected a trend for sector " +
                quoted(context_.scenario.sectors[static_cast<std::size_t>(sector)]) + " (used by " +
                use.second + "; write 0 for none), found none");
      }
    }
  }

 private:
  void read_trend(TableReader table, std::vector<Quantity>& target, int kind) {
    if (!table.valid()) return;
    const auto unit = context_.quantities.read_unit(table, true);
    for (const auto& sector_id : table.keys()) {
      if (sector_id == "unit") continue;
      const ConfigNode* node = table.get(sector_id, true, "a rate per year");
      const int sector = context_.reference(table, sector_id, context_.scenario.sectors, "sector");
      if (sector == NONE) continue;
      context_.trend_stated[static_cast<std::size_t>(
          kind * static_cast<int>(context_.scenario.sectors.size()) + sector)] = true;
      if (const auto value = context_.quantities.read(*node, table.path_of(sector_id),
                                                      Dimension::Rate, TREND_RANGE, unit)) {
        target[static_cast<std::size_t>(sector)] = *value;
      }
    }
  }

  bool sector_has_energy(int sector) const {
    for (std::size_t c = 0; c < context_.scenario.carriers.size(); ++c) {
      if (context_.scenario
              .in_inventory[static_cast<std::size_t>(sector) * context_.scenario.carriers.size() +
                            c])
        return true;
    }
    return false;
  }

  ReaderContext& context_;
};

}  // namespace

void read_trends(ReaderContext& context, TableReader trends) {
  TrendReader(context).read_trends(std::move(trends));
}

void check_trends_present(ReaderContext& context) {
  TrendReader(context).check_trends_present();
}

}  // namespace traj::territory::loader
