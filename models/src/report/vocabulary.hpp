#pragma once
/// The names of the default sets' members — sectors, carriers, sources of
/// local production, pollutants (docs/scenario-format.md#default-sets) — as
/// a reader expects them in each language: "Résidentiel", "Gaz naturel".

#include <string>

#include "labels.hpp"

namespace traj::territory::report {

/// The name of a default sector, carrier, source or pollutant id in
/// `language`; another id as it is written, underscores shown as spaces.
std::string term(const std::string& id, Language language);

}  // namespace traj::territory::report
