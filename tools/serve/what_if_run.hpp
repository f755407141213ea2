#pragma once
/// One what-if of the workspace computed as `traj run --json` computes it:
/// the same plan, ensemble options and reference ("against" the request's
/// portfolio without the edits), so that the numbers are the CLI's.

#include <functional>
#include <optional>
#include <string>

#include "scenario_choice.hpp"
#include "what_if_request.hpp"

namespace traj::cli::serve {

class ReferenceCache;

struct WhatIfResult {
  std::string run_json;        ///< exactly `traj run --json` for the same options
  std::string charts_english;  ///< {"charts": [{"indicator", "svg"}]}, titled in English
  std::string charts_french;   ///< the same, titled in French
  /// The reference's ensemble: "none" (no edits, not recorded), "recorded"
  /// for this what-if, or "kept" from an earlier one (header X-Traj-Reference).
  std::string reference = "none";
};

/// Runs `request` on `served` (the scenario as loaded when the server
/// started, its texts kept so that a file changed on disk meanwhile does not
/// change the answers). `cancelled` is polled before each batch: when it
/// says true the run stops and nothing is returned. Throws InputError for a
/// bad request (the CLI's text) and Error when members gave invalid results.
/// A what-if with edits is compared with its portfolio without them, whose
/// recorded ensemble `references` keeps for the next what-ifs.
std::optional<WhatIfResult> run_what_if(const ChosenScenario& served, ReferenceCache& references,
                                        const WhatIfRequest& request,
                                        const std::function<bool()>& cancelled);

}  // namespace traj::cli::serve
