// libFuzzer target: a body of `traj serve`'s POST /api/run (and downloads) as
// any client might send it, through read_what_if_request and, for what it
// reads, the edits applied as the server applies them (tools/serve/
// what_if_run.cpp: load_from_inputs with the request's --set, --shift,
// --action-off and --only, the portfolio chosen, the plan compiled, an
// emptied portfolio refused), then one run at the central values; no
// ensemble. An InputError is the expected answer to bad input; anything else
// (another exception, a crash, a sanitizer report, a hang) is a bug.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

#include "run_portfolio.hpp"
#include "scenario_choice.hpp"
#include "serve/what_if_request.hpp"
#include "traj/error.hpp"
#include "traj/territory/kernel.hpp"
#include "traj/territory/objectives.hpp"
#include "traj/territory/plan.hpp"

#ifndef TRAJ_SOURCE_DIR
#error "TRAJ_SOURCE_DIR must point at the source tree (the served scenario)"
#endif

namespace traj::cli {
// scenario_choice.cpp's bundled copy, not linked here: the target serves the
// same scenario from the source tree, read once (load_chosen with a path).
std::map<std::string, std::string> bundled_files() {
  return {};
}
}  // namespace traj::cli

namespace {

const traj::cli::ChosenScenario& served() {
  static const traj::cli::ChosenScenario scenario =
      traj::cli::load_chosen(std::string(TRAJ_SOURCE_DIR) + "/scenarios/brest-metropole.toml");
  return scenario;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace traj::cli;
  const std::string body(reinterpret_cast<const char*>(data), size);
  try {
    const serve::WhatIfRequest request = serve::read_what_if_request(body, 10000, 1000000);
    (void)request.key();
    const ChosenScenario chosen = load_from_inputs(served().name, served().inputs, request.edits);
    const std::string portfolio = choose_run_portfolio(chosen.scenario, request.portfolio).id;
    const traj::territory::Plan plan = traj::territory::compile_plan(chosen.scenario, portfolio);
    refuse_emptied_portfolio(chosen, plan);
    traj::territory::Kernel kernel(plan);
    traj::territory::Trajectory trajectory;
    kernel.run(chosen.scenario.parameters.central_values(), trajectory);
    (void)traj::territory::evaluate_objectives(plan, trajectory);
  } catch (const traj::InputError&) {
    // The expected answer to bad input.
  }
  return 0;
}
