#pragma once
/// A what-if as the workspace page sends it to `POST /api/run` (docs/serve.md):
/// the JSON body read into the same edits and settings as `traj run`'s
/// options, so that the two give the same numbers.

#include <cstdint>
#include <string>

#include "traj/territory/scenario_edits.hpp"

namespace traj::cli::serve {

/// The largest body read; a longer one is refused before it is parsed.
inline constexpr std::size_t MAX_REQUEST_BYTES = 64 * 1024;

struct WhatIfRequest {
  std::string portfolio;           ///< as `--portfolio`: "" for the file's first, "baseline"
  std::uint64_t members = 0;       ///< as `--members`
  std::uint64_t seed = 1;          ///< as `--seed`
  territory::ScenarioEdits edits;  ///< as `--set`, `--shift`, `--action-off`, `--only`
  /// The page that asked: a newer request of the same page supersedes this
  /// one while it computes. Not part of the result (nor of the cache key).
  std::string page;

  /// The same text for requests that give the same result (the cache's key).
  std::string key() const;
};

/// Reads `body`: {"portfolio", "members", "seed", "set": [], "shift": [],
/// "action_off": [], "only": [], "page"}, every key optional (members:
/// `default_members`) and no other key. Throws InputError saying where, what
/// was expected and what was found, also for members above `max_members`.
WhatIfRequest read_what_if_request(const std::string& body, std::uint64_t default_members,
                                   std::uint64_t max_members);

}  // namespace traj::cli::serve
