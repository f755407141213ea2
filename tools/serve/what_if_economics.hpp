#pragma once
/// The economics of a what-if (costs, GHG avoided, € per tCO2e) and, on
/// request, what carries it (each action's contribution), computed as
/// `traj compare --portfolios P --json` computes them for the same options:
/// the request's portfolio and the baseline on the same members, with the
/// request's edits (docs/serve.md, POST /api/economics and /api/contributions).

#include <functional>
#include <optional>
#include <string>

#include "scenario_choice.hpp"
#include "what_if_request.hpp"

namespace traj::cli::serve {

/// The fewest members these answers take, as `traj compare --members`.
inline constexpr std::uint64_t MIN_COMPARED_MEMBERS = 100;

struct EconomicsResult {
  std::string
      json;  ///< {"territory", "edits", "members", "seed", "discounted", "horizon", "portfolio"}
};

/// Compares the request's portfolio with the baseline; with `contributions`,
/// also runs the portfolio without each of its actions (one ensemble per
/// action). `cancelled` is polled before each batch: when it says true
/// nothing is returned. Throws InputError for a bad request (the CLI's text).
std::optional<EconomicsResult> run_economics(const ChosenScenario& served,
                                             const WhatIfRequest& request, bool contributions,
                                             const std::function<bool()>& cancelled);

}  // namespace traj::cli::serve
