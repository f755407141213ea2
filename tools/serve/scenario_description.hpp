#pragma once
/// `GET /api/scenario`: what the workspace page builds its controls from
/// (docs/serve.md): the actions grouped by coalition and theme with their
/// adoption curve and ceiling, the portfolios, the objectives.

#include <cstdint>
#include <string>

#include "scenario_choice.hpp"

namespace traj::cli::serve {

struct MemberChoice {
  std::uint64_t default_members = 0;  ///< `traj serve --members`
  std::uint64_t max_members = 0;      ///< the cap of a request
};

std::string scenario_description_json(const ChosenScenario& served, const MemberChoice& members);

}  // namespace traj::cli::serve
