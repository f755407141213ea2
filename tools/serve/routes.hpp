#pragma once
/// The routes of `traj serve` (docs/serve.md): the page and its files, and
/// the JSON API. Every request first passes the Host/Origin guard.

#include <httplib.h>

#include <map>
#include <string>

#include "computations.hpp"
#include "own_origin.hpp"
#include "scenario_choice.hpp"
#include "scenario_description.hpp"
#include "what_if_economics.hpp"
#include "what_if_run.hpp"

namespace traj::cli::serve {

/// What the routes answer from; outlives the server.
struct Workspace {
  const ChosenScenario& served;
  MemberChoice members;
  PageTickets& pages;
  Computations<WhatIfResult>& computations;  ///< POST /api/run and /api/charts
  Computations<EconomicsResult>& economics;
  Computations<EconomicsResult>& contributions;  ///< economics with each action's part
  const OwnOrigin& origin;
  std::string scenario_json;  ///< GET /api/scenario, made once
  bool bundled = false;       ///< `served` is the bundled scenario (no file to include)
};

void add_routes(httplib::Server& server, const Workspace& workspace);

}  // namespace traj::cli::serve
